import type { Meta, StoryObj } from '@storybook/react-vite';
import { Message, MessageContent, MessageRetry, MessageRoot, MessageSender, MessageStatus, MessageTime } from 'natter/components';
import { useChat } from 'natter/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CHAT_ID, connected, natterOf, type NatterParameters } from './support/natter';

/**
 * The chat's messages, each rendered by `Message` (or by `render`), as a custom list would use it: `useChat` keeps
 * them current, so sending, failing, retrying and receipts all show.
 */
function Thread({ render }: { render?: typeof renderDefault }) {
  const { messages } = useChat(CHAT_ID);
  return (
    <div className="story-chat" role="log" aria-label="Messages" tabIndex={0} style={{ gap: '0.5rem', padding: '0.75rem', overflowY: 'auto', height: 'auto', maxHeight: '32rem' }}>
      {messages.map((message) => (render ?? renderDefault)(message))}
    </div>
  );
}
const renderDefault = (message: Parameters<typeof Message>[0]['message']) => <Message key={message.key} message={message} />;

const articles = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll<HTMLElement>('[data-natter="message"]')];
const articleOf = (node: HTMLElement) => node.closest('article') as HTMLElement;

/**
 * `Message`: one message with every part (sender, time, text, your status, read count, Retry when it failed).
 * Others' messages sit left, yours (Sam's) right; `data-status`, `data-own` and `data-message-id` for styling.
 */
const meta = {
  title: 'Components/Message',
  component: Message,
  render: () => <Thread />,
  parameters: { natter: {} satisfies NatterParameters },
} satisfies Meta<typeof Message>;

export default meta;
// `message` comes from the chat, not from args.
type Story = StoryObj;

/** Someone else's message: sender, time and text; no delivery status (that is only for yours). */
export const FromSomeoneElse: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Morning! Did the build go green?', createdAt: '2026-03-02T09:15:00.000Z' }] } satisfies NatterParameters },
  play: async ({ canvas, canvasElement }) => {
    const article = await canvas.findByRole('article');
    await expect(article).toHaveAttribute('data-own', 'false');
    await expect(article).toHaveAttribute('data-status', 'sent');
    await expect(within(article).getByText('Ana')).toBeVisible();
    await expect(within(article).getByText('Morning! Did the build go green?')).toBeVisible();
    await expect(article.querySelector('time')).toHaveAttribute('datetime', '2026-03-02T09:15:00.000Z');
    await expect(articles(canvasElement)[0]!.querySelector('[data-natter="message-status"]')).toBeNull();
  },
};

/** Your own message, confirmed by the server: "Sent". */
export const Own: Story = {
  parameters: { natter: { messages: [{ from: 'Sam', content: 'On it after lunch.' }] } satisfies NatterParameters },
  play: async ({ canvas }) => {
    const article = await canvas.findByRole('article');
    await expect(article).toHaveAttribute('data-own', 'true');
    await expect(within(article).getByText('Sent')).toBeVisible();
  },
};

/** Sent while the server holds its answers (paused): "Sending…", `data-status="pending"` and `aria-busy` stay. */
export const Pending: Story = {
  play: async (context) => {
    const fixture = natterOf(context);
    await connected(fixture);
    fixture.mock.pause();
    fixture.client.sendMessage(CHAT_ID, 'Is the server there?');
    fixture.client.sendMessage(CHAT_ID, 'Hello?');
    const [first, second] = await waitFor(() => {
      const found = articles(context.canvasElement);
      expect(found).toHaveLength(2);
      return found;
    });
    for (const article of [first!, second!]) {
      await expect(article).toHaveAttribute('data-status', 'pending');
      await expect(article).toHaveAttribute('aria-busy', 'true');
      await expect(within(article).getByText('Sending…')).toBeVisible();
    }
  },
};

/** The server answers with an error: "Not sent: …" and a Retry button; Retry sends it again, and it goes through. */
export const FailedWithRetry: Story = {
  parameters: {
    natter: { setup: (mock) => mock.failNextSend('internal_error', { message: 'The server had a problem' }) } satisfies NatterParameters,
  },
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    fixture.client.sendMessage(CHAT_ID, 'This one will fail the first time');
    const article = await canvas.findByRole('article');
    await waitFor(() => expect(article).toHaveAttribute('data-status', 'failed'));
    await expect(within(article).getByText('Not sent: The server had a problem')).toBeVisible();
    const retry = within(article).getByRole('button', { name: 'Retry' });
    await userEvent.click(retry);
    await waitFor(() => expect(article).toHaveAttribute('data-status', 'sent'));
    await expect(within(article).getByText('Sent')).toBeVisible();
    await expect(within(article).queryByRole('button', { name: 'Retry' })).toBeNull();
    await expect(fixture.mock.messages(CHAT_ID).map((message) => message.content)).toEqual(['This one will fail the first time']);
  },
};

