import type { WebSocketConstructor, WebSocketLike } from '../core/connection';
import type { ClientFrame, ServerFrame } from '../core/protocol/types';

/**
 * A WebSocket you drive by hand: the "server" side of each socket is a method call. Frames the client sends are
 * recorded, parsed, in `sent`.
 *
 * @example
 * const fake = createFakeWebSocket();
 * const client = createChatClient({ ...options, WebSocket: fake.WebSocket });
 * client.joinChat('c1');
 * await flushMicrotasks();
 * fake.last().accept().receive({ type: 'connected', data: { socket: 'chat', user_id: 'u1', chat_id: 'c1', last_seq: 0 } });
 */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  /** Every frame the client sent, parsed. */
  readonly sent: ClientFrame[] = [];
  /** The close code the client used, once it closed. */
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;

  constructor(readonly url: string) {}

  /** The token in the URL's query, as the server would read it. */
  get token(): string | null {
    return new URL(this.url).searchParams.get('token');
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error(`FakeSocket.send while readyState is ${this.readyState}`);
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= 2) return;
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** Server side: completes the handshake. */
  accept(): this {
    this.readyState = 1;
    this.onopen?.({});
    return this;
  }

  /** Server side: sends a frame. */
  receive(frame: ServerFrame | { type: string; data?: unknown }): this {
    return this.receiveRaw(JSON.stringify(frame));
  }

  /** Server side: sends raw text (for malformed frames). */
  receiveRaw(text: string): this {
    this.onmessage?.({ data: text });
    return this;
  }

  /** Server side (or the network): closes the socket with `code`. */
  drop(code = 1006, reason = ''): this {
    this.readyState = 3;
    this.onclose?.({ code, reason });
    return this;
  }

  /** The sent frames of one type. */
  sentOfType<T extends ClientFrame['type']>(type: T): Extract<ClientFrame, { type: T }>[] {
    return this.sent.filter((frame): frame is Extract<ClientFrame, { type: T }> => frame.type === type);
  }
}

/** A `WebSocket` class to pass to `createChatClient`, plus every socket it made. */
export interface FakeWebSocketServer {
  WebSocket: WebSocketConstructor;
  sockets: FakeSocket[];
  /** The newest socket (throws if none was made). */
  last(): FakeSocket;
  /** The newest socket whose URL contains `part`. */
  find(part: string): FakeSocket | undefined;
}

/**
 * Creates a fake WebSocket class whose sockets you drive by hand.
 *
 * @example
 * const fake = createFakeWebSocket();
 * new fake.WebSocket('ws://x/api/v1/ws/u1?token=t');
 * fake.last().accept();
 */
export function createFakeWebSocket(): FakeWebSocketServer {
  const sockets: FakeSocket[] = [];
  const WebSocket = class extends FakeSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  };
  return {
    WebSocket,
    sockets,
    last() {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('No socket was opened yet (the client awaits getToken() first: await flushMicrotasks())');
      return socket;
    },
    find: (part) => [...sockets].reverse().find((socket) => socket.url.includes(part)),
  };
}

/**
 * Waits until pending promise callbacks have run (the client awaits `getToken()` before opening a socket).
 *
 * @example
 * client.joinChat('c1');
 * await flushMicrotasks();
 * expect(fake.sockets).toHaveLength(1);
 */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
