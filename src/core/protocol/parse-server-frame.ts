import type { Message, ServerFrame } from './types';

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
/**
 * Reads a value (a field of `parent`): returns it normalised (undefined leaves the field out) or throws a
 * `Refused`. Frames are specs of readers, so one routine validates, defaults and reports for all.
 */
type Reader = (value: unknown, parent: Obj) => unknown;

/**
 * A refused value. Its path is built on the way out, field by field, only when a frame is refused: the readers of
 * a valid frame (every frame, on the hot path) build no strings.
 */
class Refused {
  path = '';
  constructor(readonly what: string) {}
  /** Prefixes the path with the field (`.seq`, `[2]`) the refused value was read from, and passes it on. */
  within(segment: string): Refused {
    this.path = segment + this.path;
    return this;
  }
  /** The refusal, said of the frame's `data`. */
  describe(): string {
    return `data${this.path} must be ${this.what}`;
  }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown) => typeof v === 'string';
const isNum = (v: unknown) => typeof v === 'number';
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isSeq = (v: unknown) => isCount(v) && v !== 0;

const fail = (what: string): never => {
  throw new Refused(what);
};

/** What `read` threw, with `segment` (the field or index it was reading) added to a refusal's path. */
const within = (error: unknown, segment: string) => (error instanceof Refused ? error.within(segment) : error);

/** A required value, kept as it is when `ok`. */
const must =
  (what: string, ok: (v: unknown) => boolean): Reader =>
  (v) =>
    ok(v) ? v : fail(what);

/** Null or missing reads as null. */
const nullable =
  (what: string, ok: (v: unknown) => boolean): Reader =>
  (v) =>
    v == null ? null : ok(v) ? v : fail(`${what} or null`);

/** Missing reads as `fallback`; anything else must pass `read`. */
const optional =
  (read: Reader, fallback: unknown): Reader =>
  (v, parent) =>
    read(v === undefined ? fallback : v, parent);

/** Seed-compatible: a field the seed leaves out (or sends otherwise) reads as `fallback`, never refused. */
const or =
  (fallback: unknown, ok: (v: unknown) => boolean = isStr): Reader =>
  (v) =>
    ok(v) ? v : fallback;

const oneOf = (...values: string[]) => must(`one of ${values.join(', ')}`, (v) => values.includes(v as string));

/** Copies only the fields of `spec` (unknown fields are dropped, so `__proto__` in data reaches nothing). */
const object =
  (spec: Record<string, Reader>): Reader =>
  (v) => {
    if (!isObj(v)) return fail('an object');
    const out: Obj = {};
    let key = '';
    try {
      for (key in spec) {
        const value = spec[key]!(v[key], v);
        if (value !== undefined) out[key] = value;
      }
    } catch (error) {
      throw within(error, `.${key}`);
    }
    return out;
  };

const arrayOf =
  (read: Reader): Reader =>
  (v, parent) => {
    if (!Array.isArray(v)) return fail('an array');
    const out: unknown[] = [];
    let i = 0;
    try {
      for (; i < v.length; i++) out.push(read(v[i], parent));
    } catch (error) {
      throw within(error, `[${i}]`);
    }
    return out;
  };

const string = must('a string', isStr);
const count = must('a non-negative integer', isCount);
const seq = must('a positive integer', isSeq);
const nullableString = nullable('a string', isStr);
const nullableCount = nullable('a non-negative integer', isCount);

const presence = object({ user_id: string, status: oneOf('online', 'away', 'offline'), last_seen_at: nullableString });

