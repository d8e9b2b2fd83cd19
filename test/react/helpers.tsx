import { QueryClient } from '@tanstack/react-query';
import { cleanup } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import type { ChatClient } from 'natter';
import { ChatProvider } from 'natter/react';
import { afterEach, vi } from 'vitest';
import { installMockServer } from '../testing/msw';

export { BASE_URL, settle } from '../testing/msw';

/**
 * msw + mock server for a hook test file. Registered before `cleanup`, so (hooks run as a stack) components unmount
 * first, then clients are destroyed and handlers reset.
 */
export function installHookTest() {
  const harness = installMockServer();
  afterEach(() => {
    cleanup();
    restoreVisibility();
  });
  return harness;
}

/** A query client that does not retry, so a failing history call shows at once. */
export const testQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

/** A `wrapper` for `renderHook`/`render`: `ChatProvider` with `client`, inside `StrictMode` unless told otherwise. */
export function wrapperFor(client: ChatClient, options: { strict?: boolean; queryClient?: QueryClient } = {}) {
  const queryClient = options.queryClient ?? testQueryClient();
  const strict = options.strict ?? true;
  return function Wrapper({ children }: { children?: ReactNode }) {
    const tree = (
      <ChatProvider client={client} queryClient={queryClient}>
        {children}
      </ChatProvider>
    );
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
}

let visibility: DocumentVisibilityState | null = null;

/** Pretends the page is `state` (jsdom is always visible) and fires `visibilitychange`. */
export function setVisibility(state: DocumentVisibilityState): void {
  if (visibility === null) {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => visibility === 'hidden' });
  }
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

function restoreVisibility(): void {
  if (visibility === null) return;
  // The own properties shadow jsdom's prototype getters; deleting them brings jsdom's back.
  delete (document as unknown as Record<string, unknown>).visibilityState;
  delete (document as unknown as Record<string, unknown>).hidden;
  visibility = null;
}

/** `vi.waitFor` with a short interval, for socket and fetch round trips. */
export const eventually = <T,>(check: () => T, timeout = 3000): Promise<T> => vi.waitFor(check, { timeout, interval: 5 });
