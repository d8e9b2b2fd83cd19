import { CloseCode, type ErrorInfo, type ServerErrorCode, type ServerFrame } from '../../core/protocol/types';
import { MockFanOut } from './fan-out';
import { handleFrame, type FrameContext, type Peer, type SendFailure } from './frame-handlers';
import { parseClientFrame, type MockSocketKind } from './frames';
import { FrameRefusal } from './refusal';
import type { MockReceivedFrame, MockSocketFilter, MockSocketInfo, MockSocketOptions, WsClient } from './socket-types';
import type { MockChatRecord, MockState } from './state';

export type { MockReceivedFrame, MockSocketFilter, MockSocketInfo, MockSocketOptions, WsClient } from './socket-types';

interface Refusal {
  code: number;
  reason: string;
  remaining: number;
}

const CHAT_PATH = /^\/api\/v1\/ws\/chat\/([^/]+)$/;
const PERSONAL_PATH = /^\/api\/v1\/ws\/([^/]+)$/;

const REFUSAL_REASONS: Record<number, string> = {
  [CloseCode.unauthorized]: 'Invalid or expired token',
  [CloseCode.forbidden]: 'Not a member of this chat',
  [CloseCode.notFound]: 'Chat not found',
  [CloseCode.goingAway]: 'Server restarting',
  [CloseCode.tryAgainLater]: 'Try again later',
};

/**
 * Closes once the client has seen `open`, as the reference server does (it accepts the upgrade, then checks), so
 * the client sees open → close with the precise code. msw's `client.close` accepts any code, 4xxx and 1006 included.
 */
function closeAfterOpen(client: WsClient, code: number, reason: string): void {
  const socket = (client as unknown as { socket?: { readyState: number; addEventListener(type: 'open', fn: () => void, options: { once: boolean }): void } }).socket;
  if (socket && socket.readyState === 0) socket.addEventListener('open', () => client.close(code, reason), { once: true });
  else client.close(code, reason);
}

const safeDecode = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
};

/**
 * The socket side of the mock: checks, sessions, fan-out and the failure switches.
 *
 * @example
 * const hub = new MockSocketHub(state, options, '');
 * ws.link('ws://chat.test/api/v1/ws/*').addEventListener('connection', hub.handleConnection);
 */
export class MockSocketHub {
  readonly connections: MockSocketInfo[] = [];
  readonly received: MockReceivedFrame[] = [];
  private readonly live = new Map<string, Peer>();
  private refusals: Refusal[] = [];
  private failures: SendFailure[] = [];
  private paused = false;
  private held: Array<() => void> = [];
  /** What the frame handlers may do. */
  private readonly frameContext: FrameContext;
  /** Who gets which frame; the mock's scripting API publishes through it too. */
  readonly fanOut: MockFanOut;

  constructor(
    private readonly state: MockState,
    private readonly options: MockSocketOptions,
    /** The ws base path (the part of `wsUrl` after the origin), stripped before routing. */
    private readonly basePath: string,
  ) {
    this.fanOut = new MockFanOut(state, { match: (filter) => this.match(filter), send: (peer, frame) => this.send(peer, frame) });
    this.frameContext = {
      state,
      fanOut: this.fanOut,
      send: (peer, frame) => this.send(peer, frame),
      setPresence: (peer, status) => this.setPresence(peer.user.id, peer.info.id, status),
      takeFailure: () => this.failures.shift(),
    };
  }

  /** Sockets open now (accepted and not closed), in connection order. */
  get open(): MockSocketInfo[] {
    return [...this.live.values()].map((peer) => peer.info);
  }

  /** msw `connection` listener. */
  handleConnection = ({ client }: { client: WsClient }): void => {
    const path = client.url.pathname.startsWith(this.basePath) ? client.url.pathname.slice(this.basePath.length) : client.url.pathname;
    const chatMatch = CHAT_PATH.exec(path);
    const personalMatch = chatMatch ? null : PERSONAL_PATH.exec(path);
    const param = safeDecode((chatMatch ?? personalMatch)?.[1] ?? '');
    const kind: MockSocketInfo['kind'] = param === undefined || (!chatMatch && !personalMatch) ? 'unknown' : chatMatch ? 'chat' : 'personal';
    const info: MockSocketInfo = {
      id: `socket-${this.connections.length + 1}`,
      kind,
      url: client.url.href,
      userId: null,
      chatId: kind === 'chat' ? param! : null,
      accepted: false,
      closed: null,
    };
    this.connections.push(info);
    client.addEventListener('close', (event) => {
      info.closed ??= { code: event.code, reason: event.reason, by: 'client' };
      this.forget(info);
    });
    // No route: the real server answers HTTP 404 before the upgrade, which a browser reports as 1006 without `open`.
    if (kind === 'unknown') return this.serverClose(info, client, CloseCode.abnormal, 'No such socket route', false);

    const refusal = this.refusals[0];
    if (refusal) {
      if (--refusal.remaining <= 0) this.refusals.shift();
      return this.serverClose(info, client, refusal.code, refusal.reason);
    }
    const user = this.state.userForToken(client.url.searchParams.get('token'), 'access');
    if (!user) return this.serverClose(info, client, CloseCode.unauthorized, 'Invalid or expired token');
    info.userId = user.id;
    let chat: MockChatRecord | undefined;
    if (kind === 'personal') {
      if (param !== user.id) return this.serverClose(info, client, CloseCode.forbidden, 'Not your personal socket');
    } else {
      chat = this.state.chats.get(param!);
      if (!chat) return this.serverClose(info, client, CloseCode.notFound, 'Chat not found');
      if (!this.state.isMember(chat, user.id)) return this.serverClose(info, client, CloseCode.forbidden, 'Not a member of this chat');
    }
    const peer: Peer = { info, client, user };
    info.accepted = true;
    // Others hear that the user came online before this socket is live: its own state comes in `connected`.
    this.setPresence(user.id, info.id, 'online');
    this.live.set(info.id, peer);
    client.addEventListener('message', (event) => this.receive(peer, event.data));
    this.send(peer, {
      type: 'connected',
      data: {
        socket: kind,
        user_id: user.id,
        chat_id: chat ? chat.id : null,
        last_seq: chat ? chat.messages.length : null,
        delivered_seq: chat ? this.fanOut.deliveredSeq(chat, user.id) : null,
        last_rev: chat ? chat.rev : null,
        last_read_seq: chat ? (chat.lastRead.get(user.id) ?? 0) : null,
        presence: this.fanOut.presenceFor(user.id, chat),
        server_time: this.state.iso(),
        heartbeat_ms: this.options.heartbeatMs,
        limits: {
          max_content_bytes: this.options.maxContentBytes,
          max_frame_bytes: this.options.maxFrameBytes,
          rate_limit: { burst: 30, refill_per_second: 10 },
        },
      },
    });
    if (chat) this.fanOut.deliverOnConnect(chat, user.id);
  };

