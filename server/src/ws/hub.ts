import type { WebSocket } from 'ws';
import type { Metrics } from '../metrics.ts';
import { CloseCode, type ServerFrame } from '../protocol/types.ts';
import type { SocketKind } from './frames.ts';

/**
 * One open, authenticated socket.
 *
 * @example
 * peer.send({ type: 'pong', data: { ts: null, server_time: new Date().toISOString() } });
 */
export class Peer {
  /** When the peer last sent anything (a frame or a pong); the heartbeat reads it. */
  lastSeen = Date.now();

  constructor(
    readonly ws: WebSocket,
    readonly kind: SocketKind,
    readonly userId: string,
    readonly chatId: string | null,
    private readonly maxBufferedBytes: number,
  ) {}

  send(frame: ServerFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  /**
   * Sends pre-serialized text; a reader this far behind is closed rather than buffered without bound. False when the
   * text was dropped (socket closing, or closed now), so nobody counts it as delivered.
   */
  sendText(text: string): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.ws.close(CloseCode.tryAgainLater, 'Reading too slowly');
      return false;
    }
    this.ws.send(text);
    return true;
  }
}

/**
 * Every open socket, indexed by chat and by user, and fan-out to them. A frame is serialized once however many
 * sockets receive it.
 *
 * @example
 * hub.toChat(chatId, { type: 'new_message', data: message });
 */
export class Hub {
  private readonly byChat = new Map<string, Set<Peer>>();
  private readonly personalByUser = new Map<string, Set<Peer>>();
  readonly all = new Set<Peer>();

  constructor(private readonly metrics: Metrics) {}

  add(peer: Peer): void {
    this.all.add(peer);
    const index = peer.kind === 'chat' ? this.byChat : this.personalByUser;
    const key = peer.kind === 'chat' ? peer.chatId! : peer.userId;
    let set = index.get(key);
    if (!set) index.set(key, (set = new Set()));
    set.add(peer);
    this.metrics.connections.inc({ socket: peer.kind });
    this.metrics.connectionsOpened.inc({ socket: peer.kind });
  }

  remove(peer: Peer): void {
    if (!this.all.delete(peer)) return;
    const index = peer.kind === 'chat' ? this.byChat : this.personalByUser;
    const key = peer.kind === 'chat' ? peer.chatId! : peer.userId;
    const set = index.get(key);
    set?.delete(peer);
    if (set?.size === 0) index.delete(key);
    this.metrics.connections.dec({ socket: peer.kind });
  }

  /** To every chat socket of `chatId` that `include` accepts (all by default). Returns the users reached. */
  toChat(chatId: string, frame: ServerFrame, include?: (peer: Peer) => boolean): Set<string> {
    return this.fanOut(this.byChat.get(chatId), frame, include);
  }

  /** To every personal socket of each user in `userIds` that `include` accepts. Returns the users reached. */
  toUsers(userIds: Iterable<string>, frame: ServerFrame, include?: (peer: Peer) => boolean): Set<string> {
    const peers = new Set<Peer>();
    for (const userId of userIds) for (const peer of this.personalByUser.get(userId) ?? []) peers.add(peer);
    return this.fanOut(peers, frame, include);
  }

  /** To one user's sockets that concern `chatId`: their chat sockets of it, and their personal sockets. */
  toUserAbout(chatId: string, userId: string, frame: ServerFrame): void {
    const peers = new Set<Peer>(this.personalByUser.get(userId));
    for (const peer of this.byChat.get(chatId) ?? []) if (peer.userId === userId) peers.add(peer);
    this.fanOut(peers, frame);
  }

  private fanOut(peers: Set<Peer> | undefined, frame: ServerFrame, include?: (peer: Peer) => boolean): Set<string> {
    const reached = new Set<string>();
    if (!peers || peers.size === 0) return reached;
    const stop = this.metrics.fanout.startTimer();
    const text = JSON.stringify(frame);
    for (const peer of peers) {
      if (include && !include(peer)) continue;
      if (peer.sendText(text)) reached.add(peer.userId);
    }
    stop();
    return reached;
  }
}
