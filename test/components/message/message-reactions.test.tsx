import { fireEvent, within } from '@testing-library/react';
import { MessageList, MessageReactions, MessageRoot, reactorNames } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { chatMessage, eventually, offlineClient, renderWithClient } from '../helpers';
import { installTwoUsers } from '../two-users';

const { setup } = installTwoUsers();

// (jsdom's selector engine does not match an emoji inside an attribute selector, so filter.)
const thumbs = (article: HTMLElement) =>
  [...article.querySelectorAll<HTMLButtonElement>('[data-natter="reaction"]')].find((button) => button.getAttribute('data-emoji') === '👍') ?? null;

describe('reactorNames', () => {
  const state = (members: Array<{ id: string; username: string }>) =>
    ({ chats: {}, chatList: { c1: { members } } }) as unknown as Parameters<typeof reactorNames>[0];
  it('you first, then up to three names, then a count; unknown people are "someone"', () => {
    const people = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, username: `user-${id}` }));
    expect(reactorNames(state(people), 'c1', ['a'], 'me')).toBe('user-a');
    expect(reactorNames(state(people), 'c1', ['a', 'me'], 'me')).toBe('You and user-a');
    expect(reactorNames(state(people), 'c1', ['a', 'b', 'c'], 'me')).toBe('user-a, user-b and user-c');
    expect(reactorNames(state(people), 'c1', ['a', 'b', 'c', 'd', 'e'], 'me')).toBe('user-a, user-b, user-c and 2 others');
    expect(reactorNames(state(people), 'c1', ['a', 'b', 'c', 'x'], 'me')).toBe('user-a, user-b, user-c and 1 other');
    expect(reactorNames(state([]), 'c1', ['x'], 'me')).toBe('someone');
    const author = { id: 'x', username: 'xena', email: '', is_active: true, created_at: '' };
    expect(reactorNames(state([]), 'c1', ['x', 'me'], 'me', author)).toBe('You and xena');
  });
});

describe('reactions', () => {
  it('toggling a reaction shows the count to both users, data-reacted only for whoever reacted', async () => {
    const { user, view, article, mock } = await setup([{ from: 'ben', content: 'Lunch?' }], (chatId) => <MessageList chatId={chatId} />);
    await view('ben').findByText('Lunch?');
    const anaRow = await eventually(() => article('ana', 'Lunch?'));

    // Ana picks 👍 from the picker, by keyboard.
    const react = within(anaRow).getByRole('button', { name: 'React' });
    await user.click(react);
    expect(react.getAttribute('aria-expanded')).toBe('true');
    const picker = within(anaRow).getByRole('menu', { name: 'Add reaction' });
    expect(document.activeElement).toBe(within(picker).getByRole('menuitemcheckbox', { name: 'Thumbs up' }));
    await user.keyboard('{Enter}');
    expect(within(anaRow).queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(react);

    await eventually(() => {
      expect(thumbs(article('ana', 'Lunch?'))?.getAttribute('data-count')).toBe('1');
      expect(thumbs(article('ben', 'Lunch?'))?.getAttribute('data-count')).toBe('1');
    });
    expect(thumbs(article('ana', 'Lunch?'))!.getAttribute('data-reacted')).toBe('true');
    expect(thumbs(article('ana', 'Lunch?'))!.getAttribute('aria-pressed')).toBe('true');
    expect(thumbs(article('ben', 'Lunch?'))!.getAttribute('data-reacted')).toBe('false');

    // Ben joins in by pressing the reaction itself.
    await user.click(thumbs(article('ben', 'Lunch?'))!);
    await eventually(() => {
      expect(thumbs(article('ana', 'Lunch?'))!.getAttribute('data-count')).toBe('2');
      expect(thumbs(article('ben', 'Lunch?'))!.getAttribute('data-reacted')).toBe('true');
    });
    expect(thumbs(article('ana', 'Lunch?'))!.textContent).toBe('👍2');
    // Who reacted, yourself first. Names come from the chat list or the message's author: Ana knows Ben, who wrote
    // it; Ben, with no chat list loaded, cannot name Ana.
    expect(thumbs(article('ana', 'Lunch?'))!.title).toBe('👍 You and ben');
    expect(thumbs(article('ben', 'Lunch?'))!.title).toBe('👍 You and someone');

    // Ana takes hers back.
    await user.click(thumbs(article('ana', 'Lunch?'))!);
    await eventually(() => {
      expect(thumbs(article('ben', 'Lunch?'))!.getAttribute('data-count')).toBe('1');
      expect(thumbs(article('ana', 'Lunch?'))!.getAttribute('data-reacted')).toBe('false');
    });
    expect(mock.messages('general')[0]!.reactions).toEqual([{ emoji: '👍', count: 1, user_ids: [mock.user('ben').id] }]);
    await eventually(() => expect(article('ana', 'Lunch?').hasAttribute('data-change')).toBe(false));
  });
});

describe('ReactionButton: refusals', () => {
  it('a reaction the client refuses at once (a message the store does not hold) is shown as data-error and its reason, not thrown', () => {
    const reactions = [{ emoji: '👍', count: 1, user_ids: ['user-ben'] }];
    const { container } = renderWithClient(offlineClient(), <MessageRoot message={chatMessage({ reactions })}><MessageReactions /></MessageRoot>);
    const button = thumbs(container as HTMLElement)!;
    expect(button.hasAttribute('data-error')).toBe(false);
    // A refusal that escapes the handler is an uncaught error, which fails the run.
    fireEvent.click(button);
    expect(button.getAttribute('data-error')).toBe('true');
    expect(button.title).toBe('Unknown message message-1');
    expect(button.getAttribute('data-count')).toBe('1');
  });
});
