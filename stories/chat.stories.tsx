import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from './support/chat-window';
import { CHAT_ID, connected, historyLoaded, natterOf, type NatterFixture, type NatterParameters } from './support/natter';

/**
 * The whole chat as an app puts it together (like examples/demo): `ConnectionStatus`, `MessageList`,
 * `TypingIndicator` and `MessageComposer` in one `ChatProvider`, seen as Sam, against the in-memory mock server.
 */
const meta = {
  title: 'Chat',
  component: ChatWindow,
  args: { chatId: CHAT_ID },
  parameters: { natter: { client: { typingTtlMs: 10 * 60_000 } } satisfies NatterParameters },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;
type PlayContext = Parameters<NonNullable<Story['play']>>[0];

const A_MORNING: NatterParameters['messages'] = [
  { from: 'Ana', content: 'Morning! Did the build go green?' },
  { from: 'Sam', content: 'Yes, all checks passed on the second run.' },
  { from: 'Bo', content: 'Great. Can someone review the migration? https://natter.dev/pull/42' },
  { from: 'Sam', content: 'On it after lunch.' },
  { from: 'Cy', content: 'The staging deploy looks fine to me.' },
  { from: 'Ana', content: 'Then let us ship it tomorrow.' },
];

const own = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll<HTMLElement>('[data-natter="message"][data-own="true"]')];
const statusLine = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-natter="connection-status"]')!;

/** Types into the composer and presses Enter, as a person would. */
async function send(context: PlayContext, text: string): Promise<void> {
  await userEvent.type(context.canvas.getByRole('textbox', { name: 'Message' }), `${text}{Enter}`);
}

/** The newest own message, once there are `count`. */
async function lastOwn(context: PlayContext, count: number): Promise<HTMLElement> {
  return waitFor(() => {
    const found = own(context.canvasElement);
    expect(found).toHaveLength(count);
    return found.at(-1)!;
  });
}

/** A chat nobody has written in: the empty state, and a first message. */
export const EmptyChat: Story = {
  play: async (context) => {
    const { canvas } = context;
    await waitFor(() => expect(canvas.getByText('No messages yet. Say hello!')).toBeVisible());
    await connected(natterOf(context));
    await send(context, 'Hello, anyone here?');
    const message = await lastOwn(context, 1);
    await waitFor(() => expect(message).toHaveAttribute('data-status', 'sent'));
    await expect(canvas.queryByText('No messages yet. Say hello!')).toBeNull();
  },
};

/** A morning's conversation, receipts on Sam's messages, and Ana typing. */
export const Conversation: Story = {
  parameters: {
    natter: {
      messages: A_MORNING,
      setup: (mock) => {
        const [, first, , second] = mock.messages(CHAT_ID);
        for (const reader of ['Ana', 'Bo', 'Cy']) mock.addReceipt(first!.id, reader);
        mock.addReceipt(second!.id, 'Ana');
      },
    } satisfies NatterParameters,
  },
  play: async (context) => {
    const { canvas } = context;
    await canvas.findByText('Then let us ship it tomorrow.');
    await waitFor(() => expect(canvas.getByText('Read by 3')).toBeVisible());
    await waitFor(() => expect(canvas.getByText('Read by 1')).toBeVisible());
    await waitFor(() => expect(canvas.getByRole('link', { name: 'https://natter.dev/pull/42' })).toBeVisible());
    const fixture = natterOf(context);
    await connected(fixture);
    fixture.mock.setTyping(CHAT_ID, 'Ana', true);
    await waitFor(() => expect(canvas.getByText('Ana is typing…')).toBeVisible());
  },
};

