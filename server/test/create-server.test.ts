import { describe, expect, it } from 'vitest';
import { logCapture, startServer, tempDbFile } from './helpers/server.ts';
import { api, expectError, login, request, type Session } from './helpers/http.ts';
import { uniqueName } from './helpers/names.ts';
import { chatWithUsers, createChat, history, seedMessages, sendMessage } from './helpers/fixtures.ts';
import { joinChat, joinPersonal, openChatSocket, openPersonalSocket, openSocket, sleep } from './helpers/socket.ts';
import { metricValue, parseMetrics } from './helpers/metrics.ts';

describe('restart on the same database file', () => {
  it('keeps users, history and tokens, and continues seq', async () => {
    const db = tempDbFile();
    const first = await startServer({ db });
    const { users, chat } = await chatWithUsers(first, 2);
    const [ana, ben] = users as [Session, Session];
    const sock = await joinChat(first, ana, chat.id);
    const acks = await seedMessages(sock, 3);
    const b = await joinChat(first, ben, chat.id);
    b.send({ type: 'read_receipt', data: { message_id: acks[2].id } });
    await b.next('read_receipt');
    await first.close();
    expect((await sock.closed).code).toBe(1001);

    const second = await startServer({ db });
    // tokens issued before the restart still work
    const me = await api(second, ana.access_token, 'GET', '/api/v1/users/me');
    expect(me.status, me.text).toBe(200);
    expect(me.body).toEqual(ana.user);
    const refreshed = await request(second, 'POST', '/api/v1/auth/refresh', {
      json: { refresh_token: ben.refresh_token },
    });
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body.user.id).toBe(ben.user.id);
    // the same name logs in as the same user
    expect((await login(second, ana.user.username)).user.id).toBe(ana.user.id);

    const kept = await history(second, ben, chat.id);
    expect(kept.messages).toEqual(acks.map((m, i) => ({ ...m, read_by: i === 2 ? [ben.user.id] : [] })));

    const again = openChatSocket(second, ana.access_token, chat.id);
    expect((await again.connected()).last_seq).toBe(3);
    const next = await sendMessage(again, 'after restart');
    expect(next.seq).toBe(4);

    const chats = await api(second, ben.access_token, 'GET', '/api/v1/chats');
    expect(chats.body.chats[0]).toMatchObject({ id: chat.id, last_seq: 4, last_read_seq: 3 });
  });

  it('keeps a given jwtSecret’s tokens valid across restarts too', async () => {
    const db = tempDbFile();
    const first = await startServer({ db, jwtSecret: 'restart-secret-0123456789abcdef' });
    const ana = await login(first, uniqueName());
    await first.close();
    const second = await startServer({ db, jwtSecret: 'restart-secret-0123456789abcdef' });
    expect((await api(second, ana.access_token, 'GET', '/api/v1/users/me')).status).toBe(200);
  });
});

