import type { Meta, StoryObj } from '@storybook/react-vite';
import { ConnectionStatus, MessageList } from 'natter/components';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CHAT_ID, connected, historyLoaded, natterOf, type NatterParameters } from './support/natter';

/**
 * `ConnectionStatus`: the socket's state for people, a polite status line that is empty (and hidden) while
 * connected, with a Reconnect button once the client has given up. The mock drops and refuses sockets on demand.
 */
const meta = {
  title: 'Components/ConnectionStatus',
  component: ConnectionStatus,
  args: { socketKey: CHAT_ID },
  render: (args) => (
    <div className="story-chat" style={{ height: '16rem' }}>
      <ConnectionStatus {...args} />
      <MessageList chatId={CHAT_ID} />
    </div>
  ),
  parameters: {
    natter: { messages: [{ from: 'Ana', content: 'Is everyone on the call?' }] } satisfies NatterParameters,
  },
} satisfies Meta<typeof ConnectionStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

const statusLine = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-natter="connection-status"]')!;

/** Connected: nothing to say, so nothing shows (`data-status="open"`). */
export const Connected: Story = {
  play: async (context) => {
    await connected(natterOf(context));
    const line = statusLine(context.canvasElement);
    await expect(line).toHaveAttribute('data-status', 'open');
    await expect(line).not.toBeVisible();
  },
};

/** The first attempt, still under way (here the token never comes). */
export const Connecting: Story = {
  parameters: { natter: { client: { getToken: () => new Promise<string>(() => undefined) } } satisfies NatterParameters },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByText('Connecting…')).toBeVisible());
    await expect(canvas.getByRole('status')).toHaveAttribute('data-status', 'connecting');
  },
};

/** The connection dropped and every reconnect is refused: "Connection lost. Reconnecting…" stays. */
export const Reconnecting: Story = {
  play: async (context) => {
    const { mock, ...fixture } = natterOf(context);
    await connected({ mock, ...fixture });
    mock.refuseNextConnections(1006, 1_000_000);
    mock.dropConnections();
    await waitFor(() => expect(context.canvas.getByText('Connection lost. Reconnecting…')).toBeVisible());
    await waitFor(() => expect(mock.connectionsTo({ chatId: CHAT_ID }).length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    await expect(statusLine(context.canvasElement)).toHaveAttribute('data-status', 'reconnecting');
  },
};

/** Dropped, refused twice, then back: the line goes away, and what was said meanwhile is fetched. */
export const RecoversAfterADrop: Story = {
  play: async (context) => {
    const fixture = natterOf(context);
    const { mock } = fixture;
    await connected(fixture);
    mock.refuseNextConnections(1006, 2);
    mock.dropConnections();
    await context.canvas.findByText('Connection lost. Reconnecting…');
    mock.addMessage(CHAT_ID, { from: 'Bo', content: 'Said while you were away.' });
    await waitFor(() => expect(statusLine(context.canvasElement)).toHaveAttribute('data-status', 'open'), { timeout: 6000 });
    await expect(statusLine(context.canvasElement)).not.toBeVisible();
    await waitFor(() => expect(context.canvas.getByText('Said while you were away.')).toBeVisible());
  },
};

/** Out of attempts (`backoff.maxAttempts`): "Could not reconnect." and a Reconnect button. */
export const Failed: Story = {
  parameters: {
    natter: {
      client: { backoff: { initialMs: 200, jitter: 'none', maxAttempts: 2 } },
      setup: (mock) => mock.refuseNextConnections(1013, 3),
    } satisfies NatterParameters,
  },
  play: async (context) => {
    const { canvas } = context;
    await historyLoaded(context.canvasElement);
    await waitFor(() => expect(canvas.getByText('Could not reconnect.')).toBeVisible(), { timeout: 5000 });
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Reconnect' })).toBeVisible());
    await expect(natterOf(context).mock.connectionsTo({ chatId: CHAT_ID })).toHaveLength(3);
  },
};

/** The Reconnect button, pressed: it connects at once (the server accepts again) and the line goes away. */
export const FailedWithReconnect: Story = {
  parameters: {
    natter: {
      client: { backoff: { initialMs: 200, jitter: 'none', maxAttempts: 2 } },
      setup: (mock) => mock.refuseNextConnections(1013, 3),
    } satisfies NatterParameters,
  },
  play: async (context) => {
    const { canvas } = context;
    await historyLoaded(context.canvasElement);
    await waitFor(() => expect(canvas.getByText('Could not reconnect.')).toBeVisible(), { timeout: 5000 });
    await expect(statusLine(context.canvasElement)).toHaveAttribute('data-status', 'failed');
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect' }));
    await connected(natterOf(context));
    await expect(statusLine(context.canvasElement)).not.toBeVisible();
  },
};

/** Refused for good (4003, not a member): "Disconnected." and a Reconnect button. */
export const Closed: Story = {
  parameters: { natter: { setup: (mock) => mock.refuseNextConnections(4003, 1) } satisfies NatterParameters },
  play: async (context) => {
    const { canvas } = context;
    await historyLoaded(context.canvasElement);
    await waitFor(() => expect(canvas.getByText('Disconnected.')).toBeVisible());
    await expect(statusLine(context.canvasElement)).toHaveAttribute('data-status', 'closed');
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect' }));
    await connected(natterOf(context));
  },
};

/** The token is refused twice (4001, then again after renewing): the session is over. */
export const Unauthorized: Story = {
  parameters: { natter: { setup: (mock) => mock.refuseNextConnections(4001, 2) } satisfies NatterParameters },
  play: async (context) => {
    await historyLoaded(context.canvasElement);
    await waitFor(() => expect(context.canvas.getByText('Your session has expired. Please sign in again.')).toBeVisible());
    await expect(statusLine(context.canvasElement)).toHaveAttribute('data-status', 'unauthorized');
  },
};

/** Your own wording per status (`labels`). */
export const CustomLabels: Story = {
  args: { labels: { reconnecting: 'Offline — trying again…', failed: 'Offline.' } },
  play: async (context) => {
    const fixture = natterOf(context);
    await connected(fixture);
    fixture.mock.refuseNextConnections(1006, 1_000_000);
    fixture.mock.dropConnections();
    await waitFor(() => expect(context.canvas.getByText('Offline — trying again…')).toBeVisible());
  },
};
