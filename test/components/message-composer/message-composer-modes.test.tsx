import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import type { ChatMessage } from 'natter';
import { Message, MessageComposer, MessageList } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { eventually, settle } from '../helpers';
import { installTwoUsers } from '../two-users';

const { setup } = installTwoUsers();

/** A chat screen as an app builds it: Reply on a message sets the composer's reply target. */
function ChatScreen({ chatId }: { chatId: string }) {
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  return (
    <>
      <MessageList chatId={chatId} renderMessage={(message) => <Message message={message} onReply={setReplyTo} />} />
      <MessageComposer chatId={chatId} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
    </>
  );
}

const HISTORY = [
  { from: 'ben', content: 'Lunch?' },
  { from: 'ana', content: 'See you at noon' },
];

async function start() {
  const world = await setup(HISTORY, (chatId) => <ChatScreen chatId={chatId} />);
  await world.view('ben').findByText('See you at noon');
  const box = world.view('ana').getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  const form = box.closest('form')!;
  return { ...world, box, form };
}

describe('MessageComposer: editing your last message', () => {
  it('Up in an empty box edits your last message; Enter saves, and the other user sees the edit', async () => {
    const { user, box, form, view, article, mock } = await start();
    expect(form.getAttribute('data-mode')).toBe('compose');
    await user.click(box);
    await user.keyboard('{ArrowUp}');
    const editBox = view('ana').getByRole('textbox', { name: 'Edit message' }) as HTMLTextAreaElement;
    expect(editBox).toBe(box);
    expect(box.value).toBe('See you at noon');
    expect(form.getAttribute('data-mode')).toBe('edit');
    expect(view('ana').getByText('Editing message')).toBeTruthy();
    await user.clear(box);
    await user.type(box, 'See you at one{Enter}');
    expect(box.value).toBe('');
    expect(form.getAttribute('data-mode')).toBe('compose');
    await eventually(() => expect(mock.messages('general')[1]!.content).toBe('See you at one'));
    for (const who of ['ana', 'ben'] as const) {
      const edited = await view(who).findByText('See you at one');
      const row = edited.closest('article')!;
      await eventually(() => expect(row.getAttribute('data-edited')).toBe('true'));
      expect(row.querySelector('[data-natter="message-edited"]')!.getAttribute('datetime')).toBe(mock.messages('general')[1]!.edited_at);
    }
    await eventually(() => expect(article('ana', 'See you at one').hasAttribute('data-change')).toBe(false));
    expect(view('ben').queryByText('See you at noon')).toBeNull();
  });

  it('Escape cancels: nothing is sent and the box is empty again', async () => {
    const { user, box, form, view, mock } = await start();
    await user.click(box);
    await user.keyboard('{ArrowUp}');
    await user.type(box, ' (changed)');
    await user.keyboard('{Escape}');
    expect(form.getAttribute('data-mode')).toBe('compose');
    expect(box.value).toBe('');
    expect(view('ana').queryByText('Editing message')).toBeNull();
    await settle(30);
    expect(mock.receivedData('edit_message')).toEqual([]);
    expect(view('ana').getByText('See you at noon')).toBeTruthy();
  });

  it('Up with text in the box moves the caret as usual, and edits nothing', async () => {
    const { user, box, form } = await start();
    await user.type(box, 'draft');
    await user.keyboard('{ArrowUp}');
    expect(form.getAttribute('data-mode')).toBe('compose');
    expect(box.value).toBe('draft');
  });

  it('Save with the text emptied is refused with a reason and stays in edit mode', async () => {
    const { user, box, form, view, mock } = await start();
    await user.click(box);
    await user.keyboard('{ArrowUp}');
    await user.clear(box);
    await user.keyboard('{Enter}');
    expect(await view('ana').findByRole('alert')).toBeTruthy();
    expect(form.getAttribute('data-mode')).toBe('edit');
    expect(mock.receivedData('edit_message')).toEqual([]);
  });
});

describe('MessageComposer: replying', () => {
  it('Reply on a message shows it above the box; the message sent is a reply, quoted for the other user', async () => {
    const { user, box, form, view, article, mock } = await start();
    await user.click(view('ana').getAllByRole('button', { name: 'Reply' })[0]!);
    expect(form.getAttribute('data-mode')).toBe('reply');
    const banner = form.querySelector('[data-natter="composer-banner"]')!;
    expect(banner.textContent).toContain('Replying to ben');
    expect(banner.textContent).toContain('Lunch?');
    await user.type(box, 'Yes please{Enter}');
    expect(form.getAttribute('data-mode')).toBe('compose');
    expect(form.querySelector('[data-natter="composer-banner"]')).toBeNull();
    const parentId = mock.messages('general')[0]!.id;
    await eventually(() => expect(mock.messages('general')[2]).toMatchObject({ content: 'Yes please', parent_message_id: parentId }));
    const reply = await view('ben').findByText('Yes please');
    const quote = reply.closest('article')!.querySelector('[data-natter="message-quote"]')!;
    expect(quote.textContent).toBe('benLunch?');
    await eventually(() => expect(article('ben', 'Lunch?').querySelector('[data-natter="message-replies"]')?.textContent).toBe('1 reply'));
  });

  it('Cancel (or Escape) drops the reply target', async () => {
    const { user, box, form, view } = await start();
    await user.click(view('ana').getAllByRole('button', { name: 'Reply' })[0]!);
    await user.click(view('ana').getByRole('button', { name: 'Cancel reply' }));
    expect(form.getAttribute('data-mode')).toBe('compose');
    await user.click(view('ana').getAllByRole('button', { name: 'Reply' })[0]!);
    await user.click(box);
    await user.keyboard('{Escape}');
    expect(form.getAttribute('data-mode')).toBe('compose');
  });
});

