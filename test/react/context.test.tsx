import { renderHook } from '@testing-library/react';
import { useChat, useChatClient, useChatContext, useChatStore, useConnection, useDirectMessages, useReadReceipts, useTyping } from 'natter/react';
import { describe, expect, it, vi } from 'vitest';
import { installHookTest, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

describe('hooks outside ChatProvider', () => {
  it.each<[string, () => unknown]>([
    ['useChatContext', () => useChatContext()],
    ['useChatClient', () => useChatClient()],
    ['useChat', () => useChat('c1')],
    ['useTyping', () => useTyping('c1')],
    ['useReadReceipts', () => useReadReceipts('c1')],
    ['useConnection', () => useConnection()],
    ['useDirectMessages', () => useDirectMessages()],
    ['useChatStore', () => useChatStore((state) => state.chats)],
  ])('%s throws the clear error', (_name, hook) => {
    // React logs the error it rethrows; keep the output clean.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(hook)).toThrow('Natter hooks must be used inside <ChatProvider client={client}>');
    consoleError.mockRestore();
  });
});

describe('inside ChatProvider', () => {
  it('useChatClient returns the provider’s client and useChatContext its query client', () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => ({ client: useChatClient(), context: useChatContext() }), { wrapper: wrapperFor(client) });
    expect(result.current.client).toBe(client);
    expect(result.current.context.client).toBe(client);
    expect(result.current.context.queryClient).toBeDefined();
  });
});
