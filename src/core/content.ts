import { NatterError } from './errors';

/** The content limit until the server's `connected` frame says otherwise (docs/protocol.md, section 7). */
export const DEFAULT_MAX_CONTENT_BYTES = 16 * 1024;

/**
 * Checks outgoing content before it is queued: not empty, not over the server's limit.
 *
 * @example
 * validateContent('hi', 16384); // throws NatterError('payload_too_large') when too long
 */
export function validateContent(content: string, maxBytes: number): void {
  if (typeof content !== 'string' || content.trim() === '') {
    throw new NatterError('invalid_argument', 'A message needs some text');
  }
  const bytes = new TextEncoder().encode(content).length;
  if (bytes > maxBytes) {
    throw new NatterError('payload_too_large', `The message is ${bytes} bytes; the limit is ${maxBytes}`);
  }
}
