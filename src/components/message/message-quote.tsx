import type { HTMLAttributes } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useMessage } from '../../react/use-message';
import { flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { useMessageContext } from './message-context';

/** Props of `MessageQuote`. */
export interface MessageQuoteProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** Shown for a deleted parent. Default "Message deleted". */
  deletedText?: string;
  /** Shown when the parent cannot be loaded (gone, or no access). Default "Original message unavailable". */
  unavailableText?: string;
}

/**
 * What a quote of `message` says: the first line of its trimmed text (a quote stays one line however long the
 * message is), or its first file's name; `deletedText` for a tombstone.
 *
 * @example
 * quoteText(replyTo); // "see you at 5"
 */
export const quoteText = (message: ChatMessage, deletedText = 'Message deleted'): string =>
  message.deleted_at ? deletedText : message.content.trim().split(/\r?\n/, 1)[0] || (message.attachments?.[0]?.file_name ?? '');

/**
 * For a reply, the message it answers: the parent's sender and first line (or "Message deleted" for a tombstone,
 * or its first file's name). A parent older than the loaded history is fetched. Nothing for a message that is not a
 * reply. `data-deleted` and `data-loading` for styling.
 *
 * @example
 * <MessageQuote onClick={() => jumpTo(message.parent_message_id)} />
 */
export const MessageQuote = definePart<HTMLElement, MessageQuoteProps>('message-quote', 'blockquote', function MessageQuote({
  deletedText,
  unavailableText = 'Original message unavailable',
  ...props
}) {
  const message = useMessageContext('MessageQuote');
  const { message: parent, isLoading, error } = useMessage(message.chat_id, message.parent_message_id);
  if (!message.parent_message_id) return null;
  const text = parent ? quoteText(parent, deletedText) : !isLoading && error ? unavailableText : '…';
  return [
    { 'data-deleted': flag(parent?.deleted_at), 'data-loading': flag(!parent && !error) },
    props,
    parent && !parent.deleted_at && <span data-natter="message-quote-sender">{parent.sender.username}</span>,
    <span data-natter="message-quote-text">{text}</span>,
  ];
});
