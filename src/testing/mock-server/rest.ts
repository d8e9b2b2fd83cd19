import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { User } from '../../core/protocol/types';
import type { MockState } from './state';

type Params = { userId: string; chatId: string };
const USERNAME = /^[\p{L}\p{N}_.-]{1,32}$/u;
const PAGE_DEFAULT = 50;
const PAGE_MAX = 200;

const fail = (status: number, code: string, message: string) => HttpResponse.json({ error: { code, message } }, { status });

class HttpFailure extends Error {
  constructor(readonly response: Response) {
    super('http failure');
  }
}

/** An integer query parameter in [min, max], undefined when absent; throws a 400 otherwise. */
function intParam(url: URL, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new HttpFailure(fail(400, 'invalid_request', `Invalid request: querystring/${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`));
  }
  return value;
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpFailure(fail(400, 'invalid_request', 'Invalid request: body must be a JSON object'));
  return body as Record<string, unknown>;
}

/**
 * The REST routes of docs/protocol.md, section 5, as msw `http` handlers over the mock's state.
 *
 * @example
 * const handlers = createRestHandlers('http://chat.test', state, () => 0);
 */
export function createRestHandlers(baseUrl: string, state: MockState, latencyMs: () => number): HttpHandler[] {
  const authenticate = (request: Request): User => {
    const header = request.headers.get('authorization') ?? '';
    const user = state.userForToken(/^Bearer (.+)$/i.exec(header)?.[1], 'access');
    if (!user) throw new HttpFailure(fail(401, 'unauthorized', 'Missing, invalid or expired token'));
    return user;
  };
  const memberChat = (chatId: string, user: User) => {
    const chat = state.chats.get(chatId);
    if (!chat) throw new HttpFailure(fail(404, 'not_found', 'Chat not found'));
    if (!state.isMember(chat, user.id)) throw new HttpFailure(fail(403, 'forbidden', 'Not a member of this chat'));
    return chat;
  };
  // Every route: the configured latency, then the answer or the documented error shape.
  const route =
    (resolve: (args: { request: Request; params: Params; url: URL }) => Response | Promise<Response>) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      const ms = latencyMs();
      if (ms > 0) await delay(ms);
      try {
        return await resolve({ request, params: params as Params, url: new URL(request.url) });
      } catch (error) {
        if (error instanceof HttpFailure) return error.response;
        throw error;
      }
    };
  const api = `${baseUrl}/api/v1`;

  return [
    http.post(
      `${api}/auth/login`,
      route(async ({ request }) => {
        const body = await jsonBody(request);
        if (typeof body.username !== 'string' || !USERNAME.test(body.username)) {
          return fail(400, 'invalid_request', 'Invalid request: body/username must be 1-32 letters, digits, "_", "." or "-"');
        }
        const email = typeof body.email === 'string' ? body.email : undefined;
        const user = state.findUser(body.username) ?? state.addUser({ username: body.username, ...(email ? { email } : {}) });
        return HttpResponse.json(state.issueSession(user));
      }),
    ),
    http.post(
      `${api}/auth/refresh`,
      route(async ({ request }) => {
        const body = await jsonBody(request);
        const user = state.userForToken(typeof body.refresh_token === 'string' ? body.refresh_token : null, 'refresh');
        if (!user) return fail(401, 'unauthorized', 'Invalid or expired refresh token');
        return HttpResponse.json(state.issueSession(user));
      }),
    ),
    http.get(`${api}/users/me`, route(({ request }) => HttpResponse.json(authenticate(request)))),
    http.get(
      `${api}/users`,
      route(({ request, url }) => {
        authenticate(request);
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        const limit = intParam(url, 'limit', 1, PAGE_MAX) ?? PAGE_DEFAULT;
        const users = [...state.users.values()]
          .filter((u) => u.username.toLowerCase().startsWith(q))
          .sort((a, b) => a.username.toLowerCase().localeCompare(b.username.toLowerCase()))
          .slice(0, limit);
        return HttpResponse.json({ users });
      }),
    ),
    http.get(
      `${api}/users/:userId`,
      route(({ request, params }) => {
        authenticate(request);
        const user = state.users.get(params.userId);
        return user ? HttpResponse.json(user) : fail(404, 'not_found', 'User not found');
      }),
    ),
    http.get(
      `${api}/chats`,
      route(({ request }) => HttpResponse.json({ chats: state.chatsFor(authenticate(request).id) })),
    ),
    http.post(
      `${api}/chats/direct`,
      route(async ({ request }) => {
        const user = authenticate(request);
        const body = await jsonBody(request);
        if (typeof body.user_id !== 'string' || body.user_id === '') return fail(400, 'invalid_request', 'Invalid request: body/user_id must be a string');
        if (body.user_id === user.id) return fail(400, 'invalid_request', 'A direct chat needs another user');
        if (!state.users.has(body.user_id)) return fail(404, 'not_found', 'User not found');
        const { chat, created } = state.directChat(user.id, body.user_id);
        return HttpResponse.json(state.chatView(chat, user.id), { status: created ? 201 : 200 });
      }),
    ),
    http.post(
      `${api}/chats`,
      route(async ({ request }) => {
        const user = authenticate(request);
        const body = await jsonBody(request);
        const name = typeof body.name === 'string' ? body.name.trim() : '';
        if (name.length < 1 || name.length > 100) return fail(400, 'invalid_request', 'Invalid request: body/name must be 1-100 characters');
        const ids = body.member_ids;
        if (!Array.isArray(ids) || ids.length > 1000 || !ids.every((id) => typeof id === 'string')) {
          return fail(400, 'invalid_request', 'Invalid request: body/member_ids must be an array of at most 1000 ids');
        }
        const unknown = (ids as string[]).filter((id) => !state.users.has(id));
        if (unknown.length > 0) return fail(400, 'invalid_request', `Unknown member ids: ${unknown.join(', ')}`);
        const chat = state.addChat({ name, members: [user.id, ...(ids as string[])], createdBy: user.id });
        return HttpResponse.json(state.chatView(chat, user.id), { status: 201 });
      }),
    ),
    http.get(
      `${api}/chats/:chatId`,
      route(({ request, params }) => {
        const user = authenticate(request);
        return HttpResponse.json(state.chatView(memberChat(params.chatId, user), user.id));
      }),
    ),
    http.get(
      `${api}/chats/:chatId/messages`,
      route(({ request, params, url }) => {
        const user = authenticate(request);
        const chat = memberChat(params.chatId, user);
        const before = intParam(url, 'before', 0);
        const after = intParam(url, 'after', 0);
        const limit = intParam(url, 'limit', 1, PAGE_MAX) ?? PAGE_DEFAULT;
        return HttpResponse.json(state.history(chat, { before, after, limit }));
      }),
    ),
    http.get(`${baseUrl}/health`, route(() => HttpResponse.json({ status: 'ok' }))),
  ];
}