/** Five hundred messages: the newest page first, older pages as you scroll up. */
export const LongConversation: Story = {
  parameters: { natter: { messages: 500 } satisfies NatterParameters },
  play: async (context) => {
    const { canvas } = context;
    const log = canvas.getByRole('log', { name: 'Messages' });
    // Held, not rendered: the list is virtualized.
    const count = () => natterOf(context).client.store.getState().chats[CHAT_ID]?.messages.length ?? 0;
    await waitFor(() => expect(count()).toBe(50));
    await waitFor(() => expect(canvas.getByText(/\(#500\)$/)).toBeVisible());
    log.scrollTop = 0;
    await waitFor(() => expect(count()).toBe(100), { timeout: 5000 });
    // The older page went in above what was on screen, which stays put: the list is no longer at the top.
    await waitFor(() => expect(log.scrollTop).toBeGreaterThan(0));
  },
};

/** One, two, then four people typing. */
export const ManyTypers: Story = {
  parameters: { natter: { messages: A_MORNING } satisfies NatterParameters },
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    fixture.mock.setTyping(CHAT_ID, 'Ana', true);
    await canvas.findByText('Ana is typing…');
    fixture.mock.setTyping(CHAT_ID, 'Bo', true);
    await canvas.findByText('Ana and Bo are typing…');
    fixture.mock.setTyping(CHAT_ID, 'Cy', true);
    fixture.mock.setTyping(CHAT_ID, 'Dee', true);
    await waitFor(() => expect(canvas.getByText('4 people are typing…')).toBeVisible());
  },
};

/**
 * The connection drops and reconnects are refused for a while: the banner says so, a message written meanwhile
 * waits as "Sending…", and goes out once the socket is back.
 */
export const Reconnecting: Story = {
  parameters: { natter: { messages: A_MORNING } satisfies NatterParameters },
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    fixture.mock.refuseNextConnections(1006, 3);
    fixture.mock.dropConnections();
    await waitFor(() => expect(canvas.getByText('Connection lost. Reconnecting…')).toBeVisible());
    await send(context, 'Sent while offline');
    const message = await lastOwn(context, 3);
    await expect(message).toHaveAttribute('data-status', 'pending');
    await waitFor(() => expect(within(message).getByText('Sending…')).toBeVisible());
    // 0.4 + 0.8 + 1.6 s of refused attempts, then back.
    await waitFor(() => expect(message).toHaveAttribute('data-status', 'sent'), { timeout: 8000 });
    await expect(statusLine(context.canvasElement)).not.toBeVisible();
    await expect(fixture.mock.messages(CHAT_ID).at(-1)?.content).toBe('Sent while offline');
  },
};

/** The server refuses a message: "Not sent", Retry, and the retried message is delivered. */
export const FailedSendWithRetry: Story = {
  parameters: {
    natter: { messages: A_MORNING, setup: (mock) => mock.failNextSend('internal_error', { message: 'Could not store the message' }) } satisfies NatterParameters,
  },
  play: async (context) => {
    const fixture = natterOf(context);
    await connected(fixture);
    await send(context, 'Deploying at five');
    const message = await lastOwn(context, 3);
    await waitFor(() => expect(message).toHaveAttribute('data-status', 'failed'));
    await waitFor(() => expect(within(message).getByText('Not sent: Could not store the message')).toBeVisible());
    await userEvent.click(within(message).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(message).toHaveAttribute('data-status', 'sent'));
    await expect(fixture.mock.messages(CHAT_ID).at(-1)?.content).toBe('Deploying at five');
  },
};

/** The server holds every answer (paused): what you send stays "Sending…". */
export const PendingMessages: Story = {
  parameters: { natter: { messages: A_MORNING } satisfies NatterParameters },
  play: async (context) => {
    const fixture = natterOf(context);
    await connected(fixture);
    fixture.mock.pause();
    await send(context, 'First, while the server is slow');
    await send(context, 'Second, still waiting');
    await lastOwn(context, 4);
    for (const message of own(context.canvasElement).slice(-2)) {
      await expect(message).toHaveAttribute('data-status', 'pending');
      await waitFor(() => expect(within(message).getByText('Sending…')).toBeVisible());
    }
  },
};

/** You send; Ana and Bo read it, live. */
export const ReadReceipts: Story = {
  parameters: { natter: { messages: A_MORNING } satisfies NatterParameters },
  play: async (context) => {
    const fixture = natterOf(context);
    await connected(fixture);
    await send(context, 'Notes are in the wiki.');
    const message = await lastOwn(context, 3);
    await waitFor(() => expect(message).toHaveAttribute('data-status', 'sent'));
    const id = message.getAttribute('data-message-id')!;
    fixture.mock.addReceipt(id, 'Ana');
    await waitFor(() => expect(within(message).getByText('Read by 1')).toBeVisible());
    fixture.mock.addReceipt(id, 'Bo');
    await waitFor(() => expect(within(message).getByText('Read by 2')).toBeVisible());
    await expect(message).toHaveAttribute('data-status', 'read');
  },
};

/** The client gave up reconnecting: "Could not reconnect." and Reconnect, which brings the chat back. */
export const ConnectionFailed: Story = {
  parameters: {
    natter: {
      messages: A_MORNING,
      client: { backoff: { initialMs: 200, jitter: 'none', maxAttempts: 1 } },
      setup: (mock) => mock.refuseNextConnections(1013, 2),
    } satisfies NatterParameters,
  },
  play: async (context) => {
    const { canvas } = context;
    await historyLoaded(context.canvasElement);
    await waitFor(() => expect(canvas.getByText('Could not reconnect.')).toBeVisible(), { timeout: 5000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect' }));
    await connected(natterOf(context));
    await expect(statusLine(context.canvasElement)).not.toBeVisible();
  },
};

/** The server refuses the token, also after renewing it: the session has expired. */
export const Unauthorized: Story = {
  parameters: { natter: { messages: A_MORNING, setup: (mock) => mock.refuseNextConnections(4001, 2) } satisfies NatterParameters },
  play: async ({ canvas, canvasElement }) => {
    await historyLoaded(canvasElement);
    await waitFor(() => expect(canvas.getByText('Your session has expired. Please sign in again.')).toBeVisible());
  },
};

/** Text is text: HTML-looking messages, a very long word and long URLs, all inside their bubbles. */
export const LongWordsUrlsAndHtml: Story = {
  parameters: {
    natter: {
      messages: [
        { from: 'Ana', content: 'Try pasting <b>this</b> or <script>alert(1)</script> — it stays text.' },
        { from: 'Bo', content: `A long word: ${'Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz'.repeat(2)}` },
        { from: 'Sam', content: 'https://natter.dev/a/very/long/path/that/goes/on/and/on/and/on/and/on/and/on/and/on/and/on/?with=query&and=more' },
      ],
    } satisfies NatterParameters,
  },
  play: async ({ canvas }) => {
    const html = await canvas.findByText('Try pasting <b>this</b> or <script>alert(1)</script> — it stays text.');
    await expect(html.querySelector('b, script')).toBeNull();
    await expect(await canvas.findByRole('link')).toHaveAttribute('href', expect.stringMatching(/^https:\/\/natter\.dev\/a\/very/));
    const log = canvas.getByRole('log', { name: 'Messages' });
    await expect(log.scrollWidth).toBeLessThanOrEqual(log.clientWidth + 1);
  },
};

async function darkStates(context: PlayContext, fixture: NatterFixture): Promise<void> {
  await connected(fixture);
  fixture.mock.setTyping(CHAT_ID, 'Ana', true);
  fixture.mock.failNextSend('internal_error', { message: 'Could not store the message' });
  await send(context, 'This one failed');
  await waitFor(() => expect(own(context.canvasElement).at(-1)).toHaveAttribute('data-status', 'failed'));
  fixture.mock.pause();
  await send(context, 'This one is on its way');
  await waitFor(() => expect(own(context.canvasElement).at(-1)).toHaveAttribute('data-status', 'pending'));
}

/** Dark theme (`data-natter-theme="dark"`): every message state, typing and receipts, at once. */
export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  parameters: {
    natter: {
      messages: A_MORNING,
      setup: (mock) => {
        const mine = mock.messages(CHAT_ID)[1]!;
        mock.addReceipt(mine.id, 'Ana');
        mock.addReceipt(mine.id, 'Bo');
      },
    } satisfies NatterParameters,
  },
  play: async (context) => {
    await context.canvas.findByText('Read by 2');
    await darkStates(context, natterOf(context));
    await expect(context.canvasElement.querySelector('[data-natter-theme]')).toHaveAttribute('data-natter-theme', 'dark');
    await waitFor(() => expect(context.canvas.getByText('Ana is typing…')).toBeVisible());
  },
};

/** Dark theme, offline: the connection banner and its Reconnect button. */
export const DarkThemeOffline: Story = {
  globals: { theme: 'dark' },
  parameters: {
    natter: {
      messages: A_MORNING,
      client: { backoff: { initialMs: 200, jitter: 'none', maxAttempts: 1 } },
      setup: (mock) => mock.refuseNextConnections(1013, 2),
    } satisfies NatterParameters,
  },
  play: async ({ canvas, canvasElement }) => {
    await historyLoaded(canvasElement);
    await waitFor(() => expect(canvas.getByText('Could not reconnect.')).toBeVisible(), { timeout: 5000 });
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Reconnect' })).toBeVisible());
  },
};
