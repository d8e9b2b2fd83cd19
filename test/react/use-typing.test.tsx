import { act, renderHook } from '@testing-library/react';
import { useChat, useTyping, type UseTypingOptions } from 'natter/react';
import { createManualTimers } from 'natter/testing';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, setVisibility, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

/**
 * Ana in `general` on a hand-driven clock (typing expiry, throttle and idle all run on the client's timers), with the
 * chat joined through `useChat` as a chat screen would.
 */
async function setup(options: UseTypingOptions = {}) {
  const mock = startMock();
  const { id } = mock.chat('general');
  const clock = createManualTimers(Date.parse('2026-11-24T09:00:00.000Z'));
  const client = clientFor(mock, 'ana', { timers: clock.timers });
  const hook = renderHook(
    () => {
      const chat = useChat(id);
      return { chat, typing: useTyping(id, options) };
    },
    { wrapper: wrapperFor(client) },
  );
  await eventually(() => expect(hook.result.current.chat.status).toBe('open'));
  await eventually(() => expect(mock.openSockets({ chatId: id })).toHaveLength(1));
  /** What ana's socket sent, in order. */
  const sent = () => mock.receivedData('typing_indicator', { userId: 'ana' }).map((d) => (d as { is_typing: boolean }).is_typing);
  const advance = (ms: number) => act(() => clock.advance(ms));
  return { mock, id, client, clock, advance, sent, ...hook };
}

describe('useTyping: others', () => {
  it('shows another user typing and drops them 5 s after the last refresh', async () => {
    const { mock, result, advance } = await setup();
    expect(result.current.typing.typingUsers).toEqual([]);
    act(() => mock.setTyping('general', 'ben', true));
    await eventually(() => expect(result.current.typing.typingUsers).toEqual([expect.objectContaining({ user_id: mock.user('ben').id, username: 'ben' })]));
    advance(3000);
    // A refresh within the window extends it.
    act(() => mock.setTyping('general', 'ben', true));
    await settle();
    advance(4999);
    expect(result.current.typing.typingUsers.map((t) => t.username)).toEqual(['ben']);
    advance(2);
    expect(result.current.typing.typingUsers).toEqual([]);
  });

  it('drops a user at once on is_typing false, and when their message arrives', async () => {
    const { mock, result } = await setup();
    act(() => mock.setTyping('general', 'ben', true));
    await eventually(() => expect(result.current.typing.typingUsers).toHaveLength(1));
    act(() => mock.setTyping('general', 'ben', false));
    await eventually(() => expect(result.current.typing.typingUsers).toEqual([]));
    act(() => mock.setTyping('general', 'ben', true));
    await eventually(() => expect(result.current.typing.typingUsers).toHaveLength(1));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'done typing' });
    });
    await eventually(() => expect(result.current.typing.typingUsers).toEqual([]));
  });
});

describe('useTyping: you', () => {
  it('onInput sends is_typing true once per throttle window, then false after the idle pause', async () => {
    const { result, advance, sent } = await setup();
    act(() => {
      result.current.typing.onInput();
      result.current.typing.onInput();
      result.current.typing.onInput();
    });
    await eventually(() => expect(sent()).toEqual([true]));
    advance(1000);
    act(() => result.current.typing.onInput());
    advance(1000);
    act(() => result.current.typing.onInput());
    await settle();
    expect(sent()).toEqual([true]);
    advance(1000); // 3 s since the first true: the window is over.
    act(() => result.current.typing.onInput());
    await eventually(() => expect(sent()).toEqual([true, true]));
    advance(2999);
    await settle();
    expect(sent()).toEqual([true, true]);
    advance(1);
    await eventually(() => expect(sent()).toEqual([true, true, false]));
  });

  it('honours custom throttleMs and idleMs', async () => {
    const { result, advance, sent } = await setup({ throttleMs: 500, idleMs: 1000 });
    act(() => result.current.typing.onInput());
    advance(500);
    act(() => result.current.typing.onInput());
    await eventually(() => expect(sent()).toEqual([true, true]));
    advance(1000);
    await eventually(() => expect(sent()).toEqual([true, true, false]));
  });

  it('stop() sends false at once, and only when typing', async () => {
    const { result, sent } = await setup();
    act(() => result.current.typing.stop());
    await settle();
    expect(sent()).toEqual([]);
    act(() => result.current.typing.onInput());
    act(() => result.current.typing.stop());
    await eventually(() => expect(sent()).toEqual([true, false]));
    act(() => result.current.typing.stop());
    await settle();
    expect(sent()).toEqual([true, false]);
  });

  it('sends false when the typing component unmounts', async () => {
    const { result, unmount, sent } = await setup();
    act(() => result.current.typing.onInput());
    await eventually(() => expect(sent()).toEqual([true]));
    unmount();
    await eventually(() => expect(sent()).toEqual([true, false]));
  });

  it('does not announce typing while the page is hidden', async () => {
    const { result, sent } = await setup();
    act(() => setVisibility('hidden'));
    act(() => result.current.typing.onInput());
    await settle();
    expect(sent()).toEqual([]);
  });
});
