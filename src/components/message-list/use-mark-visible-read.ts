import { useEffect, useRef, type RefObject } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useReadReceipts } from '../../react/use-read-receipts';

/**
 * Marks others' messages read once at least 60% of them is on screen in `container`, and, when the page comes
 * back into view, the ones that were on screen while it was hidden. Without IntersectionObserver (old browsers,
 * jsdom) every rendered message counts as seen.
 *
 * @example
 * useMarkVisibleRead(chatId, scrollerRef, messages);
 */
export function useMarkVisibleRead(chatId: string, container: RefObject<HTMLElement | null>, messages: readonly ChatMessage[]): void {
  const { markRead, isPageVisible } = useReadReceipts(chatId);
  const onScreen = useRef(new Set<string>());
  const observer = useRef<IntersectionObserver | null>(null);

  useEffect(() => {
    const root = container.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    observer.current = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.messageId;
          if (!id) continue;
          if (entry.isIntersecting) {
            onScreen.current.add(id);
            markRead(id);
          } else onScreen.current.delete(id);
        }
      },
      { root, threshold: 0.6 },
    );
    return () => observer.current?.disconnect();
  }, [container, markRead]);

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const unread = root.querySelectorAll<HTMLElement>('[data-natter="message"][data-own="false"][data-message-id]');
    if (!observer.current) {
      if (isPageVisible) unread.forEach((element) => markRead(element.dataset.messageId!));
      return;
    }
    unread.forEach((element) => observer.current!.observe(element));
    if (isPageVisible) for (const id of onScreen.current) markRead(id);
  }, [container, messages, markRead, isPageVisible]);
}
