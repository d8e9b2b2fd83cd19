import { describe, expect, it } from 'vitest';
import { clientMetrics } from 'natter/features';
import { setup } from '../core/helpers/client-harness';

describe('clientMetrics: counted from the first call', () => {
  it('asked late, it knows the sockets and outboxes as they are, and counts frames from then on', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.client.disconnect('c1');
    t.client.sendMessage('c1', 'waits');
    const metrics = clientMetrics(t.client);
    expect(clientMetrics(t.client)).toBe(metrics);
    expect(metrics.getSnapshot()).toMatchObject({ framesIn: 0, outboxDepth: 1, sockets: { c1: 'closed' } });
    t.client.reconnect('c1');
    await Promise.resolve();
    t.fake.last().accept().receive({ type: 'pong', data: {} });
    expect(metrics.getSnapshot()).toMatchObject({ framesIn: 1 });
    expect(socket).not.toBe(t.fake.last());
  });
});
