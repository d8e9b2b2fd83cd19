import { useCallback, useSyncExternalStore } from 'react';

const PREFIX = '#/chats/';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const getChatId = () => (location.hash.startsWith(PREFIX) ? decodeURIComponent(location.hash.slice(PREFIX.length)) : null);

/** The link to a chat: the open chat lives in the URL (`#/chats/{id}`), so reload and Back work. */
export const chatHref = (chatId: string) => `${PREFIX}${encodeURIComponent(chatId)}`;

/** The open chat's id (or null) and a way to open another one. */
export function useHashRoute(): [string | null, (chatId: string | null) => void] {
  const chatId = useSyncExternalStore(subscribe, getChatId);
  const open = useCallback((next: string | null) => {
    location.hash = next ? chatHref(next) : '';
  }, []);
  return [chatId, open];
}
