import { act, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { ReadReceipts, type ReadReceiptsProps } from 'natter/components';
import { useChat } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, renderWithClient, settle } from '../helpers';

const { startMock, clientFor } = installHookTest();

function Join({ chatId }: { chatId: string }) {
  useChat(chatId);
  return null;
}

/** Ana in `general` with ben, cy and dee: ben wrote "one", ana "two", cy "three"; dee never wrote. */
function startChat() {
  const users = ['ana', 'ben', 'cy', 'dee'];
  const mock = startMock({
    users,
    chats: [
      {
        name: 'general',
        members: users,
        messages: [
          { from: 'ben', content: 'one' },
          { from: 'ana', content: 'two' },
          { from: 'cy', content: 'three' },
        ],
      },
    ],
  });
  const [one, two, three] = mock.messages('general').map((m) => m.id) as [string, string, string];
  return { mock, chatId: mock.chat('general').id, one, two, three };
}

type Chat = ReturnType<typeof startChat>;

async function renderReceipts(chat: Chat, props: Omit<ReadReceiptsProps, 'chatId'>) {
  const client = clientFor(chat.mock, 'ana');
  renderWithClient(
    client,
    <>
      <Join chatId={chat.chatId} />
      <ReadReceipts chatId={chat.chatId} data-testid="receipts" {...props} />
    </>,
  );
  await eventually(() => expect(client.store.getState().chats[chat.chatId]?.messages).toHaveLength(3));
  await eventually(() => expect(client.getConnection(chat.chatId)?.status).toBe('open'));
  return { client, receipts: screen.getByTestId('receipts') };
}

const receive = (chat: Chat, messageId: string, by: string) =>
  act(() => {
    chat.mock.addReceipt(messageId, by);
  });

describe('ReadReceipts', () => {
  it('is hidden while nobody has read the message', async () => {
    const chat = startChat();
    const { receipts } = await renderReceipts(chat, { messageId: chat.two });
    expect(receipts.hidden).toBe(true);
    expect(receipts.textContent).toBe('');
    expect(receipts.getAttribute('data-count')).toBe('0');
    expect(receipts.getAttribute('title')).toBeNull();
  });

  it('counts readers live, with their names in the title', async () => {
    const chat = startChat();
    const { receipts } = await renderReceipts(chat, { messageId: chat.two });
    receive(chat, chat.two, 'ben');
    await eventually(() => expect(receipts.textContent).toBe('Read by 1'));
    expect(receipts.hidden).toBe(false);
    expect(receipts.getAttribute('data-count')).toBe('1');
    expect(receipts.title).toBe('ben');
    receive(chat, chat.two, 'cy');
    await eventually(() => expect(receipts.textContent).toBe('Read by 2'));
    expect(receipts.title).toBe('ben, cy');
    // A repeated receipt changes nothing.
    receive(chat, chat.two, 'cy');
    await settle(30);
    expect(receipts.textContent).toBe('Read by 2');
  });

  it('starts from the receipts in history', async () => {
    const chat = startChat();
    chat.mock.addReceipt(chat.two, 'cy');
    const { receipts } = await renderReceipts(chat, { messageId: chat.two });
    await eventually(() => expect(receipts.textContent).toBe('Read by 1'));
    expect(receipts.title).toBe('cy');
  });

  it('leaves you out of the count', async () => {
    const chat = startChat();
    const { client, receipts } = await renderReceipts(chat, { messageId: chat.one });
    act(() => client.markRead(chat.chatId, chat.one));
    // The server relays your own receipt back: the store holds it, the count does not show it.
    await eventually(() => expect(client.store.getState().chats[chat.chatId]?.readBy[chat.one]).toEqual([chat.mock.user('ana').id]));
    expect(receipts.hidden).toBe(true);
    expect(receipts.getAttribute('data-count')).toBe('0');
    receive(chat, chat.one, 'cy');
    await eventually(() => expect(receipts.textContent).toBe('Read by 1'));
    expect(receipts.title).toBe('cy');
  });

  it('counts a reader it has no name for as "someone"', async () => {
    const chat = startChat();
    const { receipts } = await renderReceipts(chat, { messageId: chat.two });
    receive(chat, chat.two, 'dee');
    await eventually(() => expect(receipts.textContent).toBe('Read by 1'));
    expect(receipts.title).toBe('someone');
  });

  it('renders a custom format with the count and names', async () => {
    const chat = startChat();
    const { receipts } = await renderReceipts(chat, { messageId: chat.two, format: (count, names) => `Seen ${count}: ${names.join(' & ')}` });
    expect(receipts.textContent).toBe('Seen 0: ');
    receive(chat, chat.two, 'ben');
    receive(chat, chat.two, 'cy');
    await eventually(() => expect(receipts.textContent).toBe('Seen 2: ben & cy'));
  });

  it('counts nothing for a message without an id (still pending)', async () => {
    const chat = startChat();
    const { receipts } = await renderReceipts(chat, { messageId: null });
    expect(receipts.hidden).toBe(true);
    expect(receipts.getAttribute('data-count')).toBe('0');
  });

  it("re-renders for its own message's receipts only", async () => {
    const chat = startChat();
    const client = clientFor(chat.mock, 'ana');
    let renders = 0;
    renderWithClient(
      client,
      <>
        <Join chatId={chat.chatId} />
        <Profiler id="receipts" onRender={() => (renders += 1)}>
          <ReadReceipts chatId={chat.chatId} messageId={chat.two} data-testid="receipts" />
        </Profiler>
      </>,
      { strict: false },
    );
    await eventually(() => expect(client.getConnection(chat.chatId)?.status).toBe('open'));
    await eventually(() => expect(client.store.getState().chats[chat.chatId]?.messages).toHaveLength(3));
    await settle(50);
    const before = renders;

    // Receipts on other messages, a new message, typing: none of them concern this one.
    receive(chat, chat.one, 'cy');
    receive(chat, chat.three, 'ben');
    act(() => {
      chat.mock.addMessage('general', { from: 'ben', content: 'four' });
      chat.mock.setTyping('general', 'cy', true);
    });
    await eventually(() => expect(client.store.getState().chats[chat.chatId]?.readBy[chat.three]).toHaveLength(1));
    await eventually(() => expect(client.store.getState().chats[chat.chatId]?.messages).toHaveLength(4));
    await eventually(() => expect(client.store.getState().chats[chat.chatId]?.typing).toHaveLength(1));
    await settle(30);
    expect(renders).toBe(before);

    receive(chat, chat.two, 'ben');
    await eventually(() => expect(screen.getByTestId('receipts').textContent).toBe('Read by 1'));
    expect(renders).toBe(before + 1);
  });
});
