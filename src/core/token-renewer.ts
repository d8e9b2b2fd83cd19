import { NatterError } from './errors';
import type { Session, User } from './protocol/types';
import { refreshSession } from './rest-client';

/** A signed-in session as an app keeps it (JSON-safe, for sessionStorage or similar). */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, ms since the epoch. */
  expiresAt: number;
  /** When to renew it: a minute early, or a fifth of its life for short-lived tokens. */
  renewAt: number;
  user: User;
}

/** What `createTokenRenewer` needs. */
export interface TokenRenewerOptions {
  baseUrl: string;
  /** The session to start from (from `login`, or restored from storage). */
  session: Session | StoredSession;
  /** Each renewed session: persist it. */
  onRenew?: (session: StoredSession) => void;
  /** The refresh token was refused: the user must sign in again. */
  onExpired?: (error: NatterError) => void;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * Turns a `Session` from `login`/`refreshSession` into the form apps store, with its renewal time.
 *
 * @example
 * sessionStorage.setItem('session', JSON.stringify(toStoredSession(await login(url, 'ana'))));
 */
export function toStoredSession(session: Session, now: number = Date.now()): StoredSession {
  const lifetimeMs = session.expires_in * 1000;
  return {
    accessToken: session.access_token,
    refreshToken: session.refresh_token,
    expiresAt: now + lifetimeMs,
    renewAt: now + lifetimeMs - Math.min(60_000, lifetimeMs / 5),
    user: session.user,
  };
}

/**
 * A `getToken` for `createChatClient` that renews the access token shortly before it expires (one renewal at a
 * time, however many sockets ask), so a reconnect never presents an expired token. `getToken(refused)` with the token
 * a server just refused renews at once (unless it was renewed already). Once the refresh token is refused
 * (`onExpired`), the renewer stays expired: every later `getToken` fails with that `unauthorized` error, with no
 * request and no second `onExpired`. After signing in again, create a new renewer (and client).
 *
 * @example
 * const tokens = createTokenRenewer({ baseUrl, session, onRenew: save, onExpired: signOut });
 * const client = createChatClient({ baseUrl, getToken: tokens.getToken, currentUser: session.user });
 */
export function createTokenRenewer(options: TokenRenewerOptions) {
  const now = options.now ?? Date.now;
  let current: StoredSession = 'access_token' in options.session ? toStoredSession(options.session, now()) : options.session;
  // The renewal in flight; a refused one stays, so every later call gets its rejection.
  let renewing: Promise<string> | null = null;
  return {
    /** The session in use now. */
    session: (): StoredSession => current,
    getToken: (refused?: string): Promise<string> | string => {
      if (!renewing && now() < current.renewAt && refused !== current.accessToken) return current.accessToken;
      return (renewing ??= refreshSession(options.baseUrl, current.refreshToken, options.fetch).then(
        (fresh) => {
          renewing = null;
          current = toStoredSession(fresh, now());
          options.onRenew?.(current);
          return current.accessToken;
        },
        (error: unknown) => {
          const failure = error instanceof NatterError ? error : new NatterError('network_error', 'Could not renew the session', { cause: error });
          if (failure.code === 'unauthorized') options.onExpired?.(failure);
          else {
            renewing = null;
            // Renewal starts early: a network failure then must not fail a connect or a request with a token that
            // still works (unless it was just refused). The next call tries again.
            if (now() < current.expiresAt && refused !== current.accessToken) return current.accessToken;
          }
          throw failure;
        },
      ));
    },
  };
}
