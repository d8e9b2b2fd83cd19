import type { Message, MessageChange, ReactionSummary } from '../protocol/types';
import { indexOfMessage, stateOf, type MessageState } from './chat-message';
import type { ChatMessage, ChatSlice } from './chat-slice';

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
  if (add) {
    if (entry?.user_ids.includes(userId)) return reactions;
    if (!entry) return [...reactions, { emoji, count: 1, user_ids: [userId] }];
    const next = [...reactions];
    next[at] = { emoji, count: entry.count + 1, user_ids: [...entry.user_ids, userId] };
    return next;
  }
  if (!entry?.user_ids.includes(userId)) return reactions;
  const user_ids = entry.user_ids.filter((id) => id !== userId);
  if (user_ids.length === 0) return reactions.filter((_, index) => index !== at);
  const next = [...reactions];
  next[at] = { emoji, count: Math.max(0, entry.count - 1), user_ids };
  return next;
}

/** The message as the current user should see it: the server's copy with the waiting changes on top. */
function view(entry: OptimisticEntry): Partial<ChatMessage> {
  let state = entry.base;
  for (const op of entry.ops) {
    if (op.kind === 'edit') state = { ...state, content: op.content!, edited_at: op.at, updated_at: op.at };
    else if (op.kind === 'delete') {
      state = { ...state, content: '', deleted_at: op.at, updated_at: op.at, reactions: [], attachments: [], mentions: [] };
    } else if (state.deleted_at === null) {
      state = { ...state, reactions: applyReaction(state.reactions, op.emoji!, op.userId, op.kind === 'add_reaction') };
    }
  }
  const last = entry.ops.at(-1);
  return { ...state, change: last ? CHANGE_OF[last.kind] : null };
}

/** Where message `id` is held: in `messages`, its parent's thread, the window of a far jump and/or as a thread's parent. */
function locate(slice: ChatSlice, id: string, seq?: number | null, parentId?: string | null) {
  const inMessages = indexOfMessage(slice.messages, id, seq);
  const inWindow = slice.window ? indexOfMessage(slice.window.messages, id, seq) : -1;
  const asParent = slice.threads[id]?.parent ?? null;
  const known = inMessages !== -1 ? slice.messages[inMessages]! : inWindow !== -1 ? slice.window!.messages[inWindow]! : (asParent ?? undefined);
  let parent = parentId ?? known?.parent_message_id;
  if (parent === undefined) {
    // Held only in a thread: find which.
    parent = Object.keys(slice.threads).find((p) => indexOfMessage(slice.threads[p]!.replies, id, seq) !== -1) ?? null;
  }
  const thread = parent ? slice.threads[parent] : undefined;
  const inThread = thread ? indexOfMessage(thread.replies, id, seq) : -1;
  const held = known ?? (inThread !== -1 ? thread!.replies[inThread]! : null);
  return { id, held, inMessages, parent, inThread, inWindow, asParent: asParent !== null };
}

/** Writes `patch` onto message `id` wherever it is held (the same change in `messages`, its thread, the window). */
function patchHeld(slice: ChatSlice, where: ReturnType<typeof locate>, patch: Partial<ChatMessage>, optimistic = slice.optimistic): ChatSlice {
  let { messages, threads, window } = slice;
  if (where.inMessages !== -1) {
    messages = [...messages];
    messages[where.inMessages] = { ...messages[where.inMessages]!, ...patch };
  }
  if (where.inThread !== -1 && where.parent) {
    const thread = threads[where.parent]!;
    const replies = [...thread.replies];
    replies[where.inThread] = { ...replies[where.inThread]!, ...patch };
    threads = { ...threads, [where.parent]: { ...thread, replies } };
  }
  if (where.inWindow !== -1 && window) {
    const rows = [...window.messages];
    rows[where.inWindow] = { ...rows[where.inWindow]!, ...patch };
    window = { ...window, messages: rows };
  }
  const ownThread = threads[where.id];
  if (where.asParent && ownThread?.parent) threads = { ...threads, [where.id]: { ...ownThread, parent: { ...ownThread.parent, ...patch } } };
  return { ...slice, messages, threads, window, optimistic };
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
    if (!where.held) continue;
    const entry = next.optimistic[copy.id];
    if (!newer(copy, entry ? entry.base : where.held)) continue;
    if (!entry) {
      next = patchHeld(next, where, { ...stateOf(copy), change: null });
      continue;
    }
    const updated = { ...entry, base: stateOf(copy) };
    next = patchHeld(next, where, view(updated), { ...next.optimistic, [copy.id]: updated });
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
  if (!where.held) return slice;
  const current = slice.optimistic[messageId];
  const entry: OptimisticEntry = { base: current?.base ?? stateOf(where.held), ops: [...(current?.ops ?? []), op] };
  return patchHeld(slice, where, view(entry), { ...slice.optimistic, [messageId]: entry });
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
  const entry = slice.optimistic[messageId]!;
  const rest = { base: entry.base, ops: entry.ops.filter((op) => op.opId !== opId) };
  const optimistic = { ...slice.optimistic };
  if (rest.ops.length === 0) delete optimistic[messageId];
  else optimistic[messageId] = rest;
  const where = locate(slice, messageId);
  if (!where.held) return { ...slice, optimistic };
  return patchHeld(slice, where, view(rest), optimistic);
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
  return rev != null && rev > slice.rev ? { ...slice, rev } : slice;
}

/**
 * Moves the current user's own `lastReadSeq` forward; never back.
 *
 * @example
 * slice = advanceLastRead(slice, frame.data.last_read_seq);
 */
export function advanceLastRead(slice: ChatSlice, seq: number | null | undefined): ChatSlice {
  return seq != null && seq > slice.lastReadSeq ? { ...slice, lastReadSeq: seq } : slice;
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
