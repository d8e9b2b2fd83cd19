import { useSyncExternalStore } from 'react';
import { login, NatterError, refreshSession, type Session, type User } from 'natter';
import { SERVER_URL } from './config';

/**
 * The signed-in user, kept in sessionStorage: it survives a reload, and every tab or window is its own user.
 * `getToken` renews the access token with the refresh token shortly before it expires.
 */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
  /** When to renew it: a minute early, or a fifth of its life for short-lived tokens. */
  renewAt: number;
  user: User;
}

const KEY = 'natter-demo:session';
const listeners = new Set<() => void>();
let current: StoredSession | null = read();
let renewing: Promise<string> | null = null;

function read(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

function write(next: StoredSession | null): void {
  current = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

function toStored(session: Session): StoredSession {
  const lifetimeMs = session.expires_in * 1000;
  const now = Date.now();
  return {
    accessToken: session.access_token,
    refreshToken: session.refresh_token,
    expiresAt: now + lifetimeMs,
    renewAt: now + lifetimeMs - Math.min(60_000, lifetimeMs / 5),
    user: session.user,
  };
}

/** Development login: any user name works; the user is created on first use. */
export async function logIn(username: string): Promise<void> {
  write(toStored(await login(SERVER_URL, username)));
}

export function logOut(): void {
  write(null);
}

/** A valid access token, renewed first when it is about to expire. Fails (and logs out) if renewal is refused. */
export function getToken(): Promise<string> | string {
  const session = current;
  if (!session) throw new NatterError('unauthorized', 'Not signed in');
  if (Date.now() < session.renewAt) return session.accessToken;
  renewing ??= refreshSession(SERVER_URL, session.refreshToken)
    .then(
      (fresh) => {
        write(toStored(fresh));
        return fresh.access_token;
      },
      (error: unknown) => {
        if (error instanceof NatterError && error.code === 'unauthorized') write(null);
        throw error;
      },
    )
    .finally(() => {
      renewing = null;
    });
  return renewing;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The current session; re-renders on login, logout and renewal. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribe, () => current);
}
