import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { jumpTo } from '../../features/history';
import { useChatClient } from '../../react/context';

const FRAME_MS = 16;
/** How long to wait for React to render the rows `jumpTo` loaded and the list to scroll to them: about a second. */
const MAX_FRAMES = 60;

const rowOf = (root: HTMLElement, messageId: string) =>
  [...root.querySelectorAll<HTMLElement>('[data-message-id]')].find((row) => row.dataset.messageId === messageId) ?? null;

/**
 * Jumping to a message of the list: `jumpTo` loads older pages until the message is held, `reveal` scrolls
 * the list to it by index (a virtualized list has not rendered its row yet; true once the list holds it), then its
 * row is scrolled to the middle, focused (so keyboard and screen-reader users land on it) and marked
 * `data-highlighted="true"` for `highlightMs`. Resolves false when the message is not in the chat, or cannot be
 * loaded (never rejects: the list calls it from an effect).
 *
 * @example
 * const jump = useJumpToMessage(chatId, scroller, (id) => rows.current.reveal(id), () => (atBottom.current = false));
 * await jump(messageId);
 */
export function useJumpToMessage(
  chatId: string,
  container: RefObject<HTMLElement | null>,
  reveal: (messageId: string) => boolean,
  leaveBottom: () => void,
  highlightMs = 2000,
): (messageId: string) => Promise<boolean> {
  const client = useChatClient();
  const highlighted = useRef<{ row: HTMLElement; timer: ReturnType<typeof setTimeout> } | null>(null);
  const unhighlight = useCallback(() => {
    if (!highlighted.current) return;
    clearTimeout(highlighted.current.timer);
    highlighted.current.row.removeAttribute('data-highlighted');
    highlighted.current = null;
  }, []);
  useEffect(() => unhighlight, [unhighlight]);

  return useCallback(
    async (messageId: string) => {
      const message = await jumpTo(client, chatId, messageId).catch(() => null);
      if (!message) return false;
      let row: HTMLElement | null = null;
      let revealed = false;
      for (let frame = 0; frame <= MAX_FRAMES; frame++) {
        const root = container.current;
        if (!root) return false;
        // Reading older messages now: new ones must not pull the view back down.
        if (!revealed && (revealed = reveal(messageId))) leaveBottom();
        if (revealed && (row = rowOf(root, messageId))) break;
        await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
      }
      if (!row) return false;
      row.scrollIntoView?.({ block: 'center' });
      if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
      row.focus({ preventScroll: true });
      unhighlight();
      row.setAttribute('data-highlighted', 'true');
      const target = row;
      highlighted.current = { row: target, timer: setTimeout(() => target.removeAttribute('data-highlighted'), highlightMs) };
      return true;
    },
    [client, chatId, container, reveal, leaveBottom, highlightMs, unhighlight],
  );
}
