import { act, renderHook } from '@testing-library/react';
import { selectChat } from 'natter';
import { useChatStore } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

describe('useChatStore', () => {
  it('re-renders only when the selected value changes', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana', { typingTtlMs: 60_000 });
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders += 1;
        return useChatStore((state) => selectChat(state, id).messages.length);
      },
      // Without StrictMode, so every render counted is a real one.
      { wrapper: wrapperFor(client, { strict: false }) },
    );
    expect([result.current, renders]).toEqual([0, 1]);

    // The store changes a lot (connection snapshots, typing) without the selected value changing.
    act(() => {
      client.joinChat(id);
    });
    await eventually(() => expect(client.getConnection(id)?.status).toBe('open'));
    act(() => mock.setTyping('general', 'ben', true));
    await eventually(() => expect(selectChat(client.store.getState(), id).typing).toHaveLength(1));
    await settle();
    expect(renders).toBe(1);

    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'now it changes' });
    });
    await eventually(() => expect(result.current).toBe(1));
    expect(renders).toBe(2);
  });

  it('reads the provider’s client store', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChatStore((state) => state.directMessages), { wrapper: wrapperFor(client) });
    expect(result.current).toBe(client.store.getState().directMessages);
  });
});
