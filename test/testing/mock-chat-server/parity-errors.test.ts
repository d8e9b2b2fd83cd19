// @vitest-environment node
// The reference server's JWT library refuses jsdom's realm (its Uint8Array), so these run in Node.
import { describe } from 'vitest';
import { chatPath, installParity, personalPath, twoInAChat, twoUsersAndAChat } from './parity-harness';

const { parity } = installParity();

describe('parity: error frames, close codes, 401', () => {
  parity('validation errors carry code, frame_type and client_id; the socket stays open', async (w) => {
    const t = await twoInAChat(w);
    const otherLogin = await w.login('cy');
    const frames: unknown[] = [
      'not json',
      '[1,2]',
      '{"type":5}',
      { type: 'shout', data: { client_id: 'u1' } },
      { type: 'send_message', data: { client_id: 'v1' } },
      { type: 'send_message', data: { content: '   ', client_id: 'v2' } },
      { type: 'send_message', data: { content: 'x'.repeat(16 * 1024 + 1), client_id: 'v3' } },
      { type: 'send_message', data: { content: 'ok', client_id: 'x'.repeat(65) } },
      { type: 'send_message', data: { content: 'ok', client_id: '' } },
      { type: 'send_message', data: { content: 'ok', message_type: 'video', client_id: 'v4' } },
      { type: 'send_message', data: { content: 'ok', parent_message_id: '00000000-0000-4000-8000-00000000dead', client_id: 'v5' } },
      { type: 'send_message', data: 'nope' },
      { type: 'typing_indicator', data: { is_typing: 'yes' } },
      { type: 'read_receipt', data: { message_id: '00000000-0000-4000-8000-00000000dead' } },
      { type: 'read_receipt', data: {} },
      { type: 'edit_message', data: { message_id: '00000000-0000-4000-8000-00000000dead', content: 'x', client_id: 'v6' } },
      { type: 'direct_message', data: { content: 'hi', recipient_id: t.ana.user.id, client_id: 'v7' } },
      { type: 'direct_message', data: { content: 'hi', recipient_id: '00000000-0000-4000-8000-00000000dead', client_id: 'v8' } },
      { type: 'direct_message', data: { content: 'hi', recipient_id: t.ben.user.id, chat_id: '00000000-0000-4000-8000-00000000dead', client_id: 'v9' } },
      { type: 'direct_message', data: { content: 'hi', recipient_id: otherLogin.user.id, client_id: 'v10' } },
      { type: 'set_presence', data: { status: 'busy' } },
      { type: 'ping', data: { ts: 'now' } },
    ];
    const out: unknown[] = [];
    for (const frame of frames) {
      if (typeof frame === 'string') t.anaChat.sendRaw(frame);
      else t.anaChat.send(frame);
      await w.quiet();
      out.push(t.since());
    }
    return { out, closed: t.anaChat.closed };
  });

  parity('frames a personal socket refuses, and direct_message rules there', async (w) => {
    const t = await twoInAChat(w);
    const cy = await w.login('cy');
    const out: unknown[] = [];
    for (const frame of [
      { type: 'send_message', data: { content: 'hi', client_id: 'w1' } },
      { type: 'typing_indicator', data: { is_typing: true } },
      { type: 'read_receipt', data: { message_id: 'm' } },
      { type: 'edit_message', data: { message_id: 'm', content: 'x', client_id: 'w2' } },
      { type: 'direct_message', data: { content: 'hi', recipient_id: cy.user.id, chat_id: t.chatId, client_id: 'w3' } },
      { type: 'set_presence', data: { status: 'away' } },
      { type: 'set_presence', data: { status: 'online' } },
    ]) {
      t.anaHome.send(frame);
      await w.quiet();
      out.push(t.since());
    }
    return out;
  });

  parity('socket refusals: close codes after open', async (w) => {
    const t = await twoUsersAndAChat(w);
    const cy = await w.login('cy');
    const noToken = await w.open(chatPath(t.chatId), null);
    const badToken = await w.open(chatPath(t.chatId), 'not-a-token');
    const refresh = await w.open(chatPath(t.chatId), t.ana.refresh_token);
    const notMember = await w.open(chatPath(t.chatId), cy.access_token);
    const noChat = await w.open(chatPath('00000000-0000-4000-8000-00000000dead'), cy.access_token);
    const otherPersonal = await w.open(personalPath(t.ana.user.id), cy.access_token);
    await w.quiet();
    const codes = [noToken, badToken, refresh, notMember, noChat, otherPersonal].map((s) => ({ frames: s.frames, code: s.closed?.code }));
    return codes;
  });

  parity('REST 401s, 403s, 404s and 400s', async (w) => {
    const t = await twoUsersAndAChat(w);
    const cy = await w.login('cy');
    const dead = '00000000-0000-4000-8000-00000000dead';
    const calls: Array<[string, { method?: string; body?: unknown; token?: string | null }]> = [
      ['/api/v1/users/me', {}],
      ['/api/v1/users/me', { token: 'garbage' }],
      ['/api/v1/users/me', { token: t.ana.refresh_token }],
      ['/api/v1/chats', { token: null }],
      [`/api/v1/chats/${t.chatId}`, { token: cy.access_token }],
      [`/api/v1/chats/${dead}`, { token: cy.access_token }],
      [`/api/v1/chats/${t.chatId}/messages`, { token: cy.access_token }],
      [`/api/v1/chats/${t.chatId}/messages?limit=201`, { token: t.ana.access_token }],
      [`/api/v1/chats/${t.chatId}/messages?limit=0`, { token: t.ana.access_token }],
      [`/api/v1/chats/${t.chatId}/messages?before=1.5`, { token: t.ana.access_token }],
      [`/api/v1/chats/${t.chatId}/messages?after=-1`, { token: t.ana.access_token }],
      [`/api/v1/chats/${t.chatId}/messages?around=3&before=2`, { token: t.ana.access_token }],
      [`/api/v1/chats/${t.chatId}/messages?parent_id=${dead}`, { token: t.ana.access_token }],
      [`/api/v1/chats/${t.chatId}/messages/${dead}`, { token: t.ana.access_token }],
      [`/api/v1/users/${dead}`, { token: t.ana.access_token }],
      ['/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: t.ana.access_token } }],
      ['/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: t.ana.refresh_token } }],
      ['/api/v1/auth/login', { method: 'POST', body: { username: 'bad name' } }],
      ['/api/v1/auth/login', { method: 'POST', body: { username: 'ANA' } }],
      ['/api/v1/chats/direct', { method: 'POST', body: { user_id: t.ana.user.id }, token: t.ana.access_token }],
      ['/api/v1/chats/direct', { method: 'POST', body: { user_id: dead }, token: t.ana.access_token }],
      ['/api/v1/chats', { method: 'POST', body: { name: '', member_ids: [] }, token: t.ana.access_token }],
      ['/api/v1/chats', { method: 'POST', body: { name: 'x', member_ids: [dead] }, token: t.ana.access_token }],
      ['/api/v1/users?q=a', { token: t.ana.access_token }],
      [`/api/v1/chats/${t.chatId}/search?q=`, { token: t.ana.access_token }],
    ];
    const out: unknown[] = [];
    for (const [path, init] of calls) {
      const answer = await w.rest(path, init);
      out.push({ call: out.length, status: answer.status, body: answer.body });
    }
    return out;
  });

  parity(
    'a configured content limit is announced and enforced the same way',
    async (w) => {
      const t = await twoInAChat(w);
      t.anaChat.send({ type: 'send_message', data: { content: 'é'.repeat(50), client_id: 'fits' } });
      t.anaChat.send({ type: 'send_message', data: { content: `${'é'.repeat(50)}!`, client_id: 'over' } });
      await w.quiet();
      return { connected: t.anaChat.frames[0], after: t.since() };
    },
    { server: { maxContentBytes: 100 }, mock: { maxContentBytes: 100 } },
  );

  parity(
    'rate_limited: the error names the frame and its client_id and carries retry_after_ms (the mock by failNextSend)',
    async (w) => {
      const t = await twoInAChat(w);
      t.anaChat.send({ type: 'send_message', data: { content: 'one', client_id: 'r1' } });
      await w.quiet();
      w.mock?.failNextSend('rate_limited', { retryAfterMs: 100 });
      t.anaChat.send({ type: 'send_message', data: { content: 'two', client_id: 'r2' } });
      await w.quiet();
      const { anaChat } = t.since();
      const error = anaChat.find((f) => f.type === 'error')!;
      // The wait depends on the server's clock: only its presence and type are the contract.
      return { ...error, data: { ...error.data, retry_after_ms: typeof error.data.retry_after_ms } };
    },
    // One token a connection, refilled slowly: the first frame passes, the second is refused.
    { server: { rateLimit: { burst: 1, refillPerSecond: 0.5 } } },
  );
});
