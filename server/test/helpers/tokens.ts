import { SignJWT } from 'jose';

export interface ForgeOptions {
  sub: string;
  typ?: 'access' | 'refresh' | string;
  iss?: string;
  /** expiry as seconds relative to now (negative = already expired) */
  expiresInSeconds?: number;
}

/**
 * Signs an HS256 token the way docs/protocol.md section 5.3 describes (iss "natter", sub, typ) with the given secret,
 * so a test can produce tokens the server would never issue (expired ones, ones for deleted users).
 */
export async function forgeToken(secret: string, options: ForgeOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresInSeconds ?? 600;
  return new SignJWT({ typ: options.typ ?? 'access' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.iss ?? 'natter')
    .setSubject(options.sub)
    .setIssuedAt(Math.min(now, now + expiresIn - 60))
    .setExpirationTime(now + expiresIn)
    .sign(new TextEncoder().encode(secret));
}
