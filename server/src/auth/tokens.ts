import { SignJWT, jwtVerify } from 'jose';

/** Which kind a token is; each kind is refused where the other is expected. */
export type TokenKind = 'access' | 'refresh';

const ISSUER = 'natter';

/** The verified facts of a token. */
export interface TokenClaims {
  userId: string;
  kind: TokenKind;
  expiresAt: number;
}

/** Why a token was refused; the message is safe to show (it never contains the token). */
export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/**
 * Issues and verifies HS256 JWTs.
 *
 * @example
 * const tokens = new TokenService(secret, { accessTtlSeconds: 900, refreshTtlSeconds: 2_592_000 });
 * const { userId } = await tokens.verify(accessToken, 'access');
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttl: { accessTtlSeconds: number; refreshTtlSeconds: number },
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A new access and refresh pair for `user`. */
  async issuePair(user: { id: string; username: string }) {
    const [access_token, refresh_token] = await Promise.all([
      this.sign(user, 'access', this.ttl.accessTtlSeconds),
      this.sign(user, 'refresh', this.ttl.refreshTtlSeconds),
    ]);
    return { access_token, refresh_token, token_type: 'bearer' as const, expires_in: this.ttl.accessTtlSeconds };
  }

  /** Verifies signature, issuer, expiry and kind; throws `TokenError` otherwise. */
  async verify(token: string, kind: TokenKind): Promise<TokenClaims> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new TokenError(expired ? 'Token expired' : 'Invalid token');
    }
    if (payload.typ !== kind) throw new TokenError(`Wrong kind of token: expected ${kind}`);
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new TokenError('Invalid token');
    return { userId: payload.sub, kind, expiresAt: payload.exp };
  }

  private sign(user: { id: string; username: string }, kind: TokenKind, ttlSeconds: number): Promise<string> {
    return new SignJWT({ typ: kind, name: user.username })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      // A unique id keeps two pairs issued within the same second distinct.
      .setJti(crypto.randomUUID())
      .sign(this.key);
  }
}
