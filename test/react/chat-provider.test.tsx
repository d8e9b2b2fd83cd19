import { render, renderHook, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { ChatProvider, useChat, useChatClient, useChatContext } from 'natter/react';
import { describe, expect, it, vi } from 'vitest';
import { eventually, installHookTest, settle, testQueryClient } from './helpers';

const { startMock, clientFor } = installHookTest();

describe('ChatProvider', () => {
  it('renders its children and hands them the given client', () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    function Child() {
      return <p>{useChatClient() === client ? 'same client' : 'other client'}</p>;
    }
    render(
      <StrictMode>
        <ChatProvider client={client}>
          <Child />
        </ChatProvider>
      </StrictMode>,
    );
    expect(screen.getByText('same client')).toBeTruthy();
  });

  it('opens no socket and calls no server when rendered alone (client or options)', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const base = mock.clientOptions('ben');
    const getToken = vi.fn(base.getToken);
    render(
      <StrictMode>
        <ChatProvider client={client}>
          <p>chat ui</p>
        </ChatProvider>
        <ChatProvider options={{ ...base, getToken }}>
          <p>chat ui 2</p>
        </ChatProvider>
      </StrictMode>,
    );
    await settle(50);
    expect(mock.connections).toHaveLength(0);
    expect(client.store.getState().connections).toEqual({});
    expect(getToken).not.toHaveBeenCalled();
  });

  it('builds one client from `options`, kept across re-renders, that the hooks connect with', async () => {
    const mock = startMock();
    const options = { ...mock.clientOptions('ana'), backoff: { initialMs: 20, jitter: 'none' as const } };
    const { id } = mock.chat('general');
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <StrictMode>
        <ChatProvider options={options}>{children}</ChatProvider>
      </StrictMode>
    );
    const { result, rerender } = renderHook(() => ({ client: useChatClient(), chat: useChat(id) }), { wrapper });
    const first = result.current.client;
    expect(first.currentUser.username).toBe('ana');
    await eventually(() => expect(result.current.chat.status).toBe('open'));
    rerender();
    expect(result.current.client).toBe(first);
    expect(mock.openSockets({ chatId: id, userId: 'ana' })).toHaveLength(1);
    first.destroy();
  });

  it('follows a new `client` prop and uses the given query client', () => {
    const mock = startMock();
    const a = clientFor(mock, 'ana');
    const b = clientFor(mock, 'ben');
    const queryClient = testQueryClient();
    let client = a;
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <ChatProvider client={client} queryClient={queryClient}>
        {children}
      </ChatProvider>
    );
    const { result, rerender } = renderHook(() => useChatContext(), { wrapper });
    expect(result.current.client).toBe(a);
    expect(result.current.queryClient).toBe(queryClient);
    client = b;
    rerender();
    expect(result.current.client).toBe(b);
  });
});
