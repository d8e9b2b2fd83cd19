import { QueryClient } from '@tanstack/react-query';
import { createChatClient, type ChatClient, type User } from 'natter';
import { SERVER_URL } from './config';
import { getToken } from './session';

interface Clients {
  userId: string;
  chat: ChatClient;
  query: QueryClient;
}

let clients: Clients | null = null;

/**
 * The Natter client and react-query cache of the signed-in user, built outside React so StrictMode's double
 * effects cannot tear them down. Signing in as someone else replaces both.
 */
export function clientsFor(user: User): Clients {
  if (clients?.userId === user.id) return clients;
  disposeClients();
  clients = {
    userId: user.id,
    chat: createChatClient({ baseUrl: SERVER_URL, getToken, currentUser: user }),
    query: new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } }),
  };
  return clients;
}

/** Closes every socket and forgets every cached response (on log out). */
export function disposeClients(): void {
  clients?.chat.destroy();
  clients?.query.clear();
  clients = null;
}
