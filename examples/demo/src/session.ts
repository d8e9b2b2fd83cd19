import { useSyncExternalStore } from 'react';
import { NatterError } from 'natter';
import { createTokenRenewer, login, type StoredSession, toStoredSession } from 'natter/features';
import { SERVER_URL } from './config';

/**
 * The signed-in user, kept in sessionStorage: it survives a reload, and every tab or window is its own user.
 * Natter's token renewer refreshes the access token shortly before it expires.
 */
export type { StoredSession };

const KEY = 'natter-demo:session';
const listeners = new Set<() => void>();
let current: StoredSession | null = read();
let renewer = current ? renewerFor(current) : null;

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

function renewerFor(session: StoredSession) {
  // A refused refresh token signs the user out; a network failure just fails this attempt.
  return createTokenRenewer({ baseUrl: SERVER_URL, session, onRenew: write, onExpired: () => logOut() });
}

/** Development login: any user name works; the user is created on first use. */
export async function logIn(username: string): Promise<void> {
  const session = toStoredSession(await login(SERVER_URL, username));
  renewer = renewerFor(session);
  write(session);
}

export function logOut(): void {
  renewer = null;
  write(null);
}

/** A valid access token, renewed first when it is about to expire or when the server refused `refused`. */
export function getToken(refused?: string): Promise<string> | string {
  if (!renewer) throw new NatterError('unauthorized', 'Not signed in');
  return renewer.getToken(refused);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The current session; re-renders on login, logout and renewal. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribe, () => current);
}
