import { forwardRef, useImperativeHandle, useLayoutEffect, useRef, useState, type CSSProperties, type ReactElement, type ReactNode, type Ref, type RefObject } from 'react';
import { Virtualizer, type VirtualizerHandle } from 'virtua';

/** What `VirtualRows` lets its owner do, the same with or without virtualization. */
export interface VirtualRowsHandle {
  /** Scrolls the item to about the start, centre or end of the viewport (virtualized only; it renders there). */
  scrollToIndex: (index: number, align: 'start' | 'center' | 'end') => void;
  /** Scrolls to the last item's end: the live end of a chat. */
  scrollToBottom: () => void;
  /** The first and last index at least partly on screen, or null when nothing is laid out. */
  visibleRange: () => readonly [number, number] | null;
}

/** Props of `VirtualRows`. */
export interface VirtualRowsProps<T> {
  items: readonly T[];
  /** One item's element; it must carry a `key` (its identity across prepends and appends). */
  children: (item: T, index: number) => ReactElement;
  /** The scrolling element: the rows' direct parent. */
  scrollRef: RefObject<HTMLElement | null>;
  /** True on the render where items went in (or out) at the start: what is on screen keeps its place. */
  shift: boolean;
  /** Indexes kept mounted off screen (a focused row). */
  keepMounted?: readonly number[];
  /** An item or the viewport changed size. */
  onResize?: () => void;
}

const ROWS = 'message-list-rows';

/** The rows' container, marked so the start margin above it can be measured. */
function Rows({ style, children, ref }: { style: CSSProperties; children: ReactNode; ref?: Ref<HTMLDivElement> }) {
  // virtua turns pointer events off while the list scrolls; a chat scrolls by itself whenever a message arrives, and a
  // click on Retry or a reaction at that moment must not be swallowed.
  const { pointerEvents: _whileScrolling, ...rest } = style;
  return (
    <div data-natter={ROWS} style={rest} ref={ref}>
      {children}
    </div>
  );
}

/**
 * The one adapter over the virtualizer (virtua): the only file that imports it, so it can be swapped. Renders only
 * the items near the viewport, measures their real heights, keeps the view still when items go in at the start
 * (`shift`) or when items above the viewport change size (late images), and scrolls by index to items that are not
 * rendered. Without ResizeObserver (old browsers, jsdom) it renders every item and keeps a prepend still itself.
 *
 * @example
 * <VirtualRows ref={rows} items={messages} scrollRef={scroller} shift={prepended}>
 *   {(message) => <Row key={message.key} message={message} />}
 * </VirtualRows>
 */
export const VirtualRows = forwardRef(function VirtualRows<T>(
  { items, children, scrollRef, shift, keepMounted, onResize }: VirtualRowsProps<T>,
  ref: Ref<VirtualRowsHandle>,
) {
  const [virtual] = useState(() => typeof ResizeObserver !== 'undefined');
  const list = useRef<VirtualizerHandle>(null);
  const [startMargin, setStartMargin] = useState(0);
  const count = items.length;

  const scrollHeight = useRef(0);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const rows = scroller?.querySelector<HTMLElement>(`:scope > [data-natter="${ROWS}"]`);
    if (!scroller || !rows) return;
    if (virtual) {
      // What sits above the rows (the list's padding) offsets every item: the virtualizer must know it to scroll by index.
      const margin = rows.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop;
      if (Math.abs(margin - startMargin) >= 0.5) setStartMargin(margin);
    } else {
      // Without the virtualizer, a prepend keeps the view still by the height that went in above.
      if (shift) scroller.scrollTop += scroller.scrollHeight - scrollHeight.current;
      scrollHeight.current = scroller.scrollHeight;
    }
  });

  // Made again on every commit: it reads this render's items and margin.
  useImperativeHandle(ref, () => ({
    scrollToIndex(index, align) {
      // Without the virtualizer every item is in the DOM: the caller scrolls its element into view itself. With it,
      // straight to the item's (maybe estimated) offset, not the virtualizer's scrollToIndex: that one re-applies
      // its target whenever items are measured for a while after, overriding the reader's or the list's next
      // scroll. The caller then scrolls the rendered element into view exactly.
      const handle = list.current;
      const scroller = scrollRef.current;
      if (!handle || !scroller || index < 0 || index >= count) return;
      const top = startMargin + handle.getItemOffset(index);
      const room = scroller.clientHeight - handle.getItemSize(index);
      scroller.scrollTop = align === 'start' ? top : align === 'end' ? top - room : top - room / 2;
    },
    scrollToBottom() {
      // Straight to the end, not the virtualizer's scrollToIndex: that one keeps re-applying its target as items are
      // measured for a while after, pulling back a reader who has just scrolled up. The list re-sticks itself when
      // the last rows' measured heights change the end (`onResize`).
      const scroller = scrollRef.current;
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    },
    visibleRange() {
      const handle = list.current;
      const scroller = scrollRef.current;
      if (!handle || !scroller) return count > 0 ? [0, count - 1] : null;
      if (count === 0 || scroller.clientHeight === 0) return null;
      // From the element, not the virtualizer: its own scroll listener may not have run yet for this scroll.
      const top = scroller.scrollTop;
      return [handle.findItemIndex(top), handle.findItemIndex(top + scroller.clientHeight - 1)];
    },
  }));

  if (!virtual) return <Rows style={{}}>{items.map(children)}</Rows>;
  return (
    <Virtualizer ref={list} as={Rows} data={items as T[]} shift={shift} startMargin={startMargin} keepMounted={keepMounted} onResize={onResize}>
      {children}
    </Virtualizer>
  );
}) as <T>(props: VirtualRowsProps<T> & { ref?: Ref<VirtualRowsHandle> }) => ReactElement;
