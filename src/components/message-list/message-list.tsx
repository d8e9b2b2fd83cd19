import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode, type Ref, type UIEvent } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useChatClient } from '../../react/context';
import { useChat } from '../../react/use-chat';
import { useMessageWindow } from '../../react/use-message-window';
import { firstSeq } from '../../core/store/chat-message';
import { useCurrentUserId } from '../shared/use-current-user-id';
import { bool, flag } from '../slot/data-attributes';
import { renderPart, type AsChildProps } from '../slot/render-part';
import { NewMessagesSeparator } from '../unread/new-messages-separator';
import { FirstUnread } from './first-unread';
import { dayStartAt, groupPosition } from './grouping';
import { DEFAULT_RENDER_DAY, MessageRow, type RenderDay } from './message-row';
import { NewMessagesButton, type NewMessagesButtonProps } from './new-messages-button';
import { useJumpToMessage } from './use-jump-to-message';
import { useMarkVisibleRead } from './use-mark-visible-read';
import { useStickToBottom } from './use-stick-to-bottom';
import { VirtualRows, type VirtualRowsHandle } from './virtualizer';

/** What `MessageList`'s `handleRef` gives: actions on the list. */
export interface MessageListHandle {
  /**
   * Loads older history until the message is held, scrolls it into view, focuses it and marks it
   * `data-highlighted` for a moment. Resolves false when it is not in the chat or cannot be loaded.
   */
  scrollToMessage: (messageId: string) => Promise<boolean>;
  /** Scrolls to the newest message (leaving a window of older history). */
  scrollToBottom: () => void;
}

/** Props of `MessageList`. */
export interface MessageListProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  chatId: string;
  /**
   * Renders one message; default `<Message message={message} />`. Keep it stable (`useCallback`, or defined outside
   * the component): a new function re-renders every row on screen.
   */
  renderMessage?: (message: ChatMessage) => ReactNode;
  /** Shown when the chat has no messages. */
  empty?: ReactNode;
  /**
   * Distance from the top, in px, at which older messages load (and, while a window of older history is shown, from
   * the bottom at which newer ones load). Default 200.
   */
  loadOlderThreshold?: number;
  /**
   * Jump to this message (e.g. a search result): loaded if needed, scrolled into view and highlighted. Each new id
   * jumps once; use `handleRef` to jump to the same message again.
   */
  highlightMessageId?: string | null;
  /** Called after a jump with whether the message was found (false too when it could not be loaded). */
  onHighlight?: (messageId: string, found: boolean) => void;
  /** How long a jumped-to message stays `data-highlighted`, in ms. Default 2000. */
  highlightMs?: number;
  /** Imperative actions: `scrollToMessage(id)`, `scrollToBottom()`. */
  handleRef?: Ref<MessageListHandle>;
  /** Drawn before the first message that was unread when the chat opened; default `<NewMessagesSeparator />`, null for none. */
  unreadSeparator?: ReactNode;
  /** The content of the "Jump to latest" button shown while a window of older history is. Default "Jump to latest". */
  jumpToLatestLabel?: ReactNode;
  /** The "new messages" button's content (a function gets the count). Default "N new messages below". */
  newMessagesLabel?: NewMessagesButtonProps['label'];
  /**
   * The line where a new day begins: default `<DateSeparator date={day} />` ("Today", "Yesterday", a date), false for
   * none, or a function drawing your own (keep it stable, like `renderMessage`).
   */
  dateSeparator?: boolean | RenderDay;
  /** Consecutive messages of one sender at most this far apart (ms) form a group (`data-group-position`). Default 5 minutes; 0 for none. */
  groupWithinMs?: number;
}

/** Whether `after` is `before` with items added or removed at the start only (a page of older history). */
function shiftedAtStart(before: readonly ChatMessage[], after: readonly ChatMessage[]): boolean {
  const first = before[0];
  const next = after[0];
  if (!first || !next || first.key === next.key) return false;
  return after.findIndex((m) => m.key === first.key) > 0 || before.findIndex((m) => m.key === next.key) > 0;
}

/** Whether `last` is a message you have just sent: new at the end (not the last one `seen`), yours, pending. Updates `seen`. */
function justSent(last: ChatMessage | undefined, seen: { current: string | undefined }, me: string): boolean {
  const sent = last !== undefined && last.key !== seen.current && last.sender_id === me && last.status === 'pending';
  seen.current = last?.key;
  return sent;
}

/** Others' messages after the one keyed `key` (the last one when the reader left the bottom). */
function countAfter(messages: readonly ChatMessage[], key: string, me: string): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i]!.key !== key; i--) if (messages[i]!.sender_id !== me) count++;
  return count;
}

