import type { ChatMessage } from '../../core/store/chat-slice';

/** Where a message sits in a run of consecutive messages from one sender: styles hide repeated headers by it. */
export type GroupPosition = 'first' | 'middle' | 'last' | 'single';

/**
 * Midnight (local time) of the day a timestamp falls on, in ms: the identity of a day for date separators.
 *
 * @example
 * startOfDay('2026-11-24T15:30:00.000Z') === startOfDay('2026-11-24T09:00:00.000Z'); // in most time zones
 */
export function startOfDay(time: string | number | Date): number {
  const date = new Date(time);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/**
 * The day (`startOfDay`) of `messages[index]` when it starts a new day after the message before it, else null (also
 * for a time it cannot read). The first message starts a day only when `isStart` (nothing older exists): otherwise
 * the day may go on above it.
 *
 * @example
 * const day = dayStartAt(messages, 10, false); // a number: draw a date separator before message 10
 */
export function dayStartAt(messages: readonly ChatMessage[], index: number, isStart: boolean): number | null {
  const message = messages[index];
  const previous = messages[index - 1];
  // A time it cannot read (NaN) starts no day: a separator would throw formatting it.
  const day = message && startOfDay(message.created_at);
  return day && (previous ? startOfDay(previous.created_at) !== day : isStart) ? day : null;
}

/** Whether `next` continues `message`'s group: same sender, same day, within `gapMs`. */
function continues(message: ChatMessage | undefined, next: ChatMessage | undefined, gapMs: number): boolean {
  if (!message || !next || message.sender_id !== next.sender_id || gapMs <= 0) return false;
  const gap = Date.parse(next.created_at) - Date.parse(message.created_at);
  // A date separator always breaks a group, however short the gap across midnight.
  return gap >= 0 && gap <= gapMs && startOfDay(message.created_at) === startOfDay(next.created_at);
}

/**
 * `messages[index]`'s place in its sender's run: consecutive messages from one sender at most `gapMs` apart (and on
 * the same day) form a group. `gapMs` 0 turns grouping off (every message `single`).
 *
 * @example
 * groupPosition(messages, 3, 5 * 60_000); // 'middle'
 */
export function groupPosition(messages: readonly ChatMessage[], index: number, gapMs: number): GroupPosition {
  const message = messages[index];
  const joinsPrevious = continues(messages[index - 1], message, gapMs);
  const joinsNext = continues(message, messages[index + 1], gapMs);
  if (joinsPrevious) return joinsNext ? 'middle' : 'last';
  return joinsNext ? 'first' : 'single';
}
