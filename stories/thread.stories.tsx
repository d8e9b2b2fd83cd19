import type { Meta, StoryObj } from '@storybook/react-vite';
import { Message, MessageList, Thread } from 'natter/components';
import type { ChatMessage } from 'natter';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CHAT_ID, connected, natterOf, type NatterParameters } from './support/natter';

/**
 * `Thread`: a message, its replies (live, older pages on demand) and a composer whose messages reply to it. Opened
 * here from a message's "N replies" button in the `MessageList`, as an app would lay it out.
 */
function ChatWithThread({ pageSize }: { pageSize?: number }) {
  const [threadId, setThreadId] = useState<string | null>(null);
  const open = (message: ChatMessage) => setThreadId(message.id);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 22rem)', gap: '1rem', height: '34rem' }}>
      <div className="story-chat" style={{ width: 'auto', height: 'auto' }}>
        <MessageList chatId={CHAT_ID} renderMessage={(message) => <Message message={message} onOpenThread={open} />} />
      </div>
      {threadId && <Thread chatId={CHAT_ID} parentId={threadId} pageSize={pageSize} onClose={() => setThreadId(null)} style={{ borderRadius: 'var(--natter-radius)', border: '1px solid var(--natter-border)' }} />}
    </div>
  );
}

const meta = {
  title: 'Components/Thread',
  component: ChatWithThread,
  parameters: { natter: {} satisfies NatterParameters },
} satisfies Meta<typeof ChatWithThread>;

export default meta;
type Story = StoryObj<typeof meta>;

const QUESTION = 'Who is coming to the offsite on Friday?';

/** Ana's question with two replies (one more arrives elsewhere in the chat), for Sam. */
const withReplies = (count: number): NatterParameters => ({
  messages: [
    { from: 'Ana', content: QUESTION },
    { from: 'Cy', content: 'Unrelated: the build is green again.' },
  ],
  setup: (mock) => {
    const question = mock.messages(CHAT_ID)[0]!;
    for (let i = 1; i <= count; i += 1) mock.reply(CHAT_ID, question.id, { from: i % 2 ? 'Bo' : 'Dee', content: `Reply ${i}` });
  },
});

const replyTexts = (panel: HTMLElement) =>
  [...within(panel).getByRole('log', { name: 'Replies' }).querySelectorAll('[data-natter="message-content"]')].map((node) => node.textContent);

/** "2 replies" opens the thread: the question, its replies only, and a reply box; a reply goes to both places. */
export const OpenAndReply: Story = {
  parameters: { natter: withReplies(2) },
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    await userEvent.click(await canvas.findByRole('button', { name: '2 replies' }));
    const panel = await canvas.findByRole('region', { name: 'Thread' });
    await waitFor(() => expect(replyTexts(panel)).toEqual(['Reply 1', 'Reply 2']));
    await waitFor(() => expect(within(panel).getByText(QUESTION)).toBeVisible());
    await expect(panel).not.toHaveTextContent('Unrelated');
    await expect(panel.querySelector('[data-natter="message-quote"]')).toBeNull();

    const box = within(panel).getByRole('textbox', { name: 'Reply' });
    await expect(box.closest('form')).toHaveAttribute('data-mode', 'reply');
    await userEvent.type(box, 'Count me in{Enter}');
    await waitFor(() => expect(replyTexts(panel)).toEqual(['Reply 1', 'Reply 2', 'Count me in']));
    await waitFor(() => expect(fixture.mock.messages(CHAT_ID).at(-1)).toMatchObject({ content: 'Count me in', parent_message_id: fixture.mock.messages(CHAT_ID)[0]!.id }));
    // The main list counts it too.
    await waitFor(() => expect(canvas.getByRole('button', { name: '3 replies' })).toBeVisible());

    // Someone else's reply arrives live.
    fixture.mock.reply(CHAT_ID, fixture.mock.messages(CHAT_ID)[0]!.id, { from: 'Ana', content: 'Great, see you there' });
    await waitFor(() => expect(replyTexts(panel).at(-1)).toBe('Great, see you there'));

    await userEvent.click(within(panel).getByRole('button', { name: 'Close thread' }));
    await expect(canvas.queryByRole('region', { name: 'Thread' })).toBeNull();
  },
};

/** A long thread shows its newest replies first; "Load older replies" pages back. */
export const LoadOlderReplies: Story = {
  parameters: { natter: withReplies(7) },
  render: () => <ChatWithThread pageSize={3} />,
  play: async (context) => {
    const { canvas } = context;
    await connected(natterOf(context));
    await userEvent.click(await canvas.findByRole('button', { name: '7 replies' }));
    const panel = await canvas.findByRole('region', { name: 'Thread' });
    await waitFor(() => expect(replyTexts(panel)).toEqual(['Reply 5', 'Reply 6', 'Reply 7']));
    await userEvent.click(within(panel).getByRole('button', { name: 'Load older replies' }));
    await waitFor(() => expect(replyTexts(panel)).toHaveLength(6));
    await waitFor(() => expect(panel).not.toHaveAttribute('data-loading'));
    await userEvent.click(within(panel).getByRole('button', { name: 'Load older replies' }));
    await waitFor(() => expect(replyTexts(panel)).toEqual(['Reply 1', 'Reply 2', 'Reply 3', 'Reply 4', 'Reply 5', 'Reply 6', 'Reply 7']));
    await expect(within(panel).queryByRole('button', { name: 'Load older replies' })).toBeNull();
  },
};

/** A deleted question stays as a tombstone with its replies, in the list and in the thread. */
export const DeletedParent: Story = {
  parameters: {
    natter: {
      ...withReplies(2),
      setup: (mock) => {
        withReplies(2).setup!(mock);
        mock.deleteMessage(CHAT_ID, mock.messages(CHAT_ID)[0]!.id);
      },
    } satisfies NatterParameters,
  },
  play: async (context) => {
    const { canvas } = context;
    await connected(natterOf(context));
    await userEvent.click(await canvas.findByRole('button', { name: '2 replies' }));
    const panel = await canvas.findByRole('region', { name: 'Thread' });
    await waitFor(() => expect(replyTexts(panel)).toEqual(['Reply 1', 'Reply 2']));
    const parent = panel.querySelector('[data-natter="thread-parent"] article')!;
    await expect(parent).toHaveAttribute('data-deleted', 'true');
    await waitFor(() => expect(within(parent as HTMLElement).getByText('Message deleted')).toBeVisible());
    await expect(canvas.queryByText(QUESTION)).toBeNull();
  },
};
