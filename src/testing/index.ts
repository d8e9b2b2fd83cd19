/**
 * `natter/testing`: helpers for testing apps built on Natter without a server.
 *
 * @example
 * import { createFakeWebSocket, createManualTimers } from 'natter/testing';
 */
export { createFakeWebSocket, flushMicrotasks, FakeSocket, type FakeWebSocketServer } from './fake-web-socket';
export { createManualTimers, type ManualTimers } from './manual-timers';
