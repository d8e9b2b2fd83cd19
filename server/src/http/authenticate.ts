import type { FastifyRequest } from 'fastify';
import { TokenError, type TokenKind } from '../auth/tokens.ts';
import { userForToken } from '../auth/user-for-token.ts';
import type { ServerContext } from '../context.ts';
import type { User } from '../protocol/types.ts';
import { HttpError } from './errors.ts';

/**
 * The user behind a request's `Authorization: Bearer` access token; a 401 `HttpError` otherwise.
 *
 * @example
 * app.get('/api/v1/users/me', async (request) => authenticate(ctx, request));
 */
export async function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<User> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new HttpError(401, 'unauthorized', 'Missing bearer token');
  return userForTokenOr401(ctx, match[1]!, 'access');
}

/**
 * `userForToken`, with a refused token answered as HTTP 401.
 *
 * @example
 * const user = await userForTokenOr401(ctx, body.refresh_token, 'refresh');
 */
export async function userForTokenOr401(ctx: ServerContext, token: string, kind: TokenKind): Promise<User> {
  try {
    return await userForToken(ctx, token, kind);
  } catch (error) {
    if (error instanceof TokenError) throw new HttpError(401, 'unauthorized', error.message);
    throw error;
  }
}