describe('close()', () => {
  it('closes every open socket with 1001 and stops listening', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    const p = await joinPersonal(server, users[0]!);
    await server.close();
    expect((await a.closed).code).toBe(1001);
    expect((await b.closed).code).toBe(1001);
    expect((await p.closed).code).toBe(1001);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});

describe('logging', () => {
  it('never writes a token to the log', async () => {
    const capture = logCapture();
    const server = await startServer({ logger: { level: 'debug', stream: capture.stream } });
    const ana = await login(server, uniqueName());
    const ben = await login(server, uniqueName());
    const chat = await createChat(server, ana, [ben], 'logged');

    const sock = await joinChat(server, ana, chat.id);
    await sendMessage(sock, 'hello log');
    const personal = await joinPersonal(server, ana);
    await personal.roundTrip();
    // a failed socket: bad token, and an unknown socket path carrying the token
    const bad = openChatSocket(server, `${ana.access_token}x`, chat.id);
    await bad.closed;
    const lost = openSocket(server, '/api/v1/ws/nowhere/at/all', ana.access_token);
    expect(await lost.rejectedWith).toBe(404);
    const wrongUser = openPersonalSocket(server, ana.access_token, ben.user.id);
    expect((await wrongUser.closed).code).toBe(4003);

    expect((await api(server, ana.access_token, 'GET', '/api/v1/users/me')).status).toBe(200);
    expect((await api(server, ana.access_token, 'GET', `/api/v1/chats/${chat.id}/messages`)).status).toBe(200);
    const refreshed = await request(server, 'POST', '/api/v1/auth/refresh', {
      json: { refresh_token: ana.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    const notFound = await request(server, 'GET', `/api/v1/nothing-here?token=${ana.access_token}&x=1`, {
      headers: { authorization: `Bearer ${ana.access_token}` },
    });
    expect(notFound.status).toBe(404);
    await api(server, ana.refresh_token, 'GET', '/api/v1/users/me'); // 401 with a refresh token as bearer
    await sock.close();
    await server.close();

    const text = capture.text();
    expect(text.length).toBeGreaterThan(0);
    const secrets = [ana.access_token, ana.refresh_token, ben.access_token, refreshed.body.access_token, refreshed.body.refresh_token];
    for (const token of secrets) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2]!); // not even the signature
    }
  });
});

describe('HTTP basics', () => {
  it('GET /health answers { status: "ok" }', async () => {
    const server = await startServer();
    const res = await request(server, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const server = await startServer();
    expectError(await request(server, 'GET', '/api/v1/nope'), 404, 'not_found');
  });

  it('answers CORS requests from allowed origins only', async () => {
    const server = await startServer();
    const allowed = await request(server, 'GET', '/health', { headers: { origin: 'http://localhost:5173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toMatch(/^(http:\/\/localhost:5173|\*)$/);
    const preflight = await fetch(`${server.url}/api/v1/users/me`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('authorization');

    const denied = await request(server, 'GET', '/health', { headers: { origin: 'http://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with the natter_ metrics after traffic', async () => {
    const server = await startServer();
    const before = parseMetrics((await request(server, 'GET', '/metrics')).text);
    const base = (name: string, labels: Record<string, string> = {}) => metricValue(before, name, labels);

    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    const p = await joinPersonal(server, users[1]!);
    const counted = await sendMessage(a, 'counted');
    await b.next('new_message');
    a.send({ type: 'set_presence', data: { status: 'away' } });
    a.send({ type: 'add_reaction', data: { message_id: counted.id, emoji: '👍' } });
    await a.next('message_updated');
    const pa = await joinPersonal(server, users[0]!);
    pa.send({ type: 'direct_message', data: { content: 'dm counted', recipient_id: users[1]!.user.id } });
    await p.next('new_direct_message');
    a.send({ type: 'bogus' });
    await a.next('error');
    const closing = await joinChat(server, users[0]!, chat.id);
    await closing.close(1000);

    // the server sees the close a moment after the client does: poll briefly
    let res = await request(server, 'GET', '/metrics');
    for (let i = 0; i < 50; i += 1) {
      const now = parseMetrics(res.text);
      const closes = metricValue(now, 'natter_ws_closes_total', { code: '1000' }) - base('natter_ws_closes_total', { code: '1000' });
      if (closes >= 1) break;
      await sleep(20);
      res = await request(server, 'GET', '/metrics');
    }
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const after = parseMetrics(res.text);
    const delta = (name: string, labels: Record<string, string> = {}) =>
      metricValue(after, name, labels) - base(name, labels);

    expect(res.text).toMatch(/^# TYPE natter_ws_connections gauge$/m);
    expect(delta('natter_ws_connections', { socket: 'chat' })).toBe(2);
    expect(delta('natter_ws_connections', { socket: 'personal' })).toBe(2);
    expect(delta('natter_ws_connections_opened_total', { socket: 'chat' })).toBe(3);
    expect(delta('natter_ws_closes_total', { code: '1000' })).toBe(1);
    expect(delta('natter_ws_frames_received_total', { type: 'send_message' })).toBe(1);
    expect(delta('natter_ws_frames_received_total', { type: 'other' })).toBe(1);
    expect(delta('natter_ws_frames_received_total', { type: 'add_reaction' })).toBe(1);
    expect(delta('natter_ws_frames_received_total', { type: 'set_presence' })).toBe(1);
    expect(res.text).toMatch(/^# TYPE natter_messages_stored_total counter$/m);
    expect(delta('natter_messages_stored_total', { kind: 'chat' })).toBe(1);
    expect(delta('natter_messages_stored_total', { kind: 'direct' })).toBe(1);
    expect(delta('natter_ws_errors_total', { code: 'unknown_type' })).toBe(1);
    expect(delta('natter_fanout_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(delta('natter_http_requests_total', { method: 'POST', status: '201' })).toBe(1);
    // Node process metrics with the natter_ prefix
    expect(res.text).toMatch(/^natter_\w*cpu\w*/m);
    expect(res.text).toMatch(/^natter_\w*(memory|heap|resident)\w*/m);
    expect(res.text).toMatch(/^natter_\w*eventloop_lag\w*/m);
  });
});
