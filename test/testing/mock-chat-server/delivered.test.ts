import { selectChat } from 'natter';
import { describe, expect, it, vi } from 'vitest';
import { chatPath, connect, installMockServer } from '../msw';

const { startMock, clientFor } = installMockServer();

describe('delivered, as the reference server', () => {
  it('tells the sender which online members received a message, so its status turns delivered', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben', 'cy'] }] });
    const { id } = mock.chat('general');
    const ana = clientFor(mock, 'ana');
    const ben = clientFor(mock, 'ben');
    ana.joinChat(id);
    await vi.waitFor(() => expect(ana.getConnection(id)?.status).toBe('open'));
    const alone = ana.sendMessage(id, 'anyone?');
    await vi.waitFor(() => expect(selectChat(ana.store.getState(), id).messages[0]).toMatchObject({ key: alone, status: 'sent' }));
    ben.joinChat(id);
    await vi.waitFor(() => expect(ben.getConnection(id)?.status).toBe('open'));
    const seen = ana.sendMessage(id, 'hi ben');
    await vi.waitFor(() => expect(selectChat(ana.store.getState(), id).messages.find((m) => m.key === seen)?.status).toBe('delivered'));
    const frames = mock.receivedData('send_message');
    expect(frames).toHaveLength(2);
  });

  it('turns a message delivered when its reader connects later, and tells a reconnecting sender through delivered_seq', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const ana = clientFor(mock, 'ana');
    ana.joinChat(id);
    await vi.waitFor(() => expect(ana.getConnection(id)?.status).toBe('open'));
    const key = ana.sendMessage(id, 'while you were out');
    await vi.waitFor(() => expect(selectChat(ana.store.getState(), id).messages[0]).toMatchObject({ key, status: 'sent' }));
    const ben = clientFor(mock, 'ben');
    ben.joinChat(id);
    await vi.waitFor(() => expect(selectChat(ana.store.getState(), id).messages[0]).toMatchObject({ key, status: 'delivered' }));
    // Ana's next socket learns it from `connected.delivered_seq`.
    expect((await connect(mock, chatPath(id), 'ana')).frames[0]!.data).toMatchObject({ delivered_seq: 1, last_seq: 1 });
  });
});
