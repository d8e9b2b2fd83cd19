import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LIMITS } from '../config.ts';
import type { ClientFrame, ErrorCode } from '../protocol/types.ts';

/** Which socket a frame arrived on. */
export type SocketKind = 'chat' | 'personal';

/** A client frame that passed validation (docs/protocol.md, section 2). */
export type { ClientFrame };

/** Why a frame was refused, with what the error frame echoes back. */
export interface FrameProblem {
  code: ErrorCode;
  message: string;
  frame_type: string | null;
  client_id: string | null;
}

const id = { type: 'string', minLength: 1, maxLength: 64 };
const clientIdSchema = { type: 'string', minLength: 1, maxLength: LIMITS.clientIdMax };
const messageProperties = {
  content: { type: 'string' },
  message_type: { type: 'string', enum: ['text', 'file', 'image'] },
  parent_message_id: { anyOf: [id, { type: 'null' }] },
  client_id: clientIdSchema,
  attachment_ids: { type: 'array', maxItems: LIMITS.attachmentsMax, uniqueItems: true, items: id },
};
// `file` and `image` messages carry 1–10 uploads; a text message carries none.
const attachmentRule = {
  if: { type: 'object', properties: { message_type: { type: 'string', enum: ['file', 'image'] } }, required: ['message_type'] },
  then: { type: 'object', required: ['attachment_ids'], properties: { attachment_ids: { type: 'array', minItems: 1 } } },
  else: { type: 'object', properties: { attachment_ids: { type: 'array', maxItems: 0 } } },
};
const change = (extra: Record<string, object>, required: string[]) => ({
  type: 'object',
  required: ['message_id', ...required],
  properties: { message_id: id, client_id: clientIdSchema, ...extra },
});
const emoji = { type: 'string', minLength: 1 };

// Unknown fields are allowed and ignored, so the seed's `user_id` and future additions never break a client.
const SCHEMAS: Record<ClientFrame['type'], object> = {
  send_message: { type: 'object', required: ['content'], properties: messageProperties, ...attachmentRule },
  direct_message: {
    type: 'object',
    required: ['content', 'recipient_id'],
    properties: { ...messageProperties, recipient_id: id, chat_id: id },
    ...attachmentRule,
  },
  typing_indicator: { type: 'object', required: ['is_typing'], properties: { is_typing: { type: 'boolean' } } },
  read_receipt: { type: 'object', required: ['message_id'], properties: { message_id: id } },
  edit_message: change({ content: { type: 'string' } }, ['content']),
  delete_message: change({}, []),
  add_reaction: change({ emoji }, ['emoji']),
  remove_reaction: change({ emoji }, ['emoji']),
  set_presence: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['online', 'away'] } },
  },
  ping: { type: 'object', properties: { ts: { type: 'number' } } },
};

/** Which frames each socket accepts. */
const ACCEPTED: Record<SocketKind, ReadonlySet<string>> = {
  chat: new Set([
    'send_message', 'direct_message', 'typing_indicator', 'read_receipt', 'ping',
    'edit_message', 'delete_message', 'add_reaction', 'remove_reaction', 'set_presence',
  ]),
  personal: new Set(['direct_message', 'ping', 'set_presence']),
};

/** Largest emoji in UTF-8 bytes (docs/protocol.md, section 7). */
const EMOJI_MAX_BYTES = 64;

const ajv = new Ajv({ allErrors: false, strict: true });
const validators = Object.fromEntries(
  Object.entries(SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]),
) as Record<ClientFrame['type'], ValidateFunction>;

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'data is invalid';
  const path = `data${error.instancePath.replaceAll('/', '.')}`;
  const allowed = error.keyword === 'enum' ? `: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
  return `${path} ${error.message ?? 'is invalid'}${allowed}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses and validates one incoming frame for a socket of `kind`. Never throws: anything wrong becomes a
 * `FrameProblem` with the documented error code.
 *
 * @example
 * const result = parseClientFrame('{"type":"ping"}', 'chat', 16384);
 * if ('problem' in result) sendError(result.problem);
 */
export function parseClientFrame(
  text: string,
  kind: SocketKind,
  maxContentBytes: number,
): { frame: ClientFrame } | { problem: FrameProblem } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return problem('invalid_frame', 'Frame is not valid JSON', null, null);
  }
  if (!isObject(raw) || typeof raw.type !== 'string') {
    return problem('invalid_frame', 'Frame must be a JSON object with a string "type"', null, null);
  }
  const type = raw.type;
  const data = raw.data === undefined && type === 'ping' ? {} : raw.data;
  const clientId = isObject(data) && typeof data.client_id === 'string' ? data.client_id.slice(0, LIMITS.clientIdMax) : null;
  const validate = Object.hasOwn(validators, type) ? validators[type as ClientFrame['type']] : undefined;
  if (!validate) return problem('unknown_type', `Unknown frame type "${type.slice(0, 64)}"`, type.slice(0, 64), clientId);
  if (!ACCEPTED[kind].has(type)) {
    return problem('wrong_socket', `${type} is not accepted on a ${kind} socket`, type, clientId);
  }
  if (!isObject(data)) return problem('invalid_frame', 'data must be an object', type, clientId);
  if (!validate(data)) return problem('invalid_frame', describe(validate.errors?.[0]), type, clientId);
  if (typeof data.emoji === 'string') {
    if (Buffer.byteLength(data.emoji, 'utf8') > EMOJI_MAX_BYTES || /[\s\p{Cc}]/u.test(data.emoji)) {
      return problem('invalid_frame', `data.emoji must be 1–${EMOJI_MAX_BYTES} bytes without white space or control characters`, type, clientId);
    }
  }
  if (typeof data.content === 'string') {
    // A caption is optional on files and images; whether an edit may be empty depends on the message (the handler).
    const mayBeEmpty = type === 'edit_message' || data.message_type === 'file' || data.message_type === 'image';
    if (!mayBeEmpty && data.content.trim() === '') return problem('invalid_frame', 'data.content must not be empty', type, clientId);
    const bytes = Buffer.byteLength(data.content, 'utf8');
    if (bytes > maxContentBytes) {
      return problem('payload_too_large', `data.content is ${bytes} bytes; the limit is ${maxContentBytes}`, type, clientId);
    }
  }
  return { frame: { type, data } as ClientFrame };
}

function problem(code: ErrorCode, message: string, frame_type: string | null, client_id: string | null) {
  return { problem: { code, message, frame_type, client_id } };
}
