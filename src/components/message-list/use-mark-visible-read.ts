import { useEffect, useRef, type RefObject } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useChatClient } from '../../react/context';
import { usePageVisible } from '../../react/use-page-visible';

/** Others' messages: the ones a receipt is sent for. */
const OTHERS = '[data-natter="message"][data-own="false"][data-message-id]';

/** `node` and the elements inside it that are others' messages. */
const matching = (node: Node): HTMLElement[] =>
  node instanceof HTMLElement ? [node, ...node.querySelectorAll<HTMLElement>(OTHERS)].filter((element) => element.matches(OTHERS)) : [];

/**
 * Marks others' messages read once at least 60% of them is on screen in `container`, and, when the page comes
 * back into view, the ones that were on screen while it was hidden. Rows come and go as a virtualized list scrolls,
 * so every message element added to the container is watched as it appears. Without IntersectionObserver (old
 * browsers, jsdom) every rendered message counts as seen. Sends through the client directly: the list showing
 * the messages must not re-render on every receipt.
 *
 * @example
 * useMarkVisibleRead(chatId, scrollerRef, messages);
 */
export function useMarkVisibleRead(chatId: string, container: RefObject<HTMLElement | null>, messages: readonly ChatMessage[]): void {
  const client = useChatClient();
  const isPageVisible = usePageVisible();
  // The ids on screen, while an IntersectionObserver watches; null without one.
  const onScreen = useRef<Set<string> | null>(null);

  useEffect(() => {
    const root = container.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const seen = (onScreen.current = new Set());
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.messageId;
          if (!id) continue;
          if (entry.isIntersecting) {
            seen.add(id);
            client.markRead(chatId, id);
          } else seen.delete(id);
        }
      },
      { root, threshold: 0.6 },
    );
    const watch = (node: Node) => matching(node).forEach((element) => observer.observe(element));
    watch(root);
    // Every browser with IntersectionObserver has MutationObserver.
    const mutations = new MutationObserver((records) => {
      for (const record of records) {
        record.addedNodes.forEach(watch);
        record.removedNodes.forEach((node) =>
          matching(node).forEach((element) => {
            observer.unobserve(element);
            seen.delete(element.dataset.messageId!);
          }),
        );
      }
    });
    mutations.observe(root, { childList: true, subtree: true });
    return () => {
      onScreen.current = null;
      observer.disconnect();
      mutations.disconnect();
    };
  }, [container, client, chatId]);

  useEffect(() => {
    const root = container.current;
    if (!root || !isPageVisible) return;
    const ids = onScreen.current ? [...onScreen.current] : matching(root).map((element) => element.dataset.messageId!);
    for (const id of ids) client.markRead(chatId, id);
  }, [container, messages, client, chatId, isPageVisible]);
}
