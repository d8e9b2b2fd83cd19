import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { authenticate } from './authenticate.ts';
import { requireMember } from './chat-routes.ts';

/**
 * `GET /api/v1/chats/{chatId}/search?q=&limit=&offset=` (docs/protocol.md, 9.7): the chat's live messages matching
 * every word of `q` as a prefix, newest first, with the matched ranges.
 *
 * @example
 * registerSearchRoutes(app, ctx);
 */
export function registerSearchRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { chatId: string }; Querystring: { q: string; limit?: number; offset?: number } }>(
    '/api/v1/chats/:chatId/search',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: LIMITS.searchQueryMax },
            limit: { type: 'integer', minimum: 1, maximum: LIMITS.searchPageMax },
            offset: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    async (request) => {
      const user = await authenticate(ctx, request);
      ctx.limits.take('search', user.id);
      requireMember(ctx, request.params.chatId, user.id);
      const { q, limit = LIMITS.searchPageDefault, offset = 0 } = request.query;
      return ctx.search.search(request.params.chatId, q, { limit, offset });
    },
  );
}
