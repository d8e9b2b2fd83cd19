import { useSyncExternalStore } from 'react';
import type { ClientMetricsSnapshot } from '../core/metrics';
import { clientMetrics } from '../features/metrics';
import { useChatContext } from './context';

/** Options of `useChatMetrics` (none yet; reserved so adding one is not a breaking change). */
export type UseChatMetricsOptions = Record<string, never>;

/** What `useChatMetrics` returns: the client's counters and round trips. */
export type UseChatMetricsResult = ClientMetricsSnapshot;

/**
 * The client's metrics for a status panel: socket states, frames in and out (totals and per second), invalid frames,
 * reconnects, errors by code, ping round trips and the outbox depth. Re-renders at most every 250 ms, however busy the sockets are.
 *
 * @example
 * const { reconnects, roundTripP95 } = useChatMetrics();
 */
export function useChatMetrics(_options: UseChatMetricsOptions = {}): UseChatMetricsResult {
  const metrics = clientMetrics(useChatContext().client);
  return useSyncExternalStore(metrics.subscribe, metrics.getSnapshot, metrics.getSnapshot);
}