/** Read by others: "Read by 2" replaces the status, with the readers' names in the tooltip. */
export const Read: Story = {
  parameters: {
    natter: {
      messages: [
        { from: 'Ana', content: 'Lunch at noon?' },
        { from: 'Bo', content: 'Sure.' },
        { from: 'Sam', content: 'See you both there.' },
      ],
      setup: (mock) => {
        const mine = mock.messages(CHAT_ID).at(-1)!;
        mock.addReceipt(mine.id, 'Ana');
        mock.addReceipt(mine.id, 'Bo');
      },
    } satisfies NatterParameters,
  },
  play: async ({ canvas }) => {
    const receipts = await canvas.findByText('Read by 2');
    await expect(receipts).toBeVisible();
    await expect(receipts).toHaveAttribute('title', 'Ana, Bo');
    const article = receipts.closest('article')!;
    await expect(article).toHaveAttribute('data-status', 'read');
    await expect(within(article).queryByText('Sent')).toBeNull();
  },
};

/**
 * Text is text: HTML-looking content shows literally, long words and URLs wrap inside the bubble, line breaks
 * stay, and only http(s) URLs become links (opening in a new tab, without the opener).
 */
export const LongWordsUrlsAndHtml: Story = {
  parameters: {
    natter: {
      messages: [
        { from: 'Ana', content: '<script>alert("hi")</script> and <b>not bold</b> &amp; <img src=x onerror=alert(1)>' },
        { from: 'Bo', content: `Pneumonoultramicroscopicsilicovolcanoconiosis${'Supercalifragilisticexpialidocious'.repeat(4)}` },
        { from: 'Cy', content: 'Docs: https://natter.dev/docs/components/message-list?tab=scrolling&section=loading-older-pages#keeps-your-place. Not links: javascript:alert(1), natter.dev, ftp://files.natter.dev' },
        { from: 'Sam', content: 'Line one\nLine two\n\n    indented after a blank line' },
      ],
    } satisfies NatterParameters,
  },
  play: async ({ canvas, canvasElement }) => {
    const html = await canvas.findByText('<script>alert("hi")</script> and <b>not bold</b> &amp; <img src=x onerror=alert(1)>');
    await expect(html).toBeVisible();
    await expect(html.querySelector('script, b, img')).toBeNull();

    const links = canvas.getAllByRole('link');
    await expect(links).toHaveLength(1);
    await expect(links[0]).toHaveAttribute('href', 'https://natter.dev/docs/components/message-list?tab=scrolling&section=loading-older-pages#keeps-your-place');
    await expect(links[0]).toHaveAttribute('target', '_blank');
    await expect(links[0]).toHaveAttribute('rel', expect.stringContaining('noopener'));
    // The sentence's full stop is not part of the URL.
    await expect(links[0]).toHaveTextContent(/#keeps-your-place$/);

    // Line breaks and indentation are kept (white-space: pre-wrap).
    const lines = canvas.getByText('Line one\nLine two\n\n    indented after a blank line', { normalizer: (text) => text });
    await expect(lines).toBeVisible();
    await expect(lines.getBoundingClientRect().height).toBeGreaterThan(3.5 * parseFloat(getComputedStyle(lines).fontSize));

    // Nothing sticks out of its bubble, or out of the list.
    for (const article of articles(canvasElement)) {
      const content = article.querySelector<HTMLElement>('[data-natter="message-content"]')!;
      await expect(content.scrollWidth).toBeLessThanOrEqual(content.clientWidth + 1);
    }
    const log = canvas.getByRole('log');
    await expect(log.scrollWidth).toBeLessThanOrEqual(log.clientWidth + 1);
  },
};

/** The parts composed by hand (`MessageRoot` with `MessageSender`, `MessageContent`, …), in another layout. */
export const ComposedFromParts: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Parts can go anywhere.' }, { from: 'Sam', content: 'Status first, then the text.' }] } satisfies NatterParameters },
  render: () => (
    <Thread
      render={(message) => (
        <MessageRoot key={message.key} message={message} className="story-composed">
          <p style={{ margin: 0, fontSize: '0.8em' }}>
            <MessageSender /> · <MessageTime format={(date) => date.toISOString().slice(11, 16)} /> · <MessageStatus />
          </p>
          <MessageContent />
          <MessageRetry>Send again</MessageRetry>
        </MessageRoot>
      )}
    />
  ),
  play: async ({ canvas }) => {
    const [theirs, mine] = await waitFor(() => {
      const found = canvas.getAllByRole('article');
      expect(found).toHaveLength(2);
      return found;
    });
    await expect(within(theirs!).getByText('Parts can go anywhere.')).toBeVisible();
    await expect(theirs!.querySelector('time')?.textContent).toMatch(/^\d\d:\d\d$/);
    await expect(within(mine!).getByText('Sent')).toBeVisible();
    await expect(mine).toHaveClass('story-composed');
  },
};

