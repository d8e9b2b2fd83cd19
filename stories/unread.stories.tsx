import type { Meta, StoryObj } from '@storybook/react-vite';
import { JumpToUnread, MessageList } from 'natter/components';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CHAT_ID, historyLoaded, natterOf, type NatterParameters } from './support/natter';

/**
 * Unread messages in an open chat: `MessageList` draws a "New messages" line (`NewMessagesSeparator`,
 * `data-unread-separator`) before the first message that was unread when the chat opened, and keeps it there while
 * you read. `JumpToUnread` shows while that line is above what you see, and takes you to it, loading older history
 * when it is further back.
 */
const meta = {
  title: 'Components/Unread',
  component: JumpToUnread,
  args: { chatId: CHAT_ID },
  render: (args) => (
    <section className="story-chat" aria-label="Chat general" style={{ position: 'relative' }}>
      <div style={{ position: 'absolute', insetInline: 0, top: '0.5rem', display: 'flex', justifyContent: 'center', zIndex: 1 }}>
        <JumpToUnread {...args} />
      </div>
      <MessageList chatId={args.chatId} />
    </section>
  ),
} satisfies Meta<typeof JumpToUnread>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Sam read a chat up to `readUpTo` of `total` messages from the others. */
const readUpTo = (total: number, upTo: number): NatterParameters => ({
  setup: (mock) => {
    mock.seed(CHAT_ID, total, { from: ['Ana', 'Bo', 'Cy'] });
    mock.addReceipt(mock.messages(CHAT_ID).find((m) => m.seq === upTo)!.id, 'Sam');
  },
});

/** Is `element` within the visible part of `container`? */
const inView = (element: Element, container: Element) => {
  const box = element.getBoundingClientRect();
  const view = container.getBoundingClientRect();
  return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
};

/** A few unread messages: the line is on screen when the chat opens, so there is nothing to jump to. */
export const FewUnread: Story = {
  parameters: { natter: readUpTo(12, 9) },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const separator = await canvas.findByRole('separator', { name: 'New messages' });
    const { mock } = natterOf(context);
    await expect(separator.nextElementSibling).toHaveAttribute('data-message-id', mock.messages(CHAT_ID).find((m) => m.seq === 10)!.id);
    await waitFor(() => expect(inView(separator, canvas.getByRole('log'))).toBe(true));
    await expect(canvasElement.querySelector('[data-natter="jump-to-unread"]')).toBeNull();
    // Reading does not move the line.
    await waitFor(() => expect(mock.receivedData('read_receipt').length).toBeGreaterThan(0));
    await expect(canvas.getByRole('separator', { name: 'New messages' })).toBe(separator);
  },
};

/**
 * Many unread messages, starting further back than the first page of history: the button loads older pages until
 * the first unread message is there, scrolls to the line, and goes.
 */
export const JumpBack: Story = {
  parameters: { natter: readUpTo(160, 40) },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const log = canvas.getByRole('log', { name: 'Messages' });
    // The list is virtualized: count what it holds, not the rows near the viewport.
    await waitFor(() => expect(natterOf(context).client.store.getState().chats[CHAT_ID]?.messages).toHaveLength(50));
    await expect(canvas.queryByRole('separator', { name: 'New messages' })).toBeNull();
    const button = await canvas.findByRole('button', { name: /^\d+ new messages$/ });
    await userEvent.click(button);
    const separator = await canvas.findByRole('separator', { name: 'New messages' });
    await waitFor(() => expect(inView(separator, log)).toBe(true), { timeout: 5000 });
    await waitFor(() => expect(canvasElement.querySelector('[data-natter="jump-to-unread"]')).toBeNull());
    await expect(separator.nextElementSibling).toHaveTextContent('(#41)');
  },
};

/** Everything read: no line, no button. */
export const AllRead: Story = {
  parameters: { natter: readUpTo(20, 20) },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    await waitFor(() => expect(natterOf(context).client.store.getState().chats[CHAT_ID]?.messages).toHaveLength(20));
    await historyLoaded(canvasElement);
    await expect(canvas.queryByRole('separator', { name: 'New messages' })).toBeNull();
    await expect(canvasElement.querySelector('[data-natter="jump-to-unread"]')).toBeNull();
  },
};
