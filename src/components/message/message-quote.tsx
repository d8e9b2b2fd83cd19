import { forwardRef, type HTMLAttributes } from 'react';
import { useMessage } from '../../react/use-message';
import { renderPart, type AsChildProps } from '../slot/render-part';
import { useMessageContext } from './message-context';

/** Props of `MessageQuote`. */
export interface MessageQuoteProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** Shown for a deleted parent. Default "Message deleted". */
  deletedText?: string;
  /** Shown when the parent cannot be loaded (gone, or no access). Default "Original message unavailable". */
  unavailableText?: string;
}

/** The first line of `text`, trimmed: a quote stays one line however long the parent is. */
export const firstLine = (text: string): string => text.trim().split(/\r?\n/, 1)[0] ?? '';

/**
 * For a reply, the message it answers: the parent's sender and first line (or "Message deleted" for a tombstone,
 * or its first file's name). A parent older than the loaded history is fetched. Nothing for a message that is not a
 * reply. `data-deleted` and `data-loading` for styling.
 *
 * @example
 * <MessageQuote onClick={() => jumpTo(message.parent_message_id)} />
 */
export const MessageQuote = forwardRef<HTMLElement, MessageQuoteProps>(function MessageQuote(
  { asChild, deletedText = 'Message deleted', unavailableText = 'Original message unavailable', ...props },
  ref,
) {
  const message = useMessageContext('MessageQuote');
  const { message: parent, isLoading, error } = useMessage(message.chat_id, message.parent_message_id);
  if (!message.parent_message_id) return null;
  const text = parent ? (parent.deleted_at ? deletedText : firstLine(parent.content) || (parent.attachments?.[0]?.file_name ?? '')) : isLoading ? '…' : error ? unavailableText : '…';
  const content = (
    <>
      {parent && !parent.deleted_at && <span data-natter="message-quote-sender">{parent.sender.username}</span>}
      <span data-natter="message-quote-text">{text}</span>
    </>
  );
  return renderPart(
    'blockquote',
    asChild,
    {
      'data-natter': 'message-quote',
      'data-deleted': parent?.deleted_at ? 'true' : undefined,
      'data-loading': !parent && !error ? 'true' : undefined,
    },
    props,
    ref,
    content,
  );
});
