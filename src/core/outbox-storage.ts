import type { ClientFrame } from './protocol/types';

/** One unacknowledged message, as kept across reloads. */
export interface OutboxEntry {
  /** Whose outbox: entries of another user signed in on the same browser are never sent. */
  userId: string;
  clientId: string;
  /** The socket it goes out on: a chat id, or `'personal'`. */
  channel: string;
  frame: Extract<ClientFrame, { type: 'send_message' | 'direct_message' }>;
  /** When it was first sent (ms), to restore the send order. */
  createdAt: number;
}

/**
 * Where the outbox keeps unsent messages. Writes are fire-and-forget for the caller (the client reports failures
 * as errors); `load` runs once, when the client first needs a socket.
 */
export interface OutboxStorage {
  load(userId: string): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(clientId: string): Promise<void>;
}

/**
 * Keeps the outbox in memory: it survives a reconnect, not a reload. The default where there is no IndexedDB.
 *
 * @example
 * createChatClient({ ...options, outboxStorage: memoryOutboxStorage() });
 */
export function memoryOutboxStorage(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  return {
    load: async (userId) => [...entries.values()].filter((entry) => entry.userId === userId),
    put: async (entry) => {
      entries.set(entry.clientId, entry);
    },
    delete: async (clientId) => {
      entries.delete(clientId);
    },
  };
}

const STORE = 'outbox';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Keeps the outbox in IndexedDB, so messages typed offline are still sent after the page reloads. Every tab of the
 * same user restores the same entries; the server's `client_id` idempotency stores each message once anyway.
 *
 * @example
 * createChatClient({ ...options, outboxStorage: indexedDbOutboxStorage() });
 */
export function indexedDbOutboxStorage(databaseName = 'natter', factory: IDBFactory = globalThis.indexedDB): OutboxStorage {
  let opened: Promise<IDBDatabase> | null = null;
  const database = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(databaseName, 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore(STORE, { keyPath: 'clientId' });
        store.createIndex('userId', 'userId');
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    }));
  const store = async (mode: IDBTransactionMode) => (await database()).transaction(STORE, mode).objectStore(STORE);
  return {
    load: async (userId) => request((await store('readonly')).index('userId').getAll(userId)) as Promise<OutboxEntry[]>,
    put: async (entry) => {
      await request((await store('readwrite')).put(entry));
    },
    delete: async (clientId) => {
      await request((await store('readwrite')).delete(clientId));
    },
  };
}

/**
 * IndexedDB where the platform has it, memory elsewhere (Node, some private modes).
 *
 * @example
 * const storage = defaultOutboxStorage();
 */
export function defaultOutboxStorage(): OutboxStorage {
  return typeof globalThis.indexedDB === 'undefined' ? memoryOutboxStorage() : indexedDbOutboxStorage();
}
