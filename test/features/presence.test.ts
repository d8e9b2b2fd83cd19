import { describe, expect, it } from 'vitest';
import type { EnvironmentHandlers } from 'natter';
import { reportPresence } from 'natter/features';
import type { FakeSocket } from 'natter/testing';
import { setup } from '../core/helpers/client-harness';
import { connected } from '../core/fixtures';

const statuses = (socket: FakeSocket) => socket.sentOfType('set_presence').map((frame) => frame.data.status);

describe('reportPresence (opt-in: a kernel-only client reports nothing)', () => {
  it('without it a hidden page sends no set_presence; with it, away and online follow the page', async () => {
    let handlers: Required<EnvironmentHandlers> | null = null;
    const t = setup({ environment: { subscribe: (h) => ((handlers = h as Required<EnvironmentHandlers>), () => (handlers = null)) } });
    t.client.joinChat('c1');
    await Promise.resolve();
    const socket = t.fake.last().accept().receive(connected());
    t.setVisible(false);
    handlers!.hidden();
    expect(statuses(socket)).toEqual([]);

    reportPresence(t.client);
    reportPresence(t.client); // twice is once
    // Attached late, it watches the socket already open, and tells it the page is hidden now.
    expect(statuses(socket)).toEqual(['away']);
    t.setVisible(true);
    handlers!.visible();
    t.setVisible(false);
    handlers!.hidden();
    expect(statuses(socket)).toEqual(['away', 'online', 'away']);
    t.setVisible(true);
    handlers!.visible();
    expect(statuses(socket)).toEqual(['away', 'online', 'away', 'online']);
  });

  it('attached while the page is hidden and sockets are open, it says away at once (not at the next change)', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.setVisible(false);
    reportPresence(t.client);
    expect(statuses(socket)).toEqual(['away']);
    const visible = setup();
    const open = await visible.open();
    reportPresence(visible.client);
    expect(statuses(open.socket)).toEqual([]);
  });

  it('refuses anything that is not a client made by createChatClient', () => {
    expect(() => reportPresence({} as never)).toThrowError(expect.objectContaining({ code: 'invalid_argument' }));
  });
});
