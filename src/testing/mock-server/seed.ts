import type { Message, User } from '../../core/protocol/types';
import { clone, toTime, type MockChatRecord, type MockState } from './state';

const SAMPLE_LINES = [
  'Morning! Did the build go green?',
  'Yes, all checks passed on the second run.',
  'Great. Can someone review the migration?',
  'On it after lunch.',
  'The staging deploy looks fine to me.',
  'Let us ship it tomorrow then.',
  'I left two small comments, nothing blocking.',
  'Thanks, fixed both.',
];

/**
 * How `seedChat` writes its messages.
 *
 * @example
 * const options: SeedOptions = { from: ['ana'], intervalMs: 1000 };
 */
export interface SeedOptions {
  /** Senders in turn (usernames or ids); default the members. */
  from?: string[];
  content?: (index: number, sender: User) => string;
  /** Time between messages; default one minute. */
  intervalMs?: number;
  /** When the last one was sent; default now. */
  endAt?: Date | string | number;
}

/**
 * Stores `n` messages silently, from the members in turn (or `from`), one `intervalMs` apart and ending now.
 *
 * @example
 * seedChat(state, state.requireChat('general'), 40);
 */
export function seedChat(state: MockState, chat: MockChatRecord, n: number, options: SeedOptions = {}): Array<Required<Message>> {
  const senders = (options.from ?? chat.memberIds).map((ref) => state.requireUser(ref));
  const intervalMs = options.intervalMs ?? 60_000;
  const end = options.endAt === undefined ? state.now() : toTime(options.endAt);
  const out: Array<Required<Message>> = [];
  for (let i = 0; i < n; i += 1) {
    const sender = senders[i % senders.length]!;
    const content = options.content?.(i, sender) ?? `${SAMPLE_LINES[(chat.messages.length + i) % SAMPLE_LINES.length]} (#${chat.messages.length + 1})`;
    out.push(clone(state.insertMessage(chat, sender, { content, createdAt: end - (n - 1 - i) * intervalMs }).message));
  }
  return out;
}
