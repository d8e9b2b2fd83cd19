import type { Message, ServerFrame, User } from './types';

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
  };
}

const READERS: Record<ServerFrame['type'], (d: Obj) => ServerFrame['data']> = {
  connected: (d) => {
    need(d.socket === 'chat' || d.socket === 'personal', 'data.socket must be "chat" or "personal"');
    need(isStr(d.user_id), 'data.user_id must be a string');
    need(d.last_seq === null || d.last_seq === undefined || (typeof d.last_seq === 'number' && d.last_seq >= 0), 'data.last_seq must be a number or null');
    return d as never;
  },
  new_message: readMessage,
  new_direct_message: readMessage,
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
