import type { FastifyBaseLogger } from 'fastify';
import type { TokenService } from './auth/tokens.ts';
import type { ResolvedOptions } from './config.ts';
import type { ChatRepository } from './db/chats.ts';
import type { Db } from './db/database.ts';
import type { HistoryReader } from './db/history.ts';
import type { MessageChanges } from './db/message-changes.ts';
import type { MessageRepository } from './db/messages.ts';
import type { SearchRepository } from './db/search.ts';
import type { UploadRepository } from './db/uploads.ts';
import type { UserRepository } from './db/users.ts';
import type { RestRateLimiter } from './http/rate-limit.ts';
import type { Metrics } from './metrics.ts';

/** What every route and socket handler of one server instance shares. */
export interface ServerContext {
  options: ResolvedOptions;
  db: Db;
  users: UserRepository;
  chats: ChatRepository;
  messages: MessageRepository;
  history: HistoryReader;
  changes: MessageChanges;
  uploads: UploadRepository;
  search: SearchRepository;
  tokens: TokenService;
  metrics: Metrics;
  /** REST token buckets (docs/protocol.md, 5.4). */
  limits: RestRateLimiter;
  log: FastifyBaseLogger;
}
