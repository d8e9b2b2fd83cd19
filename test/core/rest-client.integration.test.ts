import { describe, expect, it } from 'vitest';
import { createRestClient, NatterError, type RestClient, type Session, type User } from 'natter';
import { createHarness, uniqueName, waitFor, type ReferenceServer } from './helpers/server';
import { FRESH_FIELDS } from './fixtures';
import { editMessage, login, refreshSession, uploadTo } from 'natter/features';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const aUser = (session: Session): User => ({
  id: session.user.id,
  username: session.user.username,
  email: `${session.user.username}@natter.invalid`,
  is_active: true,
  created_at: session.user.created_at,
});

/** Awaits `promise`, expecting a NatterError; returns it. */
async function rejection(promise: Promise<unknown>): Promise<NatterError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(NatterError);
  return error as NatterError;
}

async function setup() {
  const h = createHarness();
  const server = await h.server();
  const ana = await h.login(server, 'ana');
  const bo = await h.login(server, 'bo');
  const rest = createRestClient({ baseUrl: server.url, getToken: () => ana.access_token });
  return { h, server, ana, bo, rest };
}

/** Stores `count` messages from `session` in `chatId`, through a real chat client. */
async function seedMessages(h: ReturnType<typeof createHarness>, server: ReferenceServer, session: Session, chatId: string, count: number) {
  const client = h.client(server, session);
  client.joinChat(chatId);
  for (let i = 1; i <= count; i += 1) client.sendMessage(chatId, `m${i}`);
  await waitFor(() => expect(client.store.getState().chats[chatId]?.messages.filter((m) => m.status === 'sent')).toHaveLength(count));
}

describe('login and refreshSession', () => {
  it('login returns a Session; logging in again is the same user', async () => {
    const h = createHarness();
    const server = await h.server();
    const name = uniqueName('ana');
    const session = await login(server.url, name);
    expect(session).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 900,
      user: { id: expect.stringMatching(UUID), username: name, email: `${name}@natter.invalid`, is_active: true, created_at: expect.stringMatching(ISO_MS) },
    });
    expect((await login(server.url, name)).user.id).toBe(session.user.id);
  });

  it('refreshSession returns a new working pair; an access token is refused with unauthorized / 401', async () => {
    const { server, ana } = await setup();
    const renewed = await refreshSession(server.url, ana.refresh_token);
    expect(renewed).toMatchObject({ token_type: 'bearer', user: aUser(ana) });
    expect(typeof renewed.access_token).toBe('string');
    const rest = createRestClient({ baseUrl: server.url, getToken: () => renewed.access_token });
    expect((await rest.me()).id).toBe(ana.user.id);

    const error = await rejection(refreshSession(server.url, ana.access_token));
    expect(error).toMatchObject({ code: 'unauthorized', details: { status: 401 } });
  });

  it('an invalid username is an http_error with status 400 and the server’s message', async () => {
    const { server } = await setup();
    const error = await rejection(login(server.url, 'not a valid name!'));
    expect(error.code).toBe('http_error');
    expect(error.details.status).toBe(400);
    expect(error.message).not.toBe('');
  });
});

