import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ChatMessage } from 'natter';
import { Message, MessageComposer, MessageList } from 'natter/components';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CHAT_ID, connected, findMessage, natterOf, type NatterParameters } from './support/natter';

/**
 * `MessageComposer`: Enter sends, Shift+Enter adds a line, keystrokes tell the others you are typing, and a
 * refused message keeps its text and says why. Shown under a `MessageList` so what you send appears.
 */
const meta = {
  title: 'Components/MessageComposer',
  component: MessageComposer,
  args: { chatId: CHAT_ID, onSent: fn() },
  render: (args) => (
    <div className="story-chat">
      <MessageList chatId={args.chatId} empty={<p className="story-empty">No messages yet. Say hello!</p>} />
      <MessageComposer {...args} />
    </div>
  ),
  parameters: { natter: {} satisfies NatterParameters },
} satisfies Meta<typeof MessageComposer>;

export default meta;
type Story = StoryObj<typeof meta>;

const ownMessages = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll<HTMLElement>('[data-natter="message"][data-own="true"]')];

/** Empty: Send is disabled until there is something to send. */
export const Empty: Story = {
  play: async ({ canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await expect(input).toHaveValue('');
    await expect(input).toHaveAttribute('placeholder', 'Write a message…');
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
    await userEvent.type(input, '   ');
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
  },
};

/** Type and press Enter: the message shows at once as "Sending…", then "Sent" when the server confirms it. */
export const SendOnEnter: Story = {
  play: async (context) => {
    const { canvas, canvasElement, args } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    // Hold the server's answers so the pending state can be seen.
    fixture.mock.pause();
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'Hello everyone{Enter}');
    await expect(input).toHaveValue('');
    const [message] = await waitFor(() => {
      const found = ownMessages(canvasElement);
      expect(found).toHaveLength(1);
      return found;
    });
    await expect(message).toHaveTextContent('Hello everyone');
    await expect(message).toHaveAttribute('data-status', 'pending');
    await waitFor(() => expect(within(message!).getByText('Sending…')).toBeVisible());
    await expect(args.onSent).toHaveBeenCalledOnce();

    fixture.mock.resume();
    await waitFor(() => expect(message).toHaveAttribute('data-status', 'sent'));
    await waitFor(() => expect(within(message!).getByText('Sent')).toBeVisible());
    await expect(fixture.mock.messages(CHAT_ID).map((m) => m.content)).toEqual(['Hello everyone']);
  },
};

/** Shift+Enter adds a line instead of sending; the Send button sends too. */
export const ShiftEnterAddsALine: Story = {
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'First line{Shift>}{Enter}{/Shift}Second line');
    await expect(input).toHaveValue('First line\nSecond line');
    await expect(ownMessages(canvasElement)).toHaveLength(0);
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(ownMessages(canvasElement)[0]).toHaveAttribute('data-status', 'sent'));
    await expect(fixture.mock.messages(CHAT_ID)[0]?.content).toBe('First line\nSecond line');
  },
};

/** Keystrokes send `typing_indicator` (true) to the server; sending the message ends it (false). */
export const TellsOthersYouAreTyping: Story = {
  play: async (context) => {
    const fixture = natterOf(context);
    await connected(fixture);
    const input = context.canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'Typing away');
    await waitFor(() => expect(fixture.mock.receivedData('typing_indicator')).toEqual([{ is_typing: true }]));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(fixture.mock.receivedData('typing_indicator')).toEqual([{ is_typing: true }, { is_typing: false }]));
  },
};

/** Over the server's size limit: nothing is sent, the text stays, and the box says why (`role="alert"`). */
export const TooLong: Story = {
  parameters: { natter: { maxContentBytes: 64 } satisfies NatterParameters },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    const input = canvas.getByRole('textbox', { name: 'Message' });
    const text = 'This message is a good deal longer than the sixty-four bytes this server accepts.';
    await userEvent.click(input);
    await userEvent.paste(text);
    await userEvent.keyboard('{Enter}');
    const alert = await canvas.findByRole('alert');
    await expect(alert).toBeVisible();
    await expect(input).toHaveValue(text);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(alert.textContent!);
    await expect(canvasElement.querySelector('[data-natter="composer"]')).toHaveAttribute('data-error', 'true');
    await expect(ownMessages(canvasElement)).toHaveLength(0);
    // Editing clears the error; sending again brings it back.
    await userEvent.keyboard('{Backspace}');
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(input).not.toHaveAttribute('aria-invalid');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
  },
};

