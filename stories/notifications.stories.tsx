import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ChatNotification } from 'natter';
import { MessageList, Notifications } from 'natter/components';
import { useState } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CHAT_ID, natterOf, type NatterParameters } from './support/natter';
import { loadChats } from 'natter/features';

/** The notifications, and what the app opened last. */
function Inbox() {
  const [opened, setOpened] = useState<ChatNotification | null>(null);
  return (
    <div style={{ display: 'grid', gap: '1rem', width: 'min(100%, 28rem)' }}>
      <Notifications onOpen={setOpened} />
      <p className="story-note" role="status">
        {opened ? `Opened ${opened.kind === 'mention' ? 'the mention' : 'the direct message'} from ${opened.message.sender.username}` : 'Nothing opened yet'}
      </p>
    </div>
  );
}

/**
 * `Notifications`: direct messages and mentions of you in chats that are not on screen, in a polite live region
 * (each `data-kind="direct_message|mention"`), with a button to open one (`onOpen`) and one to dismiss it.
 */
const meta = {
  title: 'Components/Notifications',
  component: Notifications,
  render: () => <Inbox />,
  parameters: { natter: { chats: [{ name: 'design', members: ['Sam', 'Ana', 'Bo'] }] } satisfies NatterParameters },
} satisfies Meta<typeof Notifications>;

export default meta;
type Story = StoryObj<typeof meta>;

const items = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll<HTMLElement>('[data-natter="notification"]')];

/** Ana writes to Sam directly and Bo mentions him: two notifications; dismiss one, open the other. */
export const DirectMessageAndMention: Story = {
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const { mock, client } = natterOf(context);
    const region = canvas.getByRole('list', { name: 'Notifications' });
    await expect(region).toHaveAttribute('aria-live', 'polite');
    await waitFor(() => expect(client.getConnection('personal')?.status).toBe('open'));
    await loadChats(client);
    mock.addMessage(mock.directChat('Sam', 'Ana').id, { from: 'Ana', content: 'Got a minute?' });
    mock.addMessage('design', { from: 'Bo', content: 'Nothing for Sam here' });
    mock.addMessage('design', { from: 'Bo', content: '@Sam can you review the header?' });
    await waitFor(() => expect(items(canvasElement).map((item) => item.dataset.kind)).toEqual(['direct_message', 'mention']));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Ana: Got a minute?' })).toBeVisible());
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Bo mentioned you in #design: @Sam can you review the header?' })).toBeVisible());
    await userEvent.click(canvas.getByRole('button', { name: 'Dismiss: Ana: Got a minute?' }));
    await waitFor(() => expect(items(canvasElement).map((item) => item.dataset.kind)).toEqual(['mention']));
    await userEvent.click(canvas.getByRole('button', { name: /^Bo mentioned you/ }));
    await expect(canvas.getByRole('status')).toHaveTextContent('Opened the mention from Bo');
    await waitFor(() => expect(items(canvasElement)).toHaveLength(0));
  },
};

/** A mention in the chat on screen raises nothing: the story's chat is open here. */
export const NothingForTheOpenChat: Story = {
  render: () => <OpenChat />,
  play: async (context) => {
    const { canvasElement } = context;
    const { mock, client } = natterOf(context);
    await waitFor(() => expect(client.getConnection('personal')?.status).toBe('open'));
    await waitFor(() => expect(client.getConnection(CHAT_ID)?.status).toBe('open'));
    mock.addMessage(CHAT_ID, { from: 'Bo', content: '@Sam you are reading this already' });
    await context.canvas.findByText('@Sam you are reading this already');
    await expect(items(canvasElement)).toHaveLength(0);
  },
};

/** The notifications beside the open story chat. */
function OpenChat() {
  return (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <Notifications />
      <section className="story-chat" aria-label="Chat general">
        <MessageList chatId={CHAT_ID} />
      </section>
    </div>
  );
}
