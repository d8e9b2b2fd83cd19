import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { authenticate } from './authenticate.ts';
import { HttpError } from './errors.ts';

/**
 * Throws the REST answer for a chat the caller may not use: 404 if it does not exist, 403 if not a member.
 *
 * @example
 * requireMember(ctx, chatId, user.id);
 */
export function requireMember(ctx: ServerContext, chatId: string, userId: string): void {
  const access = ctx.chats.access(chatId, userId);
  if (access === 'not_found') throw new HttpError(404, 'not_found', 'Chat not found');
  if (access === 'forbidden') throw new HttpError(403, 'forbidden', 'Not a member of this chat');
}

/**
 * `GET /api/v1/chats`, `POST /api/v1/chats`, `POST /api/v1/chats/direct` and `GET /api/v1/chats/{chatId}`.
 *
 * @example
 * registerChatRoutes(app, ctx);
 */
export function registerChatRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/v1/chats', async (request) => {
    const user = await authenticate(ctx, request);
    return { chats: ctx.chats.listFor(user.id) };
  });

  app.post<{ Body: { name: string; member_ids: string[] } }>('/api/v1/chats', {
    schema: {
      body: {
        type: 'object',
        required: ['name', 'member_ids'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: LIMITS.chatNameMax, pattern: '\\S' },
          member_ids: {
            type: 'array',
            maxItems: LIMITS.chatMembersMax,
            items: { type: 'string', minLength: 1, maxLength: 64 },
          },
        },
      },
    },
    handler: async (request, reply) => {
      const user = await authenticate(ctx, request);
      ctx.limits.take('writes', user.id);
      const unknown = ctx.users.missing(request.body.member_ids);
      if (unknown.length > 0) throw new HttpError(400, 'invalid_request', `Unknown member ids: ${unknown.join(', ')}`);
      return reply.status(201).send(ctx.chats.create(request.body.name.trim(), user.id, request.body.member_ids));
    },
  });

  app.post<{ Body: { user_id: string } }>('/api/v1/chats/direct', {
    schema: {
      body: {
        type: 'object',
        required: ['user_id'],
        properties: { user_id: { type: 'string', minLength: 1, maxLength: 64 } },
      },
    },
    handler: async (request, reply) => {
      const user = await authenticate(ctx, request);
      ctx.limits.take('writes', user.id);
      const otherId = request.body.user_id;
      if (otherId === user.id) throw new HttpError(400, 'invalid_request', 'A direct chat needs another user');
      if (!ctx.users.get(otherId)) throw new HttpError(404, 'not_found', 'User not found');
      const { chat, created } = ctx.chats.getOrCreateDirect(user.id, otherId);
      return reply.status(created ? 201 : 200).send(chat);
    },
  });

  app.get<{ Params: { chatId: string } }>('/api/v1/chats/:chatId', async (request) => {
    const user = await authenticate(ctx, request);
    requireMember(ctx, request.params.chatId, user.id);
    return ctx.chats.view(request.params.chatId, user.id);
  });
}
