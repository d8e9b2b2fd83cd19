import { fireEvent, screen } from '@testing-library/react';
import { JumpToUnread, MessageList } from 'natter/components';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { eventually, installHookTest, installScrollRecorder, renderWithClient, settle } from '../helpers';

const { server, startMock, clientFor } = installHookTest();

const { scrolled, record: spyScroll } = installScrollRecorder();

const renderChat = (client: Parameters<typeof renderWithClient>[0], chatId: string) =>
  renderWithClient(
    client,
    <>
      <JumpToUnread chatId={chatId} />
      <MessageList chatId={chatId} />
    </>,
  );

const button = () => document.querySelector<HTMLElement>('[data-natter="jump-to-unread"]');

describe('JumpToUnread', () => {
  it('shows while the "New messages" line is above the view, scrolls to it, and goes once there', async () => {
    spyScroll();
    const mock = startMock({
      chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ana', content: 'mine' }, { from: 'ben', content: 'one' }, { from: 'ben', content: 'two' }] }],
    });
    const client = clientFor(mock, 'ana');
    renderChat(client, mock.chat('general').id);
    // jsdom lays nothing out: every box is at 0, so the line counts as above the list's top.
    const jump = await screen.findByRole('button', { name: '2 new messages' });
    expect(jump.getAttribute('data-count')).toBe('2');
    fireEvent.click(jump);
    await eventually(() => expect(scrolled).toEqual([screen.getByRole('separator', { name: 'New messages' })]));
    await eventually(() => expect(button()).toBeNull());
  });

  it('is not shown while the line is on screen', async () => {
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const at = (top: number, bottom: number) => ({ top, bottom, left: 0, right: 300, width: 300, height: bottom - top, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;
      if (this.hasAttribute('data-unread-separator')) return at(200, 220);
      return at(0, 400);
    });
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'one' }] }] });
    const client = clientFor(mock, 'ana');
    renderChat(client, mock.chat('general').id);
    await screen.findByRole('separator', { name: 'New messages' });
    await settle(30);
    expect(button()).toBeNull();
  });

  it('loads older history until the first unread message is held, then scrolls to it', async () => {
    spyScroll();
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
    mock.seed('general', 300, { from: ['ben'] });
    mock.addReceipt(mock.messages('general').find((m) => m.seq === 20)!.id, 'ana');
    const client = clientFor(mock, 'ana');
    renderChat(client, mock.chat('general').id);
    await eventually(() => expect(screen.getByRole('log').querySelectorAll('[data-natter="message"]')).toHaveLength(50));
    // The first unread (21) is not held: no line yet, but a button.
    expect(screen.queryByRole('separator', { name: 'New messages' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: /^\d+ new messages$/ }));
    const separator = await screen.findByRole('separator', { name: 'New messages' }, { timeout: 3000 });
    const next = separator.nextElementSibling as HTMLElement;
    expect(next.getAttribute('data-message-id')).toBe(mock.messages('general').find((m) => m.seq === 21)!.id);
    await eventually(() => expect(scrolled).toEqual([separator]));
    await eventually(() => expect(button()).toBeNull());
  });

  it('renders nothing when nothing was unread', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ana', content: 'only mine' }] }] });
    const client = clientFor(mock, 'ana');
    renderChat(client, mock.chat('general').id);
    await screen.findByText('only mine');
    await settle(30);
    expect(button()).toBeNull();
  });

  it('shows again for the next chat after the last one’s line was reached', async () => {
    spyScroll();
    const mock = startMock({
      chats: [
        { name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'a1' }] },
        { name: 'other', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'b1' }, { from: 'ben', content: 'b2' }] },
      ],
    });
    const client = clientFor(mock, 'ana');
    const view = renderChat(client, mock.chat('general').id);
    fireEvent.click(await screen.findByRole('button', { name: '1 new message' }));
    await eventually(() => expect(button()).toBeNull());
    const other = mock.chat('other').id;
    view.rerender(
      <>
        <JumpToUnread chatId={other} />
        <MessageList chatId={other} />
      </>,
    );
    expect(await screen.findByRole('button', { name: '2 new messages' })).toBeTruthy();
  });

  it('a page that fails to load leaves the button there to try again, not an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
      mock.seed('general', 300, { from: ['ben'] });
      const chatId = mock.chat('general').id;
      const client = clientFor(mock, 'ana');
      renderChat(client, chatId);
      await eventually(() => expect(screen.getByRole('log').querySelectorAll('[data-natter="message"]')).toHaveLength(50));
      server.use(http.get(`*/api/v1/chats/${chatId}/messages`, () => HttpResponse.json({ error: { code: 'internal_error', message: 'Down' } }, { status: 500 })));
      fireEvent.click(await screen.findByRole('button', { name: /^\d+ new messages$/ }));
      await eventually(() => expect(button()?.getAttribute('data-busy')).toBeNull());
      await settle(30);
      expect(rejections).toEqual([]);
      expect(button()?.getAttribute('data-error')).toBe('true');
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
