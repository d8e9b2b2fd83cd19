import { QueryClient } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { createChatClient, type ChatClient } from 'natter';
import { MessageList, type MessageListHandle, type MessageListProps } from 'natter/components';
import { ChatProvider } from 'natter/react';
import { createMockChatServer, type MockChatServer, type MockMessageInput } from 'natter/testing';
import { createRef, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import '../../../src/styles/natter.css';

/**
 * The browser suites' world: msw's service worker answering for an in-memory Natter server (as Storybook does), a
 * real client, and `MessageList` rendered in a fixed 360×400 px box in Chromium, with the kit's styles.
 *
 * @example
 * const { render } = installListHarness();
 * const { log, mock } = await render({ messages: 200 });
 */
export function installListHarness() {
  const worker = setupWorker();
  const mounted: Array<{ root: Root; host: HTMLElement; client: ChatClient; queryClient: QueryClient }> = [];
  let fixtures = 0;

  beforeAll(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  afterEach(() => {
    for (const { root, host, client, queryClient } of mounted.splice(0)) {
      root.unmount();
      host.remove();
      client.destroy();
      queryClient.clear();
    }
    worker.resetHandlers();
  });
  afterAll(() => worker.stop());

  /** Renders a list of `general` (ana, ben, cy; seen as ana) with this history. */
  async function render(options: { messages: number | MockMessageInput[]; latencyMs?: number; props?: Partial<MessageListProps>; height?: number; wrap?: (list: ReactNode) => ReactNode; setup?: (mock: MockChatServer) => void }) {
    // A fresh origin per fixture: one mock per socket URL at a time.
    const baseUrl = `http://chat${++fixtures}.natter.test`;
    const mock = createMockChatServer({
      baseUrl,
      users: ['ana', 'ben', 'cy'],
      chats: [{ name: 'general', members: ['ana', 'ben', 'cy'], messages: options.messages }],
      latencyMs: options.latencyMs ?? 0,
    });
    options.setup?.(mock);
    worker.use(...mock.handlers);
    const client = createChatClient(mock.clientOptions('ana'));
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const chatId = mock.chat('general').id;
    const handle = createRef<MessageListHandle>();
    const host = document.createElement('div');
    host.style.cssText = `display: flex; flex-direction: column; width: 360px; height: ${options.height ?? 400}px;`;
    document.body.append(host);
    const root = createRoot(host);
    mounted.push({ root, host, client, queryClient });
    const list = <MessageList chatId={chatId} handleRef={handle} style={{ flex: 1 }} {...options.props} />;
    const show = (node: ReactNode) =>
      flushSync(() =>
        root.render(
          <ChatProvider client={client} queryClient={queryClient}>
            {node}
          </ChatProvider>,
        ),
      );
    show(options.wrap ? options.wrap(list) : list);
    const log = host.querySelector<HTMLElement>('[role="log"]')!;
    await until(() => expect(log.getAttribute('data-loading')).toBeNull());
    await until(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    return { mock: mock as MockChatServer, client, chatId, log, handle, host, rerender: show };
  }

  return { render };
}

/** Retries `check` every animation frame until it passes (or `timeoutMs`, then throws its last error). */
export async function until<T>(check: () => T, timeoutMs = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (performance.now() - start > timeoutMs) throw error;
      await frames(1);
    }
  }
}

/** Waits `n` animation frames: layout, ResizeObserver and the virtualizer's corrections run in between. */
export async function frames(n = 2): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Waits until `read()` gives the same value for `n` frames in a row (the list has stopped moving), and returns it. */
export async function settled<T>(read: () => T, n = 5, timeoutMs = 5000): Promise<T> {
  let last = read();
  let same = 0;
  const start = performance.now();
  while (same < n && performance.now() - start < timeoutMs) {
    await frames(1);
    const next = read();
    same = Object.is(next, last) ? same + 1 : 0;
    last = next;
  }
  return last;
}

/** The rendered message elements of the list, in DOM order. */
export const messageElements = (log: HTMLElement) => [...log.querySelectorAll<HTMLElement>('[data-natter="message"]')];

/** How far the list is from its bottom, in px. */
export const fromBottom = (log: HTMLElement) => log.scrollHeight - log.scrollTop - log.clientHeight;

/** The message element of the message with this id, if rendered. */
export const elementOf = (log: HTMLElement, id: string) => log.querySelector<HTMLElement>(`[data-message-id="${id}"]`);

/** Scrolls the list as a reader would (the scroll event follows, as for a wheel). */
export async function scrollListTo(log: HTMLElement, top: number): Promise<void> {
  log.scrollTop = top;
  await frames(2);
}

/** Messages of very different lengths (one line to a dozen), from ben and cy in turn, a minute apart. */
export function varied(n: number): MockMessageInput[] {
  const start = Date.now() - n * 60_000;
  return Array.from({ length: n }, (_, i) => ({
    from: i % 2 ? 'cy' : 'ben',
    content: `#${i + 1} ${'lorem ipsum dolor sit amet '.repeat(1 + ((i * 7) % 13))}`,
    createdAt: start + i * 60_000,
  }));
}
