import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { indexedDbOutboxStorage, memoryOutboxStorage, type OutboxEntry, type OutboxStorage } from 'natter';

const entry = (clientId: string, userId = 'ana', createdAt = 1): OutboxEntry => ({
  userId,
  clientId,
  channel: 'c1',
  frame: { type: 'send_message', data: { content: `text ${clientId}`, client_id: clientId } },
  createdAt,
});

const implementations: Array<[string, () => OutboxStorage]> = [
  ['memory', () => memoryOutboxStorage()],
  ['IndexedDB', () => indexedDbOutboxStorage('natter-test', new IDBFactory())],
];

describe.each(implementations)('%s outbox storage', (_name, create) => {
  it('keeps entries per user until deleted', async () => {
    const storage = create();
    await storage.put(entry('a'));
    await storage.put(entry('b'));
    await storage.put(entry('x', 'bo'));
    expect((await storage.load('ana')).map((e) => e.clientId).sort()).toEqual(['a', 'b']);
    expect(await storage.load('bo')).toEqual([entry('x', 'bo')]);
    await storage.delete('a');
    expect((await storage.load('ana')).map((e) => e.clientId)).toEqual(['b']);
  });

  it('overwrites an entry put twice (a retry), and deleting an unknown id is harmless', async () => {
    const storage = create();
    await storage.put(entry('a', 'ana', 1));
    await storage.put(entry('a', 'ana', 2));
    await storage.delete('nope');
    expect(await storage.load('ana')).toEqual([entry('a', 'ana', 2)]);
  });
});

describe('IndexedDB outbox storage', () => {
  it('survives a new storage object on the same database (a reload)', async () => {
    const factory = new IDBFactory();
    await indexedDbOutboxStorage('natter', factory).put(entry('kept'));
    expect(await indexedDbOutboxStorage('natter', factory).load('ana')).toEqual([entry('kept')]);
  });
});
