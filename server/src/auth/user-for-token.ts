import type { ServerContext } from '../context.ts';
import type { User } from '../protocol/types.ts';
import { TokenError, type TokenKind } from './tokens.ts';

/**
 * Verifies a token of `kind` and loads its active user; throws `TokenError` if either fails. REST turns that into
 * a 401, the socket gateway into close code 4001.
 *
 * @example
 * const user = await userForToken(ctx, token, 'access');
 */
export async function userForToken(ctx: Pick<ServerContext, 'tokens' | 'users'>, token: string, kind: TokenKind): Promise<User> {
  const { userId } = await ctx.tokens.verify(token, kind);
  const user = ctx.users.get(userId);
  if (!user || !user.is_active) throw new TokenError('User no longer exists');
  return user;
}
