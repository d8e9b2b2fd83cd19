import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MessageContent, MessageList, MessageRetry, MessageRoot, MessageSender, MessageStatus, MessageTime } from 'natter/components';
import type { ChatMessage } from 'natter';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatMessage, dataAttributes, eventually, installHookTest, offlineClient, ownMessage, renderWithClient } from '../helpers';

const { startMock, clientFor } = installHookTest();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Renders one message's root with `children` for ana (the offline client). */
function renderRoot(message: ChatMessage, children?: ReactNode) {
  return renderWithClient(offlineClient(), <MessageRoot message={message}>{children}</MessageRoot>);
}

const article = () => document.querySelector('article')!;

describe('MessageRoot', () => {
  it("exposes someone else's confirmed message as data-status, data-own and data-message-id", () => {
    renderRoot(chatMessage({ id: 'm-42' }));
    expect(dataAttributes(article())).toEqual({ 'data-natter': 'message', 'data-status': 'sent', 'data-own': 'false', 'data-message-id': 'm-42' });
    expect(article().getAttribute('aria-busy')).toBeNull();
  });

  it.each(['pending', 'sent', 'delivered', 'read', 'failed'] as const)('exposes your own %s message', (status) => {
    renderRoot(ownMessage(status));
    expect(article().getAttribute('data-status')).toBe(status);
    expect(article().getAttribute('data-own')).toBe('true');
    // Unconfirmed messages have no id yet.
    expect(article().getAttribute('data-message-id')).toBe(status === 'pending' || status === 'failed' ? null : 'message-2');
    expect(article().getAttribute('aria-busy')).toBe(status === 'pending' ? 'true' : null);
  });
});

