import type { Session, User } from '../../core/protocol/types';

/**
 * The mock's tokens: opaque strings it remembers, by kind, until revoked.
 *
 * @example
 * const tokens = new MockTokens(() => crypto.randomUUID());
 * const session = tokens.issue(user);
 */
export class MockTokens {
  private readonly tokens = new Map<string, { userId: string; kind: 'access' | 'refresh' }>();

  constructor(private readonly nextId: () => string) {}

  /** A new access/refresh pair for `user`. */
  issue(user: User): Session {
    const access = `mock-access.${user.id}.${this.nextId()}`;
    const refresh = `mock-refresh.${user.id}.${this.nextId()}`;
    this.tokens.set(access, { userId: user.id, kind: 'access' });
    this.tokens.set(refresh, { userId: user.id, kind: 'refresh' });
    return { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: 900, user: { ...user } };
  }

  /** The id of the user a token of `kind` belongs to, or undefined (unknown, revoked, other kind). */
  userIdFor(token: string | null | undefined, kind: 'access' | 'refresh'): string | undefined {
    const entry = token ? this.tokens.get(token) : undefined;
    return entry?.kind === kind ? entry.userId : undefined;
  }

  /** Forgets every token (of one user). */
  revoke(userId?: string): void {
    for (const [token, entry] of this.tokens) if (userId === undefined || entry.userId === userId) this.tokens.delete(token);
  }
}
