import { forwardRef, useEffect, useRef, useState, type ButtonHTMLAttributes } from 'react';
import { selectChat } from '../../core/store/chat-store';
import { useChatClient } from '../../react/context';
import { useChatStore } from '../../react/use-chat-store';
import { useUnread } from '../../react/use-unread';
import { afterUnlessPrevented } from '../shared/events';
import { firstSeq } from '../../core/store/chat-message';
import { plural } from '../shared/plural';
import { useCurrentUserId } from '../shared/use-current-user-id';
import { flag } from '../slot/data-attributes';
import { renderPart, type AsChildProps } from '../slot/render-part';
import { composeRefs } from '../slot/slot';

/** Props of `JumpToUnread`. */
export interface JumpToUnreadProps extends ButtonHTMLAttributes<HTMLButtonElement>, AsChildProps {
  chatId: string;
  /** The text for `count` new messages (0 when not known). Default "N new messages". */
  format?: (count: number) => string;
  /** Older pages (of 200) loaded at most to reach the first unread message. Default 20. */
  maxPages?: number;
}

const defaultFormat = (count: number) => (count === 0 ? 'New messages' : plural(count, 'new message'));
const FRAME_MS = 16;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The chat's `MessageList` in `doc`. */
const listOf = (doc: Document, chatId: string) =>
  [...doc.querySelectorAll<HTMLElement>('[data-natter="message-list"]')].find((element) => element.dataset.chatId === chatId);

/** The list's "New messages" line, if rendered. */
const lineOf = (list: HTMLElement | undefined) => list?.querySelector<HTMLElement>('[data-unread-separator]');

/**
 * "12 new messages": shown while the messages that were unread when the chat opened begin above what the chat's
 * `MessageList` shows (or further back than its history), it scrolls the list to the "New messages" line, loading
 * older pages first when needed. It goes once that line has been on screen. `data-count`, `data-busy` while loading,
 * `data-error` when a page failed to load (click to try again).
 *
 * @example
 * <JumpToUnread chatId={chatId} />
 * <MessageList chatId={chatId} />
 */
export const JumpToUnread = forwardRef<HTMLButtonElement, JumpToUnreadProps>(function JumpToUnread(
  { chatId, format = defaultFormat, maxPages = 20, asChild, onClick, ...props },
  ref,
) {
  const client = useChatClient();
  const me = useCurrentUserId();
  const { unreadCount, firstUnreadSeq } = useUnread(chatId);
  const messages = useChatStore((state) => selectChat(state, chatId).messages);
  const [phase, setPhase] = useState<'busy' | 'failed'>();
  // The chat whose line was reached: another chat's unread messages get their own button.
  const [reachedIn, setReached] = useState<string>();
  const reached = reachedIn === chatId;
  const [above, setAbove] = useState(true);
  const self = useRef<HTMLButtonElement | null>(null);
  const docOf = () => self.current?.ownerDocument ?? document;

  // Where the line is, after every render (messages move it) and on every scroll of the list.
  useEffect(() => {
    const doc = docOf();
    const check = () => {
      const list = listOf(doc, chatId);
      const separator = lineOf(list);
      // No line yet counts as above: it may be in history not loaded.
      const isAbove = !separator || separator.getBoundingClientRect().bottom <= list!.getBoundingClientRect().top;
      setAbove(isAbove);
      if (!isAbove) setReached(chatId);
    };
    check();
    doc.addEventListener('scroll', check, true);
    return () => doc.removeEventListener('scroll', check, true);
  });

  if (firstUnreadSeq === null || reached) return null;
  const firstHeld = firstSeq(messages);
  const isHeld = firstHeld !== null && firstHeld <= firstUnreadSeq;
  if (isHeld && !above) return null;
  const newCount = messages.filter((m) => m.seq !== null && m.seq >= firstUnreadSeq && m.sender_id !== me && !m.deleted_at).length;
  const count = isHeld ? newCount : Math.max(newCount, unreadCount);

  const jump = async () => {
    const doc = docOf();
    const oldest = () => firstSeq(selectChat(client.store.getState(), chatId).messages) ?? Infinity;
    setPhase('busy');
    try {
      for (let page = 0; oldest() > firstUnreadSeq && page < maxPages; page++) {
        if (!(await client.loadOlder(chatId, 200)).has_more) break;
      }
      // The list renders what was loaded on its next commit.
      let separator;
      for (let frame = 0; !(separator = lineOf(listOf(doc, chatId))) && frame < 30; frame++) await wait(FRAME_MS);
      if (separator) {
        // Not smooth, and once more a few frames later: the list is virtualized, and the rows it measures as they
        // appear (the line's own among them) move what a scroll aimed at.
        const scroll = () => separator.isConnected && separator.scrollIntoView?.({ block: 'start' });
        scroll();
        await wait(3 * FRAME_MS);
        scroll();
        setReached(chatId);
      }
      setPhase(undefined);
    } catch {
      // A page that failed: the button stays (`data-error`) to try again.
      setPhase('failed');
    }
  };

  return renderPart(
    'button',
    asChild,
    {
      'data-natter': 'jump-to-unread',
      'data-count': count,
      'data-busy': flag(phase === 'busy'),
      'data-error': flag(phase === 'failed'),
      type: 'button',
      'aria-busy': phase === 'busy' || undefined,
      onClick: afterUnlessPrevented(onClick, () => void jump()),
    },
    props,
    composeRefs(self, ref),
    format(count),
  );
});
