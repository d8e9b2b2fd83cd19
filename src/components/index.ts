/**
 * `natter/components`: styled headless parts built only on `natter/react`'s public hooks. Every part forwards its
 * ref, accepts `asChild`, spreads your props last and exposes its state as `data-*` attributes; import
 * `natter/styles.css` for the default look.
 *
 * @example
 * import { MessageList, MessageComposer, TypingIndicator } from 'natter/components';
 */
export { ConnectionStatus, type ConnectionStatusProps } from './connection-status/connection-status';
export { Message, type MessageProps } from './message/message';
export {
  MessageContent,
  MessageRetry,
  MessageRoot,
  MessageSender,
  MessageStatus,
  MessageTime,
  type MessageRootProps,
  type MessageTimeProps,
} from './message/message-parts';
export { linkify, type TextPart } from './message/linkify';
export { useMessageContext } from './message/message-context';
export { MessageComposer, type MessageComposerProps } from './message-composer/message-composer';
export { MessageList, type MessageListProps } from './message-list/message-list';
export { ReadReceipts, type ReadReceiptsProps } from './read-receipts/read-receipts';
export { TypingIndicator, type TypingIndicatorProps } from './typing-indicator/typing-indicator';
export { formatTyping } from './typing-indicator/format-typing';
export { Slot } from './slot/slot';
export type { AsChildProps } from './slot/render-part';
// Issue 5, message-level parts (editing, deletion, reactions, threads, files).
export { MessageActions, type MessageActionsProps } from './message/message-actions';
export { MessageAttachment, MessageAttachments, type MessageAttachmentProps } from './message/message-attachments';
export { MessageEdited, type MessageEditedProps } from './message/message-edited';
export { MessageEditor, type MessageEditorProps } from './message/message-editor';
export { MessageQuote, type MessageQuoteProps } from './message/message-quote';
export { MessageReactions, ReactionButton, reactorNames, type ReactionButtonProps } from './message/message-reactions';
export { MessageReplies, type MessageRepliesProps } from './message/message-replies';
export { type MessageContentProps } from './message/message-parts';
export { formatBytes } from './message/format-bytes';
export { ComposerBanner, type ComposerBannerProps } from './message-composer/composer-banner';
export { DEFAULT_REACTIONS, ReactionPicker, type ReactionOption, type ReactionPickerProps } from './reaction-picker/reaction-picker';
export { Thread, type ThreadProps } from './thread/thread';
// Issue 5, root-level parts (presence, search, unread, chat list, notifications) and MessageList's jump handle.
export { type MessageListHandle } from './message-list/message-list';
export { Avatar, initialsOf, type AvatarProps } from './presence-badge/avatar';
export { PresenceBadge, type PresenceBadgeProps } from './presence-badge/presence-badge';
export { formatPresence } from './presence-badge/format-presence';
export { SearchPanel, type SearchPanelProps } from './search-panel/search-panel';
export { highlightParts, type HighlightPart } from './search-panel/highlight';
export { ChatList, type ChatListProps } from './chat-list/chat-list';
export { ChatListItem, chatTitle, type ChatListItemProps } from './chat-list/chat-list-item';
export { formatActivityTime, formatPreview } from './chat-list/format-preview';
export { JumpToUnread, type JumpToUnreadProps } from './unread/jump-to-unread';
export { NewMessagesSeparator, type NewMessagesSeparatorProps } from './unread/new-messages-separator';
export { Notifications, formatNotification, type NotificationsProps } from './notifications/notifications';
// Issue 6, MessageList's parts: day separators, sender groups and the "new messages" button.
export { DateSeparator, type DateSeparatorProps } from './message-list/date-separator';
export { formatDay } from './message-list/format-day';
export { groupPosition, type GroupPosition } from './message-list/grouping';
export { NewMessagesButton, type NewMessagesButtonProps } from './message-list/new-messages-button';
