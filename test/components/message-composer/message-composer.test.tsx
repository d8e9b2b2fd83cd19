import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChatClient } from 'natter';
import { MessageComposer, MessageList, type MessageComposerProps } from 'natter/components';
import type { MockChatServer } from 'natter/testing';
import { describe, expect, it, vi } from 'vitest';
import { eventually, installHookTest, renderWithClient, settle } from '../helpers';

const { startMock, clientFor } = installHookTest();

interface SendData {
  content: string;
  message_type: string;
  parent_message_id: string | null;
  client_id: string;
}

const sent = (mock: MockChatServer) => mock.receivedData('send_message') as SendData[];
const typing = (mock: MockChatServer) => mock.receivedData('typing_indicator').map((d) => (d as { is_typing: boolean }).is_typing);

/** Ana's chat screen: the list (which joins the chat) and the composer under test. */
async function setup(props: Partial<MessageComposerProps> = {}) {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'Lunch?' }] }] });
  const chatId = mock.chat('general').id;
  const client: ChatClient = clientFor(mock, 'ana');
  const user = userEvent.setup();
  const view = renderWithClient(
    client,
    <>
      <MessageList chatId={chatId} />
      <MessageComposer chatId={chatId} {...props} />
    </>,
  );
  await screen.findByText('Lunch?');
  await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
  const box = screen.getByRole('textbox', { name: props.label ?? 'Message' }) as HTMLTextAreaElement;
  const button = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
  const form = box.closest('form')!;
  return { mock, chatId, client, user, box, button, form, ...view };
}

const article = (content: string) => screen.getByText(content).closest('article')!;

describe('MessageComposer: sending', () => {
  it('sends on Enter, clears the box, and shows the message pending, then sent', async () => {
    const { mock, user, box } = await setup();
    await user.type(box, 'Hello there');
    mock.pause();
    await user.keyboard('{Enter}');
    await eventually(() => expect(sent(mock)).toEqual([{ content: 'Hello there', message_type: 'text', parent_message_id: null, client_id: expect.any(String) }]));
    expect(box.value).toBe('');
    expect(article('Hello there').getAttribute('data-status')).toBe('pending');
    expect(article('Hello there').getAttribute('data-own')).toBe('true');
    act(() => mock.resume());
    await eventually(() => expect(article('Hello there').getAttribute('data-status')).toBe('sent'));
    expect(mock.messages('general').map((m) => m.content)).toEqual(['Lunch?', 'Hello there']);
  });

  it('adds a line on Shift+Enter instead of sending', async () => {
    const { mock, user, box } = await setup();
    await user.type(box, 'line one');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    await user.type(box, 'line two');
    await settle(30);
    expect(sent(mock)).toEqual([]);
    expect(box.value).toBe('line one\nline two');
    await user.keyboard('{Enter}');
    await eventually(() => expect(sent(mock).map((s) => s.content)).toEqual(['line one\nline two']));
  });

  it('does not send on the Enter that ends an input method composition', async () => {
    const { mock, user, box } = await setup();
    await user.type(box, 'にほんご');
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    // Safari reports that Enter with isComposing false but keyCode 229.
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    await settle(30);
    expect(sent(mock)).toEqual([]);
    expect(box.value).toBe('にほんご');
    fireEvent.keyDown(box, { key: 'Enter' });
    await eventually(() => expect(sent(mock).map((s) => s.content)).toEqual(['にほんご']));
  });

  it('sends with the Send button, which is disabled while the text is empty or only white space', async () => {
    const { mock, user, box, button, form } = await setup();
    expect(button.disabled).toBe(true);
    expect(form.getAttribute('data-empty')).toBe('true');
    await user.type(box, '   ');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(button.disabled).toBe(true);
    expect(form.getAttribute('data-empty')).toBe('true');
    await user.type(box, 'x');
    expect(button.disabled).toBe(false);
    expect(form.getAttribute('data-empty')).toBe('false');
    await user.click(button);
    await eventually(() => expect(sent(mock).map((s) => s.content)).toEqual(['   \nx']));
    expect(box.value).toBe('');
    expect(button.disabled).toBe(true);
  });

  it('calls onSent with the client id of the message it sent', async () => {
    const onSent = vi.fn();
    const { mock, user, box } = await setup({ onSent });
    await user.type(box, 'ping{Enter}');
    await eventually(() => expect(sent(mock)).toHaveLength(1));
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(onSent).toHaveBeenCalledWith(sent(mock)[0]!.client_id);
  });

  it('sends parentMessageId as parent_message_id', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'Lunch?' }] }] });
    const parent = mock.messages('general')[0]!;
    const client = clientFor(mock, 'ana');
    const user = userEvent.setup();
    renderWithClient(client, <MessageComposer chatId={parent.chat_id} parentMessageId={parent.id} />);
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Yes!{Enter}');
    await eventually(() => expect(sent(mock)).toEqual([expect.objectContaining({ content: 'Yes!', parent_message_id: parent.id })]));
    await eventually(() => expect(mock.messages('general')[1]).toMatchObject({ content: 'Yes!', parent_message_id: parent.id }));
  });
});