/** Edited ("edited", with the edit's time) and deleted ("Message deleted") messages; a reply quotes its parent. */
export const EditedDeletedAndReplies: Story = {
  parameters: {
    natter: {
      messages: [
        { from: 'Ana', content: 'Standup at 9:30 tomorrow' },
        { from: 'Bo', content: 'Oops, wrong chat' },
      ],
      setup: (mock) => {
        const [standup, oops] = mock.messages(CHAT_ID);
        mock.editMessage(CHAT_ID, standup!.id, 'Standup at 10:00 tomorrow');
        mock.reply(CHAT_ID, standup!.id, { from: 'Cy', content: 'Works for me\nSee you then' });
        mock.reply(CHAT_ID, oops!.id, { from: 'Dee', content: 'What was it?' });
        mock.deleteMessage(CHAT_ID, oops!.id);
      },
    } satisfies NatterParameters,
  },
  play: async ({ canvas, canvasElement }) => {
    const edited = articleOf(await canvas.findByText('Standup at 10:00 tomorrow', { selector: '[data-natter="message-content"]' }));
    await expect(edited).toHaveAttribute('data-edited', 'true');
    const mark = edited.querySelector('[data-natter="message-edited"]')!;
    await expect(mark).toHaveTextContent('edited');
    await expect(mark.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Without onOpenThread the count is plain text.
    await expect(within(edited).getByText('1 reply')).toBeVisible();

    const tombstone = articles(canvasElement).find((article) => article.getAttribute('data-deleted') === 'true')!;
    await expect(within(tombstone).getByText('Message deleted')).toBeVisible();
    await expect(tombstone).not.toHaveTextContent('Oops');
    await expect(within(tombstone).getByText('1 reply')).toBeVisible();

    const quoteOf = (text: string) =>
      articleOf(canvas.getByText(text, { selector: '[data-natter="message-content"]', normalizer: (t) => t })).querySelector('[data-natter="message-quote"]')!;
    await expect(quoteOf('Works for me\nSee you then')).toHaveTextContent('AnaStandup at 10:00 tomorrow');
    await expect(quoteOf('What was it?')).toHaveTextContent('Message deleted');
  },
};

/** A reply whose parent is older than the history loaded: the quote fetches it. */
export const QuoteOfAnOlderMessage: Story = {
  parameters: {
    natter: {
      messages: [{ from: 'Ana', content: 'Who owns the release checklist?' }],
      setup: (mock) => {
        const question = mock.messages(CHAT_ID)[0]!;
        mock.seed(CHAT_ID, 60);
        mock.addMessage(CHAT_ID, { from: 'Bo', content: 'I do, sorry for the late answer', parentMessageId: question.id });
      },
    } satisfies NatterParameters,
  },
  play: async ({ canvas }) => {
    const reply = articleOf(await canvas.findByText('I do, sorry for the late answer'));
    await expect(canvas.queryByText('Who owns the release checklist?', { selector: '[data-natter="message-content"]' })).toBeNull();
    await waitFor(() => expect(reply.querySelector('[data-natter="message-quote"]')).toHaveTextContent('AnaWho owns the release checklist?'));
  },
};

/** Your own message by keyboard: Tab to Edit, change it in place and press Enter; then Delete, and confirm. */
export const EditAndDeleteYourOwn: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Lunch?' }, { from: 'Sam', content: 'Sure, at noon' }] } satisfies NatterParameters },
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    const mine = articleOf(await canvas.findByText('Sure, at noon'));
    const theirs = articleOf(canvas.getByText('Lunch?'));
    await expect(within(theirs).queryByRole('button', { name: 'Edit' })).toBeNull();
    await expect(within(theirs).queryByRole('button', { name: 'Delete' })).toBeNull();

    within(mine).getByRole('button', { name: 'React' }).focus();
    await userEvent.tab();
    await expect(within(mine).getByRole('button', { name: 'Edit' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const editor = within(mine).getByRole('textbox', { name: 'Edit message' });
    await expect(editor).toHaveFocus();
    await userEvent.keyboard(', or 12:30?{Enter}');
    await waitFor(() => expect(within(mine).getByText('Sure, at noon, or 12:30?')).toBeVisible());
    await waitFor(() => expect(mine).toHaveAttribute('data-edited', 'true'));
    await waitFor(() => expect(fixture.mock.messages(CHAT_ID)[1]!.content).toBe('Sure, at noon, or 12:30?'));

    await userEvent.click(within(mine).getByRole('button', { name: 'Delete' }));
    await expect(within(mine).getByRole('button', { name: 'Confirm delete' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(mine).toHaveAttribute('data-deleted', 'true'));
    await expect(within(mine).getByText('Message deleted')).toBeVisible();
    await waitFor(() => expect(fixture.mock.messages(CHAT_ID)[1]!.deleted_at).not.toBeNull());
  },
};
