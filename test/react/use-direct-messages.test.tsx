import { act, renderHook } from '@testing-library/react';
import { useDirectMessages } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

describe('useDirectMessages', () => {
  it('holds the personal socket open only while mounted (one socket in StrictMode)', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    await settle();
    expect(mock.connections).toHaveLength(0);
    const { result, unmount } = renderHook(() => useDirectMessages(), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.status).toBe('open'));
    await settle(80);
    expect(mock.connectionsTo({ kind: 'personal' })).toEqual([expect.objectContaining({ userId: mock.user('ana').id, accepted: true, closed: null })]);
    unmount();
    await eventually(() => expect(mock.openSockets({ kind: 'personal' })).toHaveLength(0));
    expect(mock.connections[0]!.closed).toMatchObject({ code: 1000, by: 'client' });
  });

  it('opens nothing while disabled', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useDirectMessages({ enabled: false }), { wrapper: wrapperFor(client) });
    await settle(50);
    expect(mock.connections).toHaveLength(0);
    expect(result.current.status).toBe('idle');
  });

  it('receives a direct message sent to you', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useDirectMessages(), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.status).toBe('open'));
    const direct = mock.directChat('ana', 'ben');
    act(() => {
      mock.addMessage(direct.id, { from: 'ben', content: 'psst, ana' });
    });
    await eventually(() => expect(result.current.messages).toEqual([expect.objectContaining({ content: 'psst, ana', sender_id: mock.user('ben').id, chat_id: direct.id })]));
  });

  it('send() reaches the other user’s personal socket, and shows your own copy', async () => {
    const mock = startMock();
    const ana = clientFor(mock, 'ana');
    const ben = clientFor(mock, 'ben');
    ben.connectPersonal();
    await eventually(() => expect(ben.getConnection('personal')?.status).toBe('open'));
    const { result } = renderHook(() => useDirectMessages(), { wrapper: wrapperFor(ana) });
    await eventually(() => expect(result.current.status).toBe('open'));
    let clientId = '';
    act(() => {
      clientId = result.current.send(mock.user('ben').id, 'hello ben');
    });
    await eventually(() => expect(ben.store.getState().directMessages).toEqual([expect.objectContaining({ content: 'hello ben', sender_id: mock.user('ana').id, client_id: clientId })]));
    await eventually(() => expect(result.current.messages).toEqual([expect.objectContaining({ content: 'hello ben', client_id: clientId })]));
    const direct = mock.directChat('ana', 'ben');
    expect(mock.messages(direct.id).map((m) => m.content)).toEqual(['hello ben']);
    expect(mock.receivedData('direct_message', { kind: 'personal', userId: 'ana' })).toEqual([expect.objectContaining({ recipient_id: mock.user('ben').id, client_id: clientId })]);
  });
});