describe('MessageStatus', () => {
  it.each([
    ['pending', 'Sending…'],
    ['sent', 'Sent'],
    ['delivered', 'Delivered'],
    ['read', 'Read'],
    ['failed', 'Not sent: Server hiccup'],
  ] as const)('shows your %s message as "%s"', (status, text) => {
    renderRoot(ownMessage(status), <MessageStatus />);
    const shown = screen.getByRole('status');
    expect(shown.textContent).toBe(text);
    expect(shown.getAttribute('data-status')).toBe(status);
  });

  it('says "Not sent" for a failure without an error', () => {
    renderRoot(ownMessage('failed', { error: null }), <MessageStatus />);
    expect(screen.getByRole('status').textContent).toBe('Not sent');
  });

  it("shows nothing on someone else's message", () => {
    renderRoot(chatMessage(), <MessageStatus />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(article().textContent).toBe('');
  });
});

describe('MessageRetry', () => {
  it.each(['pending', 'sent', 'read'] as const)('is absent on a %s message', (status) => {
    renderRoot(ownMessage(status), <MessageRetry />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it("is absent on someone else's message and on a failed message without a client id", () => {
    renderRoot(chatMessage({ status: 'failed' }), <MessageRetry />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('appears on a failed message, named "Retry" or by its children', () => {
    renderRoot(
      ownMessage('failed'),
      <>
        <MessageRetry />
        <MessageRetry>Try again</MessageRetry>
      </>,
    );
    expect(screen.getByRole('button', { name: 'Retry' }).getAttribute('type')).toBe('button');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('sends the failed message again with the same client id: pending, then sent', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    renderWithClient(client, <MessageList chatId={id} />);
    await eventually(() => expect(client.getConnection(id)?.status).toBe('open'));
    mock.failNextSend('internal_error', { message: 'Database unavailable' });
    act(() => {
      client.sendMessage(id, 'try me');
    });
    const status = await screen.findByText('Not sent: Database unavailable');
    expect(status.closest('article')!.getAttribute('data-status')).toBe('failed');
    expect(mock.messages('general')).toEqual([]);

    mock.pause();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    const message = screen.getByText('try me').closest('article')!;
    expect(message.getAttribute('data-status')).toBe('pending');
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    await eventually(() => expect(mock.receivedData('send_message')).toHaveLength(2));
    const [first, second] = mock.receivedData('send_message') as Array<{ client_id: string; content: string }>;
    expect(second).toEqual(first);
    expect(second!.content).toBe('try me');

    act(() => mock.resume());
    await eventually(() => expect(message.getAttribute('data-status')).toBe('sent'));
    expect(screen.getByText('Sent')).toBeTruthy();
    expect(message.getAttribute('data-message-id')).toBe(mock.messages('general')[0]!.id);
    expect(mock.messages('general')).toHaveLength(1);
  });
});

describe('MessageSender and MessageTime', () => {
  it("shows the sender's name", () => {
    renderRoot(chatMessage(), <MessageSender />);
    expect(document.querySelector('[data-natter="message-sender"]')!.textContent).toBe('ben');
  });

  it('renders a <time> with the machine-readable dateTime and the formatted text', () => {
    const format = vi.fn((date: Date) => `at ${date.toISOString().slice(11, 16)}`);
    renderRoot(chatMessage({ created_at: '2026-11-24T09:30:00.000Z' }), <MessageTime format={format} />);
    const time = document.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe('2026-11-24T09:30:00.000Z');
    expect(time.textContent).toBe('at 09:30');
    expect(time.title).not.toBe('');
    expect(format).toHaveBeenCalledWith(new Date('2026-11-24T09:30:00.000Z'));
  });

  it('formats the time as hours and minutes by default', () => {
    renderRoot(chatMessage({ created_at: '2026-11-24T09:30:00.000Z' }), <MessageTime />);
    expect(document.querySelector('time')!.textContent).toBe(new Date('2026-11-24T09:30:00.000Z').toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
  });

  it('renders an empty <time> without dateTime for an invalid date', () => {
    renderRoot(chatMessage({ created_at: 'not a date' }), <MessageTime />);
    const time = document.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBeNull();
    expect(time.textContent).toBe('');
  });
});

describe('MessageContent', () => {
  const renderContent = (content: string) => renderRoot(chatMessage({ content }), <MessageContent />);
  const paragraph = () => document.querySelector('[data-natter="message-content"]')!;

  it('links http(s) URLs, opening in a new tab without opener or referrer', () => {
    renderContent('Docs: https://natter.dev/docs. Or http://example.com');
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://natter.dev/docs', 'http://example.com/']);
    expect(links.map((a) => a.textContent)).toEqual(['https://natter.dev/docs', 'http://example.com']);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')!.split(' ')).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }
    expect(paragraph().textContent).toBe('Docs: https://natter.dev/docs. Or http://example.com');
  });

  it.each(['javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'ftp://files.example.com', 'natter.dev'])('renders %s as plain text', (content) => {
    renderContent(content);
    expect(paragraph().querySelector('a')).toBeNull();
    expect(paragraph().textContent).toBe(content);
  });

  it.each(['<img src=x onerror=alert(1)>', '<b>hi</b>', '<script>alert(1)</script>', '&lt;b&gt; &amp;'])('renders %s as literal text, creating no element', (content) => {
    const { container } = renderContent(content);
    expect(paragraph().children).toHaveLength(0);
    expect(container.querySelector('img, b, script')).toBeNull();
    expect(paragraph().textContent).toBe(content);
  });

  it('keeps line breaks in the text', () => {
    renderContent('first line\nsecond line\n\nafter a blank https://natter.dev\nlast');
    expect(paragraph().textContent).toBe('first line\nsecond line\n\nafter a blank https://natter.dev\nlast');
    expect(paragraph().querySelector('br')).toBeNull();
  });
});

describe('parts outside MessageRoot', () => {
  it.each([
    ['MessageSender', <MessageSender />],
    ['MessageContent', <MessageContent />],
    ['MessageTime', <MessageTime />],
    ['MessageStatus', <MessageStatus />],
    ['MessageRetry', <MessageRetry />],
  ])('%s throws a clear error', (name, element) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderWithClient(offlineClient(), element)).toThrow(`<${name}> must be inside <MessageRoot message={…}>`);
  });

  it('MessageRoot outside ChatProvider throws the provider error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<MessageRoot message={chatMessage()} />)).toThrow(/inside <ChatProvider/);
  });
});
