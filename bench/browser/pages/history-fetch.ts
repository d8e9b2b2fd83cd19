import type { HistoryMessage, HistoryPage } from 'natter';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * The REST side natter's list reads, answered in the page: history pages over `history` (oldest first), paged as
 * docs/protocol.md describes (`before`/`after` seq cursors, `limit`). Anything else answers an empty chat list or
 * a 404, reported once on the console so a new route the kit starts calling shows up in the bench's log.
 *
 * @example
 * createChatClient({ ...options, fetch: historyFetch(makeMessages(1, 100)) });
 */
export function historyFetch(history: readonly HistoryMessage[]): typeof fetch {
  const reported = new Set<string>();
  return async (input) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const query = url.searchParams;
    if (/^\/api\/v1\/chats\/[^/]+\/messages$/.test(url.pathname) && !query.has('around') && !query.has('parent_id') && !query.has('changed_after')) {
      return json(page(history, query));
    }
    if (url.pathname === '/api/v1/chats') return json({ chats: [] });
    if (!reported.has(url.pathname)) {
      reported.add(url.pathname);
      console.warn(`bench: no mock for ${url.pathname}${url.search}`);
    }
    return json({ error: { code: 'not_found', message: 'Not mocked in the bench' } }, 404);
  };
}

function page(history: readonly HistoryMessage[], query: URLSearchParams): HistoryPage {
  const limit = Number(query.get('limit') ?? 50);
  const after = query.get('after');
  if (after !== null) {
    // history[i].seq === i + 1: the bench's rooms have no holes.
    const from = Number(after);
    const messages = history.slice(from, from + limit);
    return { messages, has_more: from + limit < history.length, last_rev: history.length };
  }
  const before = query.has('before') ? Number(query.get('before')) : history.length + 1;
  const end = Math.min(before - 1, history.length);
  const start = Math.max(0, end - limit);
  return { messages: history.slice(start, end), has_more: start > 0, last_rev: history.length };
}