describe('MessageComposer: files', () => {
  it('sends attached files with the typed caption; the upload shows progress, then both users see a download link', async () => {
    const { user, box, view, mock } = await start();
    await user.type(box, 'The minutes');
    const input = view('ana').getByRole('button', { name: 'Attach files' }).parentElement!.querySelector('input[type="file"]') as HTMLInputElement;
    act(() => mock.setLatency(150));
    await user.upload(input, new File(['# Minutes\nAll agreed.'], 'minutes.txt', { type: 'text/plain' }));
    expect(box.value).toBe('');
    const pending = await eventually(() => {
      const found = screen.getAllByText('The minutes').map((node) => node.closest('article')!).find((a) => a.getAttribute('data-status') === 'pending');
      expect(found).toBeTruthy();
      return found!;
    });
    expect(pending.querySelector('[data-natter="message-attachments"]')!.getAttribute('data-uploading')).toBe('true');
    expect(pending.querySelector('progress')).not.toBeNull();
    act(() => mock.setLatency(0));
    const stored = await eventually(() => {
      const found = mock.messages('general')[2];
      expect(found?.attachments).toHaveLength(1);
      return found!.attachments![0]!;
    }, 5000);
    // (In jsdom, XHR hands msw a FormData without the part's name; the attachments story checks the real name in
    // Chromium. Here the link must carry whatever name the server stored.)
    for (const who of ['ana', 'ben'] as const) {
      const link = await eventually(() => {
        const found = view(who).getByText('The minutes', { selector: '[data-natter="message-content"]' }).closest('article')!.querySelector('a[download]');
        expect(found?.getAttribute('href')).toContain(stored.url);
        return found!;
      });
      expect(link.getAttribute('download')).toBe(stored.file_name);
      expect(link.closest('[data-natter="attachment"]')!.getAttribute('data-kind')).toBe('file');
    }
    await eventually(() => expect(pending.hasAttribute('data-uploading') || pending.querySelector('[data-uploading]')).toBeFalsy());
    expect(mock.messages('general')[2]).toMatchObject({ content: 'The minutes', message_type: 'file' });
  });
});

describe('MessageComposer: the message being edited goes away', () => {
  it('deleted meanwhile, its edit is dropped rather than sent as a new message', async () => {
    const { user, box, form, article, mock } = await start();
    await user.click(box);
    await user.keyboard('{ArrowUp}');
    await user.type(box, ' (changed)');
    const toolbar = article('ana', 'See you at noon').querySelector('[role="toolbar"]')!;
    await user.click(toolbar.querySelector('[data-action="delete"]')!);
    await user.click(toolbar.querySelector('[data-action="confirm-delete"]')!);
    await eventually(() => expect(mock.messages('general')[1]!.deleted_at).not.toBeNull());
    expect(form.getAttribute('data-mode')).toBe('compose');
    expect(box.value).toBe('');
    await user.click(box);
    await user.keyboard('{Enter}');
    await settle(30);
    expect(mock.receivedData('send_message')).toEqual([]);
    expect(mock.receivedData('edit_message')).toEqual([]);
  });
});

describe('MessageComposer: focus', () => {
  it('Cancel on the reply banner puts focus back in the box', async () => {
    const { user, box, view } = await start();
    await user.click(view('ana').getAllByRole('button', { name: 'Reply' })[0]!);
    await user.click(view('ana').getByRole('button', { name: 'Cancel reply' }));
    expect(document.activeElement).toBe(box);
  });
});

describe('MessageComposer: an input method composing', () => {
  it('Escape that ends a composition neither drops the edit nor the reply target', async () => {
    const { user, box, form, view } = await start();
    await user.click(box);
    await user.keyboard('{ArrowUp}');
    await user.type(box, ' にほん');
    fireEvent.keyDown(box, { key: 'Escape', isComposing: true });
    // Safari reports that Escape with isComposing false but keyCode 229.
    fireEvent.keyDown(box, { key: 'Escape', keyCode: 229 });
    expect(form.getAttribute('data-mode')).toBe('edit');
    expect(box.value).toBe('See you at noon にほん');
    await user.keyboard('{Escape}');
    await user.click(view('ana').getAllByRole('button', { name: 'Reply' })[0]!);
    fireEvent.keyDown(box, { key: 'Escape', isComposing: true });
    expect(form.getAttribute('data-mode')).toBe('reply');
  });
});