  /** A connection's status (`offline`: gone); a change of the user's presence is published. */
  setPresence(userId: string, connectionId: string, status: 'online' | 'away' | 'offline'): void {
    const changed = this.state.presence.set(userId, connectionId, status);
    if (changed) this.fanOut.publishPresence(changed);
  }

  /** A socket that ended: no more frames to it, and it no longer counts for presence. */
  private forget(info: MockSocketInfo): void {
    const peer = this.live.get(info.id);
    this.live.delete(info.id);
    if (peer) this.setPresence(peer.user.id, info.id, 'offline');
  }

  private serverClose(info: MockSocketInfo, client: WsClient, code: number, reason: string, afterOpen = true): void {
    info.closed = { code, reason, by: 'server' };
    this.forget(info);
    if (afterOpen) closeAfterOpen(client, code, reason);
    else client.close(code, reason);
  }

  // ---- switches -------------------------------------------------------------------------------------------------

  refuseNext(code: number, count: number, reason?: string): void {
    if (count > 0) this.refusals.push({ code, reason: reason ?? REFUSAL_REASONS[code] ?? 'Refused by the mock', remaining: count });
  }

  failNextSend(code: ServerErrorCode, count: number, message: string | undefined, retryAfterMs: number | undefined): void {
    for (let i = 0; i < count; i += 1) {
      this.failures.push({ code, message: message ?? `Mock failure: ${code}`, retryAfterMs: code === 'rate_limited' ? (retryAfterMs ?? 100) : undefined });
    }
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const transmit of this.held.splice(0)) transmit();
  }

  /** Closes the matching open sockets with `code`; returns how many. */
  drop(filter: MockSocketFilter, code: number, reason: string): number {
    const peers = this.match(filter);
    for (const peer of peers) this.serverClose(peer.info, peer.client, code, reason, false);
    return peers.length;
  }

  // ---- fan-out ----------------------------------------------------------------------------------------------------

  match(filter: MockSocketFilter): Peer[] {
    return [...this.live.values()].filter(
      ({ info }) =>
        (filter.kind === undefined || info.kind === filter.kind) &&
        (filter.chatId === undefined || info.chatId === filter.chatId) &&
        (filter.userId === undefined || info.userId === filter.userId),
    );
  }

  send(peer: Peer, frame: ServerFrame): void {
    const text = JSON.stringify(frame);
    const transmit = () => {
      if (!this.live.has(peer.info.id)) return;
      if (this.options.latencyMs > 0) {
        globalThis.setTimeout(() => {
          if (this.live.has(peer.info.id)) peer.client.send(text);
        }, this.options.latencyMs);
      } else {
        peer.client.send(text);
      }
    };
    if (this.paused) this.held.push(transmit);
    else transmit();
  }

  // ---- incoming ---------------------------------------------------------------------------------------------------

  private receive(peer: Peer, raw: unknown): void {
    let frame: MockReceivedFrame['frame'] = null;
    try {
      const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : null;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) frame = parsed as MockReceivedFrame['frame'];
    } catch {
      // Recorded as raw text; answered below as invalid_frame.
    }
    this.received.push({ socket: peer.info, raw, type: typeof frame?.type === 'string' ? frame.type : null, frame });
    if (!this.live.has(peer.info.id)) return;
    if (typeof raw === 'string' && new TextEncoder().encode(raw).length > this.options.maxFrameBytes) {
      this.serverClose(peer.info, peer.client, CloseCode.tooBig, 'Frame too big', false);
      return;
    }
    const result = parseClientFrame(raw, peer.info.kind as MockSocketKind, this.options.maxContentBytes);
    if ('problem' in result) return this.sendError(peer, result.problem);
    const echo = { frame_type: result.frame.type, client_id: ('client_id' in result.frame.data && result.frame.data.client_id) || null };
    try {
      handleFrame(this.frameContext, peer, result.frame);
    } catch (error) {
      if (!(error instanceof FrameRefusal)) throw error;
      this.sendError(peer, { code: error.code, message: error.message, ...echo });
    }
  }

  private sendError(peer: Peer, data: ErrorInfo): void {
    this.send(peer, { type: 'error', data });
  }
}
