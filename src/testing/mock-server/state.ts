import type { Attachment, Message, ReadReceipt, Session, User } from '../../core/protocol/types';
import type { MockChatInput, MockMessageInput, MockUserInput } from './inputs';
import { mentionsIn } from './mentions';
import { MockPresence } from './presence';
import { FrameRefusal } from './refusal';
import { MockTokens } from './tokens';
import { isImageType, MockUploads } from './uploads';

export type { MockChatInput, MockFileInput, MockMessageInput, MockUserInput } from './inputs';

/**
 * A message as the mock stores it: every field of docs/protocol.md 9.1 present, and who read it.
 *
 * @example
 * const { message, readBy } = chat.messages[0]!;
 */
export interface StoredMessage {
  /** Replaced (never mutated) on every change, so a copy handed out earlier keeps its `rev`. */
  message: Required<Message>;
  /** Reader id → read_at, in the order read. */
  readBy: Map<string, string>;
}

/**
 * A chat as the mock holds it (internal; `mock.chat()` returns the REST view).
 *
 * @example
 * const record = state.requireChat('general');
 */
export interface MockChatRecord {
  id: string;
  name: string | null;
  is_direct: boolean;
  created_by: string;
  created_at: string;
  memberIds: string[];
  messages: StoredMessage[];
  /** The chat's revision (docs/protocol.md 9.4): bumped by every change to one of its messages. */
  rev: number;
  lastActivity: number;
  /** Member id → highest seq read (or sent). */
  lastRead: Map<string, number>;
  /** Member id → highest seq handed to one of their sockets (`connected.delivered_seq`, `delivered`). */
  delivered: Map<string, number>;
}

/**
 * What `insertMessage` stores: a message input without the sender, with `attachmentIds` (uploads already made, as
 * `send_message` names them) or `attachments` (files to upload first, as scripts give them).
 *
 * @example
 * state.insertMessage(chat, user, { content: '', attachmentIds: [upload.id] });
 */
export type InsertInput = Omit<MockMessageInput, 'from'> & { attachmentIds?: readonly string[]; messageType?: 'text' | 'file' | 'image' };

/**
 * What `insertMessage` did: the message, whether it is new (false for a repeated `client_id`), the parent it
 * replied to as now counted, and whether the sender's `last_read_seq` moved.
 *
 * @example
 * const { message, created, parent } = state.insertMessage(chat, user, { content: 'hi' });
 */
export interface Inserted {
  message: Required<Message>;
  created: boolean;
  parent: Required<Message> | null;
}

/**
 * A deep copy of a wire object (messages are plain JSON), so what the mock hands out never aliases its state.
 *
 * @example
 * const copy = clone(message);
 */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * A time given as a Date, ISO string or epoch ms, in epoch ms.
 *
 * @example
 * toTime('2026-11-24T09:30:00.000Z'); // 1795512600000
 */
export const toTime = (value: Date | string | number): number => (value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value);

/**
 * The mock's data: users, chats, messages, receipts, uploads, presence and tokens, with the rules of the reference
 * server (per-chat `seq` and `rev` from 1, `client_id` idempotency per sender, one receipt per reader). Ids are
 * deterministic UUIDs, so a story or snapshot renders the same every time.
 *
 * @example
 * const state = new MockState(() => Date.now());
 * const chat = state.addChat({ name: 'general', members: [state.addUser('ana').id] });
 */
export class MockState {
  readonly users = new Map<string, User>();
  readonly chats = new Map<string, MockChatRecord>();
  readonly uploads = new MockUploads(() => this.nextId());
  readonly presence = new MockPresence(() => this.iso());
  private readonly messageIndex = new Map<string, { chat: MockChatRecord; stored: StoredMessage }>();
  private readonly tokens = new MockTokens(() => this.nextId());
  private counter = 0;

  constructor(readonly now: () => number) {}

