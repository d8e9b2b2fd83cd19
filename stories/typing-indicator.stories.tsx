import type { Meta, StoryObj } from '@storybook/react-vite';
import { MessageList, TypingIndicator } from 'natter/components';
import { expect, waitFor } from 'storybook/test';
import { CHAT_ID, connected, historyLoaded, natterOf, type NatterParameters } from './support/natter';

/**
 * `TypingIndicator`: who else is typing, as a polite status line ("Ana is typing…", "Ana and Bo are typing…",
 * "3 people are typing…"), empty when nobody is. The mock relays `typing_indicator` frames as the server would.
 */
const meta = {
  title: 'Components/TypingIndicator',
  component: TypingIndicator,
  args: { chatId: CHAT_ID },
  render: (args) => (
    <div className="story-chat" style={{ height: '16rem' }}>
      <MessageList chatId={args.chatId} />
      <TypingIndicator {...args} />
    </div>
  ),
  parameters: {
    // Typing lasts until it is switched off, so the state stays on screen while you look at it.
    natter: { messages: [{ from: 'Ana', content: 'Who has the notes from Monday?' }], client: { typingTtlMs: 10 * 60_000 } } satisfies NatterParameters,
  },
} satisfies Meta<typeof TypingIndicator>;

export default meta;
type Story = StoryObj<typeof meta>;

const indicator = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-natter="typing-indicator"]')!;

/** Once the chat is loaded and connected, `names` start typing. */
async function typing(context: Parameters<NonNullable<Story['play']>>[0], ...names: string[]): Promise<void> {
  const fixture = natterOf(context);
  await historyLoaded(context.canvasElement);
  await connected(fixture);
  for (const name of names) fixture.mock.setTyping(CHAT_ID, name, true);
}

/** Nobody is typing: an empty status line (`data-count="0"`) that keeps its height. */
export const Nobody: Story = {
  play: async (context) => {
    await historyLoaded(context.canvasElement);
    await connected(natterOf(context));
    const line = indicator(context.canvasElement);
    await expect(line).toHaveAttribute('role', 'status');
    await expect(line).toHaveAttribute('data-count', '0');
    await expect(line).toHaveTextContent(/^$/);
  },
};

/** One person. */
export const One: Story = {
  play: async (context) => {
    await typing(context, 'Ana');
    await waitFor(() => expect(context.canvas.getByText('Ana is typing…')).toBeVisible());
    await expect(indicator(context.canvasElement)).toHaveAttribute('data-count', '1');
  },
};

/** Two people. */
export const Two: Story = {
  play: async (context) => {
    await typing(context, 'Ana', 'Bo');
    await waitFor(() => expect(context.canvas.getByText('Ana and Bo are typing…')).toBeVisible());
    await expect(indicator(context.canvasElement)).toHaveAttribute('data-count', '2');
  },
};

/** Three or more: a count instead of names. */
export const ThreeOrMore: Story = {
  play: async (context) => {
    const fixture = natterOf(context);
    await typing(context, 'Ana', 'Bo', 'Cy');
    await waitFor(() => expect(context.canvas.getByText('3 people are typing…')).toBeVisible());
    fixture.mock.setTyping(CHAT_ID, 'Dee', true);
    await waitFor(() => expect(context.canvas.getByText('4 people are typing…')).toBeVisible());
    await expect(indicator(context.canvasElement)).toHaveAttribute('data-count', '4');
  },
};

/** People stop: one switches typing off, the other sends a message (which ends their typing too). */
export const StopsWhenTheyStopOrSend: Story = {
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    await typing(context, 'Ana', 'Bo');
    await canvas.findByText('Ana and Bo are typing…');
    fixture.mock.setTyping(CHAT_ID, 'Bo', false);
    await waitFor(() => expect(canvas.getByText('Ana is typing…')).toBeVisible());
    fixture.mock.addMessage(CHAT_ID, { from: 'Ana', content: 'I have them, sending now.' });
    await canvas.findByText('I have them, sending now.');
    await waitFor(() => expect(indicator(context.canvasElement)).toHaveTextContent(/^$/));
  },
};

/** Without a refresh, typing expires after `typingTtlMs` (here 1.5 s; 5 s by default). */
export const ExpiresWithoutRefresh: Story = {
  parameters: { natter: { client: { typingTtlMs: 1500 } } satisfies NatterParameters },
  play: async (context) => {
    await typing(context, 'Ana');
    await context.canvas.findByText('Ana is typing…');
    await waitFor(() => expect(indicator(context.canvasElement)).toHaveTextContent(/^$/), { timeout: 4000 });
  },
};

/** Your own sentence: `format` gets the names. */
export const CustomFormat: Story = {
  args: { format: (names: string[]) => (names.length === 0 ? '' : `${names.join(' & ')} ${names.length === 1 ? 'écrit' : 'écrivent'}…`) },
  play: async (context) => {
    await typing(context, 'Ana', 'Bo');
    await waitFor(() => expect(context.canvas.getByText('Ana & Bo écrivent…')).toBeVisible());
  },
};
