import type { ClientFrame, ErrorInfo } from '../../core/protocol/types';
import { emojiProblem } from './message-ops';
import { MAX_ATTACHMENTS } from './uploads';

/**
 * Which socket a frame arrived on.
 *
 * @example
 * const kind: MockSocketKind = 'personal';
 */
export type MockSocketKind = 'chat' | 'personal';

/**
 * A client frame that passed the mock's validation, as the reference server would accept it.
 *
 * @example
 * const frame: ValidClientFrame = { type: 'typing_indicator', data: { is_typing: true } };
 */
export type ValidClientFrame = ClientFrame;

/**
 * Why a frame was refused: the `data` of the `error` frame to answer with.
 *
 * @example
 * const problem: FrameProblem = { code: 'unknown_type', message: 'Unknown frame type "x"', frame_type: 'x', client_id: null };
 */
export type FrameProblem = Omit<ErrorInfo, 'retry_after_ms'>;

const CLIENT_ID_MAX = 64;
const ACCEPTED: Record<MockSocketKind, ReadonlySet<string>> = {
  chat: new Set(['send_message', 'direct_message', 'typing_indicator', 'read_receipt', 'ping', 'edit_message', 'delete_message', 'add_reaction', 'remove_reaction', 'set_presence']),
  personal: new Set(['direct_message', 'ping', 'set_presence']),
};
const WITH_CLIENT_ID = new Set(['send_message', 'direct_message', 'edit_message', 'delete_message', 'add_reaction', 'remove_reaction']);
const KNOWN = ACCEPTED.chat;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

/** The rules of `send_message`/`direct_message` beyond `client_id` (docs/protocol.md 2.1, 9.5). */
function messageProblem(type: string, data: Obj): string | null {
  if (typeof data.content !== 'string') return 'data.content must be string';
  const kind = data.message_type ?? 'text';
  if (kind !== 'text' && kind !== 'file' && kind !== 'image') return 'data.message_type must be equal to one of the allowed values: text, file, image';
  if (!optional(data.parent_message_id, (v) => v === null || isId(v))) return 'data.parent_message_id must be a string of 1-64 characters or null';
  const ids = data.attachment_ids;
  if (!optional(ids, (v) => Array.isArray(v) && v.every(isId))) return 'data.attachment_ids must be an array of ids';
  const count = Array.isArray(ids) ? ids.length : 0;
  if (kind === 'text' && count > 0) return 'data.attachment_ids needs message_type file or image';
  if (kind !== 'text' && (count < 1 || count > MAX_ATTACHMENTS)) return `data.attachment_ids must hold 1-${MAX_ATTACHMENTS} uploads for a ${kind} message`;
  if (type === 'direct_message') {
    if (!isId(data.recipient_id)) return 'data.recipient_id must be a string of 1-64 characters';
    if (!optional(data.chat_id, isId)) return 'data.chat_id must be a string of 1-64 characters';
  }
  if (kind === 'text' && data.content.trim() === '') return 'data.content must not be empty';
  return null;
}

/** The first rule `data` breaks, as the reference server words it, or null. */
function fieldProblem(type: string, data: Obj): string | null {
  if (WITH_CLIENT_ID.has(type) && !optional(data.client_id, (v) => typeof v === 'string' && v.length >= 1 && v.length <= CLIENT_ID_MAX)) {
    return `data.client_id must be a string of 1-${CLIENT_ID_MAX} characters`;
  }
  switch (type) {
    case 'send_message':
    case 'direct_message':
      return messageProblem(type, data);
    case 'typing_indicator':
      return typeof data.is_typing === 'boolean' ? null : 'data.is_typing must be boolean';
    case 'ping':
      return optional(data.ts, (v) => typeof v === 'number') ? null : 'data.ts must be number';
    case 'set_presence':
      return data.status === 'online' || data.status === 'away' ? null : 'data.status must be equal to one of the allowed values: online, away';
  }
  // read_receipt and the message operations of section 9.2 all name a message.
  if (!isId(data.message_id)) return 'data.message_id must be a string of 1-64 characters';
  if (type === 'edit_message' && typeof data.content !== 'string') return 'data.content must be string';
  if (type === 'add_reaction' || type === 'remove_reaction') return emojiProblem(data.emoji);
  return null;
}

/**
 * Parses and validates one incoming frame for a socket of `kind`, with the reference server's rules and error codes
 * (docs/protocol.md, sections 2, 3.7 and 9.2). Never throws.
 *
 * @example
 * const result = parseClientFrame('{"type":"ping"}', 'chat', 16384);
 * if ('problem' in result) send({ type: 'error', data: result.problem });
 */
export function parseClientFrame(raw: unknown, kind: MockSocketKind, maxContentBytes: number): { frame: ValidClientFrame } | { problem: FrameProblem } {
  const problem = (code: ErrorInfo['code'], message: string, frameType: string | null = null, clientId: string | null = null) => ({
    problem: { code, message, frame_type: frameType, client_id: clientId },
  });
  if (typeof raw !== 'string') return problem('invalid_frame', 'Frames are JSON text; binary frames are not accepted');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return problem('invalid_frame', 'Frame is not valid JSON');
  }
  if (!isObj(parsed) || typeof parsed.type !== 'string') return problem('invalid_frame', 'Frame must be a JSON object with a string "type"');
  const type = parsed.type.slice(0, 64);
  const data = parsed.data === undefined && type === 'ping' ? {} : parsed.data;
  const clientId = isObj(data) && typeof data.client_id === 'string' ? data.client_id.slice(0, CLIENT_ID_MAX) : null;
  if (!KNOWN.has(type)) return problem('unknown_type', `Unknown frame type "${type}"`, type, clientId);
  if (!ACCEPTED[kind].has(type)) return problem('wrong_socket', `${type} is not accepted on a ${kind} socket`, type, clientId);
  if (!isObj(data)) return problem('invalid_frame', 'data must be an object', type, clientId);
  const invalid = fieldProblem(type, data);
  if (invalid) return problem('invalid_frame', invalid, type, clientId);
  if (typeof data.content === 'string') {
    const bytes = new TextEncoder().encode(data.content).length;
    if (bytes > maxContentBytes) return problem('payload_too_large', `data.content is ${bytes} bytes; the limit is ${maxContentBytes}`, type, clientId);
  }
  return { frame: { type, data } as ValidClientFrame };
}
