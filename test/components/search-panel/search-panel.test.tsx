import { act, fireEvent, screen, within } from '@testing-library/react';
import { MessageList, SearchPanel } from 'natter/components';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually, installHookTest, renderWithClient } from '../helpers';

const { startMock, clientFor, server } = installHookTest();

afterEach(() => {
  server.events.removeAllListeners();
  vi.restoreAllMocks();
});

function setup(messages: Array<{ from: string; content: string }>) {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages }] });
  const queries: string[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/search')) queries.push(url.searchParams.get('q') ?? '');
  });
  return { mock, client: clientFor(mock, 'ana'), chatId: mock.chat('general').id, queries };
}

const type = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });
const options = () => screen.queryAllByRole('option');

describe('SearchPanel', () => {
  it('debounces typing into one request, and shows the results with the matches in <mark>, as text', async () => {
    const { client, chatId, queries } = setup([
      { from: 'ben', content: 'the <b>deploy</b> is done' },
      { from: 'ana', content: 'lunch?' },
      { from: 'ben', content: 'Deploying v2 now' },
    ]);
    renderWithClient(client, <SearchPanel chatId={chatId} debounceMs={80} />);
    const box = screen.getByRole('searchbox', { name: 'Search messages' });
    for (const value of ['d', 'de', 'dep', 'depl', 'deploy']) type(box, value);
    expect(screen.getByRole('status').textContent).toBe('Searching…');
    await eventually(() => expect(options()).toHaveLength(2));
    expect(queries).toEqual(['deploy']);
    expect(screen.getByRole('status').textContent).toBe('2 results');
    const [newest, older] = options();
    expect(within(newest!).getByText('Deploying').tagName).toBe('MARK');
    expect(newest!.querySelector('[data-natter="search-result-content"]')!.textContent).toBe('Deploying v2 now');
    // Markup in a message is text: no <b> element, the tags shown as they are, only the word marked.
    expect(older!.querySelector('b')).toBeNull();
    expect(older!.querySelector('[data-natter="search-result-content"]')!.textContent).toBe('the <b>deploy</b> is done');
    expect([...older!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['deploy']);
    expect(screen.getByRole('search').getAttribute('data-state')).toBe('results');
  });

  it('says when nothing matches, and clears with Escape', async () => {
    const { client, chatId } = setup([{ from: 'ben', content: 'hello' }]);
    renderWithClient(client, <SearchPanel chatId={chatId} debounceMs={0} />);
    const box = screen.getByRole('searchbox');
    type(box, 'zebra');
    await eventually(() => expect(screen.getByRole('status').textContent).toBe('No messages match “zebra”'));
    expect(screen.getByRole('search').getAttribute('data-state')).toBe('empty');
    // The Escape that ends an input method's composition is the input method's.
    fireEvent.keyDown(box, { key: 'Escape', isComposing: true });
    fireEvent.keyDown(box, { key: 'Escape', keyCode: 229 });
    expect((box as HTMLInputElement).value).toBe('zebra');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.getByRole('search').getAttribute('data-state')).toBe('idle');
  });

  it('moves through results with the arrow keys (the box keeps focus) and chooses with Enter', async () => {
    const { mock, client, chatId } = setup([
      { from: 'ben', content: 'plan one' },
      { from: 'ben', content: 'plan two' },
      { from: 'ben', content: 'plan three' },
    ]);
    const onSelect = vi.fn();
    renderWithClient(client, <SearchPanel chatId={chatId} debounceMs={0} onSelect={onSelect} />);
    const box = screen.getByRole('searchbox');
    box.focus();
    type(box, 'plan');
    await eventually(() => expect(options()).toHaveLength(3));
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(options()[1]!.getAttribute('data-active')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    // Wraps around to the last.
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[2]!.id);
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(box, { key: 'Enter' });
    const oldest = mock.messages('general')[0]!;
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: oldest.id, content: 'plan one' }));
  });

  it('selecting a result makes the MessageList jump to it', async () => {
    Element.prototype.scrollIntoView ??= () => undefined;
    const scrolled: Element[] = [];
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
    mock.seed('general', 120, { from: ['ben'], content: (i) => (i === 5 ? 'the needle is here' : `hay ${i}`) });
    const client = clientFor(mock, 'ana');
    const chatId = mock.chat('general').id;
    function App() {
      const [highlighted, setHighlighted] = useState<string | null>(null);
      return (
        <>
          <SearchPanel chatId={chatId} debounceMs={0} onSelect={(message) => setHighlighted(message.id)} />
          <MessageList chatId={chatId} highlightMessageId={highlighted} />
        </>
      );
    }
    renderWithClient(client, <App />);
    await eventually(() => expect(screen.getByRole('log').querySelectorAll('[data-natter="message"]')).toHaveLength(50));
    type(screen.getByRole('searchbox'), 'needle');
    await eventually(() => expect(options()).toHaveLength(1));
    const needle = mock.messages('general').find((m) => m.content === 'the needle is here')!;
    expect(screen.getByRole('log').querySelector(`[data-message-id="${needle.id}"]`)).toBeNull();
    act(() => fireEvent.click(options()[0]!));
    await eventually(() => expect(screen.getByRole('log').querySelector(`[data-message-id="${needle.id}"]`)?.getAttribute('data-highlighted')).toBe('true'), 5000);
    expect(scrolled).toContain(screen.getByRole('log').querySelector(`[data-message-id="${needle.id}"]`));
  });

  it('loads more results while there are more', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
    mock.seed('general', 7, { from: ['ben'], content: (i) => `note ${i}` });
    const client = clientFor(mock, 'ana');
    renderWithClient(client, <SearchPanel chatId={mock.chat('general').id} debounceMs={0} limit={5} />);
    type(screen.getByRole('searchbox'), 'note');
    await eventually(() => expect(options()).toHaveLength(5));
    expect(screen.getByRole('status').textContent).toBe('5+ results');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await eventually(() => expect(options()).toHaveLength(7));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