describe('createRestClient: routes', () => {
  it('me() returns the caller as a User', async () => {
    const { rest, ana } = await setup();
    expect(await rest.me()).toEqual(aUser(ana));
  });

  it('listUsers() filters by username prefix, sorts by username and honours limit', async () => {
    const { server, rest } = await setup();
    const prefix = uniqueName('p').slice(0, 12);
    const names = ['zed', 'amy', 'kim'].map((n) => `${prefix}${n}`);
    for (const name of names) await login(server.url, name);
    const { users } = await rest.listUsers({ q: prefix });
    expect(users.map((u) => u.username)).toEqual([...names].sort());
    for (const user of users) expect(user).toEqual({ id: expect.stringMatching(UUID), username: expect.any(String), email: expect.any(String), is_active: true, created_at: expect.stringMatching(ISO_MS) });
    expect((await rest.listUsers({ q: prefix, limit: 2 })).users.map((u) => u.username)).toEqual([...names].sort().slice(0, 2));
  });

  it('createChat() returns the Chat (creator added), and getChat() / listChats() return it', async () => {
    const { rest, ana, bo } = await setup();
    const chat = await rest.createChat('Team', [bo.user.id]);
    expect(chat).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Team',
      is_direct: false,
      created_by: ana.user.id,
      created_at: expect.stringMatching(ISO_MS),
      members: expect.arrayContaining([aUser(ana), aUser(bo)]),
      last_seq: 0,
      last_message: null,
      last_read_seq: 0,
      unread_count: 0,
    });
    expect(chat.members).toHaveLength(2);
    expect(await rest.getChat(chat.id)).toEqual(chat);
    expect(await rest.listChats()).toEqual({ chats: [chat] });
  });

  it('listChats() shows last_seq and last_message after messages', async () => {
    const { h, server, rest, ana } = await setup();
    const chat = await rest.createChat('Busy', []);
    await seedMessages(h, server, ana, chat.id, 2);
    const { chats } = await rest.listChats();
    expect(chats).toHaveLength(1);
    expect(chats[0]).toMatchObject({ id: chat.id, last_seq: 2, last_message: { content: 'm2', seq: 2, chat_id: chat.id } });
  });

  it('getOrCreateDirectChat() creates the direct chat once', async () => {
    const { server, rest, ana, bo } = await setup();
    const direct = await rest.getOrCreateDirectChat(bo.user.id);
    expect(direct).toMatchObject({ id: expect.stringMatching(UUID), name: null, is_direct: true, last_seq: 0 });
    expect(direct.members.map((m) => m.id).sort()).toEqual([ana.user.id, bo.user.id].sort());
    expect((await rest.getOrCreateDirectChat(bo.user.id)).id).toBe(direct.id);
    const asBo = createRestClient({ baseUrl: server.url, getToken: () => bo.access_token });
    expect((await asBo.getOrCreateDirectChat(ana.user.id)).id).toBe(direct.id);
  });

  it('history() pages by seq: newest first page, before=, after=, with read_by', async () => {
    const { h, server, rest, ana } = await setup();
    const chat = await rest.createChat('History', []);
    expect(await rest.history(chat.id)).toEqual({ messages: [], has_more: false, last_rev: 0 });
    await seedMessages(h, server, ana, chat.id, 5);

    const newest = await rest.history(chat.id, { limit: 2 });
    expect(newest.has_more).toBe(true);
    expect(newest.messages.map((m) => m.seq)).toEqual([4, 5]);
    expect(newest.messages[0]).toEqual({
      id: expect.stringMatching(UUID),
      chat_id: chat.id,
      sender_id: ana.user.id,
      content: 'm4',
      message_type: 'text',
      parent_message_id: null,
      created_at: expect.stringMatching(ISO_MS),
      updated_at: expect.stringMatching(ISO_MS),
      sender: aUser(ana),
      seq: 4,
      client_id: expect.any(String),
      read_by: [],
      ...FRESH_FIELDS,
      rev: 4,
    });

    const older = await rest.history(chat.id, { before: 4, limit: 2 });
    expect(older).toMatchObject({ has_more: true });
    expect(older.messages.map((m) => m.seq)).toEqual([2, 3]);
    const oldest = await rest.history(chat.id, { before: 2 });
    expect(oldest.messages.map((m) => m.seq)).toEqual([1]);
    expect(oldest.has_more).toBe(false);

    const after = await rest.history(chat.id, { after: 1, limit: 3 });
    expect(after.messages.map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(after.has_more).toBe(true);
    const rest2 = await rest.history(chat.id, { after: 4 });
    expect(rest2).toMatchObject({ has_more: false });
    expect(rest2.messages.map((m) => m.content)).toEqual(['m5']);
  });

  it('calls getToken before every request', async () => {
    const { server, ana } = await setup();
    let calls = 0;
    const rest: RestClient = createRestClient({
      baseUrl: server.url,
      getToken: async () => {
        calls += 1;
        return ana.access_token;
      },
    });
    await rest.me();
    await rest.listChats();
    expect(calls).toBe(2);
    // What features (uploads) build their own calls from: the same URL scheme and a fresh bearer token.
    expect(await rest.authorize('/users/me')).toEqual({
      url: `${server.url}/api/v1/users/me`,
      authorization: `Bearer ${ana.access_token}`,
      fetch: expect.any(Function),
    });
    expect(calls).toBe(3);
  });
});

