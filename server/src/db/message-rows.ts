import type { Attachment, Message, ReactionSummary } from '../protocol/types.ts';
import type { Db } from './database.ts';

/** A `messages` row joined with its sender's columns (prefixed `u_`). */
export interface MessageRow {
  id: string;
  chat_id: string;
  seq: number;
  sender_id: string;
  content: string;
  message_type: string;
  parent_message_id: string | null;
  client_id: string | null;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  rev: number;
  reply_count: number;
  last_reply_at: string | null;
  mentions: string;
  fts_rowid: number | null;
  u_username: string;
  u_email: string;
  u_is_active: number;
  u_created_at: string;
}

/** Every message read starts here; callers append their own WHERE / ORDER BY. */
export const SELECT_MESSAGE = `
  SELECT m.*, u.username AS u_username, u.email AS u_email, u.is_active AS u_is_active, u.created_at AS u_created_at
  FROM messages m JOIN users u ON u.id = m.sender_id`;

/** An uploaded file's columns that make its `Attachment`. */
export interface AttachmentRow {
  id: string;
  key: string;
  file_name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
}

/**
 * The download address of an upload (docs/protocol.md, section 9.5): a capability URL, the key being the credential.
 *
 * @example
 * fileUrl({ id, file_name: 'a b.png', key }); // "/api/v1/files/{id}/a%20b.png?key=…"
 */
export function fileUrl(row: { id: string; file_name: string; key: string }): string {
  return `/api/v1/files/${row.id}/${encodeURIComponent(row.file_name)}?key=${row.key}`;
}

/**
 * Maps an `uploads` row to the wire Attachment.
 *
 * @example
 * const attachment = toAttachment(row);
 */
export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    file_name: row.file_name,
    content_type: row.content_type,
    size: row.size,
    width: row.width,
    height: row.height,
    url: fileUrl(row),
  };
}

/**
 * Turns message rows into wire Messages with every field of docs/protocol.md section 9.1: reactions and attachments
 * live in their own tables, so each message costs two indexed look-ups.
 *
 * @example
 * const hydrator = new MessageHydrator(db);
 * const message = hydrator.toMessage(row);
 */
export class MessageHydrator {
  private readonly reactionsOf;
  private readonly attachmentsOf;

  constructor(db: Db) {
    this.reactionsOf = db.prepare<[string], { emoji: string; user_id: string }>(
      'SELECT emoji, user_id FROM reactions WHERE message_id = ? ORDER BY rowid',
    );
    this.attachmentsOf = db.prepare<[string], AttachmentRow>(
      `SELECT id, key, file_name, content_type, size, width, height FROM uploads
       WHERE message_id = ? ORDER BY position, created_at`,
    );
  }

  /** One entry per emoji in the order each was first used; users in the order they reacted. */
  reactions(messageId: string): ReactionSummary[] {
    const byEmoji = new Map<string, ReactionSummary>();
    for (const { emoji, user_id } of this.reactionsOf.all(messageId)) {
      let entry = byEmoji.get(emoji);
      if (!entry) byEmoji.set(emoji, (entry = { emoji, count: 0, user_ids: [] }));
      entry.count += 1;
      entry.user_ids.push(user_id);
    }
    return [...byEmoji.values()];
  }

  attachments(messageId: string): Attachment[] {
    return this.attachmentsOf.all(messageId).map(toAttachment);
  }

  toMessage(row: MessageRow): Message {
    const deleted = row.deleted_at !== null;
    return {
      id: row.id,
      chat_id: row.chat_id,
      sender_id: row.sender_id,
      content: row.content,
      message_type: row.message_type,
      parent_message_id: row.parent_message_id,
      created_at: row.created_at,
      updated_at: row.updated_at,
      sender: {
        id: row.sender_id,
        username: row.u_username,
        email: row.u_email,
        is_active: row.u_is_active === 1,
        created_at: row.u_created_at,
      },
      seq: row.seq,
      client_id: row.client_id,
      edited_at: row.edited_at,
      deleted_at: row.deleted_at,
      // A tombstone's reactions and files are deleted with it; skipping the look-ups is only a shortcut.
      reactions: deleted ? [] : this.reactions(row.id),
      reply_count: row.reply_count,
      last_reply_at: row.last_reply_at,
      attachments: deleted ? [] : this.attachments(row.id),
      mentions: JSON.parse(row.mentions) as string[],
      rev: row.rev,
    };
  }
}
