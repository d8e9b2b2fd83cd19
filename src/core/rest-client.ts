import { NatterError } from './errors';
import type { Chat, HistoryPage, Session, User } from './protocol/types';

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
}

async function request<T>(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (cause) {
    throw new NatterError('network_error', `Could not reach ${new URL(url).origin}`, { cause });
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (response.ok && body === null) {
    // The connection broke mid-body: as much a network failure as no answer at all.
    throw new NatterError('network_error', `${init.method ?? 'GET'} ${new URL(url).pathname} answered with an unreadable body`, {
      status: response.status,
    });
  }
  if (!response.ok) {
    const message = body?.error?.message ?? `${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}`;
    const code = response.status === 401 ? 'unauthorized' : 'http_error';
    throw new NatterError(code, message, { status: response.status });
  }
  return body as T;
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
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${await options.getToken()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return request<T>(fetchImpl, `${options.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
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
    history: (chatId: string, query: HistoryQuery = {}) => call<HistoryPage>('GET', `/api/v1/chats/${id(chatId)}/messages${toQuery(query)}`),
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
