/** The proxy's public types: fault kinds, directions, connection kinds, log lines and options. */

/** The faults the proxy injects. */
export type FaultKind = 'cut' | 'stall' | 'delay' | 'split' | 'refuse';
/** `up`: client → server; `down`: server → client. */
export type Direction = 'up' | 'down';
export type Directions = Direction | 'both';

/** What the proxy has guessed a connection carries, from its first bytes. */
export type ConnectionKind = 'ws' | 'http' | 'unknown';

/** One line of the proxy's log: every fault injected, every connection opened, refused or closed. */
export interface ProxyEvent {
  /** ms since the proxy started. */
  t: number;
  event: string;
  conn?: number;
  detail?: string;
}

export interface TcpProxyOptions {
  /** The server's port on 127.0.0.1. Read again on every new connection, so it may change. */
  targetPort: number;
  /** The proxy's own randomness (split sizes); `Math.random` by default. Seed it for a repeatable run. */
  random?: () => number;
  /** Log every fault and connection (kept in `events`, at most `maxEvents`). Default true. */
  log?: boolean;
  maxEvents?: number;
}
