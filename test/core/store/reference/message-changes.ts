// Frozen copy of src/core/store/message-changes.ts at f4d0b69 (before the second size diet): the reference test/core/store/store-differential.test.ts compares the store against. Never edit.
import type { Message, MessageChange, ReactionSummary } from '../../../../src/core/protocol/types';
import { indexOfMessage, patchAt, replaceAt, stateOf, type MessageState } from './chat-message';
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
  const entry = reactions[at];
  // Already as asked: adding a reaction held, removing one not held.
  if ((entry?.user_ids.includes(userId) ?? false) === add) return reactions;
  if (!entry) return [...reactions, { emoji, count: 1, user_ids: [userId] }];
  const user_ids = add ? [...entry.user_ids, userId] : entry.user_ids.filter((id) => id !== userId);
  const count = add ? entry.count + 1 : Math.max(0, entry.count - 1);
  return replaceAt(reactions, at, user_ids.length > 0 ? { emoji, count, user_ids } : null);
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

/** Where message `id` is held: in `messages`, its parent's thread, the window of a far jump and/or as a thread's parent. */
function locate(slice: ChatSlice, id: string, seq?: number | null, parentId?: string | null) {
  const windowRows = slice.window?.messages ?? [];
  const inMessages = indexOfMessage(slice.messages, id, seq);
  const inWindow = indexOfMessage(windowRows, id, seq);
  const known = slice.messages[inMessages] ?? windowRows[inWindow] ?? slice.threads[id]?.parent;
  // Held only in a thread (or nowhere): find which.
  const parent = parentId ?? (known ? known.parent_message_id : Object.keys(slice.threads).find((p) => indexOfMessage(slice.threads[p]!.replies, id, seq) !== -1) ?? null);
  const replies = parent ? slice.threads[parent]?.replies ?? [] : [];
  const inThread = indexOfMessage(replies, id, seq);
  return { id, held: known ?? replies[inThread] ?? null, inMessages, parent, inThread, inWindow };
}

/**
 * Shows `entry` (the server's copy and the changes still waiting) on message `where.id` wherever it is held (in
 * `messages`, its thread, the window, as a thread's parent), and keeps it in `optimistic` while changes wait.
 */
function show(slice: ChatSlice, where: ReturnType<typeof locate>, entry: OptimisticEntry): ChatSlice {
  const { id, parent, inMessages, inThread, inWindow } = where;
  const patch = view(entry);
  let { optimistic } = slice;
  if (entry.ops.length > 0) optimistic = { ...optimistic, [id]: entry };
  else if (id in optimistic) {
    optimistic = { ...optimistic };
    delete optimistic[id];
  }
  let next: ChatSlice = { ...slice, optimistic };
  if (inMessages !== -1) next.messages = patchAt(next.messages, inMessages, patch);
  if (inWindow !== -1) next.window = { ...next.window!, messages: patchAt(next.window!.messages, inWindow, patch) };
  if (inThread !== -1) next = patchThread(next, parent!, { replies: patchAt(next.threads[parent!]!.replies, inThread, patch) });
  const own = next.threads[id]?.parent;
  return own ? patchThread(next, id, { parent: { ...own, ...patch } }) : next;
}

const newer = (copy: Message, held: { rev?: number }) => (copy.rev ?? 0) > (held.rev ?? 0);

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
  const messageId = Object.keys(slice.optimistic).find((id) => slice.optimistic[id]!.ops.some((op) => op.opId === opId));
  if (messageId === undefined) return slice;
  const { base, ops } = slice.optimistic[messageId]!;
  // Held nowhere any more: `show` then only forgets the change.
  return show(slice, locate(slice, messageId), { base, ops: ops.filter((op) => op.opId !== opId) });
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
