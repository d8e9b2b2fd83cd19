import { forwardRef, useMemo, type HTMLAttributes, type TimeHTMLAttributes, type ButtonHTMLAttributes } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useChatClient } from '../../react/context';
import { formatClock, validDate } from '../shared/time';
import { useCurrentUserId } from '../shared/use-current-user-id';
import { bool, flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import { renderPart, type AsChildProps } from '../slot/render-part';
import { linkify } from './linkify';
import { MessageContext, useMessageContext } from './message-context';

/** Props of `MessageRoot`. */
export interface MessageRootProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  message: ChatMessage;
}

/**
 * One message's container: provides the message to the parts inside, and exposes `data-status`
 * (`pending|sent|delivered|read|failed`), `data-own`, `data-message-id`, `data-edited` and `data-deleted` (a
 * tombstone), `data-change` (`edit|delete|reaction`, while your change waits for the server) and `data-reply` (it
 * answers another message).
 *
 * @example
 * <MessageRoot message={m}><MessageSender /><MessageContent /></MessageRoot>
 */
export const MessageRoot = forwardRef<HTMLElement, MessageRootProps>(function MessageRoot({ message, asChild, ...props }, ref) {
  // A null id or change renders no attribute, as undefined would.
  const state = {
    'data-natter': 'message',
    'data-status': message.status,
    'data-own': bool(message.sender_id === useCurrentUserId()),
    'data-message-id': message.id,
    'data-edited': flag(message.edited_at && !message.deleted_at),
    'data-deleted': flag(message.deleted_at),
    'data-change': message.change,
    'data-reply': flag(message.parent_message_id),
    'aria-busy': flag(message.status === 'pending' || message.change),
  };
  return <MessageContext.Provider value={message}>{renderPart('article', asChild, state, props, ref)}</MessageContext.Provider>;
});

/**
 * The sender's name.
 *
 * @example
 * <MessageSender />
 */
export const MessageSender = definePart<HTMLElement, HTMLAttributes<HTMLElement> & AsChildProps>('message-sender', 'span', function MessageSender(props) {
  return [{}, props, useMessageContext('MessageSender').sender.username];
});

/** Props of `MessageContent`. */
export interface MessageContentProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** What a deleted message (a tombstone) shows instead of its text. Default "Message deleted". */
  deletedText?: string;
}

/**
 * The text, as text: line breaks kept (by the stylesheet), http(s) URLs as links that open in a new tab. A deleted
 * message shows "Message deleted" (`data-deleted`); a file message without a caption renders nothing.
 *
 * @example
 * <MessageContent deletedText="Removed" />
 */
export const MessageContent = definePart<HTMLElement, MessageContentProps>('message-content', 'p', function MessageContent({ deletedText = 'Message deleted', ...props }) {
  const message = useMessageContext('MessageContent');
  const parts = useMemo(() => linkify(message.content), [message.content]);
  if (message.deleted_at) return [{ 'data-deleted': 'true' }, props, deletedText];
  if (!message.content && message.attachments?.length) return null;
  const rendered = parts.map((part, index) =>
    part.kind === 'link' ? (
      <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
        {part.text}
      </a>
    ) : (
      part.text
    ),
  );
  return [{}, props, rendered];
});

/** Props of `MessageTime`. */
export interface MessageTimeProps extends TimeHTMLAttributes<HTMLElement>, AsChildProps {
  /** Formats the time; default: hours and minutes in the user's locale. */
  format?: (date: Date) => string;
}

/**
 * When the message was sent, as a `<time>` with a machine-readable `dateTime`.
 *
 * @example
 * <MessageTime format={(d) => d.toISOString()} />
 */
export const MessageTime = definePart<HTMLElement, MessageTimeProps>('message-time', 'time', function MessageTime({ format = formatClock, ...props }) {
  const message = useMessageContext('MessageTime');
  const date = validDate(message.created_at);
  return [{ dateTime: date && message.created_at, title: date?.toLocaleString() }, props, date ? format(date) : ''];
});

const STATUS_TEXT: Record<ChatMessage['status'], string> = {
  pending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
};

/**
 * Your own message's delivery status as text (nothing for others' messages); `data-status` for styling.
 *
 * @example
 * <MessageStatus />
 */
export const MessageStatus = definePart<HTMLElement, HTMLAttributes<HTMLElement> & AsChildProps>('message-status', 'span', function MessageStatus(props) {
  const message = useMessageContext('MessageStatus');
  if (message.sender_id !== useCurrentUserId()) return null;
  const { status, error } = message;
  return [{ 'data-status': status, role: 'status' }, props, status === 'failed' && error ? `${STATUS_TEXT.failed}: ${error.message}` : STATUS_TEXT[status]];
});

/**
 * A button that sends a failed message again; renders only for failed messages.
 *
 * @example
 * <MessageRetry>Try again</MessageRetry>
 */
export const MessageRetry = definePart<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement> & AsChildProps>('message-retry', 'button', function MessageRetry(props) {
  const message = useMessageContext('MessageRetry');
  const client = useChatClient();
  const clientId = message.client_id;
  if (message.status !== 'failed' || !clientId) return null;
  return [{ type: 'button', onClick: () => client.retry(message.chat_id, clientId) }, props, 'Retry'];
});
