import { useCallback, useState } from 'react';
import type { ChatMessage } from '../core/store/chat-slice';
import { selectChat } from '../core/store/chat-store';
import { markChatRead } from '../features/inbox';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `useUnread`. */
export interface UseUnreadOptions {
  /** Keep `firstUnreadSeq` where it was when the chat was opened (default true); false follows your reading. */
  freeze?: boolean;
}

/** What `useUnread` returns. */
export interface UseUnreadResult {
  /** Live: others' live messages after your last read one. */
  unreadCount: number;
  /**
   * The first message of someone else that was unread when the chat's history arrived: frozen, so the "New
   * messages" line stays put while you read. Null when nothing was unread or history has not arrived. When that
   * message is older than the history held, the seq right after your last read one (page back to find it).
   */
  firstUnreadSeq: number | null;
  /** Live: your own last read seq in this chat. */
  lastReadSeq: number;
  /** Marks the chat read up to the newest message of others held. */
  markRead: () => void;
}

const confirmedOnly = (messages: ChatMessage[]) => messages.filter((m) => m.seq !== null);
const othersLive = (m: ChatMessage, me: string) => m.sender_id !== me && !m.deleted_at;

/**
 * A chat's unread state: the live count, where the unread messages began, and marking them read.
 *
 * @example
 * const { unreadCount, firstUnreadSeq, markRead } = useUnread(chatId);
 */
export function useUnread(chatId: string, options: UseUnreadOptions = {}): UseUnreadResult {
  const { client } = useChatContext();
  const me = client.currentUser.id;
  const messages = useChatStore((state) => selectChat(state, chatId).messages);
  const readBy = useChatStore((state) => selectChat(state, chatId).readBy);
  const lastReadSeq = useChatStore((state) => selectChat(state, chatId).lastReadSeq);
  const lastSeq = useChatStore((state) => selectChat(state, chatId).lastSeq);
  const loaded = useChatStore((state) => selectChat(state, chatId).hasOlder !== undefined);
  const hasOlder = useChatStore((state) => selectChat(state, chatId).hasOlder);
  const listed = useChatStore((state) => state.chatList?.[chatId] ?? null);

  const confirmed = confirmedOnly(messages);
  const oldestHeld = confirmed[0]?.seq ?? Number.POSITIVE_INFINITY;
  // What the server knows you read: its number (which the chat socket's `connected` may not have brought yet when
  // history lands first), and what history itself shows: your messages and your receipts (`read_by`). Taken when
  // history arrives, before this view has marked anything read.
  const serverRead = Math.max(lastReadSeq, listed?.last_read_seq ?? 0);
  const shownRead = confirmed.reduce((max, m) => (m.sender_id === me || readBy[m.id!]?.includes(me) ? Math.max(max, m.seq!) : max), 0);
  // Taken for one chat: moved to another, the hook takes that chat's own, never the last one's.
  const [kept, setFrozen] = useState<{ base: number; ceiling: number; of: string } | null>(null);
  const frozen = kept?.of === chatId ? kept : null;
  if (loaded && frozen === null) setFrozen({ base: Math.max(serverRead, shownRead), ceiling: Math.max(lastSeq, listed?.last_seq ?? 0), of: chatId });
  // While the first unread message is not held, a later number cannot come from this view's own receipts (they
  // are all for held messages), so it may still correct the base.
  else if (frozen && frozen.base + 1 < oldestHeld && serverRead > frozen.base && serverRead < oldestHeld) setFrozen({ ...frozen, base: serverRead });

  const freeze = options.freeze ?? true;
  const base = freeze ? (frozen?.base ?? null) : loaded ? lastReadSeq : null;
  const ceiling = freeze ? (frozen?.ceiling ?? 0) : Number.POSITIVE_INFINITY;
  let firstUnreadSeq: number | null = null;
  if (base !== null && ceiling > base) {
    firstUnreadSeq = oldestHeld > base + 1 ? base + 1 : (confirmed.find((m) => m.seq! > base && m.seq! <= ceiling && othersLive(m, me))?.seq ?? null);
  }

  const heldCount = confirmed.filter((m) => m.seq! > lastReadSeq && othersLive(m, me)).length;
  // Held history covering every unread message counts exactly; otherwise the server's count knows more.
  const complete = hasOlder === false || oldestHeld <= lastReadSeq + 1;
  const unreadCount = complete || !listed ? heldCount : Math.max(heldCount, listed.unread_count);

  const markRead = useCallback(() => markChatRead(client, chatId), [client, chatId]);
  return { unreadCount, firstUnreadSeq, lastReadSeq, markRead };
}
