import type { ChatMessage, ChatSlice } from 'natter';

/**
 * The invariants every chat slice must keep, whatever frames reached it and in whatever order. Throws an `Error`
 * naming the first one broken (property tests report it with the shrunk history).
 *
 * - confirmed messages (seq !== null) first, strictly increasing by seq, each id once, each (sender, client_id) once;
 * - unconfirmed ones after them: the current user's, `pending` or `failed`, keyed on their client id, each once;
 * - no client id both unconfirmed and confirmed (a confirmation replaces its pending copy);
 * - `lastSeq` is the highest seq held (0 when none);
 * - `readBy` lists each reader once per message;
 * - the current user's confirmed messages are `read` exactly when someone has read them, else `delivered` exactly
 *   when their seq is at most `deliveredSeq`, else `sent`; others' are always `sent`;
 * - a confirmed message of mine is keyed on its client id (so its row survives the confirmation), anyone else's on its
 *   id (client ids are only unique per sender);
 *
 * @example
 * expectSliceInvariants(selectChat(client.store.getState(), 'c1'), me.id);
 */
export function expectSliceInvariants(slice: ChatSlice, currentUserId: string): void {
  const fail = (what: string, detail?: unknown): never => {
    throw new Error(`slice invariant broken: ${what}${detail === undefined ? '' : ` — ${JSON.stringify(detail)}`}\n${describeSlice(slice)}`);
  };
  const { confirmed, unconfirmed } = splitSlice(slice);
  if (unconfirmed.some((m) => m.seq !== null)) fail('a confirmed message after an unconfirmed one');

  // `deliveredSeq` (others hold everything up to it) is newer than some slices: absent means nothing delivered.
  const deliveredSeq = (slice as { deliveredSeq?: number }).deliveredSeq ?? 0;
  const ids = new Set<string>();
  const ownClientIds = new Set<string>();
  let previous = 0;
  for (const m of confirmed) {
    if (m.id === null) fail('a confirmed message without an id', m.key);
    if (m.seq! <= previous) fail('confirmed seqs not strictly increasing', confirmed.map((c) => c.seq));
    previous = m.seq!;
    if (ids.has(m.id!)) fail('an id held twice', m.id);
    ids.add(m.id!);
    if (m.client_id !== null) {
      const senderKey = `${m.sender_id}\u0000${m.client_id}`;
      if (ownClientIds.has(senderKey)) fail('a (sender, client_id) held twice', [m.sender_id, m.client_id]);
      ownClientIds.add(senderKey);
    }
    const key = m.sender_id === currentUserId && m.client_id !== null ? m.client_id : m.id;
    if (m.key !== key) fail('a confirmed message keyed on neither its client id (mine) nor its id (others)', m);
    const read = (slice.readBy[m.id!]?.length ?? 0) > 0;
    const delivered = m.seq! <= deliveredSeq;
    const expected = m.sender_id === currentUserId ? (read ? 'read' : delivered ? 'delivered' : 'sent') : 'sent';
    if (m.status !== expected) fail(`message ${m.id} is ${m.status}, expected ${expected}`, slice.readBy[m.id!] ?? []);
  }

  const pendingIds = new Set<string>();
  for (const m of unconfirmed) {
    if (m.id !== null) fail('an unconfirmed message with an id', m.id);
    if (m.status !== 'pending' && m.status !== 'failed') fail('an unconfirmed message neither pending nor failed', m.status);
    if (m.sender_id !== currentUserId) fail('someone else’s unconfirmed message', m.sender_id);
    if (m.client_id === null || m.key !== m.client_id) fail('an unconfirmed message not keyed on its client id', m.key);
    if (pendingIds.has(m.client_id!)) fail('a client id unconfirmed twice', m.client_id);
    pendingIds.add(m.client_id!);
    if (ownClientIds.has(`${currentUserId}\u0000${m.client_id}`)) fail('both a pending copy and its confirmation', m.client_id);
  }

  if (slice.lastSeq !== previous) fail(`lastSeq is ${slice.lastSeq}, the highest seq held is ${previous}`);

  for (const [messageId, readers] of Object.entries(slice.readBy)) {
    if (new Set(readers).size !== readers.length) fail(`a reader twice on ${messageId}`, readers);
  }
}

/** Confirmed messages (the leading run with a seq) and the rest. */
export function splitSlice(slice: ChatSlice): { confirmed: ChatMessage[]; unconfirmed: ChatMessage[] } {
  const firstUnconfirmed = slice.messages.findIndex((m) => m.seq === null);
  const cut = firstUnconfirmed === -1 ? slice.messages.length : firstUnconfirmed;
  return { confirmed: slice.messages.slice(0, cut), unconfirmed: slice.messages.slice(cut) };
}

/** Whether every row key is distinct (React keys the list rows on it). */
export function duplicateKeys(slice: ChatSlice): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const m of slice.messages) {
    if (seen.has(m.key)) duplicates.push(m.key);
    seen.add(m.key);
  }
  return duplicates;
}

/** A one-line-per-row dump of a slice, for failure messages. */
export function describeSlice(slice: ChatSlice): string {
  const rows = slice.messages.map((m) => `  ${m.seq ?? '-'} ${m.id ?? '-'} key=${m.key} from=${m.sender_id} cid=${m.client_id ?? '-'} ${m.status}`);
  return [`lastSeq=${slice.lastSeq} hasOlder=${String(slice.hasOlder)} readBy=${JSON.stringify(slice.readBy)}`, ...rows].join('\n');
}

/** Freezes a value and everything in it, so a reducer that mutates its input throws (the tests run in strict mode). */
export function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    // Recurse even into frozen objects: EMPTY_SLICE is frozen, its arrays are not.
    for (const inner of Object.values(value as object)) deepFreeze(inner, seen);
    Object.freeze(value);
  }
  return value;
}
