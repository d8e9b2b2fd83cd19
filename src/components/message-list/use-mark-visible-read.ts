import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useChatClient } from '../../react/context';
import { usePageVisible } from '../../react/use-page-visible';

/** Others' messages: the ones a receipt is sent for. */
const OTHERS = '[data-natter="message"][data-own="false"][data-message-id]';

/** `node` and the matching elements inside it. */
const matching = (node: Node): HTMLElement[] => {
  if (!(node instanceof HTMLElement)) return [];
  const inside = [...node.querySelectorAll<HTMLElement>(OTHERS)];
  return node.matches(OTHERS) ? [node, ...inside] : inside;
};

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
  const onScreen = useRef(new Set<string>());
  const watching = useRef(false);
  const markRead = useCallback((messageId: string) => client.markRead(chatId, messageId), [client, chatId]);

  useEffect(() => {
    const root = container.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const seen = onScreen.current;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.messageId;
          if (!id) continue;
          if (entry.isIntersecting) {
            seen.add(id);
            markRead(id);
          } else seen.delete(id);
        }
      },
      { root, threshold: 0.6 },
    );
    const watch = (node: Node) => matching(node).forEach((element) => observer.observe(element));
    watch(root);
    const mutations =
      typeof MutationObserver === 'undefined'
        ? null
        : new MutationObserver((records) => {
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
    mutations?.observe(root, { childList: true, subtree: true });
    watching.current = true;
    return () => {
      watching.current = false;
      observer.disconnect();
      mutations?.disconnect();
      seen.clear();
    };
  }, [container, markRead]);

  useEffect(() => {
    const root = container.current;
    if (!root || !isPageVisible) return;
    if (watching.current) for (const id of onScreen.current) markRead(id);
    else matching(root).forEach((element) => markRead(element.dataset.messageId!));
  }, [container, messages, markRead, isPageVisible]);
}