  /** A deterministic UUID v4-shaped id. */
  nextId(): string {
    this.counter += 1;
    return `00000000-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }

  iso(time: number = this.now()): string {
    return new Date(time).toISOString();
  }

  addUser(input: MockUserInput): User {
    const partial = typeof input === 'string' ? { username: input } : input;
    const existing = this.findUser(partial.username);
    if (existing) return existing;
    const user: User = {
      id: partial.id ?? this.nextId(),
      username: partial.username,
      email: partial.email ?? `${partial.username.toLowerCase()}@natter.invalid`,
      is_active: partial.is_active ?? true,
      created_at: partial.created_at ?? this.iso(),
    };
    this.users.set(user.id, user);
    return user;
  }

  /** By id, else by username (case-insensitive). */
  findUser(ref: string): User | undefined {
    const byId = this.users.get(ref);
    if (byId) return byId;
    const lower = ref.toLowerCase();
    for (const user of this.users.values()) if (user.username.toLowerCase() === lower) return user;
    return undefined;
  }

  requireUser(ref: string): User {
    const user = this.findUser(ref);
    if (!user) throw new Error(`Mock chat server: no user "${ref}" (known: ${[...this.users.values()].map((u) => u.username).join(', ') || 'none'})`);
    return user;
  }

  addChat(input: MockChatInput): MockChatRecord {
    const members = input.members.map((ref) => this.requireUser(ref).id);
    const createdBy = input.createdBy ? this.requireUser(input.createdBy).id : members[0];
    if (!createdBy) throw new Error('Mock chat server: a chat needs at least one member');
    const id = input.id ?? this.nextId();
    if (this.chats.has(id)) throw new Error(`Mock chat server: chat id "${id}" is taken`);
    const now = this.now();
    const chat: MockChatRecord = {
      id,
      name: input.isDirect ? null : input.name,
      is_direct: input.isDirect ?? false,
      created_by: createdBy,
      created_at: this.iso(now),
      memberIds: [...new Set([createdBy, ...members])],
      messages: [],
      rev: 0,
      lastActivity: now,
      lastRead: new Map(),
      delivered: new Map(),
    };
    this.chats.set(id, chat);
    return chat;
  }

  /** By id, else by name. */
  findChat(ref: string): MockChatRecord | undefined {
    return this.chats.get(ref) ?? [...this.chats.values()].find((chat) => chat.name === ref);
  }

  requireChat(ref: string): MockChatRecord {
    const chat = this.findChat(ref);
    if (!chat) throw new Error(`Mock chat server: no chat "${ref}" (known: ${[...this.chats.values()].map((c) => c.name ?? c.id).join(', ') || 'none'})`);
    return chat;
  }

  isMember(chat: MockChatRecord, userId: string): boolean {
    return chat.memberIds.includes(userId);
  }

  members(chat: MockChatRecord): User[] {
    return chat.memberIds.map((id) => this.users.get(id)!);
  }

  /** The two-person chat of `a` and `b`, created when missing. */
  directChat(aId: string, bId: string): { chat: MockChatRecord; created: boolean } {
    for (const chat of this.chats.values()) {
      if (chat.is_direct && chat.memberIds.length === 2 && chat.memberIds.includes(aId) && chat.memberIds.includes(bId)) return { chat, created: false };
    }
    return { chat: this.addChat({ name: null, members: [aId, bId], createdBy: aId, isDirect: true }), created: true };
  }

  /** The message the same sender already stored with `clientId` in `chat`, if any. */
  repeatOf(chat: MockChatRecord, senderId: string, clientId: string | null | undefined): Required<Message> | undefined {
    if (clientId === null || clientId === undefined) return undefined;
    return chat.messages.find((m) => m.message.sender_id === senderId && m.message.client_id === clientId)?.message;
  }

  /**
   * Stores a message with the chat's next `seq` and `rev`: mentions computed, attachments attached, the sender's
   * `last_read_seq` moved to it, and a parent's `reply_count` grown. A repeated `client_id` from the same sender
   * returns the stored one. Throws `FrameRefusal` for a parent or upload that is not in this chat.
   */
  insertMessage(chat: MockChatRecord, sender: User, input: InsertInput): Inserted {
    const repeat = this.repeatOf(chat, sender.id, input.clientId);
    if (repeat) return { message: repeat, created: false, parent: null };
    const parentId = input.parentMessageId ?? null;
    if (parentId !== null && this.messageIndex.get(parentId)?.chat !== chat) throw new FrameRefusal('not_found', 'Parent message not found in this chat');
    const id = this.nextId();
    let attachments: Attachment[] = [];
    if (input.attachmentIds?.length) attachments = this.uploads.attach(input.attachmentIds, chat.id, sender.id, id, input.messageType === 'image');
    else if (input.attachments?.length) attachments = input.attachments.map((file) => this.uploads.storeScripted(chat.id, sender.id, file));
    const time = input.createdAt === undefined ? this.now() : toTime(input.createdAt);
    const at = this.iso(time);
    const message: Required<Message> = {
      id,
      chat_id: chat.id,
      sender_id: sender.id,
      content: input.content,
      message_type: input.messageType ?? (attachments.length === 0 ? 'text' : attachments.every((a) => isImageType(a.content_type)) ? 'image' : 'file'),
      parent_message_id: parentId,
      created_at: at,
      updated_at: at,
      sender: { ...sender },
      seq: chat.messages.length + 1,
      client_id: input.clientId ?? null,
      edited_at: null,
      deleted_at: null,
      reactions: [],
      reply_count: 0,
      last_reply_at: null,
      attachments,
      mentions: mentionsIn(input.content, this.members(chat)),
      rev: (chat.rev += 1),
    };
    const stored: StoredMessage = { message, readBy: new Map() };
    chat.messages.push(stored);
    chat.lastActivity = Math.max(chat.lastActivity, time);
    chat.lastRead.set(sender.id, message.seq);
    this.messageIndex.set(message.id, { chat, stored });
    return { message, created: true, parent: parentId === null ? null : this.recountReplies(parentId) };
  }

  /** Replaces a stored message with `patch` applied, at the chat's next `rev`. */
  revise(messageId: string, patch: Partial<Required<Message>>): Required<Message> {
    const { chat, stored } = this.messageIndex.get(messageId)!;
    stored.message = { ...stored.message, ...patch, updated_at: this.iso(), rev: (chat.rev += 1) };
    return stored.message;
  }

  /** Recounts a message's live replies (`reply_count`, `last_reply_at`) at a new `rev`. */
  recountReplies(parentId: string): Required<Message> {
    const { chat } = this.messageIndex.get(parentId)!;
    const live = chat.messages.filter((m) => m.message.parent_message_id === parentId && m.message.deleted_at === null).map((m) => m.message);
    return this.revise(parentId, { reply_count: live.length, last_reply_at: live.at(-1)?.created_at ?? null });
  }

  findMessage(messageId: string): { chat: MockChatRecord; message: Required<Message> } | undefined {
    const hit = this.messageIndex.get(messageId);
    return hit && { chat: hit.chat, message: hit.stored.message };
  }

  /** The stored row of a message of `chat`, or undefined when it is not one. */
  storedIn(chat: MockChatRecord, messageId: string): StoredMessage | undefined {
    const hit = this.messageIndex.get(messageId);
    return hit?.chat === chat ? hit.stored : undefined;
  }

  /**
   * Stores a receipt once per (message, reader); `created` is false for a repeat, `readMoved` whether the reader's
   * `last_read_seq` grew.
   */
  addReceipt(messageId: string, userId: string): { receipt: ReadReceipt; created: boolean; readMoved: boolean } {
    const hit = this.messageIndex.get(messageId);
    if (!hit) throw new Error(`Mock chat server: no message "${messageId}"`);
    const { chat, stored } = hit;
    const existing = stored.readBy.get(userId);
    const readAt = existing ?? this.iso();
    const before = chat.lastRead.get(userId) ?? 0;
    if (!existing) {
      stored.readBy.set(userId, readAt);
      chat.lastRead.set(userId, Math.max(before, stored.message.seq));
    }
    return {
      receipt: { message_id: messageId, user_id: userId, chat_id: chat.id, seq: stored.message.seq, read_at: readAt },
      created: !existing,
      readMoved: (chat.lastRead.get(userId) ?? 0) > before,
    };
  }

  /** A new access/refresh pair for `user`. */
  issueSession(user: User): Session {
    return this.tokens.issue(user);
  }

  /** The user a token of `kind` belongs to, or undefined (unknown, revoked, other kind, user gone). */
  userForToken(token: string | null | undefined, kind: 'access' | 'refresh'): User | undefined {
    const userId = this.tokens.userIdFor(token, kind);
    return userId === undefined ? undefined : this.users.get(userId);
  }

  /** Forgets every token (of one user): the next socket gets 4001 and REST 401. */
  revokeTokens(userId?: string): void {
    this.tokens.revoke(userId);
  }
}
