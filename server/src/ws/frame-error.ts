import type { ErrorCode, User } from '../protocol/types.ts';
import type { SocketContext } from './frame-handlers.ts';
import type { ClientFrame } from './frames.ts';
import type { Peer } from './hub.ts';

/**
 * A refusal of a valid-looking frame (a missing message, a chat the sender is not in). The session turns it into
 * an `error` frame that echoes the frame's type and `client_id`.
 *
 * @example
 * throw new FrameError('not_found', 'Parent message not found in this chat');
 */
export class FrameError extends Error {
  override readonly name = 'FrameError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Carries out one frame of type `T`. */
export type Handler<T extends ClientFrame['type']> = (
  ctx: SocketContext,
  peer: Peer,
  user: User,
  data: Extract<ClientFrame, { type: T }>['data'],
) => void;

