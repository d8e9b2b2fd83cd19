// Frozen copy of src/core/store/typing.ts at f4d0b69 (before the second size diet): the reference test/core/store/store-differential.test.ts compares the store against. Never edit.
import type { TypingEvent } from '../../../../src/core/protocol/types';
import type { ChatSlice, TypingUser } from './chat-slice';

/**
 * Applies a typing event: `true` adds or refreshes the user until `now + ttlMs`, `false` removes them.
 *
 * @example
 * slice = applyTyping(slice, frame.data, Date.now(), 5000);
 */
export function applyTyping(slice: ChatSlice, event: Pick<TypingEvent, 'user_id' | 'username' | 'is_typing'>, now: number, ttlMs: number): ChatSlice {
  const { user_id, username } = event;
  const expiresAt = now + ttlMs;
  const last = slice.typing.at(-1);
  // A repeat that moves nothing (same user last, same expiry) changes nothing.
  if (event.is_typing && last?.user_id === user_id && last.username === username && last.expiresAt === expiresAt) return slice;
  const next = keepTyping(slice, (t) => t.user_id !== user_id);
  return event.is_typing ? { ...next, typing: [...next.typing, { user_id, username, expiresAt }] } : next;
}

/**
 * Drops typing users whose time ran out.
 *
 * @example
 * slice = expireTyping(slice, Date.now());
 */
export function expireTyping(slice: ChatSlice, now: number): ChatSlice {
  return keepTyping(slice, (t) => t.expiresAt > now);
}

/** The typing users `keep` accepts; `slice` itself when that is all of them. */
function keepTyping(slice: ChatSlice, keep: (typing: TypingUser) => boolean): ChatSlice {
  // Every incoming message clears its sender's typing: with nobody typing, no array is made.
  if (slice.typing.length === 0) return slice;
  const typing = slice.typing.filter(keep);
  return typing.length === slice.typing.length ? slice : { ...slice, typing };
}
