import type { RawData } from 'ws';
import type { User } from '../protocol/types.ts';
import { CloseCode } from '../protocol/types.ts';
import { FrameError, handleFrame, type SocketContext } from './frame-handlers.ts';
import { parseClientFrame, type FrameProblem } from './frames.ts';
import type { Peer } from './hub.ts';
import { ConnectionRateLimiter } from './rate-limiter.ts';

function toText(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}

/**
 * Sends an `error` frame (docs/protocol.md, section 3.6) and counts it.
 *
 * @example
 * sendError(ctx, peer, { code: 'not_found', message: 'Chat not found', frame_type: 'direct_message', client_id: null });
 */
export function sendError(ctx: SocketContext, peer: Peer, problem: FrameProblem, extra: { retry_after_ms?: number } = {}): void {
  ctx.metrics.errors.inc({ code: problem.code });
  peer.send({ type: 'error', data: { ...problem, ...extra } });
}

/**
 * Runs one authenticated socket: each frame is rate-limited, validated and handled in arrival order; every
 * refusal is answered with an error frame and the socket stays open, except for sustained flooding (4008).
 *
 * @example
 * runSession(ctx, peer, user);
 */
export function runSession(ctx: SocketContext, peer: Peer, user: User): void {
  const { ws } = peer;
  const limiter = new ConnectionRateLimiter(ctx.options.rateLimit);

  ws.on('pong', () => {
    peer.lastSeen = Date.now();
  });

  ws.on('message', (raw) => {
    peer.lastSeen = Date.now();
    if (ws.readyState !== ws.OPEN) return;
    const verdict = limiter.check();
    if (verdict.kind === 'close') {
      ws.close(CloseCode.rateLimited, 'Rate limit exceeded');
      return;
    }
    const parsed = parseClientFrame(toText(raw), peer.kind, ctx.options.maxContentBytes);
    const echo =
      'frame' in parsed
        ? { frame_type: parsed.frame.type, client_id: ('client_id' in parsed.frame.data && parsed.frame.data.client_id) || null }
        : { frame_type: parsed.problem.frame_type, client_id: parsed.problem.client_id };
    const known = 'frame' in parsed || parsed.problem.code !== 'unknown_type';
    ctx.metrics.framesReceived.inc({ type: known && echo.frame_type ? echo.frame_type : 'other' });

    if (verdict.kind === 'refuse') {
      const message = `Too many frames: wait ${verdict.retryAfterMs} ms`;
      sendError(ctx, peer, { code: 'rate_limited', message, ...echo }, { retry_after_ms: verdict.retryAfterMs });
      return;
    }
    if ('problem' in parsed) {
      sendError(ctx, peer, parsed.problem);
      return;
    }
    try {
      handleFrame(ctx, peer, user, parsed.frame);
    } catch (error) {
      if (error instanceof FrameError) {
        sendError(ctx, peer, { code: error.code, message: error.message, ...echo });
        return;
      }
      ctx.log.error({ err: error, frameType: parsed.frame.type }, 'frame handler failed');
      sendError(ctx, peer, { code: 'internal_error', message: 'Internal server error; nothing was stored', ...echo });
    }
  });

  ws.on('close', () => {
    ctx.hub.remove(peer);
    try {
      ctx.presence.disconnect(ctx, peer);
    } catch (error) {
      // An exception in an event listener would end the process; presence is already updated in memory.
      ctx.log.error({ err: error, userId: user.id }, 'presence update on close failed');
    }
  });
  ws.on('error', (error) => ctx.log.warn({ err: error, userId: user.id }, 'socket error'));
}
