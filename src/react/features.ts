/**
 * `natter/react/features`: the hooks of natter/features (changes to messages, files, threads, jumps, search, the
 * inbox, presence and metrics), apart from `natter/react` so that an app that only sends and reads messages does
 * not ship them.
 *
 * @example
 * import { useMessageActions, useChatList } from 'natter/react/features';
 */
export { useChatMetrics, type UseChatMetricsOptions, type UseChatMetricsResult } from './use-chat-metrics';
export { useMessage, type UseMessageOptions, type UseMessageResult } from './use-message';
export { useMessageWindow, type UseMessageWindowOptions, type UseMessageWindowResult } from './use-message-window';
export { useMessageActions, type SendFilesOptions, type UseMessageActionsOptions, type UseMessageActionsResult } from './use-message-actions';
export { useThread, type UseThreadOptions, type UseThreadResult } from './use-thread';
export { useChatList, type UseChatListOptions, type UseChatListResult } from './use-chat-list';
export { useMessageSearch, type UseMessageSearchOptions, type UseMessageSearchResult } from './use-message-search';
export { useNotifications, type UseNotificationsOptions, type UseNotificationsResult } from './use-notifications';
export { usePresence, type UsePresenceOptions, type UsePresenceResult } from './use-presence';
export { useUnread, type UseUnreadOptions, type UseUnreadResult } from './use-unread';