describe('MessageComposer: typing', () => {
  it('tells the chat you are typing, and stops on blur and on send', async () => {
    const { mock, user, box } = await setup();
    await user.type(box, 'hel');
    await eventually(() => expect(typing(mock)).toEqual([true]));
    await user.tab();
    expect(document.activeElement).not.toBe(box);
    // At once, not after the 3 s idle pause.
    await eventually(() => expect(typing(mock)).toEqual([true, false]), 1000);
    await user.type(box, 'lo');
    await eventually(() => expect(typing(mock)).toEqual([true, false, true]));
    await user.keyboard('{Enter}');
    await eventually(() => expect(typing(mock)).toEqual([true, false, true, false]), 1000);
    await eventually(() => expect(sent(mock).map((s) => s.content)).toEqual(['hello']));
  });
});

describe('MessageComposer: on its own', () => {
  it('holds the chat socket itself, so typing works without a MessageList', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }] });
    const chatId = mock.chat('general').id;
    const client = clientFor(mock, 'ana');
    const user = userEvent.setup();
    const view = renderWithClient(client, <MessageComposer chatId={chatId} />);
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'hi');
    await eventually(() => expect(typing(mock)).toEqual([true]));
    view.unmount();
    await eventually(() => expect(mock.openSockets({ chatId })).toHaveLength(0));
  });
});

describe('MessageComposer: refused text', () => {
  it('keeps text over 16 KiB and says why, as an alert tied to the box', async () => {
    const { mock, user, box, form } = await setup();
    const tooLong = 'é'.repeat(8193); // 8193 characters, 16386 bytes
    await user.click(box);
    await user.paste(tooLong);
    await user.keyboard('{Enter}');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('The message is 16386 bytes; the limit is 16384');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')).toBe(alert.id);
    expect(form.getAttribute('data-error')).toBe('true');
    expect(box.value).toBe(tooLong);
    await settle(30);
    expect(sent(mock)).toEqual([]);

    // Editing clears the error; short enough, it sends.
    await user.keyboard('{Backspace}');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(box.getAttribute('aria-invalid')).toBeNull();
    expect(form.getAttribute('data-error')).toBeNull();
    await user.keyboard('{Enter}');
    await eventually(() => expect(sent(mock).map((s) => s.content.length)).toEqual([8192]));
  });
});

describe('MessageComposer: labels', () => {
  it('names the box "Message" with a placeholder by default, or as told', () => {
    const client = clientFor(startMock(), 'ana');
    renderWithClient(
      client,
      <>
        <MessageComposer chatId="a" />
        <MessageComposer chatId="b" label="Reply to ben" placeholder="Say hi" />
      </>,
    );
    expect(screen.getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe('Write a message…');
    expect(screen.getByRole('textbox', { name: 'Reply to ben' }).getAttribute('placeholder')).toBe('Say hi');
  });
});

describe('MessageComposer: moving to another chat', () => {
  it('drops the edit under way (its text too): the next chat’s box starts empty, in compose mode', async () => {
    const mock = startMock({
      chats: [
        { name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ana', content: 'Mine in general' }] },
        { name: 'other', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'Hi in other' }] },
      ],
    });
    const [general, other] = [mock.chat('general').id, mock.chat('other').id];
    const client = clientFor(mock, 'ana');
    const user = userEvent.setup();
    const screenFor = (chatId: string) => (
      <>
        <MessageList chatId={chatId} />
        <MessageComposer chatId={chatId} />
      </>
    );
    const view = renderWithClient(client, screenFor(general));
    await screen.findByText('Mine in general');
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    await user.click(box);
    await user.keyboard('{ArrowUp}');
    expect(box.value).toBe('Mine in general');
    view.rerender(screenFor(other));
    await screen.findByText('Hi in other');
    expect(box.value).toBe('');
    expect(box.closest('form')!.getAttribute('data-mode')).toBe('compose');
    await user.keyboard('{Enter}');
    await settle(30);
    expect(sent(mock)).toEqual([]);
  });

  it('a thread’s composer moved to another thread drops the draft typed for the last one', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'First?' }, { from: 'ben', content: 'Second?' }] }] });
    const chatId = mock.chat('general').id;
    const [first, second] = mock.messages('general').map((m) => m.id);
    const client = clientFor(mock, 'ana');
    const user = userEvent.setup();
    const view = renderWithClient(client, <MessageComposer chatId={chatId} parentMessageId={first} />);
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    await user.type(box, 'Yes to the first');
    view.rerender(<MessageComposer chatId={chatId} parentMessageId={second} />);
    expect(box.value).toBe('');
    await user.type(box, '{Enter}');
    await settle(30);
    expect(sent(mock)).toEqual([]);
  });
});

describe('MessageComposer: Enter with nothing to send', () => {
  it('a fast second Enter (or Enter in an empty box) sends nothing and raises no alert', async () => {
    const { mock, user, box, form } = await setup();
    await user.type(box, 'once{Enter}{Enter}');
    await eventually(() => expect(sent(mock).map((s) => s.content)).toEqual(['once']));
    await user.keyboard('{Enter}');
    await settle(30);
    expect(sent(mock)).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(form.hasAttribute('data-error')).toBe(false);
  });
});

describe('MessageComposer: focus after sending', () => {
  it('the Send button, disabled once the box empties, hands focus back to the box', async () => {
    const { mock, user, box, button } = await setup();
    await user.type(box, 'by button');
    await user.click(button);
    await eventually(() => expect(sent(mock)).toHaveLength(1));
    expect(document.activeElement).toBe(box);
    await user.keyboard('next');
    expect(box.value).toBe('next');
  });
});
