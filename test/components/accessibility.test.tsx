import { act, screen } from '@testing-library/react';
import { ConnectionStatus, MessageComposer, MessageList, TypingIndicator } from 'natter/components';
import { useChat } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, renderWithClient } from './helpers';

const { startMock, clientFor } = installHookTest();

function Join({ chatId }: { chatId: string }) {
  useChat(chatId);
  return null;
}

const INTERACTIVE_ROLES = ['button', 'link', 'textbox', 'log'] as const;
// A `hidden` input (the composer's file picker, opened by its Attach button) cannot take focus.
const FOCUSABLE = 'a[href], button, input:not([hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';

describe('accessibility smoke', () => {
  it('gives every interactive element of a busy chat screen an accessible name', async () => {
    const mock = startMock({
      chats: [
        { name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'Docs: https://natter.dev and <b>bold</b>' }] },
        { name: 'private', members: ['ben', 'cy'] },
      ],
    });
    const general = mock.chat('general').id;
    const client = clientFor(mock, 'ana');
    const { container } = renderWithClient(
      client,
      <main>
        {/* ana is not in `private`: that socket is refused, so its status line offers "Reconnect". */}
        <ConnectionStatus socketKey={mock.chat('private').id} />
        <Join chatId={mock.chat('private').id} />
        <MessageList chatId={general} />
        <TypingIndicator chatId={general} />
        <MessageComposer chatId={general} />
      </main>,
    );
    await screen.findByRole('link', { name: 'https://natter.dev' });
    await eventually(() => expect(client.getConnection(general)?.status).toBe('open'));
    mock.failNextSend();
    act(() => {
      client.sendMessage(general, 'this one fails');
    });
    await screen.findByRole('button', { name: 'Retry' });
    await screen.findByRole('button', { name: 'Reconnect' });
    act(() => mock.setTyping('general', 'ben', true));
    await screen.findByText('ben is typing…');

    const named = new Set<HTMLElement>();
    for (const role of INTERACTIVE_ROLES) {
      const all = screen.queryAllByRole(role);
      const withName = screen.queryAllByRole(role, { name: /\S/ });
      expect(withName, `every ${role} has a name`).toEqual(all);
      for (const element of withName) named.add(element);
    }
    // Every focusable element is one of those, so none escaped the check.
    const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
    expect(focusable.length).toBeGreaterThanOrEqual(6);
    expect(focusable.filter((element) => !named.has(element)).map((element) => element.outerHTML)).toEqual([]);
    // The live regions are labelled by their role.
    expect(screen.getAllByRole('status').length).toBeGreaterThanOrEqual(3);
  });
});
