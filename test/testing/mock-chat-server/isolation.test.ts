import { describe, expect, it, vi } from 'vitest';
import { chatPath, installMockServer, openRaw, settle } from '../msw';

const { startMock } = installMockServer();

describe('one mock answers a socket, even when an older one is still installed', () => {
  it('a mock installed later (a test that forgot resetHandlers) takes the sockets alone, like msw takes the newest REST handler', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stale = startMock();
    const fresh = startMock();
    // Ids are deterministic: the stale mock knows the same chat and would accept the same token shape.
    expect(stale.chat('general').id).toBe(fresh.chat('general').id);
    const raw = openRaw(chatPath(fresh.chat('general').id), fresh.sessionFor('ana').access_token);
    await raw.next('connected');
    raw.send({ type: 'send_message', data: { content: 'once', client_id: 'c1' } });
    await raw.next('new_message');
    await settle(30);
    expect(raw.frames.map((f) => f.type)).toEqual(['connected', 'new_message']);
    expect(fresh.messages('general')).toHaveLength(1);
    expect(stale.messages('general')).toHaveLength(0);
    expect(stale.connections).toEqual([]);
    // The stale mock says why it kept out, once.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/resetHandlers/);
    warn.mockRestore();
  });
});
