import type { HistoryMessage, Message } from 'natter';

/** One request the stub received. */
export interface StubRequest {
  url: URL;
  method: string;
  authorization: string | null;
}

/**
 * A `fetch` that answers `GET /api/v1/chats/{chatId}/messages` from an in-memory list, with the paging rules of
 * docs/protocol.md ("History paging", `?around=` of section 9.7), and `GET …/messages/{id}`, and records every
 * request. Anything else answers 404.
 *
 * @example
 * const history = createHistoryFetch();
 * history.add(message(1), message(2));
 * createChatClient({ ...options, fetch: history.fetch });
 */
export function createHistoryFetch() {
  const messages: Message[] = [];
  const readBy: Record<string, string[]> = {};
  const requests: StubRequest[] = [];
  /** When set, the next answers wait until `release()` (one gate for all requests made while held). */
  let gate: Promise<void> | null = null;
  let openGate: (() => void) | null = null;
  let failWith: Error | null = null;
  let withRevs = false;
  /** Answers `POST …/uploads` (docs/protocol.md, section 9.5); default 404 like any unknown route. */
  let uploadHandler: ((file: File) => Response | Promise<Response>) | null = null;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init.headers);
    requests.push({ url, method: init.method ?? 'GET', authorization: headers.get('authorization') });
    // Read the state when the request is made, as a server would.
    const upload = /^\/api\/v1\/chats\/[^/]+\/uploads$/.test(url.pathname) && init.method === 'POST';
    const answer = upload && uploadHandler ? uploadAnswer(init, uploadHandler) : route(url);
    if (gate) await gate;
    if (failWith) throw failWith;
    return answer();
  };

  function uploadAnswer(init: RequestInit, handler: (file: File) => Response | Promise<Response>): () => Promise<Response> {
    const file = (init.body as FormData).get('file') as File;
    return async () => handler(file);
  }

  const withReadBy = (m: Message): HistoryMessage => ({ ...m, read_by: [...(readBy[m.id] ?? [])] });
  const lastRev = (chatId: string) => messages.filter((m) => m.chat_id === chatId).reduce((max, m) => Math.max(max, m.rev ?? 0), 0);

  function route(url: URL): () => Response {
    const one = /^\/api\/v1\/chats\/([^/]+)\/messages\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const found = messages.find((m) => m.chat_id === decodeURIComponent(one[1]!) && m.id === decodeURIComponent(one[2]!));
      const body = found ? withReadBy(found) : null;
      return () => (body ? json(200, body) : json(404, { error: { code: 'not_found', message: 'Message not found' } }));
    }
    const match = /^\/api\/v1\/chats\/([^/]+)\/messages$/.exec(url.pathname);
    if (!match) return () => json(404, { error: { code: 'not_found', message: 'No such route' } });
    const chatId = decodeURIComponent(match[1]!);
    const number = (name: string) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : undefined);
    const after = number('after');
    const before = number('before');
    const limit = number('limit') ?? 50;
    const changedAfter = number('changed_after');
    const parentId = url.searchParams.get('parent_id');
    if (changedAfter !== undefined) {
      // Section 9.4: messages changed after the revision, in rev order.
      const changed = messages.filter((m) => m.chat_id === chatId && (m.rev ?? 0) > changedAfter).sort((a, b) => (a.rev ?? 0) - (b.rev ?? 0));
      const page = changed.slice(0, limit);
      const body = { messages: page.map(withReadBy), has_more: changed.length > page.length, last_rev: lastRev(chatId) };
      return () => json(200, body);
    }
    let list = messages.filter((m) => m.chat_id === chatId && (parentId === null || m.parent_message_id === parentId)).sort((a, b) => a.seq - b.seq);
    const around = number('around');
    if (around !== undefined) {
      // Section 9.7: the `limit` messages centred on `around` (it counts as newer), as the reference server answers.
      const at = list.findIndex((m) => m.seq >= around);
      const centre = at === -1 ? list.length : at;
      const end = Math.min(list.length, Math.max(0, centre - Math.floor((limit - 1) / 2)) + limit);
      const start = Math.max(0, end - limit);
      const body = { messages: list.slice(start, end).map(withReadBy), has_more: start > 0, has_newer: end < list.length, ...(withRevs ? { last_rev: lastRev(chatId) } : {}) };
      return () => json(200, body);
    }
    if (before !== undefined) list = list.filter((m) => m.seq < before);
    let page: Message[];
    let hasMore: boolean;
    if (after !== undefined) {
      list = list.filter((m) => m.seq > after);
      page = list.slice(0, limit);
    } else {
      page = list.slice(-limit);
    }
    hasMore = list.length > page.length;
    const body = { messages: page.map(withReadBy), has_more: hasMore, ...(withRevs ? { last_rev: lastRev(chatId) } : {}) };
    return () => json(200, body);
  }

  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    /** Requests to the history route of `chatId`, as their query parameters. */
    historyQueries: (chatId = 'c1') =>
      requests
        .filter((r) => r.url.pathname === `/api/v1/chats/${chatId}/messages`)
        .map((r) => Object.fromEntries(r.url.searchParams)),
    /** Stores messages on the "server". */
    add(...added: Message[]) {
      messages.push(...added);
    },
    /** Replaces stored messages by id (an edit, a reaction, a deletion on the "server"). */
    update(...changed: Message[]) {
      for (const message of changed) {
        const index = messages.findIndex((m) => m.id === message.id);
        if (index === -1) messages.push(message);
        else messages[index] = message;
      }
    },
    /** Makes history pages carry `last_rev` (the highest rev stored), as a section 9 server does. */
    withRevs(on = true) {
      withRevs = on;
    },
    /** Answers uploads with `handler` (null: 404). */
    onUpload(handler: ((file: File) => Response | Promise<Response>) | null) {
      uploadHandler = handler;
    },
    /** Records that `userId` read `messageId` (shown in history's `read_by`). */
    read(messageId: string, userId: string) {
      (readBy[messageId] ??= []).push(userId);
    },
    /** Holds every answer until `release()`. */
    hold() {
      gate = new Promise((resolve) => (openGate = resolve));
    },
    release() {
      openGate?.();
      gate = null;
      openGate = null;
    },
    /** Makes every request fail like an unreachable server (null: answer again). */
    fail(error: Error | null) {
      failWith = error;
    },
  };
}

export type HistoryFetch = ReturnType<typeof createHistoryFetch>;
