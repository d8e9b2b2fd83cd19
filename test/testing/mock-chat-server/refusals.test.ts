import { describe, expect, it, vi } from 'vitest';
import { installMockServer } from '../msw';

const { startMock, clientFor } = installMockServer();

/**
 * Regressions for a src/core bug found with the mock: `Connection` treated the socket's `open` as success and reset
 * `renewedToken` and `attempt` there. The server accepts the upgrade *before* checking the token (docs/protocol.md
 * §1), so a refused socket opens and then closes with 4001/1011, and every refusal looked like the first: a revoked
 * token was "renewed" forever with no delay (a microtask loop that starved the event loop), and backoff and
 * `maxAttempts` never advanced. Fixed in src/core/connection.ts (the budget now resets on the first frame or after
 * the socket has held).
 */
describe('refusals after open (regressions)', () => {
  it('renews a refused token once, then stops as unauthorized', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    let calls = 0;
    const base = mock.clientOptions('ana');
    // Capped so that a regression fails this test instead of hanging the process.
    const client = clientFor(mock, 'ana', { getToken: () => (++calls > 20 ? Promise.reject(new Error('stop')) : base.getToken()) });
    mock.revokeTokens();
    client.joinChat(id);
    await vi.waitFor(() => expect(client.getConnection(id)?.status).toBe('unauthorized'));
    expect(mock.connectionsTo({ chatId: id })).toHaveLength(2);
    expect(calls).toBe(2);
  });

  it('grows the backoff and honours maxAttempts when the server keeps accepting and closing', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    mock.refuseNextConnections(1011, 8, 'Internal error');
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 5, jitter: 'none', maxAttempts: 2 } });
    client.joinChat(id);
    await vi.waitFor(() => expect(client.getConnection(id)).toMatchObject({ status: 'failed', closeCode: 1011 }), { timeout: 3000 });
    expect(mock.connectionsTo({ chatId: id })).toHaveLength(3);
  });

  // The connection is `open` only once the server's `connected` frame arrives, so a refused socket never flashes it.
  it('never reports a refused socket as open', async () => {
    const mock = startMock();
    const { id } = mock.chat('private');
    const client = clientFor(mock, 'ana');
    const statuses: string[] = [];
    client.store.subscribe((state) => {
      const status = state.connections[id]?.status;
      if (status && statuses.at(-1) !== status) statuses.push(status);
    });
    client.joinChat(id);
    await vi.waitFor(() => expect(client.getConnection(id)?.status).toBe('closed'));
    expect(statuses).toEqual(['connecting', 'closed']);
  });
});
