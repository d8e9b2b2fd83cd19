/**
 * `natter`: the framework-free core. A client owns the sockets and writes into a zustand vanilla store; the React
 * bindings (`natter/react`) are thin selectors over it.
 *
 * @example
 * import { createChatClient } from 'natter';
 * const client = createChatClient({ baseUrl, getToken, currentUser });
 */
// Edits, reactions, files, threads, jumps, search, the inbox and metrics are functions of natter/features.
export { createChatClient, type ChatClient, type ChatClientOptions } from './core/chat-client';
export { Backoff, type BackoffOptions } from './core/backoff';
export { Connection, type ConnectionEvents, type ConnectionOptions, type ConnectionSnapshot, type ConnectionStatus, type WebSocketConstructor, type WebSocketLike } from './core/connection';
export { NatterError, type NatterErrorCode } from './core/errors';
export { TypingNotifier, type TypingNotifierOptions } from './core/typing-notifier';
export { realTimers, type Timers } from './core/timers';
export { createRestClient, type HistoryQuery, type RestClient, type RestClientOptions, type SearchQuery } from './core/rest-client';
export { parseServerFrame, type FrameIssue, type ParsedServerFrame } from './core/protocol/parse-server-frame';
export { createChatStore, selectChat, PERSONAL, type ChatStore, type ChatStoreState } from './core/store/chat-store';
export { applyPresence, selectPresence } from './core/store/presence';
export { NOTIFICATIONS_KEPT, type ChatNotification } from './core/store/notifications';
export { EMPTY_SLICE, type ChatMessage, type ChatSlice, type MessageStatus, type MessageWindow, type ThreadSlice, type TypingUser } from './core/store/chat-slice';
export { validateContent, DEFAULT_MAX_CONTENT_BYTES } from './core/content';
export { createId } from './core/ids';
export { defaultOutboxStorage, indexedDbOutboxStorage, memoryOutboxStorage, type OutboxEntry, type OutboxStorage } from './core/outbox-storage';
export { Heartbeat, type HeartbeatOptions } from './core/heartbeat';
export { browserEnvironment, type EnvironmentHandlers, type EnvironmentSignals } from './core/environment';
export * from './core/protocol/types';
