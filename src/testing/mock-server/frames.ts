import type { ClientFrame, ErrorInfo } from '../../core/protocol/types';

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
  chat: new Set(['send_message', 'direct_message', 'typing_indicator', 'read_receipt', 'ping']),
  personal: new Set(['direct_message', 'ping']),
};
const KNOWN = ACCEPTED.chat;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

/** The first rule `data` breaks, as the reference server words it, or null. */
function fieldProblem(type: string, data: Obj): string | null {
  if (type === 'send_message' || type === 'direct_message') {
    if (typeof data.content !== 'string') return 'data.content must be string';
    if (!optional(data.message_type, (v) => v === 'text')) return 'data.message_type must be equal to one of the allowed values: text';
    if (!optional(data.parent_message_id, (v) => v === null || isId(v))) return 'data.parent_message_id must be a string of 1-64 characters or null';
    if (!optional(data.client_id, (v) => typeof v === 'string' && v.length >= 1 && v.length <= CLIENT_ID_MAX)) {
      return `data.client_id must be a string of 1-${CLIENT_ID_MAX} characters`;
    }
    if (type === 'direct_message') {
      if (!isId(data.recipient_id)) return 'data.recipient_id must be a string of 1-64 characters';
      if (!optional(data.chat_id, isId)) return 'data.chat_id must be a string of 1-64 characters';
    }
    if (data.content.trim() === '') return 'data.content must not be empty';
    return null;
  }
  if (type === 'typing_indicator') return typeof data.is_typing === 'boolean' ? null : 'data.is_typing must be boolean';
  if (type === 'read_receipt') return isId(data.message_id) ? null : 'data.message_id must be a string of 1-64 characters';
  if (type === 'ping') return optional(data.ts, (v) => typeof v === 'number') ? null : 'data.ts must be number';
  return null;
}

/**
 * Parses and validates one incoming frame for a socket of `kind`, with the reference server's rules and error codes
 * (docs/protocol.md, sections 2 and 3.6). Never throws.
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
