import { randomUUID } from 'node:crypto';
import type { HistoryMessage, Message, ReadReceipt } from '../protocol/types.ts';
import type { Db } from './database.ts';
import { MessageHydrator, SELECT_MESSAGE, type MessageRow } from './message-rows.ts';

/** What a new message needs; the repository assigns id, seq, rev and times. */
export interface NewMessage {
  chatId: string;
  senderId: string;
  content: string;
  messageType: string;
  parentMessageId: string | null;
  clientId: string | null;
  /** Uploads to attach, in order; the caller has checked they are the sender's, in this chat and unattached. */
  attachmentIds?: readonly string[];
  /** Member ids the content mentions. */
  mentions?: readonly string[];
}

/** What `insert` did: the message, and for a new reply its parent as it now is. */
export interface InsertResult {
  message: Message;
  created: boolean;
  parent?: Message;
}

/** What `addReceipt` did; `lastReadSeq` is set when the reader's `last_read_seq` moved. */
export interface ReceiptResult {
  receipt: ReadReceipt;
  created: boolean;
  lastReadSeq?: number;
}

/**
 * Messages and read receipts. Every write that must be atomic (seq and rev assignment, idempotency, the parent's
 * reply count) runs in one transaction; better-sqlite3 is synchronous, so nothing interleaves inside it.
 *
 * @example
 * const { message, created } = messages.insert({ chatId, senderId, content: 'hi', messageType: 'text', parentMessageId: null, clientId: 'c1' });
 */
export class MessageRepository {
  readonly hydrator: MessageHydrator;
  private readonly byId;
  private readonly byClientId;
  private readonly latestRow;
  private readonly bumpSeq;
  private readonly bumpRev;
  private readonly insertRow;
  private readonly insertFts;
  private readonly setFtsRowid;
  private readonly attach;
  private readonly bumpReplies;
  private readonly receiptsFor;
  private readonly insertReceipt;
  private readonly receipt;
  private readonly lastRead;
  private readonly raiseLastRead;
  readonly insert: (input: NewMessage) => InsertResult;
  readonly addReceipt: (message: Message, userId: string) => ReceiptResult;

