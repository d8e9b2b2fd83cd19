import { useCallback, useRef, useState } from 'react';
import type { MessageWindow } from '../core/store/chat-slice';
import { selectChat } from '../core/store/chat-store';
import { leaveWindow, loadWindowNewer, loadWindowOlder } from '../features/history';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `useMessageWindow`. */
export interface UseMessageWindowOptions {
  /** Called when a window page fails to load (it is also in `error`). */
  onError?: (error: Error) => void;
}

/** What `useMessageWindow` returns. */
export interface UseMessageWindowResult {
  /** The detached window a far jump (`client.jumpTo`) opened, or null while the live messages are shown. */
  window: MessageWindow | null;
  /** Loads older messages into the window (nothing without one, or while a page loads). */
  loadOlder: () => Promise<void>;
  /** Loads newer messages; once they reach the live messages the window merges into them and closes. */
  loadNewer: () => Promise<void>;
  /** Closes the window: back to the live messages ("Jump to latest"). */
  leave: () => void;
  isLoadingOlder: boolean;
  isLoadingNewer: boolean;
  /** The last paging error, if any. */
  error: Error | null;
}

/**
 * A chat's window of older history, opened by jumping far back (a search result): what to show instead of the live
 * messages, its paging in both directions, and the way back.
 *
 * @example
 * const { window, loadOlder, loadNewer, leave } = useMessageWindow(chatId);
 */
export function useMessageWindow(chatId: string, options: UseMessageWindowOptions = {}): UseMessageWindowResult {
  const { client } = useChatContext();
  const window = useChatStore((state) => selectChat(state, chatId).window);
  // Loading and errors are this hook's own request state, not chat state: the store holds the pages themselves. They
  // belong to one chat: moved to another, its request state starts afresh.
  const [request, setRequest] = useState<{ of: string; older?: boolean; newer?: boolean; error?: Error }>();
  const mine = request?.of === chatId ? request : undefined;
  const onError = useRef(options.onError);
  onError.current = options.onError;
  // An answer for a chat no longer shown is dropped (the next chat's own request may be under way).
  const shown = useRef(chatId);
  shown.current = chatId;

  const load = useCallback(
    async (direction: 'older' | 'newer') => {
      const update = (change: object) =>
        shown.current === chatId && (setRequest((current) => ({ ...(current?.of === chatId && current), of: chatId, ...change })), true);
      update({ [direction]: true });
      try {
        await (direction === 'older' ? loadWindowOlder(client, chatId) : loadWindowNewer(client, chatId));
        update({ [direction]: false, error: undefined });
      } catch (cause) {
        const failure = cause instanceof Error ? cause : new Error(String(cause));
        if (update({ [direction]: false, error: failure })) onError.current?.(failure);
      }
    },
    [client, chatId],
  );
  const loadOlder = useCallback(() => load('older'), [load]);
  const loadNewer = useCallback(() => load('newer'), [load]);
  const leave = useCallback(() => leaveWindow(client, chatId), [client, chatId]);

  return { window, loadOlder, loadNewer, leave, isLoadingOlder: !!mine?.older, isLoadingNewer: !!mine?.newer, error: mine?.error ?? null };
}