const message = object({
  id: string,
  chat_id: string,
  sender_id: string,
  content: string,
  message_type: or('text'),
  parent_message_id: nullableString,
  created_at: string,
  updated_at: (v, parent) => (isStr(v) ? v : parent.created_at),
  sender: object({ id: string, username: string, email: or(''), is_active: (v) => v !== false, created_at: or('') }),
  seq,
  client_id: nullableString,
  // The fields of docs/protocol.md section 9.1, defaulted when a server (the seed's) leaves them out.
  edited_at: nullableString,
  deleted_at: nullableString,
  reactions: optional(arrayOf(object({ emoji: must('a non-empty string', (v) => isStr(v) && v !== ''), count, user_ids: arrayOf(string) })), []),
  reply_count: optional(count, 0),
  last_reply_at: nullableString,
  attachments: optional(
    arrayOf(object({ id: string, file_name: string, content_type: string, size: count, width: nullableCount, height: nullableCount, url: string })),
    [],
  ),
  mentions: optional(arrayOf(string), []),
  rev: optional(count, 0),
});

const change = object({ message, client_id: nullableString, user_id: string, change: oneOf('edit', 'delete', 'reaction', 'reply') });

const connectedFields = object({
  socket: oneOf('chat', 'personal'),
  user_id: string,
  last_seq: must('a number or null', (v) => v == null || (isNum(v) && v >= 0)),
  delivered_seq: nullableCount,
  last_rev: nullableCount,
  last_read_seq: nullableCount,
  presence: optional(arrayOf(presence), []),
});

const FRAMES: Record<ServerFrame['type'], Reader> = {
  // chat_id, server_time, heartbeat_ms and limits pass through as sent.
  connected: (v, parent) => ({ ...(v as Obj), ...(connectedFields(v, parent) as Obj) }),
  new_message: message,
  new_direct_message: message,
  message_updated: change,
  message_deleted: change,
  chat_activity: message,
  presence,
  chat_read: object({ chat_id: string, last_read_seq: count, unread_count: count }),
  typing_indicator: object({ user_id: string, is_typing: must('a boolean', (v) => typeof v === 'boolean'), chat_id: or(''), username: or('') }),
  read_receipt: object({ message_id: string, user_id: string, chat_id: or(''), seq: or(0, isSeq), read_at: or('') }),
  delivered: object({ chat_id: string, seq, user_ids: arrayOf(string) }),
  pong: object({ ts: or(null, isNum), server_time: or('') }),
  error: object({ code: string, message: string, frame_type: or(null), client_id: or(null), retry_after_ms: or(undefined, isNum) }),
};

/**
 * Reads a message, normalising optional seed fields (a missing `parent_message_id` is null). Throws an `Error`
 * naming the bad field (`data.seq must be a positive integer`).
 *
 * @example
 * const message = readMessage(JSON.parse(text));
 */
export function readMessage(d: Obj): Message {
  try {
    return message(d, d) as Message;
  } catch (error) {
    throw error instanceof Refused ? new Error(error.describe()) : error;
  }
}

/**
 * Reads one incoming frame. Never throws: malformed input is reported as `invalid`, and frame types this client
 * does not know are `ignored` (servers may add frames; docs/protocol.md says clients ignore them).
 *
 * @example
 * const parsed = parseServerFrame(event.data);
 * if (parsed.kind === 'frame' && parsed.frame.type === 'new_message') store(parsed.frame.data);
 */
export function parseServerFrame(text: string): ParsedServerFrame {
  const invalid = (reason: FrameIssue['reason'], message: string, type: string | null = null): ParsedServerFrame => ({
    kind: 'invalid',
    issue: { reason, message, type },
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return invalid('invalid_json', 'Frame is not valid JSON');
  }
  if (!isObj(raw) || !isStr(raw.type)) return invalid('invalid_frame', 'Frame must be an object with a string "type"');
  const type = raw.type as ServerFrame['type'];
  if (!Object.hasOwn(FRAMES, type)) return { kind: 'ignored', type };
  try {
    return { kind: 'frame', frame: { type, data: FRAMES[type](raw.data, raw) } as ServerFrame };
  } catch (error) {
    // Only the readers throw here, and each throw names the field it refused.
    return invalid('invalid_frame', `${type}: ${error instanceof Refused ? error.describe() : (error as Error).message}`, type);
  }
}
