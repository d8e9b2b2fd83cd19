import { act, renderHook } from '@testing-library/react';
import { useChat } from 'natter/react';
import { useMessageWindow } from 'natter/react/features';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, wrapperFor } from './helpers';
import { jumpTo } from 'natter/features';

const { server, startMock, clientFor } = installHookTest();

const seqs = (messages: ReadonlyArray<{ seq: number | null }>) => messages.map((m) => m.seq);

/** Ana's client, with a chat of 400 messages ('general', `chatId`) and another of `otherSize`. */
function twoChats(otherSize: number) {
  const mock = startMock({
    chats: [
      { name: 'general', members: ['ana', 'ben'], messages: 400 },
      { name: 'other', members: ['ana', 'ben'], messages: otherSize },
    ],
  });
  return { mock, chatId: mock.chat('general').id, other: mock.chat('other').id, client: clientFor(mock, 'ana') };
}

describe('useMessageWindow', () => {
  it('is null until a far jump opens a window around the message; pages it both ways and leaves it', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 400 }] });
    const chatId = mock.chat('general').id;
    const target = mock.messages('general')[99]!;
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => ({ chat: useChat(chatId), window: useMessageWindow(chatId) }), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(50));
    expect(result.current.window.window).toBeNull();

    let found: Awaited<ReturnType<typeof jumpTo>> = null;
    await act(async () => {
      found = await jumpTo(client, chatId, target.id);
    });
    expect(found).toMatchObject({ id: target.id, seq: 100 });
    const opened = result.current.window.window!;
    expect(seqs(opened.messages)).toContain(100);
    expect(opened.messages).toHaveLength(50);
    // The live messages are untouched: still the newest page.
    expect(seqs(result.current.chat.messages).at(-1)).toBe(400);

    const oldest = opened.messages[0]!.seq!;
    await act(() => result.current.window.loadOlder());
    expect(result.current.window.window!.messages[0]!.seq).toBe(oldest - 50);
    const newest = result.current.window.window!.messages.at(-1)!.seq!;
    await act(() => result.current.window.loadNewer());
    expect(result.current.window.window!.messages.at(-1)!.seq).toBe(newest + 50);
    expect(result.current.window).toMatchObject({ isLoadingOlder: false, isLoadingNewer: false, error: null });

    act(() => result.current.window.leave());
    expect(result.current.window.window).toBeNull();
  });

  it('reports a failed page in error and to onError, keeping the window', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 400 }] });
    const chatId = mock.chat('general').id;
    const client = clientFor(mock, 'ana');
    const errors: Error[] = [];
    const { result } = renderHook(() => ({ chat: useChat(chatId), window: useMessageWindow(chatId, { onError: (e) => errors.push(e) }) }), {
      wrapper: wrapperFor(client),
    });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(50));
    await act(async () => void (await jumpTo(client, chatId, mock.messages('general')[99]!.id)));
    expect(result.current.window.window).not.toBeNull();
    // The server stops answering history: the page fails, the window stays as it was.
    server.use(http.get(`*/api/v1/chats/${chatId}/messages`, () => HttpResponse.json({ error: { code: 'internal_error', message: 'Down for a moment' } }, { status: 500 })));
    const before = result.current.window.window;
    await act(() => result.current.window.loadOlder());
    expect(errors.map((e) => e.message)).toEqual(['Down for a moment']);
    expect(result.current.window.error).toBe(errors[0]);
    expect(result.current.window.window).toBe(before);
  });

  it('moving to another chat drops the last chat’s paging error', async () => {
    const { mock, chatId, other, client } = twoChats(3);
    const { result, rerender } = renderHook(({ id }) => ({ chat: useChat(id), window: useMessageWindow(id) }), {
      wrapper: wrapperFor(client),
      initialProps: { id: chatId },
    });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(50));
    await act(async () => void (await jumpTo(client, chatId, mock.messages('general')[99]!.id)));
    server.use(http.get(`*/api/v1/chats/${chatId}/messages`, () => HttpResponse.json({ error: { code: 'internal_error', message: 'Down for a moment' } }, { status: 500 })));
    await act(() => result.current.window.loadOlder());
    expect(result.current.window.error?.message).toBe('Down for a moment');
    rerender({ id: other });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(3));
    expect(result.current.window).toMatchObject({ window: null, error: null, isLoadingOlder: false, isLoadingNewer: false });
  });

  it('ignores a late answer for the last chat: the next chat\'s loading and error stay its own', async () => {
    const { mock, chatId, other, client } = twoChats(400);
    const errors: Error[] = [];
    const { result, rerender } = renderHook(({ id }) => ({ chat: useChat(id), window: useMessageWindow(id, { onError: (e) => errors.push(e) }) }), {
      wrapper: wrapperFor(client),
      initialProps: { id: chatId },
    });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(50));
    await act(async () => void (await jumpTo(client, chatId, mock.messages('general')[99]!.id)));
    // General's older page is slow, then fails.
    let failGeneral = () => {};
    const generalAnswered = new Promise<void>((resolve) => (failGeneral = resolve));
    server.use(
      http.get(`*/api/v1/chats/${chatId}/messages`, async () => {
        await generalAnswered;
        return HttpResponse.json({ error: { code: 'internal_error', message: 'Down for a moment' } }, { status: 500 });
      }),
    );
    let general!: Promise<void>;
    act(() => void (general = result.current.window.loadOlder()));
    expect(result.current.window.isLoadingOlder).toBe(true);

    rerender({ id: other });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(50));
    await act(async () => void (await jumpTo(client, other, mock.messages('other')[99]!.id)));
    // Other's older page is under way (slow too) when general's failure comes in.
    let answerOther = () => {};
    const otherAnswered = new Promise<void>((resolve) => (answerOther = resolve));
    server.use(http.get(`*/api/v1/chats/${other}/messages`, async () => void (await otherAnswered)));
    let otherPage!: Promise<void>;
    act(() => void (otherPage = result.current.window.loadOlder()));
    await act(async () => {
      failGeneral();
      await general;
    });
    expect(result.current.window).toMatchObject({ isLoadingOlder: true, error: null });
    expect(errors).toEqual([]);

    const oldest = result.current.window.window!.messages[0]!.seq!;
    await act(async () => {
      answerOther();
      await otherPage;
    });
    expect(result.current.window).toMatchObject({ isLoadingOlder: false, error: null });
    expect(result.current.window.window!.messages[0]!.seq).toBe(oldest - 50);
  });
});
