import { forwardRef, type ButtonHTMLAttributes } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { plural } from '../shared/plural';
import { validDate } from '../shared/time';
import { renderPart, type AsChildProps } from '../slot/render-part';
import { useMessageContext } from './message-context';

/** Props of `MessageReplies`. */
export interface MessageRepliesProps extends ButtonHTMLAttributes<HTMLButtonElement>, AsChildProps {
  /** Opens the message's thread (e.g. a `Thread` panel for it). */
  onOpenThread?: (message: ChatMessage) => void;
  /** The button's text for `count` replies. Default "1 reply" / "N replies". */
  format?: (count: number) => string;
}

const defaultFormat = (count: number) => plural(count, 'reply', 'replies');

/**
 * "N replies" under a message that has replies (a tombstone keeps its replies): a button that opens the thread (plain
 * text when there is no `onOpenThread`). Nothing without replies. `data-count` for styling.
 *
 * @example
 * <MessageReplies onOpenThread={(m) => setThread(m.id)} />
 */
export const MessageReplies = forwardRef<HTMLButtonElement, MessageRepliesProps>(function MessageReplies(
  { onOpenThread, format = defaultFormat, asChild, ...props },
  ref,
) {
  const message = useMessageContext('MessageReplies');
  const count = message.reply_count ?? 0;
  if (count === 0 || message.id === null) return null;
  const last = validDate(message.last_reply_at);
  // Without anywhere to open the thread (the thread panel's own parent), the count is just text.
  const interactive = onOpenThread !== undefined || props.onClick !== undefined || asChild;
  return renderPart(
    interactive ? 'button' : 'span',
    asChild,
    {
      'data-natter': 'message-replies',
      'data-count': count,
      type: interactive ? 'button' : undefined,
      title: last && `Last reply ${last.toLocaleString()}`,
      onClick: onOpenThread && (() => onOpenThread(message)),
    },
    props,
    ref,
    format(count),
  );
});
