import type { ChatClient } from '../core/chat-client';
import { featureOf } from '../core/client-internals';
import { createMetrics, type ClientMetricsSnapshot } from '../core/metrics';

/** A client's counters: `getSnapshot` (identity-stable between changes) and `subscribe`. */
export interface ClientMetricsSource {
  getSnapshot(): ClientMetricsSnapshot;
  subscribe(listener: () => void): () => void;
}

/**
 * The client's counters (frames in and out, invalid frames, reconnects, errors by code, round trips, outbox
 * depth, sockets), counted from the first call on: call it right after creating the client to count everything.
 *
 * @example
 * const metrics = clientMetrics(client);
 * metrics.subscribe(() => console.table(metrics.getSnapshot()));
 */
export function clientMetrics(client: ChatClient): ClientMetricsSource {
  return featureOf(client, createMetrics);
}
