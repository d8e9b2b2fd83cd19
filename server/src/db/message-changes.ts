import type { Message } from '../protocol/types.ts';
import type { Db } from './database.ts';
import type { MessageRepository } from './messages.ts';

/** At most this many distinct emoji on one message (docs/protocol.md, section 7). */
export const MAX_DISTINCT_REACTIONS = 20;

/** What a change did: `changed` bumped the chat's revision; `unchanged` stored nothing (an idempotent repeat). */
export type ChangeResult =
  | { kind: 'changed'; message: Message; parent?: Message }
  | { kind: 'unchanged'; message: Message }
  | { kind: 'limit_reached'; message: Message };

/**
 * Edits, deletions and reactions (docs/protocol.md, 9.2). Each change bumps `chats.last_rev` and stamps the message
 * with it in one transaction, so `?changed_after=` never misses or reorders one. Permission checks are the caller's.
 *
 * @example
 * const result = changes.edit(message, 'fixed typo', []);
 */
export class MessageChanges {
  readonly edit: (message: Message, content: string, mentions: readonly string[]) => ChangeResult;
  readonly remove: (message: Message) => ChangeResult;
  readonly addReaction: (message: Message, userId: string, emoji: string) => ChangeResult;
  readonly removeReaction: (message: Message, userId: string, emoji: string) => ChangeResult;

  constructor(db: Db, messages: MessageRepository) {
    const bumpRev = db.prepare<[string], { last_rev: number }>('UPDATE chats SET last_rev = last_rev + 1 WHERE id = ? RETURNING last_rev');
    const stamp = db.prepare('UPDATE messages SET rev = ?, updated_at = ? WHERE id = ?');
    const setContent = db.prepare('UPDATE messages SET content = ?, mentions = ?, edited_at = ? WHERE id = ?');
    const setFts = db.prepare('UPDATE messages_fts SET content = ? WHERE rowid = ?');
    const tombstone = db.prepare("UPDATE messages SET content = '', mentions = '[]', deleted_at = ? WHERE id = ?");
    const dropFts = db.prepare('DELETE FROM messages_fts WHERE rowid = ?');
    const dropReactions = db.prepare('DELETE FROM reactions WHERE message_id = ?');
    const dropUploads = db.prepare('DELETE FROM uploads WHERE message_id = ?');
    const recount = db.prepare(
      `UPDATE messages SET
         reply_count = (SELECT COUNT(*) FROM messages r WHERE r.parent_message_id = messages.id AND r.deleted_at IS NULL),
         last_reply_at = (SELECT MAX(r.created_at) FROM messages r WHERE r.parent_message_id = messages.id AND r.deleted_at IS NULL)
       WHERE id = ?`,
    );
    const hasReaction = db.prepare<[string, string, string], { one: number }>(
      'SELECT 1 AS one FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?',
    );
    const emojiInUse = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM reactions WHERE message_id = ? AND emoji = ? LIMIT 1');
    const distinctEmoji = db.prepare<[string], { n: number }>('SELECT COUNT(DISTINCT emoji) AS n FROM reactions WHERE message_id = ?');
    const insertReaction = db.prepare('INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)');
    const deleteReaction = db.prepare('DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?');

    /** Gives `id` the chat's next revision and returns the message as it now is. */
    const touch = (chatId: string, id: string, now: string): Message => {
      stamp.run(bumpRev.get(chatId)!.last_rev, now, id);
      return messages.get(id)!;
    };

    this.edit = db.transaction((message: Message, content: string, mentions: readonly string[]): ChangeResult => {
      if (content === message.content) return { kind: 'unchanged', message };
      const now = new Date().toISOString();
      setContent.run(content, JSON.stringify(mentions), now, message.id);
      const ftsRowid = messages.row(message.id)?.fts_rowid;
      if (ftsRowid != null) setFts.run(content, ftsRowid);
      return { kind: 'changed', message: touch(message.chat_id, message.id, now) };
    });

    this.remove = db.transaction((message: Message): ChangeResult => {
      if (message.deleted_at != null) return { kind: 'unchanged', message };
      const now = new Date().toISOString();
      const ftsRowid = messages.row(message.id)?.fts_rowid;
      if (ftsRowid != null) dropFts.run(ftsRowid);
      tombstone.run(now, message.id);
      dropReactions.run(message.id);
      dropUploads.run(message.id);
      const deleted = touch(message.chat_id, message.id, now);
      if (message.parent_message_id === null) return { kind: 'changed', message: deleted };
      recount.run(message.parent_message_id);
      return { kind: 'changed', message: deleted, parent: touch(message.chat_id, message.parent_message_id, now) };
    });

    this.addReaction = db.transaction((message: Message, userId: string, emoji: string): ChangeResult => {
      if (hasReaction.get(message.id, userId, emoji)) return { kind: 'unchanged', message };
      if (!emojiInUse.get(message.id, emoji) && distinctEmoji.get(message.id)!.n >= MAX_DISTINCT_REACTIONS) {
        return { kind: 'limit_reached', message };
      }
      const now = new Date().toISOString();
      insertReaction.run(message.id, userId, emoji, now);
      return { kind: 'changed', message: touch(message.chat_id, message.id, now) };
    });

    this.removeReaction = db.transaction((message: Message, userId: string, emoji: string): ChangeResult => {
      if (deleteReaction.run(message.id, userId, emoji).changes === 0) return { kind: 'unchanged', message };
      return { kind: 'changed', message: touch(message.chat_id, message.id, new Date().toISOString()) };
    });
  }
}
