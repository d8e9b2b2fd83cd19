import type { HTMLAttributes } from 'react';
import { useChatStore } from '../../react/use-chat-store';
import { useCurrentUserId } from '../shared/use-current-user-id';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';

/** Props of `ReadReceipts`. */
export interface ReadReceiptsProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  chatId: string;
  messageId: string | null;
  /** The text for `count` readers (you excluded); default "Read by N", and nothing for 0. */
  format?: (count: number, names: string[]) => string;
}

const defaultFormat = (count: number) => (count === 0 ? '' : `Read by ${count}`);

/**
 * How many people other than you read a message, with their names in the tooltip. It subscribes to that one
 * message's readers only, so a receipt elsewhere does not re-render it. Hidden while the text is empty;
 * `data-count` for styling.
 *
 * @example
 * <ReadReceipts chatId={chatId} messageId={message.id} />
 */
export const ReadReceipts = definePart<HTMLElement, ReadReceiptsProps>('read-receipts', 'span', function ReadReceipts({ chatId, messageId, format = defaultFormat, ...props }) {
  const me = useCurrentUserId();
  // Names come from messages the store already holds; an unknown reader still counts, as "someone". Selected as a
  // string, so the store's equality check holds while they stay the same and a receipt elsewhere re-renders nothing.
  const names: string[] = JSON.parse(
    useChatStore((state) => {
      const slice = state.chats[chatId];
      const readers = (messageId ? slice?.readBy[messageId] : undefined) ?? [];
      return JSON.stringify(readers.filter((id) => id !== me).map((id) => slice?.messages.find((m) => m.sender_id === id)?.sender.username ?? 'someone'));
    }),
  );
  const text = format(names.length, names);
  return [{ 'data-count': names.length, title: names.join(', ') || undefined, hidden: text === '' || undefined }, props, text];
});
