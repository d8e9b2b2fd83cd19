import { useCallback, useMemo } from 'react';
import { selectChat } from '../core/store/chat-store';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';
import { usePageVisible } from './use-page-visible';

/** Options of `useReadReceipts`. */
export interface UseReadReceiptsOptions {
  /** Leave the current user out of `readBy` and counts. Default true. */
  excludeSelf?: boolean;
}

/** What `useReadReceipts` returns. */
export interface UseReadReceiptsResult {
  /** The ids of users who read the message. */
  readBy: (messageId: string) => string[];
  /** How many users read the message. */
  readCount: (messageId: string) => number;
  /** Sends a receipt for someone else's message; ignored for your own and while the page is hidden. */
  markRead: (messageId: string) => void;
  /** Whether the page is visible: re-run `markRead` for what is on screen when it turns true. */
  isPageVisible: boolean;
}

const NONE: string[] = [];

/**
 * Read receipts of a chat: who read what, and marking messages read.
 *
 * @example
 * const { readCount, markRead } = useReadReceipts(chatId);
 */
export function useReadReceipts(chatId: string, options: UseReadReceiptsOptions = {}): UseReadReceiptsResult {
  const { client } = useChatContext();
  const excludeSelf = options.excludeSelf ?? true;
  const receipts = useChatStore((state) => selectChat(state, chatId).readBy);
  const isPageVisible = usePageVisible();
  const me = client.currentUser.id;
  const readBy = useCallback(
    (messageId: string) => {
      const readers = receipts[messageId] ?? NONE;
      return excludeSelf && readers.includes(me) ? readers.filter((id) => id !== me) : readers;
    },
    [receipts, excludeSelf, me],
  );
  const markRead = useCallback((messageId: string) => client.markRead(chatId, messageId), [client, chatId]);
  return useMemo(
    () => ({ readBy, readCount: (messageId: string) => readBy(messageId).length, markRead, isPageVisible }),
    [readBy, markRead, isPageVisible],
  );
}
