import { useStore } from 'zustand';
import type { ChatStoreState } from '../core/store/chat-store';
import { useChatContext } from './context';

/**
 * Selects from the client's store and re-renders only when the selected value changes (by `Object.is`). The escape
 * hatch for custom UIs; the other hooks are built on it.
 *
 * @example
 * const chatIds = useChatStore((state) => Object.keys(state.chats));
 */
export function useChatStore<T>(selector: (state: ChatStoreState) => T): T {
  return useStore(useChatContext().client.store, selector);
}
