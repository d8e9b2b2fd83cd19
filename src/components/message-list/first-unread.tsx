import { useLayoutEffect } from 'react';
import { useUnread } from '../../react/use-unread';

/**
 * Reports where the unread messages began (`useUnread`'s frozen `firstUnreadSeq`) to `MessageList`. Its own
 * component because `useUnread` follows read receipts: here a receipt re-renders this empty component, not the list.
 *
 * @example
 * <FirstUnread chatId={chatId} onChange={setFirstUnreadSeq} />
 */
export function FirstUnread({ chatId, onChange }: { chatId: string; onChange: (seq: number | null) => void }): null {
  const { firstUnreadSeq } = useUnread(chatId);
  // Before paint: the line appears in the same frame as the messages it marks.
  useLayoutEffect(() => onChange(firstUnreadSeq), [firstUnreadSeq, onChange]);
  return null;
}
