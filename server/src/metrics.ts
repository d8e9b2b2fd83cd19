import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The server's Prometheus metrics (docs/protocol.md, section 8). Each server gets its own registry, so several
 * servers in one process (tests) never clash.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.messagesStored.inc({ kind: 'chat' });
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'natter_' });
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({ name: 'natter_ws_connections', help: 'Open WebSocket connections', labelNames: ['socket'], registers }),
    connectionsOpened: new Counter({
      name: 'natter_ws_connections_opened_total', help: 'WebSocket connections accepted', labelNames: ['socket'], registers,
    }),
    closes: new Counter({ name: 'natter_ws_closes_total', help: 'WebSocket connections closed, by close code', labelNames: ['code'], registers }),
    framesReceived: new Counter({
      name: 'natter_ws_frames_received_total', help: 'Client frames received, by type', labelNames: ['type'], registers,
    }),
    messagesStored: new Counter({ name: 'natter_messages_stored_total', help: 'Messages stored', labelNames: ['kind'], registers }),
    errors: new Counter({ name: 'natter_ws_errors_total', help: 'Error frames sent, by code', labelNames: ['code'], registers }),
    fanout: new Histogram({
      name: 'natter_fanout_seconds',
      help: 'Time to hand one frame to every recipient socket',
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
      registers,
    }),
    httpRequests: new Counter({
      name: 'natter_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers,
    }),
    httpRefusals: new Counter({
      name: 'natter_http_limited_total',
      help: 'REST requests refused by a limit: a rate-limit group (429), or pending_uploads (409)',
      labelNames: ['limit'],
      registers,
    }),
    uploadsSwept: new Counter({ name: 'natter_uploads_swept_total', help: 'Unattached uploads deleted by the sweep', registers }),
  };
}

/** The metrics object `createMetrics` returns. */
export type Metrics = ReturnType<typeof createMetrics>;
