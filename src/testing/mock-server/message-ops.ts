import type { Message, ReactionSummary } from '../../core/protocol/types';
import { mentionsIn } from './mentions';
import { FrameRefusal } from './refusal';
import type { MockChatRecord, MockState, StoredMessage } from './state';

/**
 * What a message operation did: the message as it now is, whether it changed (a repeat changes nothing and is
 * answered to its sender only), and the parent whose `reply_count` it moved.
 *
 * @example
 * const { message, changed } = editMessage(state, chat, ana.id, id, 'fixed typo');
 */
export interface OpResult {
  message: Required<Message>;
  changed: boolean;
  parent: Required<Message> | null;
}

/**
 * At most this many distinct emoji per message (docs/protocol.md 7).
 *
 * @example
 * if (message.reactions.length >= MAX_DISTINCT_REACTIONS) throw new FrameRefusal('limit_reached', '…');
 */
export const MAX_DISTINCT_REACTIONS = 20;

/**
 * Why `emoji` is not acceptable (1–64 bytes of UTF-8, no white space or control characters), or null.
 *
 * @example
 * emojiProblem('👍'); // null
 */
export function emojiProblem(emoji: unknown): string | null {
  if (typeof emoji !== 'string') return 'data.emoji must be string';
  const bytes = new TextEncoder().encode(emoji).length;
  if (bytes < 1 || bytes > 64) return 'data.emoji must be 1-64 bytes of UTF-8';
  if (/[\s\p{Cc}]/u.test(emoji)) return 'data.emoji must not contain white space or control characters';
  return null;
}

function target(state: MockState, chat: MockChatRecord, messageId: string): StoredMessage {
  const row = state.storedIn(chat, messageId);
  if (!row) throw new FrameRefusal('not_found', 'Message not found in this chat');
  return row;
}

const unchanged = (message: Required<Message>): OpResult => ({ message, changed: false, parent: null });

/**
 * Edits the content of `userId`'s own live message (docs/protocol.md 9.2): `edited_at` and `mentions` change.
 * The same content again changes nothing.
 *
 * @example
 * editMessage(state, chat, ana.id, message.id, 'Lunch at 12:30 instead');
 */
export function editMessage(state: MockState, chat: MockChatRecord, userId: string, messageId: string, content: string): OpResult {
  const { message } = target(state, chat, messageId);
  if (message.sender_id !== userId) throw new FrameRefusal('forbidden', 'Only the author can edit a message');
  if (message.deleted_at !== null) throw new FrameRefusal('not_found', 'The message was deleted');
  if (content.trim() === '' && message.message_type === 'text') throw new FrameRefusal('invalid_frame', 'data.content must not be empty');
  if (content === message.content) return unchanged(message);
  const next = state.revise(messageId, { content, edited_at: state.iso(), mentions: mentionsIn(content, state.members(chat)) });
  return { message: next, changed: true, parent: null };
}

/**
 * Turns `userId`'s own message into a tombstone (docs/protocol.md 9.1): empty content, attachments, reactions and
 * mentions, its files gone; its parent's `reply_count` drops. Deleting a tombstone again changes nothing.
 *
 * @example
 * const { message, parent } = deleteMessage(state, chat, ana.id, reply.id);
 */
export function deleteMessage(state: MockState, chat: MockChatRecord, userId: string, messageId: string): OpResult {
  const { message } = target(state, chat, messageId);
  if (message.sender_id !== userId) throw new FrameRefusal('forbidden', 'Only the author can delete a message');
  if (message.deleted_at !== null) return unchanged(message);
  // As the server: a deleted message's files go too, and their links answer 404.
  state.uploads.forget(message.attachments.map((a) => a.id));
  const next = state.revise(messageId, { content: '', attachments: [], reactions: [], mentions: [], deleted_at: state.iso() });
  return { message: next, changed: true, parent: message.parent_message_id === null ? null : state.recountReplies(message.parent_message_id) };
}

/**
 * Adds `userId`'s `emoji` to a live message: a new emoji goes last, a new reactor last in its entry; at most 20
 * distinct emoji (`limit_reached`). Adding one you already have changes nothing.
 *
 * @example
 * addReaction(state, chat, ben.id, message.id, '🎉');
 */
export function addReaction(state: MockState, chat: MockChatRecord, userId: string, messageId: string, emoji: string): OpResult {
  const problem = emojiProblem(emoji);
  if (problem) throw new FrameRefusal('invalid_frame', problem);
  const { message } = target(state, chat, messageId);
  if (message.deleted_at !== null) throw new FrameRefusal('not_found', 'The message was deleted');
  const entry = message.reactions.find((r) => r.emoji === emoji);
  if (entry?.user_ids.includes(userId)) return unchanged(message);
  if (!entry && message.reactions.length >= MAX_DISTINCT_REACTIONS) {
    throw new FrameRefusal('limit_reached', `A message has at most ${MAX_DISTINCT_REACTIONS} distinct reactions`);
  }
  const reactions: ReactionSummary[] = entry
    ? message.reactions.map((r) => (r === entry ? { emoji, count: r.count + 1, user_ids: [...r.user_ids, userId] } : r))
    : [...message.reactions, { emoji, count: 1, user_ids: [userId] }];
  return { message: state.revise(messageId, { reactions }), changed: true, parent: null };
}

/**
 * Removes `userId`'s `emoji` from a live message; an emoji nobody uses any more disappears. Removing one you do not
 * have changes nothing.
 *
 * @example
 * removeReaction(state, chat, ben.id, message.id, '🎉');
 */
export function removeReaction(state: MockState, chat: MockChatRecord, userId: string, messageId: string, emoji: string): OpResult {
  const problem = emojiProblem(emoji);
  if (problem) throw new FrameRefusal('invalid_frame', problem);
  const { message } = target(state, chat, messageId);
  // As the server: a tombstone has no reactions to take back (docs/protocol.md 9.2, "as add_reaction").
  if (message.deleted_at !== null) throw new FrameRefusal('not_found', 'The message was deleted');
  const entry = message.reactions.find((r) => r.emoji === emoji);
  if (!entry?.user_ids.includes(userId)) return unchanged(message);
  const reactions = message.reactions
    .map((r) => (r === entry ? { emoji, count: r.count - 1, user_ids: r.user_ids.filter((id) => id !== userId) } : r))
    .filter((r) => r.count > 0);
  return { message: state.revise(messageId, { reactions }), changed: true, parent: null };
}
