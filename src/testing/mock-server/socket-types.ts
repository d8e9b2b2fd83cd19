import type { WebSocketHandlerConnection } from 'msw';
import type { MockSocketKind } from './frames';

/**
 * The msw side of one socket (`connection.client` of a `ws.link` listener).
 *
 * @example
 * const send = (client: WsClient) => client.send('{"type":"pong","data":{}}');
 */
export type WsClient = WebSocketHandlerConnection['client'];

/**
 * One socket the mock has seen, accepted or refused. Updated in place as it changes.
 *
 * @example
 * expect(mock.connectionsTo({ chatId: 'general' })).toEqual([expect.objectContaining({ accepted: true, closed: null })]);
 */
export interface MockSocketInfo {
  /** `socket-1`, `socket-2`, … in connection order. */
  readonly id: string;
  /** `unknown` for a path that is neither socket route. */
  readonly kind: MockSocketKind | 'unknown';
  readonly url: string;
  /** The token's user, once the token was accepted. */
  userId: string | null;
  /** The chat of a chat socket. */
  readonly chatId: string | null;
  /** True once the checks passed and `connected` was sent. */
  accepted: boolean;
  /** How it ended, once it did: `by: 'client'` when the client closed it. */
  closed: { code: number; reason: string; by: 'client' | 'server' } | null;
}

/**
 * A frame a client sent, with the socket it came on. `frame` is the parsed JSON, or null when it was not JSON.
 *
 * @example
 * const typing = mock.received.filter((r) => r.type === 'typing_indicator' && r.socket.userId === ana.id);
 */
export interface MockReceivedFrame {
  socket: MockSocketInfo;
  raw: unknown;
  type: string | null;
  frame: { type?: unknown; data?: unknown } | null;
}

/**
 * Which sockets to look at or act on; every field given narrows.
 *
 * @example
 * mock.openSockets({ chatId: 'general', userId: 'ana' });
 */
export interface MockSocketFilter {
  /** Chat id (or, through the mock's methods, chat name). */
  chatId?: string;
  /** User id (or, through the mock's methods, username). */
  userId?: string;
  kind?: MockSocketKind;
}

/**
 * Options the socket side needs.
 *
 * @example
 * new MockSocketHub(state, { latencyMs: 0, maxContentBytes: 16384, maxFrameBytes: 65536, heartbeatMs: 25000 }, '');
 */
export interface MockSocketOptions {
  latencyMs: number;
  maxContentBytes: number;
  maxFrameBytes: number;
  heartbeatMs: number;
}
