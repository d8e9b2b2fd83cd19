import type { Meta, StoryObj } from '@storybook/react-vite';
import { MessageList, type MessageListHandle } from 'natter/components';
import { useRef } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CHAT_ID, connected, natterOf, type NatterParameters } from './support/natter';

const rendered = (log: HTMLElement) => log.querySelectorAll('[data-natter="message"]');
/** The messages the list holds: virtualized, it renders only those near the viewport. */
/** Waits until `element` stays put on screen for three frames in a row (the list has measured what it mounted). */
async function settledTop(element: HTMLElement): Promise<number> {
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  let top = element.getBoundingClientRect().top;
  for (let still = 0, frames = 0; still < 3 && frames < 60; frames += 1) {
    await frame();
    const now = element.getBoundingClientRect().top;
    still = now === top ? still + 1 : 0;
    top = now;
  }
  return top;
}

const held = (context: Parameters<typeof natterOf>[0]) => natterOf(context).client.store.getState().chats[CHAT_ID]?.messages ?? [];

/**
 * `MessageList`: the conversation, a `role="log"` region that loads history, stays at the bottom, loads older pages
 * when scrolled near the top and marks messages read as they come into view.
 */
const meta = {
  title: 'Components/MessageList',
  component: MessageList,
  args: { chatId: CHAT_ID },
  render: (args) => (
    <div className="story-chat">
      <MessageList {...args} />
    </div>
  ),
  parameters: { natter: {} satisfies NatterParameters },
} satisfies Meta<typeof MessageList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A chat nobody has written in yet: the `empty` content, and `data-empty="true"`. */
export const Empty: Story = {
  args: { empty: <p className="story-empty">No messages yet. Say hello!</p> },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByText('No messages yet. Say hello!')).toBeVisible());
    const log = canvas.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(log).toHaveAttribute('data-empty', 'true'));
    await expect(rendered(log)).toHaveLength(0);
  },
};

/** A short conversation: others' messages on the left, yours (Sam's) on the right. */
export const Conversation: Story = {
  parameters: {
    natter: {
      messages: [
        { from: 'Ana', content: 'Morning! Did the build go green?' },
        { from: 'Sam', content: 'Yes, all checks passed on the second run.' },
        { from: 'Bo', content: 'Great. Can someone review the migration?' },
        { from: 'Sam', content: 'On it after lunch.' },
        { from: 'Cy', content: 'The staging deploy looks fine to me.' },
      ],
    } satisfies NatterParameters,
  },
  play: async ({ canvas }) => {
    const log = canvas.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(rendered(log)).toHaveLength(5));
    await waitFor(() => expect(canvas.getByText('Morning! Did the build go green?')).toBeVisible());
    const own = log.querySelectorAll('[data-natter="message"][data-own="true"]');
    await expect(own).toHaveLength(2);
    await expect(own[0]).toHaveTextContent('Yes, all checks passed on the second run.');
    await expect(log).toHaveAttribute('data-empty', 'false');
  },
};

/**
 * Hundreds of messages: the newest page (50) loads first and the list starts at the bottom; scrolling up loads
 * older pages above without moving what you are reading.
 */
