import { expect } from 'vitest';
import type { Session, User } from '../../src/protocol/types.ts';

/** Anything with the server's base URL. */
export interface HasUrl {
  url: string;
}

export type { Session, User };

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** sent as is (no JSON encoding); sets content-type application/json unless a header says otherwise */
  rawBody?: string | Buffer;
  /** a JSON body */
  json?: unknown;
}

/** One HTTP request; the body is parsed as JSON when it is JSON, else left as text. */
export async function request(
  server: HasUrl,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | Buffer | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(server.url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

/** An authenticated JSON request (`token` null sends no Authorization header). */
export function api(
  server: HasUrl,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return request(server, method, path, { headers, json: body });
}

/** Logs in (creating the user on first use) and returns the Session; fails the test on anything but 200. */
export async function login(server: HasUrl, username: string, email?: string): Promise<Session> {
  const res = await request(server, 'POST', '/api/v1/auth/login', {
    json: email === undefined ? { username } : { username, email },
  });
  if (res.status !== 200) {
    throw new Error(`login(${username}) answered ${res.status}: ${res.text}`);
  }
  return res.body as Session;
}

/** Asserts the documented error shape `{ error: { code, message } }` with this status and code. */
export function expectError(res: ApiResponse, status: number, code: string): void {
  expect({ status: res.status, body: res.body }, `response text: ${res.text}`).toMatchObject({
    status,
    body: { error: { code } },
  });
  expect(typeof res.body.error.message).toBe('string');
}

/** ISO-8601 in UTC with milliseconds, as docs/protocol.md requires for every time. */
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Asserts a User object (section 5.1). */
export function expectUser(user: unknown, expected: Partial<User> = {}): void {
  expect(user).toMatchObject({
    id: expect.stringMatching(UUID),
    username: expect.any(String),
    email: expect.any(String),
    is_active: true,
    created_at: expect.stringMatching(ISO_MS),
    ...expected,
  });
}
