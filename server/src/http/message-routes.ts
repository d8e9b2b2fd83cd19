import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { authenticate } from './authenticate.ts';
import { requireMember } from './chat-routes.ts';
import { HttpError } from './errors.ts';

interface HistoryQuery {
  before?: number;
  after?: number;
  limit?: number;
  parent_id?: string;
  changed_after?: number;
  around?: number;
}

/**
 * `GET /api/v1/chats/{chatId}/messages`: history pages and gap fills cursored on `seq` (`before`, `after`), one
 * thread (`parent_id`), changes since a revision (`changed_after`) and a page centred on a message (`around`);
 * `GET /api/v1/chats/{chatId}/messages/{messageId}`: one message.
 *
 * @example
 * registerMessageRoutes(app, ctx);
 */
export function registerMessageRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { chatId: string }; Querystring: HistoryQuery }>(
    '/api/v1/chats/:chatId/messages',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            before: { type: 'integer', minimum: 0 },
            after: { type: 'integer', minimum: 0 },
            limit: { type: 'integer', minimum: 1, maximum: LIMITS.historyPageMax },
            parent_id: { type: 'string', minLength: 1, maxLength: 64 },
            changed_after: { type: 'integer', minimum: 0 },
            around: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    async (request) => {
      const user = await authenticate(ctx, request);
      ctx.limits.take('history', user.id);
      const { chatId } = request.params;
      requireMember(ctx, chatId, user.id);
      const { before, after, limit = LIMITS.historyPageDefault, parent_id: parentId, changed_after: changedAfter, around } = request.query;
      const cursors = [before ?? after, changedAfter, around].filter((value) => value !== undefined).length;
      if (cursors > 1 || (parentId !== undefined && (changedAfter !== undefined || around !== undefined))) {
        throw new HttpError(400, 'invalid_request', 'changed_after and around combine with no other cursor');
      }
      if (changedAfter !== undefined) return ctx.history.changedAfter(chatId, changedAfter, limit);
      if (around !== undefined) return ctx.history.around(chatId, around, limit);
      if (parentId !== undefined && !ctx.messages.getInChat(chatId, parentId)) {
        throw new HttpError(404, 'not_found', 'Parent message not found in this chat');
      }
      return ctx.history.page(chatId, { before, after, limit, ...(parentId !== undefined ? { parentId } : {}) });
    },
  );

  app.get<{ Params: { chatId: string; messageId: string } }>('/api/v1/chats/:chatId/messages/:messageId', async (request) => {
    const user = await authenticate(ctx, request);
    requireMember(ctx, request.params.chatId, user.id);
    const message = ctx.messages.getInChat(request.params.chatId, request.params.messageId);
    if (!message) throw new HttpError(404, 'not_found', 'Message not found in this chat');
    return ctx.messages.withReadBy(message);
  });
}
