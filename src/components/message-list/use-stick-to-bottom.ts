import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import type { VirtualRowsHandle } from './virtualizer';

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

/** Keys that scroll a focused list up. */
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * What `useStickToBottom` gives the list, in this order (a tuple, like `useState`'s):
 * - `atBottom`: whether the reader is at the live end (a ref: read at event time, not render time);
 * - `awayFrom`: the last message's key when the reader left the bottom (what arrived after it is "new"), or null;
 * - `setAtBottom`;
 * - `stick`: scrolls to the end;
 * - `scrolled`: classifies a scroll event into whether the reader is at the bottom and how far from it, in px.
 */
export type StickToBottom = [
  atBottom: RefObject<boolean>,
  awayFrom: string | null,
  setAtBottom: (bottom: boolean) => void,
  stick: () => void,
  scrolled: (element: HTMLElement, inWindow: boolean) => [bottom: boolean, fromBottom: number],
];

/**
 * The list's "stay at the bottom" state. Only the reader moving up leaves the bottom: content that grows below (the
 * last message measured, a late image) is followed, not taken for the reader's doing.
 *
 * @example
 * const [atBottom, awayFrom, setAtBottom, stick, scrolled] = useStickToBottom(scroller, rows, shown);
 */
export function useStickToBottom(
  scroller: RefObject<HTMLElement | null>,
  rows: RefObject<VirtualRowsHandle | null>,
  shown: RefObject<readonly ChatMessage[]>,
): StickToBottom {
  const atBottom = useRef(true);
  const [awayFrom, setAwayFrom] = useState<string | null>(null);
  const setAtBottom = useCallback(
    (bottom: boolean) => {
      atBottom.current = bottom;
      setAwayFrom(bottom ? null : (shown.current.at(-1)?.key ?? null));
    },
    [shown],
  );

  // Where the list was last scrolled, by the reader or by sticking to the bottom: moving up from there leaves the bottom.
  const lastTop = useRef(0);
  const stick = useCallback(() => {
    rows.current?.scrollToBottom();
    if (scroller.current) lastTop.current = scroller.current.scrollTop;
  }, [rows, scroller]);

  // The reader's hand, before the scroll: the browser dispatches the scroll event only at the next frame, and a
  // message committed in between would stick to the bottom again and undo the reader's scroll up.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const leave = () => {
      if (atBottom.current && element.scrollTop > 0) setAtBottom(false);
    };
    let touchY = 0;
    const listeners: Array<[string, (event: never) => void]> = [
      ['wheel', (event: WheelEvent) => event.deltaY < 0 && leave()],
      ['keydown', (event: KeyboardEvent) => event.target === element && UP_KEYS.has(event.key) && leave()],
      ['touchstart', (event: TouchEvent) => (touchY = event.touches[0]?.clientY ?? 0)],
      // A finger moving down drags the content down: the view goes up.
      ['touchmove', (event: TouchEvent) => (event.touches[0]?.clientY ?? 0) > touchY + 1 && leave()],
      // On the scrollbar (the element itself, outside its content box): at the bottom, a drag can only go up.
      ['pointerdown', (event: PointerEvent) => event.target === element && event.offsetX > element.clientWidth && leave()],
    ];
    for (const [type, listener] of listeners) element.addEventListener(type, listener as EventListener, { passive: true });
    return () => {
      for (const [type, listener] of listeners) element.removeEventListener(type, listener as EventListener);
    };
  }, [scroller, setAtBottom]);

  const scrolled = useCallback(
    (element: HTMLElement, inWindow: boolean): [boolean, number] => {
      const fromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
      const up = element.scrollTop < lastTop.current - 1;
      lastTop.current = element.scrollTop;
      // The bottom of a window is not the live end: nothing there should pull the view down when the window merges.
      const bottom = !inWindow && (fromBottom <= BOTTOM_SLACK || (atBottom.current && !up));
      if (bottom !== atBottom.current) setAtBottom(bottom);
      return [bottom, fromBottom];
    },
    [setAtBottom],
  );

  return [atBottom, awayFrom, setAtBottom, stick, scrolled];
}
