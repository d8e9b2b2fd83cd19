/**
 * `natter/testing`: helpers for testing apps built on Natter without a server.
 *
 * @example
 * import { createFakeWebSocket, createManualTimers, createMockChatServer } from 'natter/testing';
 */
export { createFakeWebSocket, flushMicrotasks, FakeSocket, type FakeWebSocketServer } from './fake-web-socket';
export { createManualFrames, type ManualFrames } from './manual-frames';
export { createManualTimers, type ManualTimers } from './manual-timers';
export {
  createMockChatServer,
  type DropOptions,
  type MockChat,
  type MockChatInput,
  type MockChatServer,
  type MockChatServerOptions,
  type MockFileInput,
  type MockMessageInput,
  type MockReceivedFrame,
  type MockSocketFilter,
  type MockSocketInfo,
  type MockUserInput,
  type SeedOptions,
} from './mock-chat-server';
