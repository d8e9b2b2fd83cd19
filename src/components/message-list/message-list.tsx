import { forwardRef, Fragment, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, type HTMLAttributes, type ReactNode, type Ref, type UIEvent } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useChatClient } from '../../react/context';
import { useChat } from '../../react/use-chat';
import { useMessageWindow } from '../../react/use-message-window';
import { useUnread } from '../../react/use-unread';
import { Message } from '../message/message';
import { renderPart, type AsChildProps } from '../slot/render-part';
import { NewMessagesSeparator } from '../unread/new-messages-separator';
import { useJumpToMessage } from './use-jump-to-message';
import { useMarkVisibleRead } from './use-mark-visible-read';

/** What `MessageList`'s `handleRef` gives: actions on the list. */
export interface MessageListHandle {
  /**
   * Loads older history until the message is held, scrolls it into view, focuses it and marks it
   * `data-highlighted` for a moment. Resolves false when it is not in the chat.
   */
  scrollToMessage: (messageId: string) => Promise<boolean>;
}

/** Props of `MessageList`. */
export interface MessageListProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  chatId: string;
  /** Renders one message; default `<Message message={message} />`. */
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
  /** Called after a jump with whether the message was found. */
  onHighlight?: (messageId: string, found: boolean) => void;
  /** How long a jumped-to message stays `data-highlighted`, in ms. Default 2000. */
  highlightMs?: number;
  /** Imperative actions: `scrollToMessage(id)`. */
  handleRef?: Ref<MessageListHandle>;
  /** Drawn before the first message that was unread when the chat opened; default `<NewMessagesSeparator />`, null for none. */
  unreadSeparator?: ReactNode;
  /** The content of the "Jump to latest" button shown while a window of older history is. Default "Jump to latest". */
  jumpToLatestLabel?: ReactNode;
}

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

/**
 * The conversation: a `role="log"` region with polite announcements, scrollable by keyboard. It stays at the
 * bottom while the reader is at the bottom (and jumps there when you send), loads older pages near the top
 * without moving what the reader sees, and marks messages read as they come into view. A "New messages" line
 * marks where the unread messages began when the chat opened, and `highlightMessageId` (or `handleRef`) jumps to
 * a message, loading older history as needed. A jump far back shows a window of the history around the message
 * instead of the live messages (`data-window="true"`), paged as the reader scrolls either way, with a "Jump to
 * latest" button (`data-natter="jump-to-latest"`) back to the live end. `data-loading` (`initial`, `older`,
 * `newer`), `data-empty` and `data-chat-id`.
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
    unreadSeparator,
    jumpToLatestLabel = 'Jump to latest',
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
  const messages = window ? window.messages : live.messages;
  const hasOlder = window ? window.hasOlder : live.hasOlder;
  const isLoadingOlder = window ? paging.isLoadingOlder : live.isLoadingOlder;
  const loadOlder = window ? paging.loadOlder : live.loadOlder;
  const { isLoadingHistory } = live;
  const { firstUnreadSeq } = useUnread(chatId);
  const me = useChatClient().currentUser.id;
  const scroller = useRef<HTMLElement | null>(null);
  useImperativeHandle(ref, () => scroller.current!, []);
  const atBottom = useRef(true);
  const previous = useRef<{ firstKey?: string; lastKey?: string; scrollHeight: number }>({ scrollHeight: 0 });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const firstKey = messages[0]?.key;
    const last = messages.at(-1);
    const before = previous.current;
    const prepended = before.firstKey !== undefined && firstKey !== before.firstKey && messages.some((m) => m.key === before.firstKey);
    const sentByMe = last !== undefined && last.key !== before.lastKey && last.sender_id === me && last.status === 'pending';
    if (prepended && !atBottom.current) {
      // Older messages went in above: shift by their height so the reader's view does not move.
      element.scrollTop += element.scrollHeight - before.scrollHeight;
    } else if ((atBottom.current && !window) || sentByMe) {
      element.scrollTop = element.scrollHeight;
      atBottom.current = true;
    }
    previous.current = { firstKey, lastKey: last?.key, scrollHeight: element.scrollHeight };
  }, [messages, me, window]);

  // Sending while reading far back: your message is at the live end, so go there.
  const liveLast = live.messages.at(-1);
  const { leave } = paging;
  const lastLiveKey = useRef(liveLast?.key);
  useEffect(() => {
    // Only a new last live message decides, not the window opening over an old pending one.
    const fresh = liveLast?.key !== lastLiveKey.current;
    lastLiveKey.current = liveLast?.key;
    if (fresh && window && liveLast?.sender_id === me && liveLast.status === 'pending') {
      atBottom.current = true;
      leave();
    }
  }, [liveLast, window, me, leave]);

  const jumpToLatest = useCallback(() => {
    atBottom.current = true;
    leave();
    // With no window the messages do not change, so the layout effect would not scroll: do it here.
    if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [leave]);

  const handleScroll = useCallback(
    (event: UIEvent<HTMLElement>) => {
      const element = event.currentTarget;
      const fromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
      // The bottom of a window is not the live end: nothing there should pull the view down when the window merges.
      atBottom.current = !window && fromBottom <= BOTTOM_SLACK;
      previous.current.scrollHeight = element.scrollHeight;
      if (element.scrollTop <= loadOlderThreshold && hasOlder && !isLoadingOlder) void loadOlder();
      if (window && fromBottom <= loadOlderThreshold && !paging.isLoadingNewer) void paging.loadNewer();
      onScroll?.(event);
    },
    [hasOlder, isLoadingOlder, loadOlder, loadOlderThreshold, onScroll, window, paging.isLoadingNewer, paging.loadNewer],
  );

  useMarkVisibleRead(chatId, scroller, messages);

  const leaveBottom = useCallback(() => {
    atBottom.current = false;
  }, []);
  const scrollToMessage = useJumpToMessage(chatId, scroller, leaveBottom, highlightMs);
  useImperativeHandle(handleRef, () => ({ scrollToMessage }), [scrollToMessage]);
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

  const separator = unreadSeparator === undefined ? <NewMessagesSeparator /> : unreadSeparator;

  const isEmpty = messages.length === 0 && !isLoadingHistory;
  const content = (
    <>
      {isLoadingOlder && <div data-natter="message-list-loading" aria-hidden="true" />}
      {isEmpty && empty}
      {messages.map((message) => (
        // The separator's slot is always there (null when not before this row), so rows never shift and remount.
        <Fragment key={message.key}>
          {message.seq !== null && message.seq === firstUnreadSeq ? separator : null}
          <MessageSlot message={message} render={renderMessage} />
        </Fragment>
      ))}
      {/* Your children follow the messages; with asChild, the child is the element to render as. */}
      {window && (
        <button type="button" data-natter="jump-to-latest" onClick={jumpToLatest}>
          {jumpToLatestLabel}
        </button>
      )}
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
      'data-window': window ? 'true' : undefined,
      'data-empty': isEmpty ? 'true' : 'false',
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-busy': isLoadingHistory || undefined,
      'aria-label': 'Messages',
      tabIndex: 0,
      onScroll: handleScroll,
    },
    asChild ? { ...props, children } : props,
    (node: HTMLElement | null) => {
      scroller.current = node;
    },
    content,
  );
});

function MessageSlot({ message, render }: { message: ChatMessage; render?: (message: ChatMessage) => ReactNode }) {
  return <>{render ? render(message) : <Message message={message} />}</>;
}
