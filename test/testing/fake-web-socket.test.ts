import { describe, expect, it } from 'vitest';
import { createChatClient } from 'natter';
import { createFakeWebSocket, flushMicrotasks } from 'natter/testing';

const me = { id: 'u1', username: 'ana', email: 'ana@natter.invalid', is_active: true, created_at: '2026-11-24T09:00:00.000Z' };

describe('createFakeWebSocket', () => {
  it('last() before the client opened a socket says why there is none and what to do', async () => {
    const fake = createFakeWebSocket();
    const client = createChatClient({ baseUrl: 'http://x', getToken: async () => 't', currentUser: me, WebSocket: fake.WebSocket });
    client.joinChat('c1');
    // The client awaits getToken() first: the socket does not exist synchronously.
    expect(() => fake.last()).toThrow(/flushMicrotasks/);
    await flushMicrotasks();
    expect(fake.last().url).toContain('/ws/chat/c1?token=t');
    client.destroy();
  });
});
