/**
 * The page's stand-in for the network: a class with the browser WebSocket's interface (the `on*` handlers and
 * `addEventListener`), whose "server" side is `deliver(text)`. Every variant opens one with `new BenchSocket(url)`
 * exactly as it would open a `WebSocket`, so all of them receive the same frames through the same code path.
 */
export class BenchSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  /** What the "server" sends first on every socket; `null` sends nothing. */
  static greeting: string | null = null;
  private static waiting: Array<(socket: BenchSocket) => void> = [];
  /** The socket opened most recently. */
  static current: BenchSocket | null = null;

  readyState = BenchSocket.CONNECTING;
  binaryType: BinaryType = 'blob';
  readonly protocol = '';
  readonly extensions = '';
  bufferedAmount = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  /** Frames the page sent (read receipts and the like): counted, not parsed. */
  sent = 0;

  constructor(readonly url: string) {
    super();
    // A real socket opens in a later task, never inside the constructor.
    setTimeout(() => this.open(), 0);
  }

  /** Resolves with the next socket to open. */
  static next(): Promise<BenchSocket> {
    return new Promise((resolve) => BenchSocket.waiting.push(resolve));
  }

  private open(): void {
    if (this.readyState !== BenchSocket.CONNECTING) return;
    this.readyState = BenchSocket.OPEN;
    BenchSocket.current = this;
    this.fire(new Event('open'), this.onopen);
    if (BenchSocket.greeting !== null) this.deliver(BenchSocket.greeting);
    for (const resolve of BenchSocket.waiting.splice(0)) resolve(this);
  }

  send(_data: string): void {
    if (this.readyState !== BenchSocket.OPEN) throw new DOMException('BenchSocket is not open', 'InvalidStateError');
    this.sent += 1;
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= BenchSocket.CLOSING) return;
    this.readyState = BenchSocket.CLOSING;
    setTimeout(() => {
      this.readyState = BenchSocket.CLOSED;
      this.fire(new CloseEvent('close', { code, reason, wasClean: true }), this.onclose);
    }, 0);
  }

  /** Server side: one text frame, as a `message` event. */
  deliver(text: string): void {
    if (this.readyState !== BenchSocket.OPEN) return;
    this.fire(new MessageEvent('message', { data: text }), this.onmessage);
  }

  private fire<E extends Event>(event: E, handler: ((event: E) => void) | null): void {
    handler?.call(this, event);
    this.dispatchEvent(event);
  }
}
