import { forwardRef, memo } from 'react';
import { ReadReceipts } from '../read-receipts/read-receipts';
import { MessageContent, MessageRetry, MessageRoot, MessageSender, MessageStatus, MessageTime, type MessageRootProps } from './message-parts';

/** Props of `Message`. */
export type MessageProps = Omit<MessageRootProps, 'asChild' | 'children'>;

/**
 * A message with every part: sender, text, time, your status, read count and a retry button when it failed.
 * Compose the parts yourself (`MessageRoot`, `MessageSender`, …) for another layout.
 *
 * @example
 * <Message message={m} />
 */
export const Message = memo(
  forwardRef<HTMLElement, MessageProps>(function Message({ message, ...props }, ref) {
    return (
      <MessageRoot message={message} {...props} ref={ref}>
        <header data-natter="message-header">
          <MessageSender />
          <MessageTime />
        </header>
        <MessageContent />
        <footer data-natter="message-footer">
          {/* Once read, "Read by N" says it all. */}
          {message.status !== 'read' && <MessageStatus />}
          <ReadReceipts chatId={message.chat_id} messageId={message.id} />
          <MessageRetry />
        </footer>
      </MessageRoot>
    );
  }),
);
