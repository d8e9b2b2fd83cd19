import { expect } from 'vitest';
import { api, login, type HasUrl, type Session } from './http.ts';
import { uniqueName, clientId } from './names.ts';
import { startServer, type ServerOptions, type TestServer } from './server.ts';
import { joinChat, type TestSocket } from './socket.ts';

/** Logs in `n` fresh users. */
export async function users(server: HasUrl, n: number, prefix = 'u'): Promise<Session[]> {
  const out: Session[] = [];
  for (let i = 0; i < n; i += 1) out.push(await login(server, uniqueName(prefix)));
  return out;
}

/** POST /api/v1/chats as `owner`; asserts 201 and returns the Chat. */
export async function createChat(server: HasUrl, owner: Session, members: Session[], name = 'Team'): Promise<any> {
  const res = await api(server, owner.access_token, 'POST', '/api/v1/chats', {
    name,
    member_ids: members.map((m) => m.user.id),
  });
  expect(res.status, `POST /chats: ${res.text}`).toBe(201);
  return res.body;
}

/** `n` fresh users and a group chat the first one created with all of them. */
export async function chatWithUsers(server: HasUrl, n: number): Promise<{ users: Session[]; chat: any }> {
  const list = await users(server, n);
  const chat = await createChat(server, list[0]!, list.slice(1));
  return { users: list, chat };
}

/** What {@link twoMembersInAChat} sets up. */
export interface TwoMembers {
  server: TestServer;
  /** the chat's creator */
  ana: Session;
  ben: Session;
  chat: any;
  /** ana's chat socket, connected */
  a: TestSocket;
  /** ben's chat socket, connected after ana's */
  b: TestSocket;
}

/**
 * A fresh server, a two-member group chat ana created with ben, and one chat socket each (ana's connected first).
 * Must be called inside a test: the server closes when it finishes.
 *
 * @example
 * const { ben, a, b } = await twoMembersInAChat();
 * await sendMessage(a, 'hi');
 * expect((await b.next('new_message')).content).toBe('hi');
 */
export async function twoMembersInAChat(options: ServerOptions = {}): Promise<TwoMembers> {
  const server = await startServer(options);
  const { users: list, chat } = await chatWithUsers(server, 2);
  const [ana, ben] = list as [Session, Session];
  const a = await joinChat(server, ana, chat.id);
  const b = await joinChat(server, ben, chat.id);
  return { server, ana, ben, chat, a, b };
}

/** GET the chat's history as `who`; asserts 200 and returns `{ messages, has_more }`. */
export async function history(
  server: HasUrl,
  who: Session,
  chatId: string,
  query = '',
): Promise<{ messages: any[]; has_more: boolean }> {
  const res = await api(server, who.access_token, 'GET', `/api/v1/chats/${chatId}/messages${query}`);
  expect(res.status, `GET messages${query}: ${res.text}`).toBe(200);
  return res.body;
}

/**
 * Sends `send_message` on a chat socket and waits for the sender's acknowledgement (the `new_message` carrying the
 * client_id); returns its data.
 */
export async function sendMessage(
  sock: TestSocket,
  content: string,
  extra: Record<string, unknown> = {},
): Promise<any> {
  const cid = (extra.client_id as string | undefined) ?? clientId();
  // Match the sender too: another user's broadcast may carry the same client_id (it is only unique per sender).
  const me = sock.frames.find((f) => f.type === 'connected')?.data.user_id;
  sock.send({ type: 'send_message', data: { content, message_type: 'text', ...extra, client_id: cid } });
  return sock.next('new_message', { where: (d) => d.client_id === cid && (me === undefined || d.sender_id === me) });
}

/** Sends `n` messages ("{prefix} 1" … "{prefix} n") without waiting in between, then waits for every ack in order. */
export async function seedMessages(sock: TestSocket, n: number, prefix = 'm'): Promise<any[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i += 1) {
    const cid = clientId(`seed${i}`);
    ids.push(cid);
    sock.send({ type: 'send_message', data: { content: `${prefix} ${i}`, client_id: cid } });
  }
  const acks = [];
  for (const cid of ids) acks.push(await sock.next('new_message', { where: (d) => d.client_id === cid }));
  return acks;
}
