import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import cors from '@fastify/cors';
import Fastify from 'fastify';
import { TokenService } from './auth/tokens.ts';
import { LIMITS, resolveOptions, type ServerOptions } from './config.ts';
import { ChatRepository } from './db/chats.ts';
import { getOrCreateSetting, openDatabase } from './db/database.ts';
import { HistoryReader } from './db/history.ts';
import { MessageChanges } from './db/message-changes.ts';
import { MessageRepository } from './db/messages.ts';
import { SearchRepository } from './db/search.ts';
import { UploadRepository } from './db/uploads.ts';
import { UserRepository } from './db/users.ts';
import { registerAuthRoutes } from './http/auth-routes.ts';
import { registerChatRoutes } from './http/chat-routes.ts';
import { installErrorHandling } from './http/errors.ts';
import { RestRateLimiter } from './http/rate-limit.ts';
import { registerMessageRoutes } from './http/message-routes.ts';
import { registerSearchRoutes } from './http/search-routes.ts';
import { registerUploadRoutes } from './http/upload-routes.ts';
import { installValidation } from './http/validation.ts';
import { registerUserRoutes } from './http/user-routes.ts';
import { loggerConfig } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { createOriginCheck } from './origin.ts';
import type { SocketContext } from './ws/frame-handlers.ts';
import { attachGateway } from './ws/gateway.ts';
import { Hub } from './ws/hub.ts';
import { PresenceTracker } from './ws/presence.ts';

/** A running server. */
export interface NatterServer {
  /** `http://host:port`, for REST. */
  url: string;
  /** `ws://host:port`, for sockets. */
  wsUrl: string;
  port: number;
  /** Closes every socket with 1001, stops listening and closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the reference server: REST and both WebSocket routes on one port, storage in SQLite.
 *
 * @example
 * const server = await createServer({ port: 0, db: ':memory:' });
 * console.log(server.url);
 * await server.close();
 */
export async function createServer(input: ServerOptions = {}): Promise<NatterServer> {
  const options = resolveOptions(input);
  const db = openDatabase(options.db);
  const app = Fastify({ logger: loggerConfig(options.logger), bodyLimit: LIMITS.maxBodyBytes, forceCloseConnections: true });
  try {
    const secret = options.jwtSecret ?? getOrCreateSetting(db, 'jwt_secret', () => randomBytes(32).toString('base64url'));
    const messages = new MessageRepository(db);
    const metrics = createMetrics();
    const { clock } = options;
    const uploads = new UploadRepository(db, clock.now);
    const ctx: SocketContext = {
      options,
      db,
      users: new UserRepository(db),
      messages,
      history: new HistoryReader(db, messages),
      changes: new MessageChanges(db, messages),
      uploads,
      search: new SearchRepository(db, messages),
      chats: new ChatRepository(db, messages),
      tokens: new TokenService(secret, {
        accessTtlSeconds: options.accessTokenTtlSeconds,
        refreshTtlSeconds: options.refreshTokenTtlSeconds,
      }),
      metrics,
      limits: new RestRateLimiter(options.restRateLimit, clock.now, (limit) => metrics.httpRefusals.inc({ limit })),
      log: app.log,
      hub: new Hub(metrics),
      presence: new PresenceTracker(),
    };

    const isAllowedOrigin = createOriginCheck(options.allowedOrigins);
    await app.register(cors, {
      origin: (origin, callback) => callback(null, isAllowedOrigin(origin)),
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      // A browser hides every other response header from cross-origin scripts.
      exposedHeaders: ['Retry-After'],
      maxAge: 600,
    });
    installValidation(app);
    installErrorHandling(app);
    app.addHook('onResponse', async (request, reply) => {
      metrics.httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode });
    });
    app.get('/health', async () => ({ status: 'ok' }));
    app.get('/metrics', async (_request, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
    registerAuthRoutes(app, ctx);
    registerUserRoutes(app, ctx);
    registerChatRoutes(app, ctx);
    registerMessageRoutes(app, ctx);
    registerSearchRoutes(app, ctx);
    await registerUploadRoutes(app, ctx);

    const gateway = attachGateway(app.server, ctx);
    await app.listen({ port: options.port, host: options.host });
    const stopSweep = clock.every(options.uploadSweepIntervalMs, () => {
      try {
        const swept = uploads.sweep(options.pendingUploadTtlMs);
        if (swept > 0) metrics.uploadsSwept.inc(swept);
      } catch (error) {
        // A busy or failing disk: the next run tries again.
        app.log.error({ err: error }, 'upload sweep failed');
      }
    });
    const { port } = app.server.address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;

    let closed: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      wsUrl: `ws://${host}:${port}`,
      port,
      close: () =>
        (closed ??= (async () => {
          stopSweep();
          await gateway.close();
          await app.close();
          db.close();
        })()),
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    db.close();
    throw error;
  }
}
