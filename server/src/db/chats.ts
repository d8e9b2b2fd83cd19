import { randomUUID } from 'node:crypto';
import type { Chat } from '../protocol/types.ts';
import type { Db } from './database.ts';
import type { MessageRepository } from './messages.ts';
import { toUser } from './users.ts';

interface ChatRow {
  id: string;
  name: string | null;
  is_direct: number;
  direct_key: string | null;
  created_by: string;
  created_at: string;
  last_seq: number;
  last_activity_at: string;
  last_rev: number;
}

interface MemberRow {
  id: string;
  username: string;
  email: string;
  is_active: number;
  created_at: string;
  last_read_seq: number;
}

/** The two-person key of a direct chat: order-independent, so a and b share one chat. */
function directKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * Chats and their members.
 *
 * @example
 * const chat = chats.create('Team', ana.id, [bo.id]);
 */
export class ChatRepository {
  private readonly byId;
  private readonly byDirectKey;
  private readonly insertChat;
  private readonly insertMember;
  private readonly members;
  private readonly membership;
  private readonly chatIdsOf;
  private readonly raiseDelivered;
  private readonly delivered;
  private readonly othersDelivered;
  private readonly sendersBetween;
  private readonly unread;
  private readonly coMembers;
  readonly create: (name: string | null, creatorId: string, memberIds: readonly string[]) => Chat;
  readonly getOrCreateDirect: (userId: string, otherId: string) => { chat: Chat; created: boolean };

  constructor(db: Db, private readonly messages: MessageRepository) {
    this.byId = db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE id = ?');
    this.byDirectKey = db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE direct_key = ?');
    this.insertChat = db.prepare(
      `INSERT INTO chats (id, name, is_direct, direct_key, created_by, created_at, last_seq, last_activity_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
    );
    this.insertMember = db.prepare(
      'INSERT OR IGNORE INTO chat_members (chat_id, user_id, joined_at) VALUES (?, ?, ?)',
    );
    this.members = db.prepare<[string], MemberRow>(
      `SELECT u.*, cm.last_read_seq FROM chat_members cm JOIN users u ON u.id = cm.user_id
       WHERE cm.chat_id = ? ORDER BY cm.joined_at, u.username COLLATE NOCASE`,
    );
    this.membership = db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM chat_members WHERE chat_id = ? AND user_id = ?',
    );
    this.chatIdsOf = db.prepare<[string], { id: string }>(
      `SELECT c.id FROM chats c JOIN chat_members cm ON cm.chat_id = c.id
       WHERE cm.user_id = ? ORDER BY c.last_activity_at DESC, c.created_at DESC`,
    );

    this.raiseDelivered = db.prepare(
      'UPDATE chat_members SET last_delivered_seq = MAX(last_delivered_seq, ?) WHERE chat_id = ? AND user_id = ?',
    );
    this.delivered = db.prepare<[string, string], { seq: number }>(
      'SELECT last_delivered_seq AS seq FROM chat_members WHERE chat_id = ? AND user_id = ?',
    );
    this.othersDelivered = db.prepare<[string, string], { seq: number | null }>(
      'SELECT MAX(last_delivered_seq) AS seq FROM chat_members WHERE chat_id = ? AND user_id != ?',
    );
    this.sendersBetween = db.prepare<[string, number, number, string], { sender_id: string }>(
      'SELECT DISTINCT sender_id FROM messages WHERE chat_id = ? AND seq > ? AND seq <= ? AND sender_id != ?',
    );

    this.unread = db.prepare<[string, number, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM messages WHERE chat_id = ? AND seq > ? AND sender_id != ? AND deleted_at IS NULL`,
    );
    this.coMembers = db.prepare<[string], { user_id: string }>(
      `SELECT DISTINCT other.user_id FROM chat_members mine JOIN chat_members other ON other.chat_id = mine.chat_id
       WHERE mine.user_id = ?`,
    );

    const insert = (name: string | null, creatorId: string, memberIds: readonly string[], key: string | null) => {
      const id = randomUUID();
      const now = new Date().toISOString();
      this.insertChat.run(id, name, key === null ? 0 : 1, key, creatorId, now, now);
      for (const userId of new Set([creatorId, ...memberIds])) this.insertMember.run(id, userId, now);
      return id;
    };

    this.create = db.transaction((name, creatorId, memberIds) => this.view(insert(name, creatorId, memberIds, null), creatorId)!);

    this.getOrCreateDirect = db.transaction((userId: string, otherId: string) => {
      const key = directKey(userId, otherId);
      const existing = this.byDirectKey.get(key);
      if (existing) return { chat: this.view(existing.id, userId)!, created: false };
      return { chat: this.view(insert(null, userId, [otherId], key), userId)!, created: true };
    });
  }

