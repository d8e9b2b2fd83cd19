import type { Attachment, ConnectedInfo, Message, MessageChange, Presence, ReactionSummary, ServerFrame, User } from './types';

/** Why an incoming frame was refused. */
export interface FrameIssue {
  /** `invalid_json`: not JSON; `invalid_frame`: JSON of the wrong shape. */
  reason: 'invalid_json' | 'invalid_frame';
  message: string;
  /** The frame's `type`, when it could be read. */
  type: string | null;
}

/** The outcome of reading one incoming frame. */
export type ParsedServerFrame =
  | { kind: 'frame'; frame: ServerFrame }
  | { kind: 'ignored'; type: string }
  | { kind: 'invalid'; issue: FrameIssue };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNullableStr = (v: unknown): v is string | null | undefined => v == null || typeof v === 'string';
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const CHANGES: ReadonlySet<unknown> = new Set(['edit', 'delete', 'reaction', 'reply']);
const STATUSES: ReadonlySet<unknown> = new Set(['online', 'away', 'offline']);

class Invalid extends Error {}

function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Invalid(what);
}

function readUser(v: unknown, path: string): User {
  need(isObj(v), `${path} must be an object`);
  need(isStr(v.id) && isStr(v.username), `${path}.id and ${path}.username must be strings`);
  return {
    id: v.id,
    username: v.username,
    email: isStr(v.email) ? v.email : '',
    is_active: v.is_active !== false,
    created_at: isStr(v.created_at) ? v.created_at : '',
  };
}

/** Reads a message, normalising optional seed fields (a missing `parent_message_id` is null). */
export function readMessage(d: Obj): Message {
  need(isStr(d.id) && isStr(d.chat_id) && isStr(d.sender_id), 'data.id, data.chat_id and data.sender_id must be strings');
  need(isStr(d.content), 'data.content must be a string');
  need(isSeq(d.seq), 'data.seq must be a positive integer');
  need(isNullableStr(d.parent_message_id) && isNullableStr(d.client_id), 'data.parent_message_id and data.client_id must be strings or null');
  need(isStr(d.created_at), 'data.created_at must be a string');
  return {
    id: d.id,
    chat_id: d.chat_id,
    sender_id: d.sender_id,
    content: d.content,
    message_type: isStr(d.message_type) ? d.message_type : 'text',
    parent_message_id: d.parent_message_id ?? null,
    created_at: d.created_at,
    updated_at: isStr(d.updated_at) ? d.updated_at : d.created_at,
    sender: readUser(d.sender, 'data.sender'),
    seq: d.seq,
    client_id: d.client_id ?? null,
    ...readRichFields(d),
  };
}

/** The fields of docs/protocol.md section 9.1, defaulted when a server (the seed's) leaves them out. */
function readRichFields(d: Obj): Required<Pick<Message, 'edited_at' | 'deleted_at' | 'reactions' | 'reply_count' | 'last_reply_at' | 'attachments' | 'mentions' | 'rev'>> {
  need(isNullableStr(d.edited_at) && isNullableStr(d.deleted_at) && isNullableStr(d.last_reply_at), 'data.edited_at, data.deleted_at and data.last_reply_at must be strings or null');
  need(d.reply_count === undefined || isCount(d.reply_count), 'data.reply_count must be a non-negative integer');
  need(d.rev === undefined || isCount(d.rev), 'data.rev must be a non-negative integer');
  need(d.mentions === undefined || isStrArray(d.mentions), 'data.mentions must be an array of strings');
  need(d.reactions === undefined || Array.isArray(d.reactions), 'data.reactions must be an array');
  need(d.attachments === undefined || Array.isArray(d.attachments), 'data.attachments must be an array');
  return {
    edited_at: d.edited_at ?? null,
    deleted_at: d.deleted_at ?? null,
    reactions: ((d.reactions as unknown[] | undefined) ?? []).map((r, i) => readReaction(r, `data.reactions[${i}]`)),
    reply_count: (d.reply_count as number | undefined) ?? 0,
    last_reply_at: d.last_reply_at ?? null,
    attachments: ((d.attachments as unknown[] | undefined) ?? []).map((a, i) => readAttachment(a, `data.attachments[${i}]`)),
    mentions: (d.mentions as string[] | undefined) ?? [],
    rev: (d.rev as number | undefined) ?? 0,
  };
}

function readReaction(v: unknown, path: string): ReactionSummary {
  need(isObj(v) && isStr(v.emoji) && v.emoji !== '', `${path}.emoji must be a non-empty string`);
  need(isCount(v.count) && isStrArray(v.user_ids), `${path}.count must be a non-negative integer and ${path}.user_ids an array of strings`);
  return { emoji: v.emoji, count: v.count, user_ids: v.user_ids };
}

function readAttachment(v: unknown, path: string): Attachment {
  need(isObj(v), `${path} must be an object`);
  for (const field of ['id', 'file_name', 'content_type', 'url'] as const) need(isStr(v[field]), `${path}.${field} must be a string`);
  need(isCount(v.size), `${path}.size must be a non-negative integer`);
  need((v.width == null || isCount(v.width)) && (v.height == null || isCount(v.height)), `${path}.width and height must be integers or null`);
  const { id, file_name, content_type, url } = v as Record<'id' | 'file_name' | 'content_type' | 'url', string>;
  return { id, file_name, content_type, size: v.size, width: (v.width as number | null | undefined) ?? null, height: (v.height as number | null | undefined) ?? null, url };
}

function readPresence(v: unknown, path: string): Presence {
  need(isObj(v) && isStr(v.user_id), `${path}.user_id must be a string`);
  need(STATUSES.has(v.status), `${path}.status must be "online", "away" or "offline"`);
  need(isNullableStr(v.last_seen_at), `${path}.last_seen_at must be a string or null`);
  return { user_id: v.user_id, status: v.status as Presence['status'], last_seen_at: v.last_seen_at ?? null };
}

