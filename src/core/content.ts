import { NatterError, type NatterErrorCode } from './errors';

/** The content limit until the server's `connected` frame says otherwise (docs/protocol.md, section 7). */
export const DEFAULT_MAX_CONTENT_BYTES = 16 * 1024;

/**
 * The size of `text` in UTF-8, the unit of the server's limits.
 *
 * @example
 * byteLength('é'); // 2
 */
export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/**
 * The one check of outgoing text (messages, captions, edits): a string, not blank unless `blankOk`, at most
 * `maxBytes` of UTF-8. Callers differ only in what they call the text, the code when it is too long and the details.
 *
 * @example
 * checkText(caption, 16384, 'caption', true, { chatId }); // throws NatterError('invalid_argument') when too long
 */
export function checkText(
  text: string,
  maxBytes: number,
  label: 'message' | 'caption',
  blankOk: boolean,
  details?: NatterError['details'],
  tooLong: NatterErrorCode = 'invalid_argument',
): void {
  const fail = (code: NatterErrorCode, message: string): never => {
    throw new NatterError(code, message, details);
  };
  if (typeof text !== 'string') fail('invalid_argument', `The ${label} must be a string`);
  if (!blankOk && text.trim() === '') fail('invalid_argument', 'A message needs some text');
  const bytes = byteLength(text);
  if (bytes > maxBytes) fail(tooLong, `The ${label} is ${bytes} bytes; the limit is ${maxBytes}`);
}

/**
 * Checks outgoing content before it is queued: not empty, not over the server's limit.
 *
 * @example
 * validateContent('hi', 16384); // throws NatterError('payload_too_large') when too long
 */
export function validateContent(content: string, maxBytes: number): void {
  checkText(content, maxBytes, 'message', false, undefined, 'payload_too_large');
}
