import { fireEvent, screen } from '@testing-library/react';
import { MessageList } from 'natter/components';
import { describe, expect, it, vi } from 'vitest';
import { eventually, fakeScrollLayout, installHookTest, renderWithClient, settle } from '../helpers';

const { startMock, clientFor } = installHookTest();

const articles = () => [...document.querySelectorAll<HTMLElement>('[data-natter="message"]')];

/** Ana's client, with two chats of 20 messages each. */
function twoChats() {
  const mock = startMock({
    chats: [
      { name: 'general', members: ['ana', 'ben'], messages: 20 },
      { name: 'other', members: ['ana', 'ben'], messages: 20 },
    ],
  });
  return { mock, general: mock.chat('general').id, other: mock.chat('other').id, client: clientFor(mock, 'ana') };
}

/** Shows `chatId` in a list, waits for it to open at the bottom, then scrolls up. */
async function scrollUpIn(client: ReturnType<typeof clientFor>, chatId: string) {
  const view = renderWithClient(client, <MessageList chatId={chatId} />);
  const log = screen.getByRole('log');
  const layout = fakeScrollLayout(log);
  await eventually(() => expect(articles()).toHaveLength(20));
  await eventually(() => expect(log.scrollTop).toBe(layout.bottom()));
  log.scrollTop = 100;
  fireEvent.scroll(log);
  return { view, log, layout };
}

describe('MessageList: moving to another chat', () => {
  it('opens the next chat at its newest message, with no "new messages" left from the chat scrolled up in', async () => {
    const { mock, general, other, client } = twoChats();
    // The reader scrolls up in general, then opens the other chat in the same list.
    const { view, log, layout } = await scrollUpIn(client, general);
    view.rerender(<MessageList chatId={other} />);
    await eventually(() => expect(articles()[0]!.getAttribute('data-message-id')).toBe(mock.messages('other')[0]!.id));
    await settle(30);
    expect(document.querySelector('[data-natter="new-messages-button"]')).toBeNull();
    expect(log.scrollTop).toBe(layout.bottom());
  });

  it('gives up the last chat\'s viewport and reports the next chat\'s, even at the same seq', async () => {
    const { mock, general, other, client } = twoChats();
    const setViewport = vi.spyOn(client, 'setViewport');
    const { view, log } = await scrollUpIn(client, general);
    const held = setViewport.mock.calls.at(-1)!;
    expect(held).toEqual([general, { firstSeq: expect.any(Number) }]);
    const { firstSeq } = held[1];

    view.rerender(<MessageList chatId={other} />);
    await eventually(() => expect(articles()[0]!.getAttribute('data-message-id')).toBe(mock.messages('other')[0]!.id));
    // General is no longer on screen: the client may trim it again.
    expect(setViewport).toHaveBeenCalledWith(general, { firstSeq: null });
    expect(setViewport.mock.calls.filter(([chatId]) => chatId === general).at(-1)).toEqual([general, { firstSeq: null }]);
    // The same place in the other chat is the same seq, and still its own viewport to report.
    log.scrollTop = 100;
    fireEvent.scroll(log);
    expect(setViewport).toHaveBeenLastCalledWith(other, { firstSeq });
  });
});
