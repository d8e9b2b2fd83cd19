/**
 * `natter/react`: `ChatProvider` and hooks, thin selectors over the core client's store.
 *
 * @example
 * import { ChatProvider, useChat } from 'natter/react';
 */
export { ChatProvider, type ChatProviderProps } from './chat-provider';
export { useChatClient, useChatContext, type ChatContextValue } from './context';
export { useChat, type UseChatOptions, type UseChatResult } from './use-chat';
export { useChatMetrics, type UseChatMetricsOptions, type UseChatMetricsResult } from './use-chat-metrics';
export { useChatStore } from './use-chat-store';
export { useConnection, type UseConnectionOptions, type UseConnectionResult } from './use-connection';
export { useDirectMessages, type UseDirectMessagesOptions, type UseDirectMessagesResult } from './use-direct-messages';
export { usePageVisible } from './use-page-visible';
export { useReadReceipts, type UseReadReceiptsOptions, type UseReadReceiptsResult } from './use-read-receipts';
export { useTyping, type UseTypingOptions, type UseTypingResult } from './use-typing';
// Issue 5, message-level hooks (editing, deletion, reactions, threads, files).
export { useMessage, type UseMessageOptions, type UseMessageResult } from './use-message';
export { useMessageWindow, type UseMessageWindowOptions, type UseMessageWindowResult } from './use-message-window';
export { useMessageActions, type SendFilesOptions, type UseMessageActionsOptions, type UseMessageActionsResult } from './use-message-actions';
export { useThread, type UseThreadOptions, type UseThreadResult } from './use-thread';
// Issue 5, root-level hooks (presence, search, unread, chat list, notifications).
export { useChatList, type UseChatListOptions, type UseChatListResult } from './use-chat-list';
export { useMessageSearch, type UseMessageSearchOptions, type UseMessageSearchResult } from './use-message-search';
export { useNotifications, type UseNotificationsOptions, type UseNotificationsResult } from './use-notifications';
export { usePresence, type UsePresenceOptions, type UsePresenceResult } from './use-presence';
export { useUnread, type UseUnreadOptions, type UseUnreadResult } from './use-unread';
