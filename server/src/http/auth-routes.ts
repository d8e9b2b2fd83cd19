import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../config.ts';
import type { ServerContext } from '../context.ts';
import type { User } from '../protocol/types.ts';
import { userForTokenOr401 } from './authenticate.ts';

const sessionOf = async (ctx: ServerContext, user: User) => ({ ...(await ctx.tokens.issuePair(user)), user });

/**
 * `POST /api/v1/auth/login` (development login: no password, the user is created on first use) and
 * `POST /api/v1/auth/refresh`.
 *
 * @example
 * registerAuthRoutes(app, ctx);
 */
export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: { username: string; email?: string } }>('/api/v1/auth/login', {
    schema: {
      body: {
        type: 'object',
        required: ['username'],
        properties: {
          username: { type: 'string', minLength: 1, maxLength: LIMITS.usernameMax, pattern: '^[\\p{L}\\p{N}_.-]+$' },
          email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' },
        },
      },
    },
    handler: async (request) => {
      // Per IP: logging in creates users, so a per-user limit would not stop one caller making thousands.
      ctx.limits.take('auth', request.ip);
      return sessionOf(ctx, ctx.users.loginOrCreate(request.body.username, request.body.email));
    },
  });

  app.post<{ Body: { refresh_token: string } }>('/api/v1/auth/refresh', {
    schema: {
      body: {
        type: 'object',
        required: ['refresh_token'],
        properties: { refresh_token: { type: 'string', minLength: 1, maxLength: 4096 } },
      },
    },
    handler: async (request) => {
      ctx.limits.take('auth', request.ip);
      return sessionOf(ctx, await userForTokenOr401(ctx, request.body.refresh_token, 'refresh'));
    },
  });
}
