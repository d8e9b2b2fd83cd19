import { within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Thread } from 'natter/components';
import { describe, expect, it, vi } from 'vitest';
import { eventually } from '../helpers';
import { installTwoUsers } from '../two-users';

const { setup, server } = installTwoUsers();

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

  it('a parent that fails to load shows the failure, not "Loading…" for ever, and Try again loads it', async () => {
    let down = true;
    let parentId = '';
    const { user, view } = await setup(
      [{ from: 'ben', content: 'Lunch?' }],
      (chatId) => <Thread chatId={chatId} parentId={parentId} />,
      (mock) => {
        parentId = mock.messages('general')[0]!.id;
        // Falls through to the mock server once it is back up.
        const notFound = () => (down ? HttpResponse.json({ error: { code: 'not_found', message: 'Message not found' } }, { status: 404 }) : undefined);
        server.use(http.get(`*/api/v1/chats/${mock.chat('general').id}/messages/${parentId}`, notFound));
      },
    );
    const panel = view('ana').getByRole('region', { name: 'Thread' });
    await eventually(() => expect(panel.getAttribute('data-error')).toBe('true'));
    expect(within(panel).getByRole('alert').textContent).toContain('Message not found');
    expect(panel.querySelector('[data-natter="thread-parent"]')!.textContent).toBe('');
    expect(panel.hasAttribute('data-loading')).toBe(false);

    down = false;
    await user.click(within(panel).getByRole('button', { name: 'Try again' }));
    await eventually(() => expect(panel.querySelector('[data-natter="thread-parent"] article')?.textContent).toContain('Lunch?'));
    expect(panel.hasAttribute('data-error')).toBe(false);
    expect(within(panel).queryByRole('alert')).toBeNull();
  });
});
