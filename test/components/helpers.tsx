import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, vi } from 'vitest';
import { createChatClient, NatterError, type ChatClient, type ChatMessage } from 'natter';
import { BASE_URL, wrapperFor } from '../react/helpers';

export { eventually, installHookTest, settle, setVisibility, testQueryClient, wrapperFor } from '../react/helpers';

/** Renders `ui` inside `ChatProvider` with `client` (StrictMode unless `strict: false`). */
export function renderWithClient(client: ChatClient, ui: ReactNode, options: { strict?: boolean } = {}): RenderResult {
  return render(ui, { wrapper: wrapperFor(client, options) });
}

/** Ana's id in the offline client below. */
export const ANA_ID = 'user-ana';
export const BEN_ID = 'user-ben';

/**
 * A client for ana that never connects (nothing here joins a chat): for parts that only need the provider and a
 * message, rendered from hand-made `ChatMessage`s.
 */
export function offlineClient(): ChatClient {
  return createChatClient({ baseUrl: BASE_URL, getToken: () => 'token', currentUser: { id: ANA_ID, username: 'ana' } });
}

/** A confirmed message from ben (override anything). */
export function chatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  const senderId = overrides.sender_id ?? BEN_ID;
  const username = senderId === ANA_ID ? 'ana' : 'ben';
  return {
    id: 'message-1',
    seq: 1,
    key: 'message-1',
    chat_id: 'chat-1',
    sender_id: senderId,
    sender: { id: senderId, username, email: `${username}@natter.invalid`, is_active: true, created_at: '2026-01-01T00:00:00.000Z' },
    content: 'Hello',
    message_type: 'text',
    parent_message_id: null,
    client_id: null,
    created_at: '2026-11-24T09:30:00.000Z',
    updated_at: '2026-11-24T09:30:00.000Z',
    status: 'sent',
    error: null,
    change: null,
    uploadProgress: null,
    ...overrides,
  };
}

/** One of ana's own messages in `status` (unconfirmed ones have no id or seq). */
export function ownMessage(status: ChatMessage['status'], overrides: Partial<ChatMessage> = {}): ChatMessage {
  const confirmed = status !== 'pending' && status !== 'failed';
  return chatMessage({
    sender_id: ANA_ID,
    id: confirmed ? 'message-2' : null,
    seq: confirmed ? 2 : null,
    key: 'client-2',
    client_id: 'client-2',
    status,
    error: status === 'failed' ? new NatterError('internal_error', 'Server hiccup') : null,
    ...overrides,
  });
}

/** The `data-*` attributes of `element`, as an object. */
export function dataAttributes(element: Element): Record<string, string> {
  return Object.fromEntries([...element.attributes].filter((a) => a.name.startsWith('data-')).map((a) => [a.name, a.value]));
}

/**
 * Pretends the element has a layout (jsdom has none): every rendered message is `rowHeight` px tall, the viewport is
 * `clientHeight` px, and `scrollTop` is clamped to [0, scrollHeight − clientHeight] as a browser does.
 */
export function fakeScrollLayout(element: HTMLElement, { rowHeight = 50, clientHeight = 400 } = {}) {
  let top = 0;
  const scrollHeight = () => Math.max(clientHeight, element.querySelectorAll('[data-natter="message"]').length * rowHeight);
  const max = () => scrollHeight() - clientHeight;
  Object.defineProperty(element, 'scrollHeight', { configurable: true, get: scrollHeight });
  Object.defineProperty(element, 'clientHeight', { configurable: true, get: () => clientHeight });
  Object.defineProperty(element, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (value: number) => {
      top = Math.min(Math.max(0, value), max());
    },
  });
  return {
    /** The largest scrollTop: the reader sees the last message. */
    bottom: max,
    get scrollTop() {
      return top;
    },
  };
}

/**
 * jsdom has no layout and no `scrollIntoView`: records every element scrolled into view, for the file's tests.
 * Call once at the top of a test file; `record()` in a test starts recording (restored after each test).
 *
 * @example
 * const scroll = installScrollRecorder();
 * scroll.record(); … expect(scroll.scrolled).toContain(row);
 */
export function installScrollRecorder() {
  const scrolled: Element[] = [];
  afterEach(() => {
    scrolled.length = 0;
    vi.restoreAllMocks();
  });
  return {
    scrolled,
    record() {
      Element.prototype.scrollIntoView ??= () => undefined;
      vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
        scrolled.push(this);
      });
    },
  };
}
