import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatList, MessageList } from 'natter/components';
import { useState } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { natterOf, type NatterParameters } from './support/natter';

/** A two-pane app: the chat list, and the chat chosen in it. */
function Inbox() {
  const [chatId, setChatId] = useState<string | null>(null);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '18rem minmax(0, 36rem)', gap: '1rem', alignItems: 'start' }}>
      <ChatList selectedChatId={chatId} onSelect={(chat) => setChatId(chat.id)} empty={<p className="story-empty">No chats yet</p>} style={{ maxHeight: '32rem' }} />
      {chatId ? (
        <section className="story-chat" aria-label="Open chat">
          <MessageList key={chatId} chatId={chatId} />
        </section>
      ) : (
        <p className="story-empty">Choose a chat</p>
      )}
    </div>
  );
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Sam's chats: a few with history, one with a file, a direct chat whose last message was deleted. */
const INBOX: NatterParameters = {
  messages: [{ from: 'Ana', content: 'Standup moved to 10:15.', createdAt: minutesAgo(50) }],
  chats: [
    {
      name: 'design',
      members: ['Sam', 'Ana', 'Bo'],
      messages: [
        { from: 'Sam', content: 'Can you share the mockups?', createdAt: minutesAgo(40) },
        { from: 'Bo', content: 'Here they are', createdAt: minutesAgo(30), attachments: [{ name: 'mockups.pdf', type: 'application/pdf', data: '%PDF-1.7' }] },
        { from: 'Ana', content: 'Love the new header!', createdAt: minutesAgo(20) },
      ],
    },
    { name: 'releases', members: ['Sam', 'Cy'], messages: [{ from: 'Cy', content: 'v2.3 is out 🎉', createdAt: minutesAgo(90) }] },
  ],
  setup: (mock) => {
    const direct = mock.directChat('Sam', 'Dee');
    const message = mock.addMessage(direct.id, { from: 'Dee', content: 'oops, wrong chat', createdAt: minutesAgo(10) });
    mock.deleteMessage(direct.id, message.id);
    mock.setPresence('Dee', 'online');
  },
};

/**
 * `ChatList`: your chats, the most recently active first, each with its avatar (a direct chat shows the other
 * person, with presence), last message, time and an unread badge (`data-unread`). Live over the personal socket:
 * a new message moves its chat up and counts as unread; reading it clears the badge.
 */
const meta = {
  title: 'Components/ChatList',
  component: ChatList,
  render: () => <Inbox />,
  parameters: { natter: INBOX },
} satisfies Meta<typeof ChatList>;

export default meta;
type Story = StoryObj<typeof meta>;

const names = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll('[data-natter="chat-list-name"]')].map((el) => el.textContent);
const rowOf = (canvasElement: HTMLElement, name: string) =>
  [...canvasElement.querySelectorAll<HTMLElement>('[data-natter="chat-list-item"]')].find((row) => row.querySelector('[data-natter="chat-list-name"]')?.textContent === name)!;
const badgeOf = (row: HTMLElement) => row.querySelector<HTMLElement>('[data-natter="chat-list-badge"]');

/** The inbox: ordered by last activity, previews for text, files and deleted messages, unread counts. */
export const Inbox_: Story = {
  name: 'Inbox',
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('navigation', { name: 'Chats' });
    await waitFor(() => expect(names(canvasElement)).toEqual(['Dee', 'design', 'general', 'releases']));
    const preview = (name: string) => rowOf(canvasElement, name).querySelector('[data-natter="chat-list-preview"]')!.textContent;
    await expect(preview('design')).toBe('Ana: Love the new header!');
    await expect(preview('Dee')).toBe('Message deleted');
    await expect(preview('general')).toBe('Ana: Standup moved to 10:15.');
    await expect(badgeOf(rowOf(canvasElement, 'design'))).toHaveTextContent('2');
    await waitFor(() => expect(canvas.getByRole('button', { name: /^design .*Ana: Love the new header! 2 unread messages$/ })).toBeVisible());
    await expect(badgeOf(rowOf(canvasElement, 'releases'))).toHaveAttribute('data-unread', 'true');
    await waitFor(() => expect(rowOf(canvasElement, 'Dee')).toHaveAccessibleDescription('Dee (Online)'));
    await expect(rowOf(canvasElement, 'Dee').querySelector('[data-natter="avatar"]')).toHaveAttribute('data-presence', 'online');
  },
};

/** Someone writes: the chat moves up and its badge counts; opening it reads it and the badge goes. */
export const LiveUnread: Story = {
  play: async (context) => {
    const { canvasElement } = context;
    const { mock, client } = natterOf(context);
    await waitFor(() => expect(names(canvasElement)).toHaveLength(4));
    await waitFor(() => expect(client.getConnection('personal')?.status).toBe('open'));
    mock.addMessage('releases', { from: 'Cy', content: 'Hotfix 2.3.1 going out now' });
    await waitFor(() => expect(names(canvasElement)[0]).toBe('releases'));
    await waitFor(() => expect(badgeOf(rowOf(canvasElement, 'releases'))).toHaveTextContent('2'));
    await expect(rowOf(canvasElement, 'releases').querySelector('[data-natter="chat-list-preview"]')).toHaveTextContent('Cy: Hotfix 2.3.1 going out now');
    mock.addMessage('releases', { from: 'Cy', content: 'Done.' });
    await waitFor(() => expect(badgeOf(rowOf(canvasElement, 'releases'))).toHaveTextContent('3'));
    await userEvent.click(rowOf(canvasElement, 'releases'));
    await waitFor(() => expect(rowOf(canvasElement, 'releases')).toHaveAttribute('data-selected', 'true'));
    await expect(rowOf(canvasElement, 'releases')).toHaveAttribute('aria-current', 'true');
    await context.canvas.findByText('Done.');
    await waitFor(() => expect(badgeOf(rowOf(canvasElement, 'releases'))).toBeNull(), { timeout: 5000 });
    await expect(rowOf(canvasElement, 'releases')).toHaveAttribute('data-unread', 'false');
  },
};

/** While the list is on its way: `data-loading` and `aria-busy`, then the chats. */
export const Loading: Story = {
  parameters: { natter: { ...INBOX, latencyMs: 800 } satisfies NatterParameters },
  play: async ({ canvas, canvasElement }) => {
    const nav = canvas.getByRole('navigation', { name: 'Chats' });
    await expect(nav).toHaveAttribute('data-loading', 'true');
    await expect(nav).toHaveAttribute('aria-busy', 'true');
    await waitFor(() => expect(names(canvasElement)).toHaveLength(4), { timeout: 5000 });
    await expect(nav).not.toHaveAttribute('data-loading');
    await expect(nav).not.toHaveAttribute('aria-busy');
  },
};
