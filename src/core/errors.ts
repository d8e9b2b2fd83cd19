import type { ServerErrorCode } from './protocol/types';

/** Every error the kit reports has one of these codes. */
export type NatterErrorCode =
  | ServerErrorCode
  /** An incoming frame was not valid JSON or had the wrong shape. */
  | 'protocol_error'
  /** The token was refused (4001 / HTTP 401) and could not be renewed. */
  | 'unauthorized'
  /** The server closed or refused for good: not a member (4003), unknown chat (4004). */
  | 'connection_refused'
  /** A request could not reach the server. */
  | 'network_error'
  /** A REST call answered with an error status. */
  | 'http_error'
  /** The caller passed something unusable (empty content, …). */
  | 'invalid_argument'
  /** A sent message was not acknowledged in time (`sendTimeoutMs`). */
  | 'timeout'
  /** Missed messages could not be fetched; the chat is marked `discontinuous` until they are. */
  | 'gap_unfilled'
  /** The saved outbox could not be read or written (the messages still go out from memory). */
  | 'storage_error';

/**
 * The one error type of the kit: branch on `code`, show `message`.
 *
 * @example
 * client.on('error', (error) => { if (error.code === 'rate_limited') showToast(error.message); });
 */
export class NatterError extends Error {
  override readonly name = 'NatterError';

  constructor(
    readonly code: NatterErrorCode,
    message: string,
    readonly details: { status?: number; chatId?: string; clientId?: string; closeCode?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message);
  }
}
