import { within } from '@testing-library/react';
import { Thread } from 'natter/components';
import { describe, expect, it, vi } from 'vitest';
import { eventually } from '../helpers';
import { installTwoUsers } from '../two-users';

const { setup } = installTwoUsers();

/** Ben asked "Lunch?" and got `replies` replies (alternating ana and ben); both users have its thread open. */
async function start(replies: number, pageSize?: number, onClose?: () => void) {
  let parentId = '';
  const world = await setup(
    [{ from: 'ben', content: 'Lunch?' }, { from: 'ana', content: 'Not a reply' }],
    (chatId) => <Thread chatId={chatId} parentId={parentId} pageSize={pageSize} onClose={onClose} />,
    (mock) => {
      parentId = mock.messages('general')[0]!.id;
      for (let i = 1; i <= replies; i += 1) mock.addMessage('general', { from: i % 2 ? 'ana' : 'ben', content: `Reply ${i}`, parentMessageId: parentId });
    },
  );
  const panel = (who: 'ana' | 'ben') => world.view(who).getByRole('region', { name: 'Thread' });
  const replyTexts = (who: 'ana' | 'ben') =>
    [...within(panel(who)).getByRole('log', { name: 'Replies' }).querySelectorAll('[data-natter="message-content"]')].map((n) => n.textContent);
  return { ...world, parentId, panel, replyTexts };
}

describe('Thread', () => {
  it('shows the parent and its replies (not other messages), without quotes', async () => {
    const { panel, replyTexts } = await start(2);
    await eventually(() => expect(replyTexts('ana')).toEqual(['Reply 1', 'Reply 2']));
    await eventually(() => expect(panel('ana').querySelector('[data-natter="thread-parent"] article')?.textContent).toContain('Lunch?'));
    expect(panel('ana').textContent).not.toContain('Not a reply');
    expect(panel('ana').querySelector('[data-natter="message-quote"]')).toBeNull();
    expect(panel('ana').getAttribute('data-count')).toBe('2');
  });

  it('sends a reply from its composer; both users see it in the thread and the parent counts it', async () => {
    const { user, panel, replyTexts, mock, parentId } = await start(1);
    await eventually(() => expect(replyTexts('ben')).toEqual(['Reply 1']));
    const box = within(panel('ana')).getByRole('textbox', { name: 'Reply' });
    expect(box.closest('form')!.getAttribute('data-mode')).toBe('reply');
    await user.type(box, 'Count me in{Enter}');
    for (const who of ['ana', 'ben'] as const) {
      await eventually(() => expect(replyTexts(who)).toEqual(['Reply 1', 'Count me in']));
      await eventually(() => expect(panel(who).querySelector('[data-natter="thread-parent"] [data-natter="message-replies"]')?.textContent).toBe('2 replies'));
    }
    expect(mock.messages('general').at(-1)).toMatchObject({ content: 'Count me in', parent_message_id: parentId });
  });

  it('loads older replies on demand', async () => {
    const { user, panel, replyTexts } = await start(5, 2);
    await eventually(() => expect(replyTexts('ana')).toEqual(['Reply 4', 'Reply 5']));
    await user.click(within(panel('ana')).getByRole('button', { name: 'Load older replies' }));
    await eventually(() => expect(replyTexts('ana')).toEqual(['Reply 2', 'Reply 3', 'Reply 4', 'Reply 5']));
    await user.click(within(panel('ana')).getByRole('button', { name: 'Load older replies' }));
    await eventually(() => expect(replyTexts('ana')).toEqual(['Reply 1', 'Reply 2', 'Reply 3', 'Reply 4', 'Reply 5']));
    expect(within(panel('ana')).queryByRole('button', { name: 'Load older replies' })).toBeNull();
  });

  it('closes through its Close button', async () => {
    const onClose = vi.fn();
    const { user, panel } = await start(0, undefined, onClose);
    await user.click(within(panel('ana')).getByRole('button', { name: 'Close thread' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
