import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { authenticate } from './authenticate.ts';
import { HttpError } from './errors.ts';

/**
 * `GET /api/v1/users/me`, `GET /api/v1/users` and `GET /api/v1/users/{userId}`.
 *
 * @example
 * registerUserRoutes(app, ctx);
 */
export function registerUserRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/v1/users/me', async (request) => authenticate(ctx, request));

  app.get<{ Querystring: { q?: string; limit?: number } }>('/api/v1/users', {
    schema: {
      querystring: {
        type: 'object',
        properties: {
          q: { type: 'string', maxLength: LIMITS.usernameMax },
          limit: { type: 'integer', minimum: 1, maximum: LIMITS.historyPageMax },
        },
      },
    },
    handler: async (request) => {
      await authenticate(ctx, request);
      return { users: ctx.users.list(request.query.q ?? '', request.query.limit ?? LIMITS.historyPageDefault) };
    },
  });

  app.get<{ Params: { userId: string } }>('/api/v1/users/:userId', async (request) => {
    await authenticate(ctx, request);
    const user = ctx.users.get(request.params.userId);
    if (!user) throw new HttpError(404, 'not_found', 'User not found');
    return user;
  });
}
