import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { authenticate } from './authenticate.ts';
import { requireMember } from './chat-routes.ts';

/**
 * `GET /api/v1/chats/{chatId}/messages?before=&after=&limit=`: history pages and gap fills, cursored on `seq`.
 *
 * @example
 * registerMessageRoutes(app, ctx);
 */
export function registerMessageRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { chatId: string }; Querystring: { before?: number; after?: number; limit?: number } }>(
    '/api/v1/chats/:chatId/messages',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            before: { type: 'integer', minimum: 0 },
            after: { type: 'integer', minimum: 0 },
            limit: { type: 'integer', minimum: 1, maximum: LIMITS.historyPageMax },
          },
        },
      },
    },
    async (request) => {
      const user = await authenticate(ctx, request);
      requireMember(ctx, request.params.chatId, user.id);
      const { before, after, limit = LIMITS.historyPageDefault } = request.query;
      return ctx.messages.history(request.params.chatId, { before, after, limit });
    },
  );
}
