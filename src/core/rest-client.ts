import { request } from './http-request';
import type { Attachment, Chat, HistoryMessage, HistoryPage, SearchPage, Session, User } from './protocol/types';
import { uploadWithProgress, type UploadOptions } from './upload';

/** What the REST client needs. */
export interface RestClientOptions {
  /** The server's HTTP origin, e.g. `http://localhost:8787`. */
  baseUrl: string;
  getToken: () => string | Promise<string>;
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
}

/** A search request (docs/protocol.md, section 9.7). */
export interface SearchQuery {
  limit?: number;
  offset?: number;
  signal?: AbortSignal;
}

/**
 * Logs in with the reference server's development login (the user is created on first use).
 *
 * @example
 * const session = await login('http://localhost:8787', 'ana');
 * const client = createChatClient({ baseUrl, currentUser: session.user, getToken: () => session.access_token });
 */
export function login(baseUrl: string, username: string, fetchImpl: typeof fetch = globalThis.fetch): Promise<Session> {
  return request(fetchImpl, `${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
}

/**
 * Exchanges a refresh token for a new session.
 *
 * @example
 * const session = await refreshSession(baseUrl, old.refresh_token);
 */
export function refreshSession(baseUrl: string, refreshToken: string, fetchImpl: typeof fetch = globalThis.fetch): Promise<Session> {
  return request(fetchImpl, `${baseUrl}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
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
  const call = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${await options.getToken()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return request<T>(fetchImpl, `${options.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  };
  const id = encodeURIComponent;
  return {
    me: () => call<User>('GET', '/api/v1/users/me'),
    listUsers: (query: { q?: string; limit?: number } = {}) => call<{ users: User[] }>('GET', `/api/v1/users${toQuery(query)}`),
    listChats: () => call<{ chats: Chat[] }>('GET', '/api/v1/chats'),
    getChat: (chatId: string) => call<Chat>('GET', `/api/v1/chats/${id(chatId)}`),
    createChat: (name: string, memberIds: string[]) => call<Chat>('POST', '/api/v1/chats', { name, member_ids: memberIds }),
    getOrCreateDirectChat: (userId: string) => call<Chat>('POST', '/api/v1/chats/direct', { user_id: userId }),
    history: (chatId: string, query: HistoryQuery = {}) => {
      const { parentId, changedAfter, ...rest } = query;
      const wire = { ...rest, parent_id: parentId, changed_after: changedAfter };
      return call<HistoryPage>('GET', `/api/v1/chats/${id(chatId)}/messages${toQuery(wire)}`);
    },
    message: (chatId: string, messageId: string) => call<HistoryMessage>('GET', `/api/v1/chats/${id(chatId)}/messages/${id(messageId)}`),
    search: (chatId: string, q: string, query: SearchQuery = {}) =>
      call<SearchPage>('GET', `/api/v1/chats/${id(chatId)}/search${toQuery({ q, limit: query.limit, offset: query.offset })}`, undefined, query.signal),
    /** Uploads one file to a chat (multipart); reports progress where the platform can (XMLHttpRequest). */
    upload: async (chatId: string, file: Blob, upload: UploadOptions = {}): Promise<Attachment> => {
      const url = `${options.baseUrl}/api/v1/chats/${id(chatId)}/uploads`;
      const token = await options.getToken();
      const answer = await uploadWithProgress(fetchImpl, url, token, file, upload);
      return answer.attachment;
    },
    /** An absolute URL for a server-relative one (an attachment's `url`). */
    resolveUrl: (url: string) => new URL(url, options.baseUrl).toString(),
  };
}

/** The REST client `createRestClient` returns. */
export type RestClient = ReturnType<typeof createRestClient>;

function toQuery(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