  constructor(db: Db) {
    this.hydrator = new MessageHydrator(db);
    this.byId = db.prepare<[string], MessageRow>(`${SELECT_MESSAGE} WHERE m.id = ?`);
    this.byClientId = db.prepare<[string, string, string], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.chat_id = ? AND m.sender_id = ? AND m.client_id = ?`,
    );
    this.latestRow = db.prepare<[string], MessageRow>(`${SELECT_MESSAGE} WHERE m.chat_id = ? ORDER BY m.seq DESC LIMIT 1`);
    this.bumpSeq = db.prepare<[string, string], { last_seq: number; last_rev: number }>(
      `UPDATE chats SET last_seq = last_seq + 1, last_rev = last_rev + 1, last_activity_at = ? WHERE id = ?
       RETURNING last_seq, last_rev`,
    );
    this.bumpRev = db.prepare<[string], { last_rev: number }>(
      'UPDATE chats SET last_rev = last_rev + 1 WHERE id = ? RETURNING last_rev',
    );
    this.insertRow = db.prepare(
      `INSERT INTO messages (id, chat_id, seq, sender_id, content, message_type, parent_message_id, client_id,
         created_at, updated_at, rev, mentions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertFts = db.prepare('INSERT INTO messages_fts (content, message_id, chat_id) VALUES (?, ?, ?)');
    this.setFtsRowid = db.prepare('UPDATE messages SET fts_rowid = ? WHERE id = ?');
    this.attach = db.prepare('UPDATE uploads SET message_id = ?, position = ? WHERE id = ? AND message_id IS NULL');
    this.bumpReplies = db.prepare(
      `UPDATE messages SET reply_count = reply_count + 1, last_reply_at = ?, updated_at = ?, rev = ? WHERE id = ?`,
    );
    this.receiptsFor = db.prepare<[string], { user_id: string }>(
      'SELECT user_id FROM read_receipts WHERE message_id = ? ORDER BY read_at, user_id',
    );
    this.insertReceipt = db.prepare('INSERT OR IGNORE INTO read_receipts (message_id, user_id, read_at) VALUES (?, ?, ?)');
    this.receipt = db.prepare<[string, string], { read_at: string }>(
      'SELECT read_at FROM read_receipts WHERE message_id = ? AND user_id = ?',
    );
    this.lastRead = db.prepare<[string, string], { last_read_seq: number }>(
      'SELECT last_read_seq FROM chat_members WHERE chat_id = ? AND user_id = ?',
    );
    this.raiseLastRead = db.prepare(
      'UPDATE chat_members SET last_read_seq = MAX(last_read_seq, ?) WHERE chat_id = ? AND user_id = ?',
    );

    this.insert = db.transaction((input: NewMessage): InsertResult => {
      if (input.clientId !== null) {
        const existing = this.byClientId.get(input.chatId, input.senderId, input.clientId);
        if (existing) return { message: this.hydrator.toMessage(existing), created: false };
      }
      const now = new Date().toISOString();
      const bumped = this.bumpSeq.get(now, input.chatId);
      if (!bumped) throw new Error(`chat ${input.chatId} does not exist`);
      const id = randomUUID();
      this.insertRow.run(
        id, input.chatId, bumped.last_seq, input.senderId, input.content, input.messageType,
        input.parentMessageId, input.clientId, now, now, bumped.last_rev, JSON.stringify(input.mentions ?? []),
      );
      const fts = this.insertFts.run(input.content, id, input.chatId);
      this.setFtsRowid.run(fts.lastInsertRowid, id);
      (input.attachmentIds ?? []).forEach((uploadId, position) => {
        if (this.attach.run(id, position, uploadId).changes !== 1) throw new Error(`upload ${uploadId} is not attachable`);
      });
      // Sending is reading: everything up to your own message is behind you.
      this.raiseLastRead.run(bumped.last_seq, input.chatId, input.senderId);
      let parent: Message | undefined;
      if (input.parentMessageId !== null) {
        const rev = this.bumpRev.get(input.chatId)!.last_rev;
        this.bumpReplies.run(now, now, rev, input.parentMessageId);
        parent = this.get(input.parentMessageId);
      }
      return { message: this.get(id)!, created: true, ...(parent ? { parent } : {}) };
    });

    this.addReceipt = db.transaction((message: Message, userId: string): ReceiptResult => {
      const now = new Date().toISOString();
      const created = this.insertReceipt.run(message.id, userId, now).changes === 1;
      let lastReadSeq: number | undefined;
      if (created) {
        const before = this.lastRead.get(message.chat_id, userId)?.last_read_seq ?? 0;
        this.raiseLastRead.run(message.seq, message.chat_id, userId);
        if (message.seq > before) lastReadSeq = message.seq;
      }
      const readAt = created ? now : this.receipt.get(message.id, userId)!.read_at;
      return {
        receipt: { message_id: message.id, user_id: userId, chat_id: message.chat_id, seq: message.seq, read_at: readAt },
        created,
        ...(lastReadSeq !== undefined ? { lastReadSeq } : {}),
      };
    });
  }

  get(id: string): Message | undefined {
    const row = this.byId.get(id);
    return row ? this.hydrator.toMessage(row) : undefined;
  }

  /** The stored row, for checks that need the raw columns (the FTS rowid). */
  row(id: string): MessageRow | undefined {
    return this.byId.get(id);
  }

  /** The message `senderId` stored in `chatId` with `clientId`, if any: a repeat of an acknowledged send. */
  byClient(chatId: string, senderId: string, clientId: string): Message | undefined {
    const row = this.byClientId.get(chatId, senderId, clientId);
    return row ? this.hydrator.toMessage(row) : undefined;
  }

  /** The chat's newest message. */
  latest(chatId: string): Message | undefined {
    const row = this.latestRow.get(chatId);
    return row ? this.hydrator.toMessage(row) : undefined;
  }

  /** The message if it exists and belongs to `chatId`. */
  getInChat(chatId: string, id: string): Message | undefined {
    const message = this.get(id);
    return message?.chat_id === chatId ? message : undefined;
  }

  /** A message as history shows it: with `read_by`. */
  withReadBy(message: Message): HistoryMessage {
    return { ...message, read_by: this.receiptsFor.all(message.id).map((r) => r.user_id) };
  }

  /** The user's own `last_read_seq` in the chat (0 when not a member). */
  lastReadSeq(chatId: string, userId: string): number {
    return this.lastRead.get(chatId, userId)?.last_read_seq ?? 0;
  }
}
