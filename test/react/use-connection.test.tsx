import { act, renderHook } from '@testing-library/react';
import { useChat, useConnection, useDirectMessages } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

describe('useConnection', () => {
  it('is idle with no socket, then follows one socket by key', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result, rerender } = renderHook(({ join }) => {
      useChat(id, { enabled: join });
      return { one: useConnection({ key: id }), all: useConnection() };
    }, { wrapper: wrapperFor(client), initialProps: { join: false } });
    expect(result.current.one.status).toBe('idle');
    expect(result.current.all).toMatchObject({ status: 'idle', sockets: {} });
    rerender({ join: true });
    await eventually(() => expect(result.current.one.status).toBe('open'));
    expect(result.current.all.sockets[id]).toMatchObject({ status: 'open', attempt: 0, closeCode: null, error: null });
  });

  it('summarises every socket by the one that needs attention most', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }, { name: 'team', members: ['ana', 'cy'] }] });
    const general = mock.chat('general').id;
    const team = mock.chat('team').id;
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 150, jitter: 'none' } });
    const { result } = renderHook(
      () => {
        useChat(general);
        useChat(team);
        useDirectMessages();
        return { all: useConnection(), team: useConnection({ key: team }), personal: useConnection({ key: 'personal' }) };
      },
      { wrapper: wrapperFor(client) },
    );
    await eventually(() => expect(result.current.all.status).toBe('open'));
    expect(Object.keys(result.current.all.sockets).sort()).toEqual([general, team, 'personal'].sort());
    expect(result.current.personal.status).toBe('open');
    act(() => {
      mock.dropConnections({ chatId: 'general' });
    });
    await eventually(() => expect(result.current.all.status).toBe('reconnecting'));
    expect(result.current.team.status).toBe('open');
    await eventually(() => expect(result.current.all.status).toBe('open'));
  });

  it('reconnect() with a key reopens that socket only', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }, { name: 'team', members: ['ana', 'cy'] }] });
    const general = mock.chat('general').id;
    const team = mock.chat('team').id;
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(
      () => {
        useChat(general);
        useChat(team);
        return useConnection({ key: general });
      },
      { wrapper: wrapperFor(client) },
    );
    await eventually(() => expect(client.getConnection(team)?.status).toBe('open'));
    await eventually(() => expect(result.current.status).toBe('open'));
    act(() => result.current.reconnect());
    await eventually(() => expect(mock.connectionsTo({ chatId: general })).toHaveLength(2));
    await eventually(() => expect(result.current.status).toBe('open'));
    await settle();
    expect(mock.connectionsTo({ chatId: team })).toHaveLength(1);
    expect(mock.openSockets()).toHaveLength(2);
  });

  it('reconnect() without a key reopens every held socket, including a refused one', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }, { name: 'team', members: ['ana', 'cy'] }] });
    const general = mock.chat('general').id;
    const team = mock.chat('team').id;
    mock.refuseNextConnections(4003);
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(
      () => {
        useChat(general);
        return useConnection();
      },
      { wrapper: wrapperFor(client) },
    );
    await eventually(() => expect(result.current.sockets[general]).toMatchObject({ status: 'closed', closeCode: 4003, error: expect.objectContaining({ code: 'connection_refused' }) }));
    expect(result.current.status).toBe('closed');
    act(() => result.current.reconnect());
    await eventually(() => expect(result.current.status).toBe('open'));
    expect(mock.connectionsTo({ chatId: general })).toHaveLength(2);
    // A chat nobody holds is not opened by reconnect().
    expect(mock.connectionsTo({ chatId: team })).toHaveLength(0);
  });
});
