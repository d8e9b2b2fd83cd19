import { forwardRef, useMemo, type HTMLAttributes, type TimeHTMLAttributes, type ButtonHTMLAttributes } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useChatClient } from '../../react/context';
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
  const me = useChatClient().currentUser.id;
  const own = message.sender_id === me;
  return (
    <MessageContext.Provider value={message}>
      {renderPart(
        'article',
        asChild,
        {
          'data-natter': 'message',
          'data-status': message.status,
          'data-own': own ? 'true' : 'false',
          'data-message-id': message.id ?? undefined,
          'data-edited': message.edited_at && !message.deleted_at ? 'true' : undefined,
          'data-deleted': message.deleted_at ? 'true' : undefined,
          'data-change': message.change ?? undefined,
          'data-reply': message.parent_message_id ? 'true' : undefined,
          'aria-busy': message.status === 'pending' || message.change ? true : undefined,
        },
        props,
        ref,
      )}
    </MessageContext.Provider>
  );
});

/**
 * The sender's name.
 *
 * @example
 * <MessageSender />
 */
export const MessageSender = forwardRef<HTMLElement, HTMLAttributes<HTMLElement> & AsChildProps>(function MessageSender({ asChild, ...props }, ref) {
  const message = useMessageContext('MessageSender');
  return renderPart('span', asChild, { 'data-natter': 'message-sender' }, props, ref, message.sender.username);
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
export const MessageContent = forwardRef<HTMLElement, MessageContentProps>(function MessageContent({ asChild, deletedText = 'Message deleted', ...props }, ref) {
  const message = useMessageContext('MessageContent');
  const parts = useMemo(() => linkify(message.content), [message.content]);
  if (message.deleted_at) {
    return renderPart('p', asChild, { 'data-natter': 'message-content', 'data-deleted': 'true' }, props, ref, deletedText);
  }
  if (message.content === '' && (message.attachments?.length ?? 0) > 0) return null;
  const rendered = parts.map((part, index) =>
      part.kind === 'link' ? (
        <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
          {part.text}
        </a>
      ) : (
        part.text
      ),
    );
  return renderPart('p', asChild, { 'data-natter': 'message-content' }, props, ref, rendered);
});

/** Props of `MessageTime`. */
export interface MessageTimeProps extends TimeHTMLAttributes<HTMLElement>, AsChildProps {
  /** Formats the time; default: hours and minutes in the user's locale. */
  format?: (date: Date) => string;
}

const defaultTimeFormat = (date: Date) => date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * When the message was sent, as a `<time>` with a machine-readable `dateTime`.
 *
 * @example
 * <MessageTime format={(d) => d.toISOString()} />
 */
export const MessageTime = forwardRef<HTMLElement, MessageTimeProps>(function MessageTime({ asChild, format = defaultTimeFormat, ...props }, ref) {
  const message = useMessageContext('MessageTime');
  const date = new Date(message.created_at);
  const valid = !Number.isNaN(date.getTime());
  return renderPart(
    'time',
    asChild,
    { 'data-natter': 'message-time', dateTime: valid ? message.created_at : undefined, title: valid ? date.toLocaleString() : undefined },
    props,
    ref,
    valid ? format(date) : '',
  );
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
export const MessageStatus = forwardRef<HTMLElement, HTMLAttributes<HTMLElement> & AsChildProps>(function MessageStatus({ asChild, ...props }, ref) {
  const message = useMessageContext('MessageStatus');
  const own = message.sender_id === useChatClient().currentUser.id;
  if (!own) return null;
  const text = message.status === 'failed' && message.error ? `${STATUS_TEXT.failed}: ${message.error.message}` : STATUS_TEXT[message.status];
  return renderPart('span', asChild, { 'data-natter': 'message-status', 'data-status': message.status, role: 'status' }, props, ref, text);
});

/**
 * A button that sends a failed message again; renders only for failed messages.
 *
 * @example
 * <MessageRetry>Try again</MessageRetry>
 */
export const MessageRetry = forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement> & AsChildProps>(function MessageRetry({ asChild, ...props }, ref) {
  const message = useMessageContext('MessageRetry');
  const client = useChatClient();
  if (message.status !== 'failed' || !message.client_id) return null;
  const clientId = message.client_id;
  const onClick = () => client.retry(message.chat_id, clientId);
  return renderPart('button', asChild, { 'data-natter': 'message-retry', type: 'button', onClick }, props, ref, 'Retry');
});
