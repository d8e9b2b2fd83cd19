import { forwardRef, useCallback, useImperativeHandle, useLayoutEffect, useRef, type HTMLAttributes, type ReactNode, type UIEvent } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useChatClient } from '../../react/context';
import { useChat } from '../../react/use-chat';
import { Message } from '../message/message';
import { renderPart, type AsChildProps } from '../slot/render-part';
import { useMarkVisibleRead } from './use-mark-visible-read';

/** Props of `MessageList`. */
export interface MessageListProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  chatId: string;
  /** Renders one message; default `<Message message={message} />`. */
  renderMessage?: (message: ChatMessage) => ReactNode;
  /** Shown when the chat has no messages. */
  empty?: ReactNode;
  /** Distance from the top, in px, at which older messages load. Default 200. */
  loadOlderThreshold?: number;
}

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

/**
 * The conversation: a `role="log"` region with polite announcements, scrollable by keyboard. It stays at the
 * bottom while the reader is at the bottom (and jumps there when you send), loads older pages near the top
 * without moving what the reader sees, and marks messages read as they come into view.
 * `data-loading` (`initial`, `older`) and `data-empty` for styling.
 *
 * @example
 * <MessageList chatId={chatId} empty={<p>No messages yet</p>} />
 */
export const MessageList = forwardRef<HTMLElement, MessageListProps>(function MessageList(
  { chatId, renderMessage, empty, loadOlderThreshold = 200, asChild, children, onScroll, ...props },
  ref,
) {
  const { messages, hasOlder, isLoadingOlder, isLoadingHistory, loadOlder } = useChat(chatId);
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
    } else if (atBottom.current || sentByMe) {
      element.scrollTop = element.scrollHeight;
      atBottom.current = true;
    }
    previous.current = { firstKey, lastKey: last?.key, scrollHeight: element.scrollHeight };
  }, [messages, me]);

  const handleScroll = useCallback(
    (event: UIEvent<HTMLElement>) => {
      const element = event.currentTarget;
      atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
      previous.current.scrollHeight = element.scrollHeight;
      if (element.scrollTop <= loadOlderThreshold && hasOlder && !isLoadingOlder) void loadOlder();
      onScroll?.(event);
    },
    [hasOlder, isLoadingOlder, loadOlder, loadOlderThreshold, onScroll],
  );

  useMarkVisibleRead(chatId, scroller, messages);

  const isEmpty = messages.length === 0 && !isLoadingHistory;
  const content = (
    <>
      {isLoadingOlder && <div data-natter="message-list-loading" aria-hidden="true" />}
      {isEmpty && empty}
      {messages.map((message) => (
        <MessageSlot key={message.key} message={message} render={renderMessage} />
      ))}
      {/* Your children follow the messages; with asChild, the child is the element to render as. */}
      {asChild ? null : children}
    </>
  );
  return renderPart(
    'div',
    asChild,
    {
      'data-natter': 'message-list',
      'data-loading': isLoadingHistory ? 'initial' : isLoadingOlder ? 'older' : undefined,
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
