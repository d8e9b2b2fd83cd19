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
