import type { Message, MessageChange, ReactionSummary } from '../protocol/types';
import { indexOfMessage, newer, patchAt, replaceAt, stateOf, type MessageState } from './chat-message';
import type { ChatMessage, ChatSlice } from './chat-slice';
import { patchThread } from './threads';

/** One optimistic change of the current user, waiting for the server (its `opId` is the frame's `client_id`). */
export interface OptimisticOp {
  opId: string;
  kind: 'edit' | 'delete' | 'add_reaction' | 'remove_reaction';
  /** For `edit`. */
  content?: string;
  /** For reactions. */
  emoji?: string;
  userId: string;
  /** ISO time of the change, shown as `edited_at` / `deleted_at` until the server's copy arrives. */
  at: string;
}

/**
 * A message with optimistic changes: the last server copy (`base`) and the changes shown on top of it, oldest
 * first. Rolling one back recomputes the view from `base` and the others, so it is exact whatever arrived meanwhile.
 */
export interface OptimisticEntry {
  base: MessageState;
  ops: OptimisticOp[];
}

const CHANGE_OF = { edit: 'edit', delete: 'delete', add_reaction: 'reaction', remove_reaction: 'reaction' } as const;

function applyReaction(reactions: ReactionSummary[], emoji: string, userId: string, add: boolean): ReactionSummary[] {
  const at = reactions.findIndex((r) => r.emoji === emoji);
  // An emoji nobody used yet is an empty entry written after the others.
  const { count, user_ids: ids }: Omit<ReactionSummary, 'emoji'> = reactions[at] ?? { count: 0, user_ids: [] };
  // Already as asked: adding a reaction held, removing one not held.
  if (ids.includes(userId) === add) return reactions;
  const user_ids = add ? [...ids, userId] : ids.filter((id) => id !== userId);
  const entry = { emoji, count: add ? count + 1 : Math.max(0, count - 1), user_ids };
  return replaceAt(reactions, at === -1 ? reactions.length : at, user_ids.length > 0 ? entry : null);
}

/** The message as the current user should see it: the server's copy with the waiting changes on top. */
function view({ base, ops }: OptimisticEntry): Partial<ChatMessage> {
  let state = base;
  for (const op of ops) {
    if (op.kind === 'edit') state = { ...state, content: op.content!, edited_at: op.at, updated_at: op.at };
    else if (op.kind === 'delete') {
      state = { ...state, content: '', deleted_at: op.at, updated_at: op.at, reactions: [], attachments: [], mentions: [] };
    } else if (state.deleted_at === null) {
      state = { ...state, reactions: applyReaction(state.reactions, op.emoji!, op.userId, op.kind === 'add_reaction') };
    }
  }
  const last = ops.at(-1);
  return { ...state, change: last ? CHANGE_OF[last.kind] : null };
}

/** Message `id` as held (in `messages`, the window of a far jump, as a thread's parent, else in its thread), and its parent. */
function locate(slice: ChatSlice, id: string, seq?: number | null, parentId?: string | null) {
  const { messages, window, threads } = slice;
  const rows = window?.messages ?? [];
  const known = messages[indexOfMessage(messages, id, seq)] ?? rows[indexOfMessage(rows, id, seq)] ?? threads[id]?.parent;
  // Held only in a thread (or nowhere): find which.
  const parent = parentId ?? (known ? known.parent_message_id : Object.keys(threads).find((p) => indexOfMessage(threads[p]!.replies, id, seq) !== -1) ?? null);
  const replies = (parent && threads[parent]?.replies) || [];
  return { id, seq, parent, held: known ?? replies[indexOfMessage(replies, id, seq)] ?? null };
}

/**
 * Shows `entry` (the server's copy and the changes still waiting) on message `where.id` wherever it is held (in
 * `messages`, its thread, the window, as a thread's parent), and keeps it in `optimistic` while changes wait.
 */
function show(slice: ChatSlice, { id, seq, parent }: ReturnType<typeof locate>, entry: OptimisticEntry): ChatSlice {
  const patch = view(entry);
  // A list that does not hold the message keeps its identity.
  const patched = (list: ChatMessage[]) => {
    const at = indexOfMessage(list, id, seq);
    return at === -1 ? list : patchAt(list, at, patch);
  };
  let { optimistic, window, threads } = slice;
  if (entry.ops.length > 0) optimistic = { ...optimistic, [id]: entry };
  else if (id in optimistic) {
    optimistic = { ...optimistic };
    delete optimistic[id];
  }
  const rows = window && patched(window.messages);
  let next: ChatSlice = { ...slice, optimistic, messages: patched(slice.messages), window: rows && rows !== window!.messages ? { ...window!, messages: rows } : window };
  const replies = parent ? threads[parent]?.replies : undefined;
  const shown = replies && patched(replies);
  if (shown !== replies) next = patchThread(next, parent!, { replies: shown });
  const own = threads[id]?.parent;
  return own ? patchThread(next, id, { parent: { ...own, ...patch } }) : next;
}