// One element for every list: rows compare what they get by identity.
const DEFAULT_UNREAD_SEPARATOR = <NewMessagesSeparator />;

/**
 * The conversation: a `role="log"` region with polite announcements, scrollable by keyboard, virtualized (only the
 * rows near the viewport are in the DOM, each measured). It stays at the bottom while the reader is at the bottom
 * (and jumps there when you send); above it, arriving messages show a "new messages" button
 * (`data-natter="new-messages-button"`, `data-count`) back down. Older pages load near the top without moving what
 * the reader sees. Messages are marked read as they come into view. Each row (`data-natter="message-row"`) has a
 * `data-group-position` (`first|middle|last|single`) within its sender's run, days are separated by
 * `DateSeparator`s, and a "New messages" line marks where the unread messages began when the chat opened.
 * `highlightMessageId` (or `handleRef`) jumps to a message, loading older history as needed. A jump far back shows a
 * window of the history around the message instead of the live messages (`data-window="true"`), paged as the reader
 * scrolls either way, with a "Jump to latest" button (`data-natter="jump-to-latest"`) back to the live end.
 * `data-loading` (`initial`, `older`, `newer`), `data-empty` and `data-chat-id`.
 *
 * @example
 * <MessageList chatId={chatId} empty={<p>No messages yet</p>} />
 */
