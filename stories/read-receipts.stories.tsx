import type { Meta, StoryObj } from '@storybook/react-vite';
import { MessageContent, MessageList, MessageRoot, MessageSender, ReadReceipts } from 'natter/components';
import { expect, waitFor } from 'storybook/test';
import { CHAT_ID, connected, natterOf, type NatterParameters } from './support/natter';

/**
 * `ReadReceipts`: how many others read one of your messages ("Read by N"), their names in the tooltip; hidden
 * while nobody has. `Message` includes it; receipts arrive in history (`read_by`) and live (`read_receipt`).
 */
const meta = {
  title: 'Components/ReadReceipts',
  component: ReadReceipts,
  args: { chatId: CHAT_ID, messageId: null },
  render: (args) => (
    <div className="story-chat" style={{ height: '22rem' }}>
      <MessageList chatId={args.chatId} />
    </div>
  ),
  parameters: {
    natter: {
      messages: [
        { from: 'Ana', content: 'Standup moved to 10:30.' },
        { from: 'Bo', content: 'Works for me.' },
        { from: 'Cy', content: 'Same.' },
        { from: 'Sam', content: 'I will share the agenda in a minute.' },
      ],
    } satisfies NatterParameters,
  },
} satisfies Meta<typeof ReadReceipts>;

export default meta;
type Story = StoryObj<typeof meta>;

const receiptsOf = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-natter="message"][data-own="true"] [data-natter="read-receipts"]')!;
const mine = (context: Parameters<NonNullable<Story['play']>>[0]) => natterOf(context).mock.messages(CHAT_ID).at(-1)!;

/** Nobody has read it yet: the receipt is hidden, the status says "Sent". */
export const Unread: Story = {
  play: async (context) => {
    await context.canvas.findByText('Sent');
    await waitFor(() => {
      const receipts = receiptsOf(context.canvasElement);
      expect(receipts).not.toBeVisible();
      expect(receipts).toHaveAttribute('data-count', '0');
    });
  },
};

/** A receipt arrives while you watch: "Read by 1", and the message's status becomes `read`. */
export const ReadLive: Story = {
  play: async (context) => {
    const fixture = natterOf(context);
    await context.canvas.findByText('Sent');
    await connected(fixture);
    fixture.mock.addReceipt(mine(context).id, 'Ana');
    // Queried again until it holds: a virtualized row may mount anew while the list measures.
    await waitFor(() => {
      const receipts = context.canvas.getByText('Read by 1');
      expect(receipts).toBeVisible();
      expect(receipts).toHaveAttribute('title', 'Ana');
      expect(receipts.closest('article')).toHaveAttribute('data-status', 'read');
    });
  },
};

/** Read by several, from history, then one more live. */
export const ReadByMany: Story = {
  parameters: {
    natter: {
      setup: (mock) => {
        const id = mock.messages(CHAT_ID).at(-1)!.id;
        for (const reader of ['Ana', 'Bo', 'Cy']) mock.addReceipt(id, reader);
      },
    } satisfies NatterParameters,
  },
  play: async (context) => {
    const fixture = natterOf(context);
    const receipts = await context.canvas.findByText('Read by 3');
    await expect(receipts).toHaveAttribute('title', 'Ana, Bo, Cy');
    await connected(fixture);
    fixture.mock.addReceipt(mine(context).id, 'Dee');
    await waitFor(() => expect(receiptsOf(context.canvasElement)).toHaveTextContent('Read by 4'));
  },
};

/** Your own wording and layout: `format` gets the count and the names. */
export const CustomFormat: Story = {
  parameters: {
    natter: {
      setup: (mock) => {
        const id = mock.messages(CHAT_ID).at(-1)!.id;
        mock.addReceipt(id, 'Ana');
        mock.addReceipt(id, 'Bo');
      },
    } satisfies NatterParameters,
  },
  render: (args) => (
    <div className="story-chat" style={{ height: '22rem' }}>
      <MessageList
        chatId={args.chatId}
        renderMessage={(message) => (
          <MessageRoot key={message.key} message={message}>
            <MessageSender />
            <MessageContent />
            <ReadReceipts chatId={message.chat_id} messageId={message.id} format={(count, names) => (count === 0 ? '' : `Seen by ${names.join(' and ')}`)} />
          </MessageRoot>
        )}
      />
    </div>
  ),
  play: async (context) => {
    // Queried again until it holds: a virtualized row may mount anew while the list measures.
    await waitFor(() => expect(context.canvas.getByText('Seen by Ana and Bo')).toBeVisible());
  },
};
