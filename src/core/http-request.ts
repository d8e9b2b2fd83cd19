import { NatterError } from './errors';

/**
 * One JSON request; every failure becomes a `NatterError` (`network_error`, `unauthorized` or `http_error`).
 *
 * @example
 * const user = await request<User>(fetch, `${baseUrl}/api/v1/users/me`, { headers: { authorization } });
 */
export async function request<T>(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<T> {
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
