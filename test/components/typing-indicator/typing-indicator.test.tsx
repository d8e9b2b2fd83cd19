import { act, screen } from '@testing-library/react';
import { TypingIndicator, type TypingIndicatorProps } from 'natter/components';
import { useChat } from 'natter/react';
import { describe, expect, it, vi } from 'vitest';
import { eventually, installHookTest, renderWithClient } from '../helpers';

const { startMock, clientFor } = installHookTest();

/** Joins the chat, as the list of a chat screen would. */
function Join({ chatId }: { chatId: string }) {
  useChat(chatId);
  return null;
}

/** `me` watching `general` with Ana, Bo, Cy and Dee. */
async function setup(props: Partial<TypingIndicatorProps> = {}) {
  const users = ['me', 'Ana', 'Bo', 'Cy', 'Dee'];
  const mock = startMock({ users, chats: [{ name: 'general', members: users }] });
  const chatId = mock.chat('general').id;
  const client = clientFor(mock, 'me');
  renderWithClient(
    client,
    <>
      <Join chatId={chatId} />
      <TypingIndicator chatId={chatId} {...props} />
    </>,
  );
  await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
  const indicator = screen.getByRole('status');
  const typing = (who: string, isTyping = true) => act(() => mock.setTyping('general', who, isTyping));
  return { mock, client, chatId, indicator, typing };
}

describe('TypingIndicator', () => {
  it('is an empty polite status while nobody types', async () => {
    const { indicator } = await setup();
    expect(indicator.textContent).toBe('');
    expect(indicator.getAttribute('data-count')).toBe('0');
    expect(indicator.getAttribute('aria-live')).toBe('polite');
    expect(indicator.getAttribute('data-natter')).toBe('typing-indicator');
  });

  it('names one, then two typers, then counts three, and empties as they stop', async () => {
    const { indicator, typing } = await setup();
    typing('Ana');
    await eventually(() => expect(indicator.textContent).toBe('Ana is typing…'));
    expect(indicator.getAttribute('data-count')).toBe('1');
    typing('Bo');
    await eventually(() => expect(indicator.textContent).toBe('Ana and Bo are typing…'));
    expect(indicator.getAttribute('data-count')).toBe('2');
    typing('Cy');
    await eventually(() => expect(indicator.textContent).toBe('3 people are typing…'));
    expect(indicator.getAttribute('data-count')).toBe('3');
    typing('Dee');
    await eventually(() => expect(indicator.textContent).toBe('4 people are typing…'));
    typing('Ana', false);
    typing('Cy', false);
    await eventually(() => expect(indicator.textContent).toBe('Bo and Dee are typing…'));
    typing('Bo', false);
    typing('Dee', false);
    await eventually(() => expect(indicator.textContent).toBe(''));
    expect(indicator.getAttribute('data-count')).toBe('0');
  });

  it('drops a typer whose message arrived', async () => {
    const { mock, indicator, typing } = await setup();
    typing('Ana');
    await eventually(() => expect(indicator.textContent).toBe('Ana is typing…'));
    act(() => {
      mock.addMessage('general', { from: 'Ana', content: 'done' });
    });
    await eventually(() => expect(indicator.textContent).toBe(''));
  });

  it('uses a custom format with the typers’ names', async () => {
    const format = vi.fn((names: string[]) => (names.length === 0 ? 'Quiet' : `${names.join(' + ')} écrivent…`));
    const { indicator, typing } = await setup({ format });
    expect(indicator.textContent).toBe('Quiet');
    typing('Ana');
    typing('Bo');
    await eventually(() => expect(indicator.textContent).toBe('Ana + Bo écrivent…'));
    expect(format).toHaveBeenLastCalledWith(['Ana', 'Bo']);
  });
});
