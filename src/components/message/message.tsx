import { forwardRef, memo, useState } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { ReadReceipts } from '../read-receipts/read-receipts';
import type { ReactionOption } from '../reaction-picker/reaction-picker';
import { MessageActions } from './message-actions';
import { MessageAttachments } from './message-attachments';
import { MessageEdited } from './message-edited';
import { MessageEditor } from './message-editor';
import { MessageContent, MessageRetry, MessageRoot, MessageSender, MessageStatus, MessageTime, type MessageRootProps } from './message-parts';
import { MessageQuote } from './message-quote';
import { MessageReactions } from './message-reactions';
import { MessageReplies } from './message-replies';

/** Props of `Message`. */
export interface MessageProps extends Omit<MessageRootProps, 'asChild' | 'children'> {
  /** Opens the message's thread from its "N replies" button. */
  onOpenThread?: (message: ChatMessage) => void;
  /** Shows a Reply action that calls this (e.g. to set the composer's `replyTo`). */
  onReply?: (message: ChatMessage) => void;
  /** Replaces the built-in in-place editor behind the Edit action. */
  onEdit?: (message: ChatMessage) => void;
  /** Show the quoted parent of a reply. Default true; a thread panel turns it off (every reply there has one parent). */
  showQuote?: boolean;
  /** Show the actions toolbar. Default true. */
  showActions?: boolean;
  /** The reaction picker's emoji. */
  emojis?: ReadonlyArray<string | ReactionOption>;
}

/**
 * A message with every part: sender, time, "edited", the quoted parent of a reply, text (or "Message deleted"),
 * files, reactions, your status, read count, Retry when it failed, "N replies", and actions (reply, react, and on
 * your own messages edit in place and delete). Compose the parts yourself (`MessageRoot`, `MessageSender`, …) for
 * another layout.
 *
 * @example
 * <Message message={m} onReply={setReplyTo} onOpenThread={(m) => setThreadId(m.id)} />
 */
export const Message = memo(
  forwardRef<HTMLElement, MessageProps>(function Message(
    { message, onOpenThread, onReply, onEdit, showQuote = true, showActions = true, emojis, ...props },
    ref,
  ) {
    const [editing, setEditing] = useState(false);
    const inPlace = editing && !message.deleted_at;
    return (
      <MessageRoot message={message} {...props} ref={ref}>
        <header data-natter="message-header">
          <MessageSender />
          <MessageTime />
          <MessageEdited />
        </header>
        {showQuote && <MessageQuote />}
        {inPlace ? <MessageEditor onDone={() => setEditing(false)} /> : <MessageContent />}
        <MessageAttachments />
        <MessageReactions />
        <footer data-natter="message-footer">
          <MessageReplies onOpenThread={onOpenThread} />
          {/* Once read, "Read by N" says it all. */}
          {message.status !== 'read' && <MessageStatus />}
          <ReadReceipts chatId={message.chat_id} messageId={message.id} />
          <MessageRetry />
        </footer>
        {showActions && !inPlace && <MessageActions onReply={onReply} onEdit={onEdit ?? (() => setEditing(true))} emojis={emojis} />}
      </MessageRoot>
    );
  }),
);
