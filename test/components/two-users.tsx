import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import type { ChatClient } from 'natter';
import type { MockChatServer, MockMessageInput } from 'natter/testing';
import { expect } from 'vitest';
import { eventually, installHookTest, wrapperFor } from './helpers';

/**
 * Ana and ben side by side, each in their own `ChatProvider` and labelled region, on one mock chat `general`:
 * what one does, the other must see. Call at the top of a test file instead of `installHookTest`.
 */
export function installTwoUsers() {
  const { startMock, clientFor, server } = installHookTest();

  /** `prepare` runs on the mock before anything renders (e.g. adds replies, which need their parent's id). */
  async function setup(messages: MockMessageInput[], ui: (chatId: string, who: 'ana' | 'ben') => ReactNode, prepare?: (mock: MockChatServer) => void) {
    const mock: MockChatServer = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages }] });
    prepare?.(mock);
    const chatId = mock.chat('general').id;
    const ana: ChatClient = clientFor(mock, 'ana');
    const ben: ChatClient = clientFor(mock, 'ben');
    const user = userEvent.setup();
    for (const [who, client] of [['ana', ana], ['ben', ben]] as const) {
      render(<section aria-label={who}>{ui(chatId, who)}</section>, { wrapper: wrapperFor(client) });
    }
    await eventually(() => {
      expect(ana.getConnection(chatId)?.status).toBe('open');
      expect(ben.getConnection(chatId)?.status).toBe('open');
    });
    const view = (who: 'ana' | 'ben') => within(screen.getByRole('region', { name: who }));
    /** The article whose text is `text` in `who`'s view (not a quote of it). */
    const article = (who: 'ana' | 'ben', text: string | RegExp) => view(who).getByText(text, { selector: '[data-natter="message-content"]' }).closest('article')!;
    return { mock, chatId, ana, ben, user, view, article };
  }

  return { setup, server, startMock, clientFor };
}
