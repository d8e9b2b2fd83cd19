import { randomUUID } from 'node:crypto';
import type { HistoryMessage, Message, ReadReceipt } from '../protocol/types.ts';
import type { Db } from './database.ts';

interface MessageRow {
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
  u_username: string;
  u_email: string;
  u_is_active: number;
  u_created_at: string;
}

const SELECT_MESSAGE = `
  SELECT m.*, u.username AS u_username, u.email AS u_email, u.is_active AS u_is_active, u.created_at AS u_created_at
  FROM messages m JOIN users u ON u.id = m.sender_id`;

function toMessage(row: MessageRow): Message {
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
  };
}

/** What a new message needs; the repository assigns id, seq and times. */
export interface NewMessage {
  chatId: string;
  senderId: string;
  content: string;
  messageType: string;
  parentMessageId: string | null;
  clientId: string | null;
}

/** A history page: ascending `seq`, with whether more lie beyond it. */
export interface HistoryPage {
  messages: HistoryMessage[];
  has_more: boolean;
}

/**
 * Messages and read receipts. Every write that must be atomic (seq assignment, idempotency) runs in one
 * transaction; better-sqlite3 is synchronous, so nothing interleaves inside it.
 *
 * @example
 * const { message, created } = messages.insert({ chatId, senderId, content: 'hi', messageType: 'text', parentMessageId: null, clientId: 'c1' });
 */
export class MessageRepository {
  private readonly byId;
  private readonly byClientId;
  private readonly bumpSeq;
  private readonly insertRow;
  private readonly backward;
  private readonly forward;
  private readonly receiptsFor;
  private readonly insertReceipt;
  private readonly receipt;
  private readonly raiseLastRead;
  readonly insert: (input: NewMessage) => { message: Message; created: boolean };
  readonly addReceipt: (message: Message, userId: string) => { receipt: ReadReceipt; created: boolean };

  constructor(db: Db) {
    this.byId = db.prepare<[string], MessageRow>(`${SELECT_MESSAGE} WHERE m.id = ?`);
    this.byClientId = db.prepare<[string, string, string], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.chat_id = ? AND m.sender_id = ? AND m.client_id = ?`,
    );
    this.bumpSeq = db.prepare<[string, string], { last_seq: number }>(
      'UPDATE chats SET last_seq = last_seq + 1, last_activity_at = ? WHERE id = ? RETURNING last_seq',
    );
    this.insertRow = db.prepare(
      `INSERT INTO messages (id, chat_id, seq, sender_id, content, message_type, parent_message_id, client_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.backward = db.prepare<[string, number, number], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.chat_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    );
    this.forward = db.prepare<[string, number, number, number], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.chat_id = ? AND m.seq > ? AND m.seq < ? ORDER BY m.seq ASC LIMIT ?`,
    );
    this.receiptsFor = db.prepare<[string], { user_id: string }>(
      'SELECT user_id FROM read_receipts WHERE message_id = ? ORDER BY read_at, user_id',
    );
    this.insertReceipt = db.prepare('INSERT OR IGNORE INTO read_receipts (message_id, user_id, read_at) VALUES (?, ?, ?)');
    this.receipt = db.prepare<[string, string], { read_at: string }>(
      'SELECT read_at FROM read_receipts WHERE message_id = ? AND user_id = ?',
    );
    this.raiseLastRead = db.prepare(
      'UPDATE chat_members SET last_read_seq = MAX(last_read_seq, ?) WHERE chat_id = ? AND user_id = ?',
    );

    this.insert = db.transaction((input: NewMessage) => {
      if (input.clientId !== null) {
        const existing = this.byClientId.get(input.chatId, input.senderId, input.clientId);
        if (existing) return { message: toMessage(existing), created: false };
      }
      const now = new Date().toISOString();
      const bumped = this.bumpSeq.get(now, input.chatId);
      if (!bumped) throw new Error(`chat ${input.chatId} does not exist`);
      const id = randomUUID();
      this.insertRow.run(
        id, input.chatId, bumped.last_seq, input.senderId, input.content, input.messageType,
        input.parentMessageId, input.clientId, now, now,
      );
      return { message: this.get(id)!, created: true };
    });

    this.addReceipt = db.transaction((message: Message, userId: string) => {
      const now = new Date().toISOString();
      const created = this.insertReceipt.run(message.id, userId, now).changes === 1;
      if (created) this.raiseLastRead.run(message.seq, message.chat_id, userId);
      const readAt = created ? now : this.receipt.get(message.id, userId)!.read_at;
      return {
        receipt: { message_id: message.id, user_id: userId, chat_id: message.chat_id, seq: message.seq, read_at: readAt },
        created,
      };
    });
  }

  get(id: string): Message | undefined {
    const row = this.byId.get(id);
    return row ? toMessage(row) : undefined;
  }

  /** The chat's newest message. */
  latest(chatId: string): Message | undefined {
    const row = this.backward.get(chatId, Number.MAX_SAFE_INTEGER, 1);
    return row ? toMessage(row) : undefined;
  }

  /** The message if it exists and belongs to `chatId`. */
  getInChat(chatId: string, id: string): Message | undefined {
    const message = this.get(id);
    return message?.chat_id === chatId ? message : undefined;
  }

  /**
   * A page of history in ascending `seq` (docs/protocol.md, "History paging"). With `after`, reads forward from it;
   * otherwise reads backward from `before` (or the newest).
   */
  history(chatId: string, page: { before?: number; after?: number; limit: number }): HistoryPage {
    const before = page.before ?? Number.MAX_SAFE_INTEGER;
    // One extra row tells whether more lie beyond the page without a second query.
    const rows =
      page.after !== undefined
        ? this.forward.all(chatId, page.after, before, page.limit + 1)
        : this.backward.all(chatId, before, page.limit + 1);
    const has_more = rows.length > page.limit;
    const kept = rows.slice(0, page.limit);
    if (page.after === undefined) kept.reverse();
    const messages = kept.map((row) => ({
      ...toMessage(row),
      read_by: this.receiptsFor.all(row.id).map((r) => r.user_id),
    }));
    return { messages, has_more };
  }
}
