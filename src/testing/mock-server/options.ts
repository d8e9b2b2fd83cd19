import type { Chat } from '../../core/protocol/types';
import type { MockChatInput, MockUserInput } from './inputs';

/**
 * Everything `createMockChatServer` accepts.
 *
 * @example
 * const options: MockChatServerOptions = { baseUrl: 'http://chat.test', users: ['ana', 'ben'], latencyMs: 150 };
 */
export interface MockChatServerOptions {
  /** The HTTP origin the client is given, e.g. `http://chat.test`. REST handlers live under it. */
  baseUrl: string;
  /** The WebSocket origin; default `baseUrl` with http→ws (as the client derives it). */
  wsUrl?: string;
  /** Users that exist from the start: usernames or partial users. Logins create more. */
  users?: MockUserInput[];
  /** Chats that exist from the start; members by username or id (they must be in `users`). */
  chats?: MockChatInput[];
  /** Delay before every server frame and REST answer, in ms. Default 0. */
  latencyMs?: number;
  /** `max_content_bytes` announced and enforced. Default 16384. */
  maxContentBytes?: number;
  /** Largest upload accepted (HTTP 413 above). Default 10 MiB, as the reference server. */
  maxUploadBytes?: number;
  /** The clock for `created_at`, `read_at` and `server_time`. Default `Date.now`. */
  now?: () => number;
}

/**
 * A chat as the mock sees it (REST's `Chat` without the viewer's own `last_read_seq` and `unread_count`).
 *
 * @example
 * const { id } = mock.chat('general');
 */
export type MockChat = Omit<Chat, 'last_read_seq' | 'unread_count'>;

/**
 * Which open sockets `dropConnections` closes, and how.
 *
 * @example
 * mock.dropConnections({ chatId: 'general', code: 1001, reason: 'Server restarting' });
 */
export interface DropOptions {
  /** Chat id or name: only that chat's sockets. */
  chatId?: string;
  /** User id or username: only that user's sockets. */
  userId?: string;
  kind?: 'chat' | 'personal';
  /** Default 1006 (network loss); 1001 for a server restart; 4001/4003/4008 as the server would. */
  code?: number;
  reason?: string;
}
