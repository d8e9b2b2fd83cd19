import type { Backoff } from './backoff';
import type { WebSocketLike } from './connection';
import type { Emitter } from './emitter';
import type { NatterError } from './errors';
import type { ScheduleFrame } from './frame-batcher';
import type { HeartbeatOptions } from './heartbeat';
import type { ClientMetrics } from './metrics';
import type { OutboxStorage } from './outbox-storage';
import type { User } from './protocol/types';
import type { RestClient } from './rest-client';
import type { ChatStore } from './store/chat-store';
import type { Timers } from './timers';

/** The events a client emits. */
export interface ClientEvents {
  error: NatterError;
}

/** What every channel of one client shares. */
export interface ClientContext {
  store: ChatStore;
  rest: RestClient;
  timers: Timers;
  backoff: Backoff;
  currentUser: User;
  events: Emitter<ClientEvents>;
  wsUrl: string;
  getToken: () => string | Promise<string>;
  createSocket: (url: string) => WebSocketLike;
  typingTtlMs: number;
  /** Counters, once natter/features' `clientMetrics` has been asked for them. */
  metrics: ClientMetrics | null;
  /** How long a written frame may wait for its acknowledgement before it fails; 0 waits forever. */
  sendTimeoutMs: number;
  heartbeat: HeartbeatOptions | false | undefined;
  outboxStorage: OutboxStorage;
  /** Called whenever a socket is wanted; the first call starts watching the environment and restores the outbox. */
  wake: () => void;
  /** Whether the page is visible; receipts and typing are not sent while it is hidden. */
  isVisible: () => boolean;
  /** Runs a callback at the next frame: new messages reach the store at most once per frame under load; null, each at once. */
  scheduleFrame: ScheduleFrame | null;
  /** How many of a chat's newest messages stay in memory (plus what is on screen). */
  maxMessagesInMemory: number;
}