function readChange(d: Obj): MessageChange {
  need(isObj(d.message), 'data.message must be an object');
  need(isNullableStr(d.client_id) && isStr(d.user_id), 'data.client_id must be a string or null and data.user_id a string');
  need(CHANGES.has(d.change), 'data.change must be "edit", "delete", "reaction" or "reply"');
  let message: Message;
  try {
    message = readMessage(d.message);
  } catch (error) {
    if (error instanceof Invalid) throw new Invalid(error.message.replaceAll('data.', 'data.message.'));
    throw error;
  }
  return { message, client_id: d.client_id ?? null, user_id: d.user_id, change: d.change as MessageChange['change'] };
}

const isNullableCount = (v: unknown) => v === null || v === undefined || isCount(v);

function readConnected(d: Obj): ConnectedInfo {
  need(d.socket === 'chat' || d.socket === 'personal', 'data.socket must be "chat" or "personal"');
  need(isStr(d.user_id), 'data.user_id must be a string');
  need(d.last_seq === null || d.last_seq === undefined || (typeof d.last_seq === 'number' && d.last_seq >= 0), 'data.last_seq must be a number or null');
  need(isNullableCount(d.last_rev), 'data.last_rev must be a non-negative integer or null');
  need(isNullableCount(d.last_read_seq), 'data.last_read_seq must be a non-negative integer or null');
  need(isNullableCount(d.delivered_seq), 'data.delivered_seq must be a non-negative integer or null');
  need(d.presence === undefined || Array.isArray(d.presence), 'data.presence must be an array');
  return {
    ...(d as unknown as ConnectedInfo),
    delivered_seq: (d.delivered_seq as number | null | undefined) ?? null,
    last_rev: (d.last_rev as number | null | undefined) ?? null,
    last_read_seq: (d.last_read_seq as number | null | undefined) ?? null,
    presence: ((d.presence as unknown[] | undefined) ?? []).map((p, i) => readPresence(p, `data.presence[${i}]`)),
  };
}

const READERS: Record<ServerFrame['type'], (d: Obj) => ServerFrame['data']> = {
  connected: readConnected,
  new_message: readMessage,
  new_direct_message: readMessage,
  message_updated: readChange,
  message_deleted: readChange,
  chat_activity: readMessage,
  presence: (d) => readPresence(d, 'data'),
  chat_read: (d) => {
    need(isStr(d.chat_id), 'data.chat_id must be a string');
    need(isCount(d.last_read_seq) && isCount(d.unread_count), 'data.last_read_seq and data.unread_count must be non-negative integers');
    return { chat_id: d.chat_id, last_read_seq: d.last_read_seq, unread_count: d.unread_count };
  },
  typing_indicator: (d) => {
    need(isStr(d.user_id) && typeof d.is_typing === 'boolean', 'data.user_id must be a string and data.is_typing a boolean');
    return { user_id: d.user_id, is_typing: d.is_typing, chat_id: isStr(d.chat_id) ? d.chat_id : '', username: isStr(d.username) ? d.username : '' };
  },
  read_receipt: (d) => {
    need(isStr(d.message_id) && isStr(d.user_id), 'data.message_id and data.user_id must be strings');
    return {
      message_id: d.message_id,
      user_id: d.user_id,
      chat_id: isStr(d.chat_id) ? d.chat_id : '',
      seq: isSeq(d.seq) ? d.seq : 0,
      read_at: isStr(d.read_at) ? d.read_at : '',
    };
  },
  delivered: (d) => {
    need(isStr(d.chat_id) && isSeq(d.seq), 'data.chat_id must be a string and data.seq a positive integer');
    need(Array.isArray(d.user_ids) && d.user_ids.every(isStr), 'data.user_ids must be an array of strings');
    return { chat_id: d.chat_id, seq: d.seq, user_ids: d.user_ids as string[] };
  },
  pong: (d) => ({ ts: typeof d.ts === 'number' ? d.ts : null, server_time: isStr(d.server_time) ? d.server_time : '' }),
  error: (d) => {
    need(isStr(d.code) && isStr(d.message), 'data.code and data.message must be strings');
    return {
      code: d.code as never,
      message: d.message,
      frame_type: isStr(d.frame_type) ? d.frame_type : null,
      client_id: isStr(d.client_id) ? d.client_id : null,
      ...(typeof d.retry_after_ms === 'number' ? { retry_after_ms: d.retry_after_ms } : {}),
    };
  },
};

/**
 * Reads one incoming frame. Never throws: malformed input is reported as `invalid`, and frame types this client
 * does not know are `ignored` (servers may add frames; docs/protocol.md says clients ignore them).
 *
 * @example
 * const parsed = parseServerFrame(event.data);
 * if (parsed.kind === 'frame' && parsed.frame.type === 'new_message') store(parsed.frame.data);
 */
export function parseServerFrame(text: string): ParsedServerFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', issue: { reason: 'invalid_json', message: 'Frame is not valid JSON', type: null } };
  }
  if (!isObj(raw) || !isStr(raw.type)) {
    return { kind: 'invalid', issue: { reason: 'invalid_frame', message: 'Frame must be an object with a string "type"', type: null } };
  }
  const type = raw.type;
  if (!Object.hasOwn(READERS, type)) return { kind: 'ignored', type };
  try {
    need(isObj(raw.data), 'data must be an object');
    const data = READERS[type as ServerFrame['type']](raw.data);
    return { kind: 'frame', frame: { type, data } as ServerFrame };
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return { kind: 'invalid', issue: { reason: 'invalid_frame', message: `${type}: ${error.message}`, type } };
  }
}