export const LongConversation: Story = {
  parameters: { natter: { messages: 400 } satisfies NatterParameters },
  play: async (context) => {
    const { canvas } = context;
    const log = canvas.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(held(context)).toHaveLength(50));
    // At the bottom: the newest message is on screen.
    await waitFor(() => expect(log.scrollTop + log.clientHeight).toBeGreaterThanOrEqual(log.scrollHeight - 48));
    // Queried again once settled: a virtualized row can be unmounted and mounted anew while the list measures.
    await waitFor(() => expect(canvas.getByText(/\(#400\)$/)).toBeVisible());
    // Virtualized: only the rows near the viewport are in the DOM.
    await expect(rendered(log).length).toBeLessThan(50);

    // The older pages take a moment, as over a network: the reader's place is taken before each arrives.
    natterOf(context).mock.setLatency(800);
    for (const expected of [100, 150]) {
      const oldest = held(context)[0]!;
      log.scrollTop = 0;
      const first = await waitFor(() => {
        const found = log.querySelector<HTMLElement>(`[data-message-id="${oldest.id}"]`);
        expect(found).not.toBeNull();
        return found!;
      });
      // Taken once the rows just scrolled into view are measured, while the page is still on its way.
      const topBefore = await settledTop(first);
      await expect(held(context)).toHaveLength(expected - 50);
      await waitFor(() => expect(held(context)).toHaveLength(expected), { timeout: 5000 });
      // The page went in above; the message that was at the top stays where it was on screen.
      await waitFor(() => expect(Math.abs(first.getBoundingClientRect().top - topBefore)).toBeLessThan(4));
      await expect(log.scrollTop).toBeGreaterThan(0);
    }
    await expect(held(context)[0]!.content).toMatch(/\(#251\)$/);
  },
};

/** While the first page is on its way: `data-loading="initial"` and `aria-busy`, then the messages. */
export const LoadingHistory: Story = {
  parameters: { natter: { messages: 8, latencyMs: 1200 } satisfies NatterParameters },
  play: async (context) => {
    const log = context.canvas.getByRole('log', { name: 'Messages' });
    await expect(log).toHaveAttribute('data-loading', 'initial');
    await expect(log).toHaveAttribute('aria-busy', 'true');
    await waitFor(() => expect(held(context)).toHaveLength(8), { timeout: 5000 });
    await waitFor(() => expect(rendered(log).length).toBeGreaterThan(0));
    await waitFor(() => expect(log).not.toHaveAttribute('data-loading'));
    await expect(log).not.toHaveAttribute('aria-busy');
  },
};

/** New messages arrive over the socket and the list follows them while you are at the bottom. */
export const LiveMessages: Story = {
  parameters: { natter: { messages: 30 } satisfies NatterParameters },
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    const log = canvas.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(held(context)).toHaveLength(30));
    await connected(fixture);
    fixture.mock.addMessage(CHAT_ID, { from: 'Ana', content: 'Anyone up for lunch at noon?' });
    fixture.mock.addMessage(CHAT_ID, { from: 'Bo', content: 'Count me in.' });
    await waitFor(() => expect(canvas.getByText('Count me in.')).toBeVisible());
    await waitFor(() => expect(log.scrollTop + log.clientHeight).toBeGreaterThanOrEqual(log.scrollHeight - 48));
  },
};

/** Others' messages are marked read as they come into view: the server receives one receipt per message seen. */
export const MarksReadInView: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Did you see the release notes?' }, { from: 'Bo', content: 'They look good.' }] } satisfies NatterParameters },
  play: async (context) => {
    const { mock } = natterOf(context);
    await context.canvas.findByText('They look good.');
    const ids = mock.messages(CHAT_ID).map((message) => message.id);
    await waitFor(() => expect(mock.receivedData('read_receipt').map((data) => (data as { message_id: string }).message_id).sort()).toEqual([...ids].sort()));
  },
};

/** The first message of a long chat, for the jump stories. */
function JumpToFirst({ firstId }: { firstId: string }) {
  const list = useRef<MessageListHandle>(null);
  return (
    <div style={{ display: 'grid', gap: '0.5rem', justifyItems: 'start' }}>
      <button type="button" onClick={() => void list.current?.scrollToMessage(firstId)}>
        Go to the first message
      </button>
      <div className="story-chat">
        <MessageList chatId={CHAT_ID} handleRef={list} />
      </div>
    </div>
  );
}

/**
 * Jumping to a message (a search result, a link, a quoted parent): `handleRef.scrollToMessage(id)` (or the
 * `highlightMessageId` prop) brings the message into view, focuses it and marks it `data-highlighted` for a moment.
 * Far back (here the first of 400 messages), the list shows a window of the 50 around it (`data-window`) instead of
 * loading everything in between, paged as you scroll, with "Jump to latest" back to the live end.
 */
export const JumpToMessage: Story = {
  parameters: { natter: { messages: 400 } satisfies NatterParameters },
  render: (_args, context) => <JumpToFirst firstId={natterOf(context).mock.messages(CHAT_ID)[0]!.id} />,
  play: async (context) => {
    const { canvas } = context;
    const log = canvas.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(held(context)).toHaveLength(50));
    await userEvent.click(canvas.getByRole('button', { name: 'Go to the first message' }));
    const first = natterOf(context).mock.messages(CHAT_ID)[0]!;
    const row = await waitFor(
      () => {
        const found = log.querySelector<HTMLElement>(`[data-message-id="${first.id}"]`);
        expect(found).toHaveAttribute('data-highlighted', 'true');
        return found!;
      },
      { timeout: 8000 },
    );
    await expect(row).toHaveFocus();
    await waitFor(() => {
      const box = row.getBoundingClientRect();
      const view = log.getBoundingClientRect();
      expect(box.top).toBeGreaterThanOrEqual(view.top - 1);
      expect(box.bottom).toBeLessThanOrEqual(view.bottom + 1);
    });
    // A window around it, not the 350 messages in between; the newest is not shown meanwhile.
    await expect(log).toHaveAttribute('data-window', 'true');
    const newest = natterOf(context).mock.messages(CHAT_ID).at(-1)!;
    await expect(log.querySelector(`[data-message-id="${newest.id}"]`)).toBeNull();
    await expect(rendered(log).length).toBeLessThanOrEqual(100);
    // The highlight is for a moment.
    await waitFor(() => expect(row).not.toHaveAttribute('data-highlighted'), { timeout: 4000 });

    await userEvent.click(canvas.getByRole('button', { name: 'Jump to latest' }));
    await waitFor(() => expect(log).not.toHaveAttribute('data-window'));
    const latest = await waitFor(() => {
      const found = log.querySelector<HTMLElement>(`[data-message-id="${newest.id}"]`);
      expect(found).not.toBeNull();
      return found!;
    });
    await waitFor(() => expect(latest.getBoundingClientRect().bottom).toBeLessThanOrEqual(log.getBoundingClientRect().bottom + 1));
    await expect(canvas.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
  },
};

/** Unread messages when the chat opens: the "New messages" line before the first of them. */
export const NewMessagesLine: Story = {
  parameters: {
    natter: {
      messages: [
        { from: 'Ana', content: 'Shipping at 3?' },
        { from: 'Sam', content: 'Works for me.' },
        { from: 'Bo', content: 'Release notes are in the doc.' },
        { from: 'Cy', content: 'Staging is green.' },
      ],
    } satisfies NatterParameters,
  },
  play: async ({ canvas }) => {
    const separator = await canvas.findByRole('separator', { name: 'New messages' });
    await expect(separator).toBeVisible();
    await expect(separator).toHaveAttribute('data-unread-separator');
    await expect(separator.nextElementSibling).toHaveTextContent('Release notes are in the doc.');
  },
};
