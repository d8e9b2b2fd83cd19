import { renderHook } from '@testing-library/react';
import { useChat } from 'natter/react';
import { useChatMetrics } from 'natter/react/features';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

describe('useChatMetrics', () => {
  it('shows the client counters as frames flow, and errors by code', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }] });
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(
      () => {
        useChat(id);
        return useChatMetrics();
      },
      { wrapper: wrapperFor(client) },
    );
    expect(result.current).toMatchObject({ framesIn: 0, framesOut: 0, reconnects: 0, errors: {} });
    await eventually(() => expect(client.getConnection(id)?.status).toBe('open'));
    mock.failNextSend('forbidden');
    client.sendMessage(id, 'hello');
    await eventually(() => expect(result.current.errors).toEqual({ forbidden: 1 }));
    expect(result.current.framesIn).toBeGreaterThanOrEqual(2);
    expect(result.current.framesOut).toBe(1);
  });
});
