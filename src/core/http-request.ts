import { NatterError } from './errors';

const answered = (method: string, url: string) => `${method} ${new URL(url).pathname} answered`;

/**
 * The error of a request that got no answer at all.
 *
 * @example
 * xhr.onerror = () => reject(unreachable(url));
 */
export const unreachable = (url: string, details?: NatterError['details']) =>
  new NatterError('network_error', `Could not reach ${new URL(url).origin}`, details);

/** A REST error body (docs/protocol.md, section 5). */
type ErrorBody = { error?: { message?: string; retry_after_ms?: number } } | null;

/**
 * The error of an answer with a failing status: `unauthorized` for 401, `rate_limited` for 429 (with the server's
 * `retryAfterMs`, as the socket's refusal has), else `http_error`, with the server's own message when its body has one.
 *
 * @example
 * if (!response.ok) throw refused('GET', url, response.status, body);
 */
export const refused = (method: string, url: string, status: number, body: ErrorBody, error = body?.error) =>
  new NatterError(status == 401 ? 'unauthorized' : status == 429 ? 'rate_limited' : 'http_error', error?.message ?? `${answered(method, url)} ${status}`, {
    status,
    retryAfterMs: error?.retry_after_ms,
  });

/**
 * One JSON request; every failure becomes a `NatterError` (`network_error`, `unauthorized`, `rate_limited` or `http_error`).
 *
 * @example
 * const user = await request<User>(fetch, `${baseUrl}/api/v1/users/me`, { headers: { authorization } });
 */
export async function request<T>(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<T> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (cause) {
    throw unreachable(url, { cause });
  }
  const { ok, status } = response;
  const body = (await response.json().catch(() => null)) as ErrorBody;
  if (!ok) throw refused(method, url, status, body);
  // The connection broke mid-body: as much a network failure as no answer at all.
  if (body === null) throw new NatterError('network_error', `${answered(method, url)} with an unreadable body`, { status });
  return body as T;
}
