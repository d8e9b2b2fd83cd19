import { act, fireEvent, screen } from '@testing-library/react';
import type { ChatClient } from 'natter';
import { MessageList, type MessageListProps } from 'natter/components';
import type { MockChatServer } from 'natter/testing';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually, fakeScrollLayout, installHookTest, renderWithClient, settle, setVisibility } from '../helpers';

const { startMock, clientFor, server } = installHookTest();

afterEach(() => {
  vi.unstubAllGlobals();
});

/** `general` (ana, ben) with this history. */
function startWith(messages: number | Array<{ from: string; content: string }>, latencyMs = 0) {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages }], latencyMs });
  const client = clientFor(mock, 'ana');
  return { mock, client, chatId: mock.chat('general').id };
}

/** Renders the list and gives it a fake layout at once (before history arrives), as a browser would have. */
function renderList(client: ChatClient, chatId: string, props: Partial<MessageListProps> = {}) {
  const view = renderWithClient(client, <MessageList chatId={chatId} {...props} />);
  const log = screen.getByRole('log');
  const layout = fakeScrollLayout(log);
  return { ...view, log, layout };
}

const articles = () => [...document.querySelectorAll<HTMLElement>('[data-natter="message"]')];
const contents = () => articles().map((a) => a.querySelector('[data-natter="message-content"]')!.textContent);
const ids = () => articles().map((a) => a.getAttribute('data-message-id'));
const receipts = (mock: MockChatServer) => mock.receivedData('read_receipt').map((d) => (d as { message_id: string }).message_id);

/** Scrolls the list as a reader would: moves scrollTop and fires the scroll event. */
function scrollTo(log: HTMLElement, top: number) {
  log.scrollTop = top;
  fireEvent.scroll(log);
}

describe('MessageList: the region', () => {
  it('is a polite, keyboard-focusable role="log" named "Messages", busy until history has loaded', async () => {
    const { client, chatId } = startWith([{ from: 'ben', content: 'hi' }], 30);
    const { log } = renderList(client, chatId);
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.getAttribute('aria-label')).toBe('Messages');
    expect(log.tabIndex).toBe(0);
    expect(log.getAttribute('data-natter')).toBe('message-list');
    expect(log.getAttribute('data-loading')).toBe('initial');
    expect(log.getAttribute('aria-busy')).toBe('true');
    expect(log.getAttribute('data-empty')).toBe('false');
    await screen.findByText('hi');
    await eventually(() => expect(log.getAttribute('data-loading')).toBeNull());
    expect(log.getAttribute('aria-busy')).toBeNull();
    log.focus();
    expect(document.activeElement).toBe(log);
  });

  it('renders the history in seq order', async () => {
    const { mock, client, chatId } = startWith([
      { from: 'ben', content: 'first' },
      { from: 'ana', content: 'second' },
      { from: 'ben', content: 'third' },
    ]);
    renderList(client, chatId);
    await eventually(() => expect(contents()).toEqual(['first', 'second', 'third']));
    expect(ids()).toEqual(mock.messages('general').map((m) => m.id));
    expect(articles().map((a) => a.getAttribute('data-own'))).toEqual(['false', 'true', 'false']);
  });

  it('shows `empty` once a chat has loaded with no messages, and not while loading', async () => {
    const { mock, client, chatId } = startWith([], 40);
    const { log } = renderList(client, chatId, { empty: <p>No messages yet</p> });
    expect(log.getAttribute('data-loading')).toBe('initial');
    expect(screen.queryByText('No messages yet')).toBeNull();
    expect(await screen.findByText('No messages yet')).toBeTruthy();
    expect(log.getAttribute('data-empty')).toBe('true');
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'now there is one' });
    });
    await screen.findByText('now there is one');
    expect(screen.queryByText('No messages yet')).toBeNull();
    expect(log.getAttribute('data-empty')).toBe('false');
  });

  it('renders each message through `renderMessage` when given', async () => {
    const { client, chatId } = startWith([
      { from: 'ben', content: 'one' },
      { from: 'ana', content: 'two' },
    ]);
    renderList(client, chatId, { renderMessage: (m) => <p data-testid="row">{`${m.sender.username}: ${m.content}`}</p> });
    await eventually(() => expect(screen.getAllByTestId('row').map((r) => r.textContent)).toEqual(['ben: one', 'ana: two']));
    expect(articles()).toEqual([]);
  });

  it("shows another user's new message at the end", async () => {
    const { mock, client, chatId } = startWith([{ from: 'ben', content: 'earlier' }]);
    renderList(client, chatId);
    await screen.findByText('earlier');
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'just now' });
    });
    await eventually(() => expect(contents()).toEqual(['earlier', 'just now']));
    expect(articles()[1]!.getAttribute('data-own')).toBe('false');
  });
});

