import { delay, HttpResponse } from 'msw';
import type { User } from '../../core/protocol/types';
import type { MockChatRecord, MockState } from './state';

/**
 * The route parameters the mock's REST handlers use.
 *
 * @example
 * const { chatId } = params as RouteParams;
 */
export type RouteParams = { userId: string; chatId: string; messageId: string; fileId: string; fileName: string };

/**
 * An answer in the documented error shape: `{ error: { code, message } }`.
 *
 * @example
 * return fail(404, 'not_found', 'Chat not found');
 */
export const fail = (status: number, code: string, message: string): Response => HttpResponse.json({ error: { code, message } }, { status });

/**
 * Thrown inside a route to answer with `response` instead.
 *
 * @example
 * throw new HttpFailure(fail(400, 'invalid_request', 'Bad q'));
 */
export class HttpFailure extends Error {
  constructor(readonly response: Response) {
    super('http failure');
  }
}

/**
 * An integer query parameter in [min, max], undefined when absent; throws a 400 otherwise.
 *
 * @example
 * const limit = intParam(url, 'limit', 1, 200) ?? 50;
 */
export function intParam(url: URL, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new HttpFailure(fail(400, 'invalid_request', `Invalid request: querystring/${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`));
  }
  return value;
}

/**
 * The JSON object body of a request; throws a 400 for anything else.
 *
 * @example
 * const body = await jsonBody(request);
 */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpFailure(fail(400, 'invalid_request', 'Invalid request: body must be a JSON object'));
  return body as Record<string, unknown>;
}

/**
 * What every REST handler of the mock shares: the latency, bearer authentication, membership and the error shape.
 *
 * @example
 * const kit = createRouteKit(state, () => 0);
 * http.get(`${api}/chats/:chatId`, kit.route(({ request, params }) => HttpResponse.json(kit.memberChat(params.chatId, kit.authenticate(request)))));
 */
export function createRouteKit(state: MockState, latencyMs: () => number) {
  const authenticate = (request: Request): User => {
    const header = request.headers.get('authorization') ?? '';
    const user = state.userForToken(/^Bearer (.+)$/i.exec(header)?.[1], 'access');
    if (!user) throw new HttpFailure(fail(401, 'unauthorized', 'Missing, invalid or expired token'));
    return user;
  };
  const memberChat = (chatId: string, user: User): MockChatRecord => {
    const chat = state.chats.get(chatId);
    if (!chat) throw new HttpFailure(fail(404, 'not_found', 'Chat not found'));
    if (!state.isMember(chat, user.id)) throw new HttpFailure(fail(403, 'forbidden', 'Not a member of this chat'));
    return chat;
  };
  // Every route: the configured latency, then the answer or the documented error shape.
  const route =
    (resolve: (args: { request: Request; params: RouteParams; url: URL }) => Response | Promise<Response>) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      const ms = latencyMs();
      if (ms > 0) await delay(ms);
      try {
        return await resolve({ request, params: params as RouteParams, url: new URL(request.url) });
      } catch (error) {
        if (error instanceof HttpFailure) return error.response;
        throw error;
      }
    };
  return { authenticate, memberChat, route };
}
