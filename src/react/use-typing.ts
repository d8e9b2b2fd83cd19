import { useEffect, useMemo } from 'react';
import type { TypingUser } from '../core/store/chat-slice';
import { selectChat } from '../core/store/chat-store';
import { TypingNotifier, type TypingNotifierOptions } from '../core/typing-notifier';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `useTyping`: the timing of your own indicators. */
export type UseTypingOptions = TypingNotifierOptions;

/** What `useTyping` returns. */
export interface UseTypingResult {
  /** Others typing in the chat now (never you), in the order they started. */
  typingUsers: TypingUser[];
  /** Call on every keystroke: sends `is_typing: true` throttled, and `false` after an idle pause. */
  onInput: () => void;
  /** Call when the message is sent: sends `is_typing: false` at once. */
  stop: () => void;
}

/**
 * Who is typing in a chat, and the handler that tells the others you are.
 *
 * @example
 * const { typingUsers, onInput, stop } = useTyping(chatId);
 * <textarea onInput={onInput} />
 */
export function useTyping(chatId: string, options: UseTypingOptions = {}): UseTypingResult {
  const { client } = useChatContext();
  const { throttleMs, idleMs } = options;
  const typingUsers = useChatStore((state) => selectChat(state, chatId).typing);
  const notifier = useMemo(
    () => new TypingNotifier((isTyping) => client.setTyping(chatId, isTyping), client.timers, { throttleMs, idleMs }),
    [client, chatId, throttleMs, idleMs],
  );
  // Leaving the chat (or unmounting the input) ends "typing" for the others at once.
  useEffect(() => () => notifier.stop(), [notifier]);
  return useMemo(() => ({ typingUsers, onInput: () => notifier.input(), stop: () => notifier.stop() }), [typingUsers, notifier]);
}
