import { MessageList, MessageQuote, MessageRoot } from 'natter/components';
import { useChat } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { quoteText } from '../../../src/components/message/message-quote';
import { chatMessage, eventually, installHookTest, renderWithClient } from '../helpers';
import { deleteMessage } from 'natter/features';

const { startMock, clientFor, server } = installHookTest();

const quoteOf = (text: string) => {
  const node = [...document.querySelectorAll('[data-natter="message-content"]')].find((n) => n.textContent === text);
  return node?.closest('article')?.querySelector('[data-natter="message-quote"]') ?? null;
};

/** Shows only the chat's newest messages (a history page of `pageSize`): older parents are not held. */
function Newest({ chatId, pageSize }: { chatId: string; pageSize: number }) {
  const { messages } = useChat(chatId, { pageSize });
  return (
    <>
      {messages.map((message) => (
        <MessageRoot key={message.key} message={message}>
          <MessageQuote />
          <p data-natter="message-content">{message.content}</p>
        </MessageRoot>
      ))}
    </>
  );
}

describe('MessageQuote', () => {
  it("shows the held parent's sender and first line", async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'Lunch?\nI know a place.' }] }] });
    mock.addMessage('general', { from: 'ana', content: 'Sure', parentMessageId: mock.messages('general')[0]!.id });
    renderWithClient(clientFor(mock, 'ana'), <MessageList chatId={mock.chat('general').id} />);
    const quote = await eventually(() => {
      const found = quoteOf('Sure');
      expect(found?.textContent).toBe('benLunch?');
      return found!;
    });
    expect(quote.tagName).toBe('BLOCKQUOTE');
    expect(quote.querySelector('[data-natter="message-quote-sender"]')!.textContent).toBe('ben');
    expect(quote.querySelector('[data-natter="message-quote-text"]')!.textContent).toBe('Lunch?');
    expect(quoteOf('Lunch?\nI know a place.')).toBeNull();
  });

  it('fetches a parent older than the history loaded, once', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'Old question' }] }] });
    const parentId = mock.messages('general')[0]!.id;
    mock.seed('general', 5);
    mock.addMessage('general', { from: 'ana', content: 'Late answer', parentMessageId: parentId });
    const fetched: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes(`/messages/${parentId}`)) fetched.push(request.url);
    });
    renderWithClient(clientFor(mock, 'ana'), <Newest chatId={mock.chat('general').id} pageSize={3} />);
    const quote = await eventually(() => {
      const found = quoteOf('Late answer');
      expect(found?.textContent).toBe('benOld question');
      return found!;
    });
    expect(quote.hasAttribute('data-loading')).toBe(false);
    expect(fetched).toHaveLength(1);
    server.events.removeAllListeners();
  });

  it('says "Message deleted" for a deleted parent', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'Oops' }] }] });
    const parent = mock.messages('general')[0]!;
    mock.addMessage('general', { from: 'ana', content: 'What?', parentMessageId: parent.id });
    const ben = clientFor(mock, 'ben');
    const ana = clientFor(mock, 'ana');
    renderWithClient(ana, <MessageList chatId={mock.chat('general').id} />);
    await eventually(() => expect(quoteOf('What?')?.textContent).toBe('benOops'));
    ben.joinChat(parent.chat_id);
    await eventually(() => expect(ben.getConnection(parent.chat_id)?.status).toBe('open'));
    await ben.loadHistory(parent.chat_id);
    deleteMessage(ben, parent.chat_id, parent.id);
    await eventually(() => expect(quoteOf('What?')?.textContent).toBe('Message deleted'));
    expect(quoteOf('What?')!.getAttribute('data-deleted')).toBe('true');
  });
});

describe('quoteText', () => {
  // From the source: the quote's text is shared by MessageQuote and ComposerBanner, not a public export.
  it('is the first line of the trimmed text; else the first file name; the deleted text for a tombstone', () => {
    expect(quoteText(chatMessage({ content: '\n  Lunch?\r\nI know a place.' }))).toBe('Lunch?');
    expect(quoteText(chatMessage({ content: 'one line  ' }))).toBe('one line');
    const file = { id: 'f', url: '/f', file_name: 'menu.pdf', content_type: 'application/pdf', size: 1 };
    expect(quoteText(chatMessage({ content: '', attachments: [file] as never }))).toBe('menu.pdf');
    expect(quoteText(chatMessage({ content: '' }))).toBe('');
    expect(quoteText(chatMessage({ deleted_at: '2026-11-24T10:00:00.000Z' }))).toBe('Message deleted');
    expect(quoteText(chatMessage({ deleted_at: '2026-11-24T10:00:00.000Z' }), 'Gone')).toBe('Gone');
  });
});
