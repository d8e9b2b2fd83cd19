import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Message } from 'natter';
import { useChatClient, useDirectMessages } from 'natter/react';

/** What `useDmInbox` returns. */
export interface DmInbox {
  /** Direct messages from others, not yet seen: newest first. */
  unread: Message[];
  /** Marks every unread message of a chat as seen. */
  dismiss: (chatId: string) => void;
}

/**
 * Direct messages from the personal socket that I have not seen: those that arrived while their chat was not
 * open. Opening the chat (or dismissing the notification) marks them seen.
 */
export function useDmInbox(activeChatId: string | null): DmInbox {
  const me = useChatClient().currentUser.id;
  const { messages } = useDirectMessages();
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());

  const markSeen = useCallback(
    (chatId: string) => {
      const fresh = messages.filter((message) => message.chat_id === chatId && !seen.has(message.id));
      if (fresh.length > 0) setSeen(new Set([...seen, ...fresh.map((message) => message.id)]));
    },
    [messages, seen],
  );

  useEffect(() => {
    if (activeChatId) markSeen(activeChatId);
  }, [activeChatId, markSeen]);

  const unread = useMemo(
    () => messages.filter((message) => message.sender_id !== me && message.chat_id !== activeChatId && !seen.has(message.id)).reverse(),
    [messages, me, activeChatId, seen],
  );
  return { unread, dismiss: markSeen };
}
