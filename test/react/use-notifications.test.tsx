import { act, renderHook } from '@testing-library/react';
import { useNotifications } from 'natter/react/features';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

describe('useNotifications', () => {
  it('raises one for a direct message and one for a mention in a chat not on screen; dismiss and clear remove them', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }, { name: 'team', members: ['ana', 'ben', 'cy'] }] });
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useNotifications(), { wrapper: wrapperFor(client) });
    await eventually(() => expect(client.getConnection('personal')?.status).toBe('open'));
    const direct = mock.directChat('ana', 'ben');
    act(() => {
      mock.addMessage(direct.id, { from: 'ben', content: 'psst' });
      mock.addMessage('team', { from: 'cy', content: 'no mention here' });
      mock.addMessage('team', { from: 'cy', content: 'hey @ana, look' });
    });
    await eventually(() => expect(result.current.notifications.map((n) => [n.kind, n.message.content])).toEqual([
      ['direct_message', 'psst'],
      ['mention', 'hey @ana, look'],
    ]));
    const [dm, mention] = result.current.notifications;
    expect(dm).toMatchObject({ chat_id: direct.id, id: dm!.message.id });
    expect(mention!.chat_id).toBe(mock.chat('team').id);
    act(() => result.current.dismiss(dm!.id));
    expect(result.current.notifications.map((n) => n.id)).toEqual([mention!.id]);
    act(() => result.current.clear(mock.chat('general').id));
    expect(result.current.notifications).toHaveLength(1);
    act(() => result.current.clear());
    expect(result.current.notifications).toEqual([]);
  });

  it('raises nothing for your own messages, nor for a chat on screen', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useNotifications(), { wrapper: wrapperFor(client) });
    const generalId = mock.chat('general').id;
    client.joinChat(generalId);
    await eventually(() => expect(client.getConnection('personal')?.status).toBe('open'));
    await eventually(() => expect(client.getConnection(generalId)?.status).toBe('open'));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: '@ana you are looking at this' });
      mock.addMessage(mock.directChat('ana', 'ben').id, { from: 'ana', content: 'my own' });
    });
    await settle(60);
    expect(result.current.notifications).toEqual([]);
  });
});