describe('MessageList: read receipts (no IntersectionObserver: every rendered message counts as seen)', () => {
  const history = [
    { from: 'ben', content: 'one' },
    { from: 'ana', content: 'two' },
    { from: 'ben', content: 'three' },
  ];

  it("marks others' messages read, never your own, and new ones as they arrive", async () => {
    const { mock, client, chatId } = startWith(history);
    renderList(client, chatId);
    const [one, , three] = mock.messages('general');
    await eventually(() => expect(receipts(mock).sort()).toEqual([one!.id, three!.id].sort()));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'four' });
      client.sendMessage(chatId, 'five');
    });
    await eventually(() => expect(mock.messages('general')).toHaveLength(5));
    const four = mock.messages('general')[3]!;
    await eventually(() => expect(receipts(mock)).toContain(four.id));
    await settle(50);
    expect(receipts(mock).sort()).toEqual([one!.id, three!.id, four.id].sort());
    // The server stored ana as a reader of ben's messages only.
    expect(mock.messages('general').map((m) => m.read_by.length)).toEqual([1, 0, 1, 1, 0]);
  });

  it('sends nothing while the page is hidden, and the receipts once it is visible again', async () => {
    setVisibility('hidden');
    const { mock, client, chatId } = startWith(history);
    renderList(client, chatId);
    await eventually(() => expect(contents()).toEqual(['one', 'two', 'three']));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'while away' });
    });
    await screen.findByText('while away');
    await settle(50);
    expect(receipts(mock)).toEqual([]);

    act(() => setVisibility('visible'));
    const others = mock.messages('general').filter((m) => m.sender.username === 'ben').map((m) => m.id);
    await eventually(() => expect(receipts(mock).sort()).toEqual(others.sort()));
  });
});

/** A hand-driven IntersectionObserver: the test says which elements are on screen. */
class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  readonly observed = new Set<Element>();
  disconnected = false;

  constructor(
    private readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit = {},
  ) {
    FakeIntersectionObserver.all.push(this);
  }

  static get current(): FakeIntersectionObserver {
    const live = FakeIntersectionObserver.all.filter((o) => !o.disconnected);
    expect(live).toHaveLength(1);
    return live[0]!;
  }

  observe(element: Element) {
    this.observed.add(element);
  }

  unobserve(element: Element) {
    this.observed.delete(element);
  }

  disconnect() {
    this.disconnected = true;
    this.observed.clear();
  }

  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }

  /** Reports `elements` as (not) intersecting. */
  report(elements: Element[], isIntersecting: boolean) {
    const entries = elements.map((target) => ({ target, isIntersecting, intersectionRatio: isIntersecting ? 1 : 0 }) as unknown as IntersectionObserverEntry);
    act(() => this.callback(entries, this as unknown as IntersectionObserver));
  }
}

describe('MessageList: read receipts with IntersectionObserver', () => {
  const history = [
    { from: 'ben', content: 'one' },
    { from: 'ana', content: 'two' },
    { from: 'ben', content: 'three' },
    { from: 'ben', content: 'four' },
  ];

  function setup() {
    FakeIntersectionObserver.all = [];
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    const started = startWith(history);
    const view = renderList(started.client, started.chatId);
    const article = (content: string) => screen.getByText(content).closest('article')!;
    return { ...started, ...view, article };
  }

  it("watches others' messages within the list, and marks only those at least 60% on screen", async () => {
    const { mock, client, chatId, log, article } = setup();
    await eventually(() => expect(contents()).toEqual(['one', 'two', 'three', 'four']));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    const observer = FakeIntersectionObserver.current;
    expect(observer.options.root === log).toBe(true);
    expect(observer.options.threshold).toBe(0.6);
    // Compared by text: a failing comparison of DOM nodes takes seconds to print.
    const observed = () => [...observer.observed].map((element) => element.querySelector('[data-natter="message-content"]')!.textContent).sort();
    await eventually(() => expect(observed()).toEqual(['four', 'one', 'three']));
    expect(observer.observed.has(article('two'))).toBe(false);
    await settle(30);
    expect(receipts(mock)).toEqual([]);

    observer.report([article('four')], true);
    await eventually(() => expect(receipts(mock)).toEqual([mock.messages('general')[3]!.id]));
    observer.report([article('one')], false);
    await settle(30);
    expect(receipts(mock)).toHaveLength(1);
  });

  it('marks what was on screen while the page was hidden once it is visible again', async () => {
    const { mock, client, chatId, article } = setup();
    await eventually(() => expect(contents()).toHaveLength(4));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    const observer = FakeIntersectionObserver.current;
    act(() => setVisibility('hidden'));
    observer.report([article('one'), article('three')], true);
    observer.report([article('one')], false);
    await settle(30);
    expect(receipts(mock)).toEqual([]);
    act(() => setVisibility('visible'));
    await eventually(() => expect(receipts(mock)).toEqual([mock.messages('general')[2]!.id]));
    await settle(30);
    expect(receipts(mock)).toHaveLength(1);
  });
});