/** Your own wording: `label` names the text box, `placeholder` hints. */
export const CustomLabelAndPlaceholder: Story = {
  args: { label: 'Reply to Ana', placeholder: 'Say something nice…' },
  play: async ({ canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Reply to Ana' });
    await expect(input).toHaveAttribute('placeholder', 'Say something nice…');
  },
};

/** A chat screen where a message's Reply action sets the composer's reply target, as an app wires it. */
function WithReplies() {
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  return (
    <div className="story-chat">
      <MessageList chatId={CHAT_ID} renderMessage={(message) => <Message message={message} onReply={setReplyTo} />} />
      <MessageComposer chatId={CHAT_ID} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
    </div>
  );
}

const composerOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-natter="composer"]')!;

/**
 * Up in the empty box edits your last message (`data-mode="edit"`, "Editing message" above the box): Enter saves it
 * (marked "edited"), Escape leaves it as it was.
 */
export const EditYourLastMessage: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Lunch?' }, { from: 'Sam', content: 'Sure, at noon' }] } satisfies NatterParameters },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.click(input);
    await userEvent.keyboard('{ArrowUp}');
    await expect(composerOf(canvasElement)).toHaveAttribute('data-mode', 'edit');
    await waitFor(() => expect(canvas.getByText('Editing message')).toBeVisible());
    await expect(input).toHaveValue('Sure, at noon');
    await expect(input).toHaveAccessibleName('Edit message');
    await userEvent.keyboard(' or 12:30{Escape}');
    await expect(composerOf(canvasElement)).toHaveAttribute('data-mode', 'compose');
    await expect(input).toHaveValue('');
    await expect(fixture.mock.receivedData('edit_message')).toEqual([]);

    await userEvent.keyboard('{ArrowUp} or 12:30{Enter}');
    await expect(input).toHaveValue('');
    const mine = await canvas.findByText('Sure, at noon or 12:30');
    await waitFor(() => expect(mine.closest('article')).toHaveAttribute('data-edited', 'true'));
    await waitFor(() => expect(fixture.mock.messages(CHAT_ID)[1]!.content).toBe('Sure, at noon or 12:30'));
  },
};

/** Reply on a message puts it above the box; the next message answers it (and quotes it); Cancel drops it. */
export const ReplyToAMessage: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Who has the projector key?' }] } satisfies NatterParameters },
  render: () => <WithReplies />,
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    const question = await findMessage(canvas, 'Who has the projector key?');
    await userEvent.click(within(question).getByRole('button', { name: 'Reply' }));
    await expect(composerOf(canvasElement)).toHaveAttribute('data-mode', 'reply');
    const banner = canvasElement.querySelector<HTMLElement>('[data-natter="composer-banner"]')!;
    await expect(banner).toHaveTextContent('Replying to Ana');
    await userEvent.click(within(banner).getByRole('button', { name: 'Cancel reply' }));
    await expect(composerOf(canvasElement)).toHaveAttribute('data-mode', 'compose');

    await userEvent.click(within(question).getByRole('button', { name: 'Reply' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'I do{Enter}');
    await expect(composerOf(canvasElement)).toHaveAttribute('data-mode', 'compose');
    const reply = await findMessage(canvas, 'I do');
    await expect(reply.querySelector('[data-natter="message-quote"]')).toHaveTextContent('AnaWho has the projector key?');
    await waitFor(() => expect(fixture.mock.messages(CHAT_ID)[1]).toMatchObject({ content: 'I do', parent_message_id: fixture.mock.messages(CHAT_ID)[0]!.id }));
  },
};