/**
 * Applies server copies of messages already held (in `messages`, a thread or the window of a far jump), each only
 * when its `rev` is higher than the copy held (docs/protocol.md, section 9.3). Copies of messages not held are
 * ignored: catch-up pages (`?changed_after=`) may name messages held nowhere. Optimistic changes stay on top of the
 * new copy.
 *
 * @example
 * slice = applyCopies(slice, [frame.data.message]);
 */
export function applyCopies(slice: ChatSlice, copies: readonly Message[]): ChatSlice {
  let next = slice;
  for (const copy of copies) {
    const where = locate(next, copy.id, copy.seq, copy.parent_message_id);
    const entry = next.optimistic[copy.id];
    // Without changes waiting (no ops) `show` writes the copy as it is.
    if (where.held && newer(copy, entry ? entry.base : where.held)) next = show(next, where, { base: stateOf(copy), ops: entry?.ops ?? [] });
  }
  return next;
}

/**
 * Shows one of the current user's changes at once, before the server confirms it. Returns the slice unchanged when
 * the message is not held.
 *
 * @example
 * slice = addOptimistic(slice, messageId, { opId, kind: 'edit', content: 'fixed', userId: me.id, at: now });
 */
export function addOptimistic(slice: ChatSlice, messageId: string, op: OptimisticOp): ChatSlice {
  const where = locate(slice, messageId);
  const current = slice.optimistic[messageId];
  return where.held ? show(slice, where, { base: current?.base ?? stateOf(where.held), ops: [...(current?.ops ?? []), op] }) : slice;
}

/**
 * Ends an optimistic change: confirmed (its server copy is applied first, through `applyCopies`) or refused (rolled
 * back). Either way the message shows the server's copy with the changes still waiting.
 *
 * @example
 * slice = settleOptimistic(slice, opId);
 */
export function settleOptimistic(slice: ChatSlice, opId: string): ChatSlice {
  for (const [id, { base, ops }] of Object.entries(slice.optimistic)) {
    const waiting = ops.filter((op) => op.opId !== opId);
    // Held nowhere any more: `show` then only forgets the change.
    if (waiting.length < ops.length) return show(slice, locate(slice, id), { base, ops: waiting });
  }
  return slice;
}

/**
 * Applies a `message_updated` / `message_deleted` frame: the newer copy, and the end of the current user's change
 * it confirms (its `client_id`).
 *
 * @example
 * slice = applyChange(slice, frame.data, me.id);
 */
export function applyChange(slice: ChatSlice, change: MessageChange, currentUserId: string): ChatSlice {
  const next = applyCopies(slice, [change.message]);
  return change.client_id !== null && change.user_id === currentUserId ? settleOptimistic(next, change.client_id) : next;
}

/**
 * Moves the change watermark (docs/protocol.md, section 9.4) forward; never back.
 *
 * @example
 * slice = advanceRev(slice, frame.data.message.rev);
 */
export function advanceRev(slice: ChatSlice, rev: number | null | undefined): ChatSlice {
  return advance(slice, 'rev', rev);
}

/**
 * Moves the current user's own `lastReadSeq` forward; never back.
 *
 * @example
 * slice = advanceLastRead(slice, frame.data.last_read_seq);
 */
export function advanceLastRead(slice: ChatSlice, seq: number | null | undefined): ChatSlice {
  return advance(slice, 'lastReadSeq', seq);
}

/** Both watermarks only move forward. */
function advance(slice: ChatSlice, field: 'rev' | 'lastReadSeq', value: number | null | undefined): ChatSlice {
  return value != null && value > slice[field] ? { ...slice, [field]: value } : slice;
}

/**
 * The message `id` as held (in `messages`, else in the window, else in a thread), or null.
 *
 * @example
 * const held = findHeld(slice, messageId);
 */
export function findHeld(slice: ChatSlice, id: string): ChatMessage | null {
  return locate(slice, id).held;
}
