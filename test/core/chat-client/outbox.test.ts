import { describe, expect, it } from 'vitest';
import { memoryOutboxStorage, type OutboxEntry, type OutboxStorage } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { ME, setup, waitFor } from '../helpers/client-harness';

describe('createChatClient: the saved outbox', () => {
  it('an entry it cannot restore (saved by another version, say) is reported as storage_error, not an unhandled rejection', async () => {
    const memory = memoryOutboxStorage();
    const broken = { userId: ME.id, clientId: 'old', channel: 'c1', frame: { type: 'send_message' }, createdAt: 1 } as unknown as OutboxEntry;
    const storage: OutboxStorage = { ...memory, load: async () => [broken] };
    const t = setup({ outboxStorage: storage });
    t.client.joinChat('c1');
    await flushMicrotasks();
    await waitFor(() => expect(t.errors.map((e) => e.code)).toEqual(['storage_error']));
    // The client still works.
    const clientId = t.client.sendMessage('c1', 'after');
    expect(t.slice().messages.map((m) => m.key)).toEqual([clientId]);
  });
});
