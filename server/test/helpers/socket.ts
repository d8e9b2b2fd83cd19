import type { Session } from './http.ts';
import { TestSocket, type SocketOptions } from './test-socket.ts';

export { sleep, TestSocket, type CloseInfo, type Frame, type NextOptions, type SocketOptions } from './test-socket.ts';

/** Anything with the server's WebSocket base URL. */
export interface HasWsUrl {
  wsUrl: string;
}

/** Opens a socket on any path (with an optional token) without waiting for anything. */
export function openSocket(server: HasWsUrl, path: string, token?: string, options: SocketOptions = {}): TestSocket {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return new TestSocket(`${server.wsUrl}${path}${query}`, options);
}

/** Opens a chat socket (`/api/v1/ws/chat/{chatId}`) without waiting for anything. */
export function openChatSocket(
  server: HasWsUrl,
  token: string | undefined,
  chatId: string,
  options: SocketOptions = {},
): TestSocket {
  return openSocket(server, `/api/v1/ws/chat/${chatId}`, token, options);
}

/** Opens a personal socket (`/api/v1/ws/{userId}`) without waiting for anything. */
export function openPersonalSocket(
  server: HasWsUrl,
  token: string | undefined,
  userId: string,
  options: SocketOptions = {},
): TestSocket {
  return openSocket(server, `/api/v1/ws/${userId}`, token, options);
}

/** A chat socket for `who`, once its `connected` frame has arrived. */
export async function joinChat(
  server: HasWsUrl,
  who: Session,
  chatId: string,
  options: SocketOptions = {},
): Promise<TestSocket> {
  const sock = openChatSocket(server, who.access_token, chatId, {
    label: `${who.user.username}/chat`,
    ...options,
  });
  await sock.connected();
  return sock;
}

/** The personal socket of `who`, once its `connected` frame has arrived. */
export async function joinPersonal(server: HasWsUrl, who: Session, options: SocketOptions = {}): Promise<TestSocket> {
  const sock = openPersonalSocket(server, who.access_token, who.user.id, {
    label: `${who.user.username}/personal`,
    ...options,
  });
  await sock.connected();
  return sock;
}