export const MessageList = forwardRef<HTMLElement, MessageListProps>(function MessageList(
  {
    chatId,
    renderMessage,
    empty,
    loadOlderThreshold = 200,
    highlightMessageId,
    onHighlight,
    highlightMs,
    handleRef,
    unreadSeparator = DEFAULT_UNREAD_SEPARATOR,
    jumpToLatestLabel = 'Jump to latest',
    newMessagesLabel,
    dateSeparator = true,
    groupWithinMs = 5 * 60_000,
    asChild,
    children,
    onScroll,
    ...props
  },
  ref,
) {
  const live = useChat(chatId);
  const { window, ...paging } = useMessageWindow(chatId);
  // A far jump shows the window around its target instead of the live messages, and pages it instead.
  const { messages, hasOlder } = window ?? live;
  const { isLoadingOlder, loadOlder } = window ? paging : live;
  const { isLoadingHistory } = live;
  const [firstUnreadSeq, setFirstUnreadSeq] = useState<number | null>(null);
  const client = useChatClient();
  const me = useCurrentUserId();
  const scroller = useRef<HTMLElement | null>(null);
  const rows = useRef<VirtualRowsHandle>(null);
  useImperativeHandle(ref, () => scroller.current!, []);
  // Stable: a new callback ref is detached and attached again on every commit, after the rows' layout effects ran.
  const setScroller = useCallback((node: HTMLElement | null) => {
    scroller.current = node;
  }, []);

  // The messages the rows show, as of the last commit: a prepend is told apart from the previous render's.
  const shown = useRef<readonly ChatMessage[]>(messages);
  const shift = shiftedAtStart(shown.current, messages);
  const [atBottom, awayFrom, setAtBottom, stick, scrolled] = useStickToBottom(scroller, rows, shown);

  // Another chat opens at its newest message: having scrolled up (and its "new messages") was the last chat's. Before
  // the effect below, which then sticks to the bottom.
  useLayoutEffect(() => setAtBottom(true), [chatId, setAtBottom]);
  const lastKey = useRef(messages.at(-1)?.key);
  useLayoutEffect(() => {
    shown.current = messages;
    if (justSent(messages.at(-1), lastKey, me) && !atBottom.current) setAtBottom(true);
    if (atBottom.current && !window) stick();
  }, [messages, me, window, atBottom, setAtBottom, stick]);

  // Sending while reading far back: your message is at the live end, so go there.
  const liveLast = live.messages.at(-1);
  const { leave } = paging;
  const lastLiveKey = useRef(liveLast?.key);
  useEffect(() => {
    // Only a new last live message decides, not the window opening over an old pending one.
    if (justSent(liveLast, lastLiveKey, me) && window) {
      atBottom.current = true;
      leave();
    }
  }, [liveLast, window, me, leave]);

  const scrollToBottom = useCallback(() => {
    setAtBottom(true);
    leave();
    // With no window the messages do not change, so the layout effect would not scroll: do it here.
    stick();
  }, [leave, setAtBottom, stick]);

  const reported = useRef<number | null | undefined>(undefined);
  // Leaving a chat (for another, or unmounting) gives its viewport up, so its memory is trimmed again, and the next
  // chat reports its own even at the last one's seq.
  useEffect(() => () => client.setViewport(chatId, { firstSeq: (reported.current = null) }), [client, chatId]);
  // A plain function: it goes to the list's own element, which no memoized row sees.
  const handleScroll = (event: UIEvent<HTMLElement>) => {
    const element = event.currentTarget;
    const [bottom, fromBottom] = scrolled(element, window !== null);
    if (element.scrollTop <= loadOlderThreshold && hasOlder && !isLoadingOlder) void loadOlder();
    if (window && fromBottom <= loadOlderThreshold && !paging.isLoadingNewer) void paging.loadNewer();
    // The core keeps what is on screen in memory however many messages arrive: tell it the oldest seq shown, each
    // time that changes. Null at the live end, where it may let the oldest go, and in a window of older history,
    // which is not the live messages the core keeps.
    const range = bottom || window ? null : rows.current?.visibleRange();
    const first = range ? firstSeq(shown.current.slice(range[0], range[1] + 1)) : null;
    if (first !== reported.current) client.setViewport(chatId, { firstSeq: (reported.current = first) });
    onScroll?.(event);
  };

  useMarkVisibleRead(chatId, scroller, messages);

  const leaveBottom = useCallback(() => setAtBottom(false), [setAtBottom]);
  const reveal = useCallback((messageId: string) => {
    const index = shown.current.findIndex((m) => m.id === messageId);
    if (index >= 0) rows.current?.scrollToIndex(index, 'center');
    return index >= 0;
  }, []);
  const scrollToMessage = useJumpToMessage(chatId, scroller, reveal, leaveBottom, highlightMs);
  useImperativeHandle(handleRef, () => ({ scrollToMessage, scrollToBottom }), [scrollToMessage, scrollToBottom]);
  const onHighlightRef = useRef(onHighlight);
  onHighlightRef.current = onHighlight;
  useEffect(() => {
    if (!highlightMessageId) return;
    let current = true;
    void scrollToMessage(highlightMessageId).then((found) => current && onHighlightRef.current?.(highlightMessageId, found));
    return () => {
      current = false;
    };
  }, [highlightMessageId, scrollToMessage]);

  // Rows are memoized on identity: everything they get is a primitive or stays the same object between renders.
  const renderDay = dateSeparator === true ? DEFAULT_RENDER_DAY : dateSeparator || null;
  const isStart = hasOlder === false;
  const renderRow = (message: ChatMessage, index: number) => (
    <MessageRow
      key={message.key}
      message={message}
      position={groupPosition(messages, index, groupWithinMs)}
      leadingDay={index === 0 ? dayStartAt(messages, 0, isStart) : null}
      trailingDay={dayStartAt(messages, index + 1, false)}
      unread={message.seq !== null && message.seq === firstUnreadSeq ? unreadSeparator : null}
      renderMessage={renderMessage}
      renderDay={renderDay}
    />
  );

  // The unread line stays in the DOM wherever the reader is: `JumpToUnread` finds it there to scroll to it.
  const unreadIndex = firstUnreadSeq === null ? -1 : messages.findIndex((m) => m.seq === firstUnreadSeq);
  const keepMounted = useMemo(() => (unreadIndex >= 0 ? [unreadIndex] : undefined), [unreadIndex]);

  const isEmpty = messages.length === 0 && !isLoadingHistory;
  const newCount = window || awayFrom === null ? 0 : countAfter(messages, awayFrom, me);
  const content = (
    <>
      <FirstUnread chatId={chatId} onChange={setFirstUnreadSeq} />
      {isLoadingOlder && <div data-natter="message-list-loading" aria-hidden="true" />}
      {isEmpty && empty}
      {/* Content that grows while the reader is at the bottom (a late image in the last message) keeps them there. */}
      <VirtualRows ref={rows} items={messages} scrollRef={scroller} shift={shift} keepMounted={keepMounted} onResize={() => atBottom.current && !window && stick()}>
        {renderRow}
      </VirtualRows>
      {window && (
        <button type="button" data-natter="jump-to-latest" onClick={scrollToBottom}>
          {jumpToLatestLabel}
        </button>
      )}
      {newCount > 0 && <NewMessagesButton count={newCount} label={newMessagesLabel} onClick={scrollToBottom} />}
      {/* Your children follow the messages; with asChild, the child is the element to render as. */}
      {asChild ? null : children}
    </>
  );
  return renderPart(
    'div',
    asChild,
    {
      'data-natter': 'message-list',
      'data-chat-id': chatId,
      'data-loading': isLoadingHistory ? 'initial' : isLoadingOlder ? 'older' : window && paging.isLoadingNewer ? 'newer' : undefined,
      'data-window': flag(window),
      'data-empty': bool(isEmpty),
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-busy': isLoadingHistory || undefined,
      'aria-label': 'Messages',
      tabIndex: 0,
      onScroll: handleScroll,
    },
    asChild ? { ...props, children } : props,
    setScroller,
    content,
  );
});
