import type { Attachment, ClientFrame } from './protocol/types';

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
  /** What a file message's row shows (the frame holds only their ids); absent in entries saved by older versions. */
  attachments?: Attachment[];
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
    put: async (entry) => void entries.set(entry.clientId, entry),
    delete: async (clientId) => void entries.delete(clientId),
  };
}

const STORE = 'outbox';

const settle = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * Keeps the outbox in IndexedDB, so messages typed offline are still sent after the page reloads. Every tab of the
 * same user restores the same entries; the server's `client_id` idempotency stores each message once anyway.
 *
 * @example
 * createChatClient({ ...options, outboxStorage: indexedDbOutboxStorage() });
 */
export function indexedDbOutboxStorage(databaseName = 'natter', factory: IDBFactory = globalThis.indexedDB): OutboxStorage {
  let opened: Promise<IDBDatabase> | null = null;
  const open = () => {
    const request = factory.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'clientId' }).createIndex('userId', 'userId');
    return settle(request);
  };
  /** Runs one request on the outbox store (a write unless said otherwise); the database is opened once, on first use. */
  const run = async <T>(use: (store: IDBObjectStore) => IDBRequest<T>, mode: IDBTransactionMode = 'readwrite'): Promise<T> =>
    settle(use((await (opened ??= open())).transaction(STORE, mode).objectStore(STORE)));
  return {
    load: (userId) => run((store) => store.index('userId').getAll(userId), 'readonly'),
    put: async (entry) => void (await run((store) => store.put(entry))),
    delete: async (clientId) => void (await run((store) => store.delete(clientId))),
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