describe('MessageList: scrolling', () => {
  it('loads the older page when the reader scrolls near the top, prepending it without moving their view', async () => {
    const { mock, client, chatId } = startWith(60);
    const { log, layout } = renderList(client, chatId);
    const all = mock.messages('general').map((m) => m.id);
    await eventually(() => expect(ids()).toEqual(all.slice(10)));
    // Loaded at the bottom.
    expect(log.scrollTop).toBe(layout.bottom());
    // react-query settles its paging state a tick after the page lands in the store.
    await settle(100);
    mock.setLatency(40);

    scrollTo(log, 150);
    await eventually(() => expect(log.getAttribute('data-loading')).toBe('older'));
    expect(log.querySelector('[data-natter="message-list-loading"]')).not.toBeNull();
    await eventually(() => expect(ids()).toEqual(all));
    // 10 rows of 50 px went in above: the reader still sees the same messages.
    expect(log.scrollTop).toBe(150 + 10 * 50);
    await eventually(() => expect(log.getAttribute('data-loading')).toBeNull());
    expect(log.querySelector('[data-natter="message-list-loading"]')).toBeNull();
  });

  it('does not load older messages while the reader is far from the top, nor when there are none', async () => {
    const { client, chatId } = startWith(60);
    const loadHistory = vi.spyOn(client, 'loadHistory');
    const { log } = renderList(client, chatId);
    await eventually(() => expect(articles()).toHaveLength(50));
    await settle(100);
    expect(loadHistory).toHaveBeenCalledTimes(1);
    scrollTo(log, 201);
    await settle(50);
    expect(loadHistory).toHaveBeenCalledTimes(1);
    expect(articles()).toHaveLength(50);

    scrollTo(log, 200);
    await eventually(() => expect(articles()).toHaveLength(60));
    await settle(100);
    expect(loadHistory).toHaveBeenCalledTimes(2);
    // Everything is loaded: the top fetches nothing more.
    scrollTo(log, 0);
    await settle(50);
    expect(loadHistory).toHaveBeenCalledTimes(2);
    expect(log.getAttribute('data-loading')).toBeNull();
  });

  it('keeps a reader who is at the bottom at the bottom when a message arrives', async () => {
    const { mock, client, chatId } = startWith(20);
    const { log, layout } = renderList(client, chatId);
    await eventually(() => expect(articles()).toHaveLength(20));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    expect(log.scrollTop).toBe(600);
    // A reader slightly above the very bottom (within the slack) still counts as at the bottom.
    scrollTo(log, 580);
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'keep me in view' });
    });
    await screen.findByText('keep me in view');
    expect(layout.bottom()).toBe(650);
    expect(log.scrollTop).toBe(650);
  });

  it('leaves a reader who scrolled up where they are when a message arrives', async () => {
    const { mock, client, chatId } = startWith(20);
    const { log } = renderList(client, chatId);
    await eventually(() => expect(articles()).toHaveLength(20));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    scrollTo(log, 300);
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'below the fold' });
    });
    await screen.findByText('below the fold');
    await settle(20);
    expect(log.scrollTop).toBe(300);
  });

  it('jumps to the bottom when you send a message, even after scrolling up', async () => {
    const { client, chatId } = startWith(20);
    const { log, layout } = renderList(client, chatId);
    await eventually(() => expect(articles()).toHaveLength(20));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    scrollTo(log, 300);
    act(() => {
      client.sendMessage(chatId, 'my own');
    });
    expect(screen.getByText('my own').closest('article')!.getAttribute('data-status')).toBe('pending');
    expect(log.scrollTop).toBe(layout.bottom());
    expect(log.scrollTop).toBe(650);
  });
});

describe('MessageList: odd data', () => {
  it('a message whose time cannot be read shows, without a day line of its own, and breaks nothing', async () => {
    const { mock, client, chatId } = startWith([
      { from: 'ben', content: 'first' },
      { from: 'ben', content: 'timeless' },
    ]);
    const messages = mock.messages('general').map((m, index) => (index ? { ...m, created_at: 'not a date' } : m));
    server.use(http.get(`*/api/v1/chats/${chatId}/messages`, () => HttpResponse.json({ messages, has_more: false })));
    renderList(client, chatId);
    await screen.findByText('timeless');
    expect(contents()).toEqual(['first', 'timeless']);
    expect(document.querySelectorAll('[data-natter="date-separator"]')).toHaveLength(1);
  });
});