  /** The stored row, for checks that need no members. */
  row(chatId: string): ChatRow | undefined {
    return this.byId.get(chatId);
  }

  /** Raises each user's `last_delivered_seq` in the chat to `seq` (never lowers it). */
  markDelivered(chatId: string, userIds: Iterable<string>, seq: number): void {
    for (const userId of userIds) this.raiseDelivered.run(seq, chatId, userId);
  }

  /** The highest seq any member other than `userId` has received: how far `userId`'s own messages got. */
  deliveredSeqFor(chatId: string, userId: string): number {
    return this.othersDelivered.get(chatId, userId)?.seq ?? 0;
  }

  /**
   * A member connected and is about to hold everything up to the chat's last seq: records that, and returns the
   * senders of the messages newly delivered to them, so they can be told.
   */
  connectDelivery(chatId: string, userId: string): { seq: number; senders: string[] } {
    const seq = this.byId.get(chatId)?.last_seq ?? 0;
    const before = this.delivered.get(chatId, userId)?.seq ?? 0;
    if (seq <= before) return { seq, senders: [] };
    const senders = this.sendersBetween.all(chatId, before, seq, userId).map((row) => row.sender_id);
    this.raiseDelivered.run(seq, chatId, userId);
    return { seq, senders };
  }

  /** Whether `userId` may use `chatId`: the one check behind REST's 404/403 and the sockets' 4004/4003. */
  access(chatId: string, userId: string): 'ok' | 'not_found' | 'forbidden' {
    if (!this.byId.get(chatId)) return 'not_found';
    return this.isMember(chatId, userId) ? 'ok' : 'forbidden';
  }

  isMember(chatId: string, userId: string): boolean {
    return this.membership.get(chatId, userId) !== undefined;
  }

  memberIds(chatId: string): string[] {
    return this.members.all(chatId).map((m) => m.id);
  }

  /**
   * Members other than `exceptId` who have not read up to `seq`, with their `last_read_seq`: deleting the message at
   * `seq` lowers their unread count.
   */
  readBehind(chatId: string, seq: number, exceptId: string): { id: string; lastReadSeq: number }[] {
    return this.members
      .all(chatId)
      .filter((m) => m.id !== exceptId && m.last_read_seq < seq)
      .map((m) => ({ id: m.id, lastReadSeq: m.last_read_seq }));
  }

  /** Members' ids and names, for finding `@username` mentions. */
  memberNames(chatId: string): { id: string; username: string }[] {
    return this.members.all(chatId).map((m) => ({ id: m.id, username: m.username }));
  }

  /** The ids of the chats `userId` is in. */
  chatIdsFor(userId: string): string[] {
    return this.chatIdsOf.all(userId).map((row) => row.id);
  }

  /** Everyone who shares a chat with `userId`, `userId` included when in any chat. */
  coMemberIds(userId: string): string[] {
    return this.coMembers.all(userId).map((row) => row.user_id);
  }

  /** Live messages of others after `lastReadSeq` (docs/protocol.md, 9.8). */
  unreadCount(chatId: string, userId: string, lastReadSeq: number): number {
    return this.unread.get(chatId, lastReadSeq, userId)?.n ?? 0;
  }

  /** The chat as `viewerId` sees it (their own `last_read_seq`), or undefined if it does not exist. */
  view(chatId: string, viewerId: string): Chat | undefined {
    const row = this.byId.get(chatId);
    if (!row) return undefined;
    const members = this.members.all(chatId);
    const lastReadSeq = members.find((m) => m.id === viewerId)?.last_read_seq ?? 0;
    return {
      id: row.id,
      name: row.name,
      is_direct: row.is_direct === 1,
      created_by: row.created_by,
      created_at: row.created_at,
      members: members.map(toUser),
      last_seq: row.last_seq,
      last_message: row.last_seq > 0 ? (this.messages.latest(chatId) ?? null) : null,
      last_read_seq: lastReadSeq,
      unread_count: this.unreadCount(chatId, viewerId, lastReadSeq),
    };
  }

  /** Every chat `userId` belongs to, most recent activity first. */
  listFor(userId: string): Chat[] {
    return this.chatIdsOf.all(userId).map(({ id }) => this.view(id, userId)!);
  }
}
