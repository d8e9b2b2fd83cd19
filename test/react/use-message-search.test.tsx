import { act, renderHook } from '@testing-library/react';
import { useMessageSearch } from 'natter/react/features';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, wrapperFor } from './helpers';

const { startMock, clientFor, server } = installHookTest();

afterEach(() => {
  server.events.removeAllListeners();
});

/** `general` with a few messages, and every search request the mock answers, by `q`. */
function setup() {
  const mock = startMock({
    chats: [
      {
        name: 'general',
        members: ['ana', 'ben'],
        messages: [
          { from: 'ben', content: 'deploy went fine' },
          { from: 'ana', content: 'lunch at noon?' },
          { from: 'ben', content: 'Deploying again after lunch' },
        ],
      },
    ],
  });
  const queries: string[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/search')) queries.push(url.searchParams.get('q') ?? '');
  });
  return { mock, client: clientFor(mock, 'ana'), chatId: mock.chat('general').id, queries };
}

describe('useMessageSearch', () => {
  it('sends one request for a burst of keystrokes, after the debounce, with the trimmed query', async () => {
    const { client, chatId, queries } = setup();
    const { result, rerender } = renderHook(({ q }) => useMessageSearch(chatId, q, { debounceMs: 60 }), { wrapper: wrapperFor(client), initialProps: { q: '' } });
    for (const q of ['d', 'de', 'dep', 'depl', 'deplo', ' deploy ']) {
      rerender({ q });
      await settle(10);
    }
    expect(queries).toEqual([]);
    expect(result.current.isPending).toBe(true);
    await eventually(() => expect(result.current.results).toHaveLength(2));
    expect(queries).toEqual(['deploy']);
    expect(result.current.debouncedQuery).toBe('deploy');
    // Newest first, with the matched ranges.
    expect(result.current.results.map((r) => r.message.content)).toEqual(['Deploying again after lunch', 'deploy went fine']);
    expect(result.current.results[0]!.highlights).toEqual([[0, 9]]);
    expect(result.current.isPending).toBe(false);
  });

  it('sends nothing for an empty or white-space query, and empties the results at once when cleared', async () => {
    const { client, chatId, queries } = setup();
    const { result, rerender } = renderHook(({ q }) => useMessageSearch(chatId, q, { debounceMs: 20 }), { wrapper: wrapperFor(client), initialProps: { q: '   ' } });
    await settle(60);
    expect(queries).toEqual([]);
    expect(result.current.results).toEqual([]);
    expect(result.current.isPending).toBe(false);
    rerender({ q: 'lunch' });
    await eventually(() => expect(result.current.results).toHaveLength(2));
    rerender({ q: '' });
    expect(result.current.results).toEqual([]);
    expect(result.current.hasNextPage).toBe(false);
  });

  it('pages with offset while the server says has_more', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
    const chatId = mock.chat('general').id;
    for (let i = 1; i <= 5; i++) mock.addMessage('general', { from: 'ben', content: `release note ${i}` });
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useMessageSearch(chatId, 'release', { debounceMs: 0, limit: 2 }), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.results).toHaveLength(2));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await act(() => result.current.fetchNextPage());
    await eventually(() => expect(result.current.results).toHaveLength(5));
    expect(result.current.hasNextPage).toBe(false);
    expect(result.current.results.map((r) => r.message.content)).toEqual([5, 4, 3, 2, 1].map((i) => `release note ${i}`));
  });

  it('aborts the request of a superseded query', async () => {
    const { mock, client, chatId } = setup();
    mock.setLatency(80);
    const aborted: string[] = [];
    const original = client.rest.search.bind(client.rest);
    client.rest.search = (id, q, options) => {
      options?.signal?.addEventListener('abort', () => aborted.push(q));
      return original(id, q, options);
    };
    const { result, rerender, unmount } = renderHook(({ q }) => useMessageSearch(chatId, q, { debounceMs: 0 }), { wrapper: wrapperFor(client), initialProps: { q: 'deploy' } });
    await settle(20);
    rerender({ q: 'lunch' });
    await eventually(() => expect(result.current.results.map((r) => r.message.content)).toEqual(['Deploying again after lunch', 'lunch at noon?']));
    unmount();
    // react-query cancels a query nobody observes any more once its signal was read.
    await eventually(() => expect(aborted).toContain('deploy'));
  });

  it('shows each result once when a new match arrives between two pages (the offset shifts)', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
    const chatId = mock.chat('general').id;
    for (let i = 1; i <= 4; i++) mock.addMessage('general', { from: 'ben', content: `release note ${i}` });
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useMessageSearch(chatId, 'release', { debounceMs: 0, limit: 2 }), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.results).toHaveLength(2));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'release note 5' });
    });
    await act(() => result.current.fetchNextPage());
    const ids = result.current.results.map((r) => r.message.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.current.results.map((r) => r.message.content)).toEqual([4, 3, 2].map((i) => `release note ${i}`));
  });
});
