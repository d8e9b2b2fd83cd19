import type { Meta, StoryObj } from '@storybook/react-vite';
import { MessageList, ReactionPicker } from 'natter/components';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CHAT_ID, connected, findMessage, natterOf, type NatterParameters } from './support/natter';

/**
 * Reactions: a row of `ReactionButton`s under a message (count, `data-reacted` on yours), and the `ReactionPicker`
 * behind a message's React action — a small built-in emoji set, no emoji library, arrow keys to move.
 */
const meta = {
  title: 'Components/Reactions',
  render: () => (
    <div className="story-chat">
      <MessageList chatId={CHAT_ID} />
    </div>
  ),
  parameters: { natter: {} satisfies NatterParameters },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const reaction = (article: HTMLElement, emoji: string) =>
  [...article.querySelectorAll<HTMLElement>('[data-natter="reaction"]')].find((button) => button.dataset.emoji === emoji);

/**
 * Bo already reacted 🎉. Sam opens the picker, moves to ❤️ with the arrow keys and picks it; presses 🎉 to join in,
 * then again to take it back. Ana reacts live from elsewhere.
 */
export const ToggleReactions: Story = {
  parameters: {
    natter: {
      messages: [{ from: 'Ana', content: 'We shipped the release!' }],
      setup: (mock) => void mock.react(CHAT_ID, mock.messages(CHAT_ID)[0]!.id, '🎉', 'Bo'),
    } satisfies NatterParameters,
  },
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    const article = await findMessage(canvas, 'We shipped the release!');
    const party = reaction(article, '🎉')!;
    await expect(party).toHaveAttribute('data-count', '1');
    await expect(party).toHaveAttribute('data-reacted', 'false');

    const react = within(article).getByRole('button', { name: 'React' });
    await userEvent.click(react);
    const picker = within(article).getByRole('menu', { name: 'Add reaction' });
    await expect(within(picker).getByRole('menuitemcheckbox', { name: 'Thumbs up' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(within(picker).getByRole('menuitemcheckbox', { name: 'Heart' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(within(article).queryByRole('menu')).toBeNull();
    await expect(react).toHaveFocus();
    await waitFor(() => expect(reaction(article, '❤️')).toHaveAttribute('data-reacted', 'true'));
    await expect(reaction(article, '❤️')).toHaveAttribute('data-count', '1');

    await userEvent.click(party);
    await waitFor(() => expect(reaction(article, '🎉')).toHaveAttribute('data-count', '2'));
    await expect(reaction(article, '🎉')).toHaveAttribute('data-reacted', 'true');
    await expect(reaction(article, '🎉')).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(article).not.toHaveAttribute('data-change'));

    fixture.mock.react(CHAT_ID, fixture.mock.messages(CHAT_ID)[0]!.id, '❤️', 'Ana');
    await waitFor(() => expect(reaction(article, '❤️')).toHaveAttribute('data-count', '2'));

    await userEvent.click(reaction(article, '🎉')!);
    await waitFor(() => expect(reaction(article, '🎉')).toHaveAttribute('data-count', '1'));
    await expect(reaction(article, '🎉')).toHaveAttribute('data-reacted', 'false');
    await waitFor(() => expect(fixture.mock.messages(CHAT_ID)[0]!.reactions.map((r) => [r.emoji, r.count])).toEqual([['🎉', 1], ['❤️', 2]]));
  },
};

/** Escape closes the picker without reacting, and gives focus back to the React button. */
export const EscapeCloses: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Anyone for coffee?' }] } satisfies NatterParameters },
  play: async (context) => {
    const { canvas } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    const article = await findMessage(canvas, 'Anyone for coffee?');
    const react = within(article).getByRole('button', { name: 'React' });
    await userEvent.click(react);
    await waitFor(() => expect(within(article).getByRole('menu')).toBeVisible());
    await userEvent.keyboard('{End}{Escape}');
    await expect(within(article).queryByRole('menu')).toBeNull();
    await expect(react).toHaveFocus();
    await expect(fixture.mock.receivedData('add_reaction')).toEqual([]);
  },
};

/** The picker on its own, with your own emoji (strings, or `{ emoji, label }` for a spoken name). */
export const CustomEmojiSet: Story = {
  parameters: { natter: false },
  args: { onSelect: fn() },
  render: (args) => (
    <ReactionPicker onSelect={(args as { onSelect: (emoji: string) => void }).onSelect} emojis={['✅', '❌', { emoji: '🚀', label: 'Ship it' }]} selected={['✅']} />
  ),
  play: async ({ canvas, args }) => {
    const items = canvas.getAllByRole('menuitemcheckbox');
    await expect(items.map((item) => item.textContent)).toEqual(['✅', '❌', '🚀']);
    await expect(items[0]).toHaveAttribute('aria-checked', 'true');
    await userEvent.keyboard('{ArrowLeft}{Enter}');
    await expect((args as { onSelect: unknown }).onSelect).toHaveBeenCalledWith('🚀');
  },
};
