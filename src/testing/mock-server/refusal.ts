import type { ServerErrorCode } from '../../core/protocol/types';

/**
 * A refusal of a valid-looking frame or scripted action, with the error code the reference server would answer.
 * Frames turn it into an `error` frame echoing the frame's type and `client_id`; the scripting API lets it throw.
 *
 * @example
 * throw new FrameRefusal('not_found', 'Message not found in this chat');
 */
export class FrameRefusal extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FrameRefusal';
  }
}
