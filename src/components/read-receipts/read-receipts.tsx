import { forwardRef, type HTMLAttributes } from 'react';
import { useChatClient } from '../../react/context';
import { useChatStore } from '../../react/use-chat-store';
import { renderPart, type AsChildProps } from '../slot/render-part';

/** Props of `ReadReceipts`. */
export interface ReadReceiptsProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  chatId: string;
  messageId: string | null;
  /** The text for `count` readers; default "Read by N" (nothing for 0). */
  format?: (count: number, names: string[]) => string;
}

const NONE: string[] = [];
const defaultFormat = (count: number) => (count === 0 ? '' : `Read by ${count}`);

/**
 * How many people (other than you) read a message, with their names in the tooltip. Subscribes to that one
 * message's readers only, so a receipt elsewhere does not re-render it. `data-count` for styling.
 *
 * @example
 * <ReadReceipts chatId={chatId} messageId={message.id} />
 */
export const ReadReceipts = forwardRef<HTMLElement, ReadReceiptsProps>(function ReadReceipts(
  { chatId, messageId, format = defaultFormat, asChild, children, ...props },
  ref,
) {
  const me = useChatClient().currentUser.id;
  const readers = useChatStore((state) => (messageId ? state.chats[chatId]?.readBy[messageId] : undefined) ?? NONE);
  // Names come from messages the store already holds; an unknown reader still counts.
  const names = useChatStore((state) => {
    const messages = state.chats[chatId]?.messages ?? [];
    return readers
      .filter((id) => id !== me)
      .map((id) => messages.find((m) => m.sender_id === id)?.sender.username ?? 'someone')
      .join(', ');
  });
  const others = readers.filter((id) => id !== me);
  const text = format(others.length, names ? names.split(', ') : []);
  return renderPart(
    'span',
    asChild,
    { 'data-natter': 'read-receipts', 'data-count': others.length, title: names || undefined, hidden: others.length === 0 || undefined, children: children ?? text },
    props,
    ref,
  );
});
