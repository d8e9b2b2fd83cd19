import { http, HttpResponse, type HttpHandler } from 'msw';
import { chatsFor, chatView } from './chat-view';
import { historyPage, toHistory, type HistoryQuery } from './history';
import { createRouteKit, fail, HttpFailure, intParam, jsonBody } from './rest-support';
import { searchChat } from './search';
import type { MockState } from './state';

const USERNAME = /^[\p{L}\p{N}_.-]{1,32}$/u;
const PAGE_DEFAULT = 50;
const PAGE_MAX = 200;
const SEARCH_DEFAULT = 20;
const SEARCH_MAX = 50;

/** The history cursors of a request; `around` and `changed_after` stand alone (a 400 with `before`/`after`). */
function historyQuery(url: URL): HistoryQuery {
  const query: HistoryQuery = { limit: intParam(url, 'limit', 1, PAGE_MAX) ?? PAGE_DEFAULT };
  const before = intParam(url, 'before', 0);
  const after = intParam(url, 'after', 0);
  const around = intParam(url, 'around', 0);
  const changedAfter = intParam(url, 'changed_after', 0);
  const parentId = url.searchParams.get('parent_id');
  if ((around !== undefined || changedAfter !== undefined) && (before !== undefined || after !== undefined || (around !== undefined && changedAfter !== undefined))) {
    throw new HttpFailure(fail(400, 'invalid_request', 'Invalid request: around and changed_after cannot be combined with before, after or each other'));
  }
  if (parentId !== null) {
    if (parentId === '') throw new HttpFailure(fail(400, 'invalid_request', 'Invalid request: querystring/parent_id must not be empty'));
    query.parentId = parentId;
  }
  if (before !== undefined) query.before = before;
  if (after !== undefined) query.after = after;
  if (around !== undefined) query.around = around;
  if (changedAfter !== undefined) query.changedAfter = changedAfter;
  return query;
}

/**
 * The REST routes of docs/protocol.md, section 5, as msw `http` handlers over the mock's state.
 *
 * @example
 * const handlers = createRestHandlers('http://chat.test', state, () => 0);
 */
export function createRestHandlers(baseUrl: string, state: MockState, latencyMs: () => number): HttpHandler[] {
  const { authenticate, memberChat, route } = createRouteKit(state, latencyMs);
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
      route(({ request }) => HttpResponse.json({ chats: chatsFor(state, authenticate(request).id) })),
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
        return HttpResponse.json(chatView(state, chat, user.id), { status: created ? 201 : 200 });
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
        return HttpResponse.json(chatView(state, chat, user.id), { status: 201 });
      }),
    ),
    http.get(
      `${api}/chats/:chatId`,
      route(({ request, params }) => {
        const user = authenticate(request);
        return HttpResponse.json(chatView(state, memberChat(params.chatId, user), user.id));
      }),
    ),
    http.get(
      `${api}/chats/:chatId/messages`,
      route(({ request, params, url }) => {
        const user = authenticate(request);
        const chat = memberChat(params.chatId, user);
        const query = historyQuery(url);
        if (query.parentId !== undefined && !state.storedIn(chat, query.parentId)) return fail(404, 'not_found', 'Parent message not found in this chat');
        return HttpResponse.json(historyPage(chat, query));
      }),
    ),
    http.get(
      `${api}/chats/:chatId/messages/:messageId`,
      route(({ request, params }) => {
        const user = authenticate(request);
        const row = state.storedIn(memberChat(params.chatId, user), params.messageId);
        return row ? HttpResponse.json(toHistory(row)) : fail(404, 'not_found', 'Message not found in this chat');
      }),
    ),
    http.get(
      `${api}/chats/:chatId/search`,
      route(({ request, params, url }) => {
        const chat = memberChat(params.chatId, authenticate(request));
        const q = url.searchParams.get('q') ?? '';
        if (q.trim().length < 1 || q.length > 200) return fail(400, 'invalid_request', 'Invalid request: querystring/q must be 1-200 characters');
        const limit = intParam(url, 'limit', 1, SEARCH_MAX) ?? SEARCH_DEFAULT;
        return HttpResponse.json(searchChat(chat, q, { limit, offset: intParam(url, 'offset', 0) ?? 0 }));
      }),
    ),
    http.get(`${baseUrl}/health`, route(() => HttpResponse.json({ status: 'ok' }))),
  ];
}
