import { fireEvent } from '@testing-library/react';
import { MessageList } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers';
import { installTwoUsers } from '../two-users';

const { setup } = installTwoUsers();
const CONTENT = { selector: '[data-natter="message-content"]' };

/** Ana's "Anyone?" has a reply from ben; both users see the list. */
async function start() {
  const world = await setup(
    [
      { from: 'ben', content: 'Lunch?' },
      { from: 'ana', content: 'Anyone?' },
    ],
    (chatId) => <MessageList chatId={chatId} />,
    (mock) => {
      const parent = mock.messages('general')[1]!;
      mock.addMessage('general', { from: 'ben', content: 'Me!', parentMessageId: parent.id });
    },
  );
  await world.view('ben').findByText('Me!');
  await world.view('ana').findByText('Me!');
  return world;
}

describe('MessageActions: delete', () => {
  it('deleting (after confirming) shows the tombstone to both users, and keeps its replies', async () => {
    const { user, view, article, mock } = await start();
    const mine = article('ana', 'Anyone?');
    const toolbar = mine.querySelector('[role="toolbar"]') as HTMLElement;
    await user.click(toolbar.querySelector('[data-action="delete"]')!);
    // Nothing happens until confirmed.
    expect(mock.receivedData('delete_message')).toEqual([]);
    await user.click(toolbar.querySelector('[data-action="confirm-delete"]')!);
    const parentId = mock.messages('general')[1]!.id;
    await eventually(() => expect(mock.messages('general')[1]!.deleted_at).not.toBeNull());
    for (const who of ['ana', 'ben'] as const) {
      const tombstone = await eventually(() => {
        const found = view(who).getAllByText('Message deleted', CONTENT).map((node) => node.closest('article')!);
        expect(found).toHaveLength(1);
        return found[0]!;
      });
      expect(tombstone.getAttribute('data-message-id')).toBe(parentId);
      expect(tombstone.getAttribute('data-deleted')).toBe('true');
      expect(tombstone.textContent).not.toContain('Anyone?');
      // Its reply stays, and still counts.
      expect(tombstone.querySelector('[data-natter="message-replies"]')!.textContent).toBe('1 reply');
      expect(view(who).getByText('Me!')).toBeTruthy();
      // The reply's quote now says the parent is gone.
      expect(article(who, 'Me!').querySelector('[data-natter="message-quote"]')!.textContent).toBe('Message deleted');
    }
    await eventually(() => expect(article('ana', 'Message deleted').hasAttribute('data-change')).toBe(false));
  });

  it('Cancel keeps the message', async () => {
    const { user, article, mock } = await start();
    const toolbar = article('ana', 'Anyone?').querySelector('[role="toolbar"]') as HTMLElement;
    await user.click(toolbar.querySelector('[data-action="delete"]')!);
    await user.click(toolbar.querySelector('[data-action="cancel-delete"]')!);
    expect(toolbar.querySelector('[data-action="delete"]')).not.toBeNull();
    expect(mock.receivedData('delete_message')).toEqual([]);
  });

  it("offers neither Edit nor Delete on someone else's message", async () => {
    const { article } = await start();
    const toolbar = article('ana', 'Lunch?').querySelector('[role="toolbar"]')!;
    expect(toolbar.querySelector('[data-action="edit"], [data-action="delete"]')).toBeNull();
  });
});

describe('MessageActions: edit in place', () => {
  it('Edit opens the text in place; Enter saves for both users, Escape cancels', async () => {
    const { user, view, article, mock } = await start();
    await user.click(article('ana', 'Anyone?').querySelector('[data-action="edit"]')!);
    const editor = view('ana').getByRole('textbox', { name: 'Edit message' }) as HTMLTextAreaElement;
    expect(editor.value).toBe('Anyone?');
    expect(document.activeElement).toBe(editor);
    await user.keyboard(' At all?{Escape}');
    expect(view('ana').queryByRole('textbox', { name: 'Edit message' })).toBeNull();
    expect(view('ana').getByText('Anyone?', CONTENT)).toBeTruthy();
    expect(mock.receivedData('edit_message')).toEqual([]);

    await user.click(article('ana', 'Anyone?').querySelector('[data-action="edit"]')!);
    await user.keyboard(' At all?{Enter}');
    for (const who of ['ana', 'ben'] as const) {
      const edited = await view(who).findByText('Anyone? At all?', CONTENT);
      await eventually(() => expect(edited.closest('article')!.getAttribute('data-edited')).toBe('true'));
    }
    expect(mock.messages('general')[1]!.content).toBe('Anyone? At all?');
  });
});

describe('MessageActions: focus', () => {
  it('closing the in-place editor (Escape, or Enter saving) puts focus back on Edit, not on the page', async () => {
    const { user, view, article } = await start();
    await user.click(article('ana', 'Anyone?').querySelector('[data-action="edit"]')!);
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(article('ana', 'Anyone?').querySelector('[data-action="edit"]'));
    await user.keyboard('{Enter}');
    await user.keyboard(' Still?{Enter}');
    const edited = await view('ana').findByText('Anyone? Still?', CONTENT);
    expect(document.activeElement).toBe(edited.closest('article')!.querySelector('[data-action="edit"]'));
  });

  it('Cancel on the delete confirmation puts focus back on Delete', async () => {
    const { user, article } = await start();
    const toolbar = article('ana', 'Anyone?').querySelector('[role="toolbar"]') as HTMLElement;
    await user.click(toolbar.querySelector('[data-action="delete"]')!);
    expect(document.activeElement).toBe(toolbar.querySelector('[data-action="confirm-delete"]'));
    await user.keyboard('{Tab}{Enter}');
    expect(document.activeElement).toBe(toolbar.querySelector('[data-action="delete"]'));
  });
});

describe('MessageActions: an input method composing in the editor', () => {
  it('Escape that ends a composition keeps the editor open with its text', async () => {
    const { user, view, article } = await start();
    await user.click(article('ana', 'Anyone?').querySelector('[data-action="edit"]')!);
    const editor = view('ana').getByRole('textbox', { name: 'Edit message' }) as HTMLTextAreaElement;
    await user.keyboard(' にほん');
    fireEvent.keyDown(editor, { key: 'Escape', isComposing: true });
    fireEvent.keyDown(editor, { key: 'Escape', keyCode: 229 });
    expect(view('ana').getByRole('textbox', { name: 'Edit message' })).toBe(editor);
    expect(editor.value).toBe('Anyone? にほん');
  });
});
