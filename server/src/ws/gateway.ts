import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TokenError } from '../auth/tokens.ts';
import { userForToken } from '../auth/user-for-token.ts';
import { createOriginCheck } from '../origin.ts';
import { CloseCode, type User } from '../protocol/types.ts';
import type { SocketContext } from './frame-handlers.ts';
import type { SocketKind } from './frames.ts';
import { deliverOnConnect } from './delivery.ts';
import { Peer } from './hub.ts';
import { runSession } from './session.ts';

type Route = { kind: 'chat'; chatId: string } | { kind: 'personal'; userId: string };
type Outcome = { user: User } | { close: number; reason: string };

const CHAT_PATH = /^\/api\/v1\/ws\/chat\/([^/]+)$/;
const PERSONAL_PATH = /^\/api\/v1\/ws\/([^/]+)$/;

function matchRoute(pathname: string): Route | undefined {
  try {
    const chat = CHAT_PATH.exec(pathname);
    if (chat) return { kind: 'chat', chatId: decodeURIComponent(chat[1]!) };
    const personal = PERSONAL_PATH.exec(pathname);
    if (personal) return { kind: 'personal', userId: decodeURIComponent(personal[1]!) };
  } catch {
    // A malformed percent-escape is no route at all.
  }
  return undefined;
}

function rejectHandshake(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The socket side of a server: `close()` ends every socket with 1001. */
export interface Gateway {
  close(): Promise<void>;
}

/**
 * Serves the two WebSocket routes of docs/protocol.md on `server`'s port. Authentication happens after the
 * upgrade so browsers see the close code (4001/4003/4004), which a failed handshake cannot carry.
 *
 * @example
 * const gateway = attachGateway(app.server, ctx);
 * await gateway.close();
 */
export function attachGateway(server: Server, ctx: SocketContext): Gateway {
  const { options, log, metrics, hub } = ctx;
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: options.maxPayload,
    perMessageDeflate: options.compression && {
      threshold: options.compression.threshold,
      serverMaxWindowBits: 13,
      zlibDeflateOptions: { memLevel: 7 },
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      concurrencyLimit: 10,
    },
  });
  const isAllowedOrigin = createOriginCheck(options.allowedOrigins);
  let closing = false;

  async function authorize(route: Route, token: string | null): Promise<Outcome> {
    if (!token) return { close: CloseCode.unauthorized, reason: 'Missing token' };
    let user: User;
    try {
      user = await userForToken(ctx, token, 'access');
    } catch (error) {
      if (error instanceof TokenError) return { close: CloseCode.unauthorized, reason: error.message };
      throw error;
    }
    if (route.kind === 'personal') {
      return route.userId === user.id ? { user } : { close: CloseCode.forbidden, reason: 'Not your personal socket' };
    }
    const access = ctx.chats.access(route.chatId, user.id);
    if (access === 'not_found') return { close: CloseCode.notFound, reason: 'Chat not found' };
    if (access === 'forbidden') return { close: CloseCode.forbidden, reason: 'Not a member of this chat' };
    return { user };
  }

  function open(ws: WebSocket, route: Route, user: User): void {
    const chatId = route.kind === 'chat' ? route.chatId : null;
    const peer = new Peer(ws, route.kind as SocketKind, user.id, chatId, options.maxBufferedBytes);
    hub.add(peer);
    runSession(ctx, peer, user);
    log.info({ socket: route.kind, userId: user.id, chatId }, 'socket opened');
    const presenceOf = chatId === null ? ctx.chats.coMemberIds(user.id) : ctx.chats.memberIds(chatId);
    if (!presenceOf.includes(user.id)) presenceOf.push(user.id);
    // `connected` must be the first frame, so this connection is counted online only after it; its own list already
    // shows the user online, as they are from this frame on.
    const now = new Date().toISOString();
    const presence = ctx.presence
      .list(ctx, presenceOf)
      .map((p) => (p.user_id === user.id ? { user_id: user.id, status: 'online' as const, last_seen_at: now } : p));
    peer.send({
      type: 'connected',
      data: {
        socket: route.kind,
        user_id: user.id,
        chat_id: chatId,
        last_seq: chatId === null ? null : (ctx.chats.row(chatId)?.last_seq ?? 0),
        delivered_seq: chatId === null ? null : ctx.chats.deliveredSeqFor(chatId, user.id),
        last_rev: chatId === null ? null : (ctx.chats.row(chatId)?.last_rev ?? 0),
        last_read_seq: chatId === null ? null : ctx.messages.lastReadSeq(chatId, user.id),
        presence,
        server_time: new Date().toISOString(),
        heartbeat_ms: options.heartbeatMs,
        limits: {
          max_content_bytes: options.maxContentBytes,
          max_frame_bytes: options.maxPayload,
          rate_limit: { burst: options.rateLimit.burst, refill_per_second: options.rateLimit.refillPerSecond },
        },
      },
    });
    ctx.presence.connect(ctx, peer);
    if (chatId !== null) deliverOnConnect(ctx, chatId, user.id);
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = matchRoute(url.pathname);
    if (!route) return rejectHandshake(socket, 404, 'Not Found');
    if (!isAllowedOrigin(request.headers.origin)) return rejectHandshake(socket, 403, 'Forbidden');
    if (closing) return rejectHandshake(socket, 503, 'Service Unavailable');
    let outcome: Outcome;
    try {
      outcome = await authorize(route, url.searchParams.get('token'));
    } catch (error) {
      log.error({ err: error }, 'socket authorization failed');
      outcome = { close: CloseCode.internalError, reason: 'Internal error' };
    }
    if (socket.destroyed) return;
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('close', (code) => metrics.closes.inc({ code: String(code) }));
      if ('close' in outcome) {
        log.info({ socket: route.kind, code: outcome.close }, 'socket refused');
        ws.close(outcome.close, outcome.reason);
      } else if (closing) {
        ws.close(CloseCode.goingAway, 'Server shutting down');
      } else {
        try {
          open(ws, route, outcome.user);
        } catch (error) {
          // A database failure here must cost this socket, not the process (this callback is outside any catch).
          log.error({ err: error }, 'socket open failed');
          ws.close(CloseCode.internalError, 'Internal error');
        }
      }
    });
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => void upgrade(request, socket, head);
  server.on('upgrade', onUpgrade);

  // One timer for all sockets: ping each, and end those silent for two intervals (their pong never came).
  const heartbeat = setInterval(() => {
    const deadline = Date.now() - 2 * options.heartbeatMs;
    for (const peer of hub.all) {
      if (peer.lastSeen < deadline) peer.ws.terminate();
      else peer.ws.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    async close() {
      closing = true;
      clearInterval(heartbeat);
      const peers = [...hub.all];
      const closed = peers.map((peer) => new Promise<void>((resolve) => peer.ws.once('close', () => resolve())));
      for (const peer of peers) peer.ws.close(CloseCode.goingAway, 'Server shutting down');
      // A peer that never answers the close handshake must not hold the shutdown hostage.
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
      await Promise.race([Promise.all(closed), timeout]);
      for (const peer of hub.all) peer.ws.terminate();
      wss.close();
    },
  };
}
