import type { NatterError } from './errors';
import { request } from './http-request';
import type { Chat, HistoryMessage, HistoryPage, SearchPage, Session, User } from './protocol/types';

/** What the REST client needs. */
export interface RestClientOptions {
  /** The server's HTTP origin, e.g. `http://localhost:8787`. */
  baseUrl: string;
  /** An access token; after a 401, called with the refused token for a fresh one (see `ChatClientOptions.getToken`). */
  getToken: (refused?: string) => string | Promise<string>;
  fetch?: typeof fetch;
}

/** A history request: a `seq` cursor and a page size (docs/protocol.md, "History paging"). */
export interface HistoryQuery {
  before?: number;
  after?: number;
  limit?: number;
  /** Only the replies to this message (docs/protocol.md, section 9.10). */
  parentId?: string;
  /** Messages changed after this revision, in `rev` order (section 9.4). */
  changedAfter?: number;
  /** The page centred on this seq (section 9.7). */
  around?: number;
  /** Aborts the request (it then fails `network_error`): the gap filler bounds its pages so. */
  signal?: AbortSignal;
}

/** A search request (docs/protocol.md, section 9.7). */
export interface SearchQuery {
  limit?: number;
  offset?: number;
  signal?: AbortSignal;
}

/** The API root under a server origin; a trailing slash on it is dropped, since the server has no `//api` route. */
const apiOf = (baseUrl: string) => `${baseUrl.replace(/\/+$/, '')}/api/v1`;

/** One JSON call: with a `body` (sent as JSON) it is a POST, as every route that takes one is; else a GET. */
const send = <T>(fetchImpl: typeof fetch, url: string, body?: unknown, headers?: Record<string, string>, signal?: AbortSignal) =>
  request<T>(
    fetchImpl,
    url,
    body === undefined ? { headers, signal } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body), signal },
  );

/**
 * Logs in with the reference server's development login (the user is created on first use).
 *
 * @example
 * const session = await login('http://localhost:8787', 'ana');
 * const client = createChatClient({ baseUrl, currentUser: session.user, getToken: () => session.access_token });
 */
export function login(baseUrl: string, username: string, fetchImpl: typeof fetch = globalThis.fetch): Promise<Session> {
  return send(fetchImpl, `${apiOf(baseUrl)}/auth/login`, { username });
}

/**
 * Exchanges a refresh token for a new session.
 *
 * @example
 * const session = await refreshSession(baseUrl, old.refresh_token);
 */
export function refreshSession(baseUrl: string, refreshToken: string, fetchImpl: typeof fetch = globalThis.fetch): Promise<Session> {
  return send(fetchImpl, `${apiOf(baseUrl)}/auth/refresh`, { refresh_token: refreshToken });
}

/**
 * The authenticated REST routes of docs/protocol.md, section 5.
 *
 * @example
 * const rest = createRestClient({ baseUrl, getToken });
 * const { chats } = await rest.listChats();
 */
export function createRestClient(options: RestClientOptions) {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const api = apiOf(options.baseUrl);
  const authorize = async (path: string) => ({ url: api + path, authorization: `Bearer ${await options.getToken()}`, fetch: fetchImpl });
  // Not through authorize(): a request starts right after getToken() settles, with no extra turn in between. A 401
  // may come before the token's time (new server keys, clock skew): one fresh token, and one more try.
  const call = async <T>(path: string, body?: unknown, signal?: AbortSignal, refused?: string): Promise<T> => {
    const token = await options.getToken(refused);
    return send<T>(fetchImpl, api + path, body, { authorization: `Bearer ${token}` }, signal).catch((error: NatterError) =>
      refused == null && error.code == 'unauthorized' ? call<T>(path, body, signal, token) : Promise.reject(error),
    );
  };
  const chat = (chatId: string) => `/chats/${encodeURIComponent(chatId)}`;
  return {
    me: () => call<User>('/users/me'),
    listUsers: (query: { q?: string; limit?: number } = {}) => call<{ users: User[] }>(`/users${toQuery(query)}`),
    listChats: () => call<{ chats: Chat[] }>('/chats'),
    getChat: (chatId: string) => call<Chat>(chat(chatId)),
    createChat: (name: string, memberIds: string[]) => call<Chat>('/chats', { name, member_ids: memberIds }),
    getOrCreateDirectChat: (userId: string) => call<Chat>('/chats/direct', { user_id: userId }),
    history: (chatId: string, { parentId, changedAfter, signal, ...rest }: HistoryQuery = {}) =>
      call<HistoryPage>(`${chat(chatId)}/messages${toQuery({ ...rest, parent_id: parentId, changed_after: changedAfter })}`, undefined, signal),
    message: (chatId: string, messageId: string) => call<HistoryMessage>(`${chat(chatId)}/messages/${encodeURIComponent(messageId)}`),
    search: (chatId: string, q: string, { limit, offset, signal }: SearchQuery = {}) =>
      call<SearchPage>(`${chat(chatId)}/search${toQuery({ q, limit, offset })}`, undefined, signal),
    /**
     * For a call no route here makes (an opt-in feature's, such as uploads, kept out of the kernel): the absolute URL
     * of an API path (`/chats/…`), the `authorization` header value from a fresh `getToken()`, and the fetch to use.
     *
     * @example
     * const { url, authorization, fetch } = await rest.authorize(`/chats/${chatId}/uploads`);
     */
    authorize,
    /** An absolute URL for a server-relative one (an attachment's `url`). */
    resolveUrl: (url: string) => new URL(url, options.baseUrl).href,
  };
}

/** The REST client `createRestClient` returns. */
export type RestClient = ReturnType<typeof createRestClient>;

function toQuery(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value != null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text && `?${text}`;
}