describe('createRestClient: errors', () => {
  it('a bad token → unauthorized with status 401', async () => {
    const { server } = await setup();
    const rest = createRestClient({ baseUrl: server.url, getToken: () => 'garbage' });
    const error = await rejection(rest.me());
    expect(error).toMatchObject({ code: 'unauthorized', details: { status: 401 } });
    expect(error.message).not.toBe('');
  });

  it('an unknown chat → http_error 404 with the server’s message', async () => {
    const { rest } = await setup();
    const error = await rejection(rest.getChat(crypto.randomUUID()));
    expect(error).toMatchObject({ code: 'http_error', message: 'Chat not found', details: { status: 404 } });
    expect(await rejection(rest.history(crypto.randomUUID()))).toMatchObject({ code: 'http_error', details: { status: 404 } });
  });

  it('message() returns one message with read_by; search() finds it with highlight ranges', async () => {
    const { h, server, rest, ana } = await setup();
    const chat = await rest.createChat('Searchable', []);
    const client = h.client(server, ana);
    client.joinChat(chat.id);
    client.sendMessage(chat.id, 'Deploying the rocket tonight');
    client.sendMessage(chat.id, 'unrelated');
    await waitFor(() => expect(client.store.getState().chats[chat.id]?.messages.filter((m) => m.status === 'sent')).toHaveLength(2));
    const first = client.store.getState().chats[chat.id]!.messages[0]!;

    expect(await rest.message(chat.id, first.id!)).toMatchObject({ id: first.id, content: 'Deploying the rocket tonight', read_by: [] });
    expect(await rejection(rest.message(chat.id, crypto.randomUUID()))).toMatchObject({ code: 'http_error', details: { status: 404 } });

    const page = await rest.search(chat.id, 'rock');
    expect(page.has_more).toBe(false);
    expect(page.results).toHaveLength(1);
    const [hit] = page.results;
    expect(hit!.message.id).toBe(first.id);
    const [start, end] = hit!.highlights[0]!;
    expect(hit!.message.content.slice(start, end).toLowerCase()).toBe('rocket');
    expect((await rest.search(chat.id, 'nothing-like-this')).results).toEqual([]);
  });

  it('history() with parentId lists a thread; changedAfter lists changes by rev; around centres on a seq', async () => {
    const { h, server, rest, ana } = await setup();
    const chat = await rest.createChat('Threads', []);
    await seedMessages(h, server, ana, chat.id, 5);
    const { messages } = await rest.history(chat.id);
    const parent = messages[0]!;
    const client = h.client(server, ana);
    client.joinChat(chat.id);
    await client.loadHistory(chat.id);
    client.sendMessage(chat.id, 'a reply', { parentMessageId: parent.id });
    await waitFor(async () => expect((await rest.history(chat.id, { parentId: parent.id })).messages.map((m) => m.content)).toEqual(['a reply']));

    const before = (await rest.history(chat.id)).last_rev!;
    editMessage(client, chat.id, messages[2]!.id, 'edited');
    await waitFor(async () => expect((await rest.history(chat.id, { changedAfter: before })).messages.map((m) => m.content)).toEqual(['edited']));

    const around = await rest.history(chat.id, { around: 3, limit: 3 });
    expect(around.messages.map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(around).toMatchObject({ has_more: true, has_newer: true });
  });

  it('uploadTo() sends a file as multipart and the attachment url downloads it; resolveUrl() makes it absolute', async () => {
    const { rest } = await setup();
    const chat = await rest.createChat('Files', []);
    const progress: number[] = [];
    const file = new Blob(['hello, file'], { type: 'text/plain' });
    const attachment = await uploadTo(rest, chat.id, file, { fileName: 'notes.txt', onProgress: (f) => progress.push(f) });
    expect(attachment).toMatchObject({ file_name: 'notes.txt', content_type: 'text/plain', size: 11, width: null, height: null });
    expect(progress.at(-1)).toBe(1);
    const url = rest.resolveUrl(attachment.url);
    expect(url.startsWith('http://')).toBe(true);
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('hello, file');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);

    const html = new Blob(['<script>alert(1)</script>'], { type: 'text/html' });
    expect(await rejection(uploadTo(rest, chat.id, html, { fileName: 'x.html' }))).toMatchObject({ code: 'http_error', details: { status: 415 } });
  });

  it('a REST rate limit (429) → rate_limited with the server’s message and retryAfterMs, through fetch', async () => {
    const h = createHarness();
    const server = await h.server({ restRateLimit: { history: { burst: 1, refillPerSecond: 0.01 }, uploads: { burst: 1, refillPerSecond: 0.01 } } });
    const ana = await h.login(server, 'ana');
    const rest = createRestClient({ baseUrl: server.url, getToken: () => ana.access_token });
    const chat = await rest.createChat('Limited', []);
    await rest.history(chat.id);
    const limited = await rejection(rest.history(chat.id));
    expect(limited).toMatchObject({ code: 'rate_limited', details: { status: 429, retryAfterMs: expect.any(Number) } });
    expect(limited.details.retryAfterMs).toBeGreaterThan(0);
    expect(limited.message).toMatch(/^Too many requests/);
    // Uploads outside browsers go through fetch, and the same error.
    const file = new Blob(['x'], { type: 'text/plain' });
    await uploadTo(rest, chat.id, file, { fileName: 'a.txt' });
    expect(await rejection(uploadTo(rest, chat.id, file, { fileName: 'b.txt' }))).toMatchObject({ code: 'rate_limited', details: { status: 429 } });
  });

  it('a chat the caller is not in → http_error 403', async () => {
    const { server, rest, bo } = await setup();
    const chat = await rest.createChat('Ana only', []);
    const asBo = createRestClient({ baseUrl: server.url, getToken: () => bo.access_token });
    expect(await rejection(asBo.getChat(chat.id))).toMatchObject({ code: 'http_error', details: { status: 403 } });
    expect(await rejection(asBo.history(chat.id))).toMatchObject({ code: 'http_error', details: { status: 403 } });
  });

  it('bad input → http_error 400 (unknown member, page too large, a direct chat with oneself, unknown user → 404)', async () => {
    const { rest, ana } = await setup();
    const chat = await rest.createChat('Team', []);
    expect(await rejection(rest.createChat('Ghosts', [crypto.randomUUID()]))).toMatchObject({ code: 'http_error', details: { status: 400 } });
    expect(await rejection(rest.createChat('', []))).toMatchObject({ code: 'http_error', details: { status: 400 } });
    expect(await rejection(rest.history(chat.id, { limit: 500 }))).toMatchObject({ code: 'http_error', details: { status: 400 } });
    expect(await rejection(rest.getOrCreateDirectChat(ana.user.id))).toMatchObject({ code: 'http_error', details: { status: 400 } });
    expect(await rejection(rest.getOrCreateDirectChat(crypto.randomUUID()))).toMatchObject({ code: 'http_error', details: { status: 404 } });
  });

  it('an unreachable server → network_error, with the cause', async () => {
    const h = createHarness();
    const server = await h.server();
    await server.close();
    const rest = createRestClient({ baseUrl: server.url, getToken: () => 'token' });
    const error = await rejection(rest.me());
    expect(error.code).toBe('network_error');
    expect(error.message).toContain(server.url);
    expect(error.details.cause).toBeDefined();
    expect(error.details.status).toBeUndefined();
    expect((await rejection(login(server.url, 'ana'))).code).toBe('network_error');
  });

  it('a 200 whose body was cut off → network_error, not a null result', async () => {
    const cut: typeof fetch = async () => new Response('{"messages": [', { status: 200, headers: { 'content-type': 'application/json' } });
    const rest = createRestClient({ baseUrl: 'http://chat.test', getToken: () => 'token', fetch: cut });
    expect(await rejection(rest.history('c1'))).toMatchObject({ code: 'network_error', details: { status: 200 } });
    // Uploads go through the client's own fetch too (Node has no XMLHttpRequest).
    expect(await rejection(uploadTo(rest, 'c1', new Blob(['x'])))).toMatchObject({ code: 'network_error', details: { status: 200 } });
  });
});
