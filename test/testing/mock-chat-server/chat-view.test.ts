import { describe, expect, it } from 'vitest';
import { connect, installMockServer, personalPath, rest } from '../msw';

const { startMock } = installMockServer();

describe('chats with unread_count (docs/protocol.md 9.8)', () => {
  it('counts live messages of others after the caller’s last_read_seq; sending moves it', async () => {
    const mock = startMock();
    const token = mock.sessionFor('ana').access_token;
    const unread = async () => (await rest('/api/v1/chats', { token })).body.chats.find((c: any) => c.name === 'general');
    expect(await unread()).toMatchObject({ unread_count: 0, last_read_seq: 0 });
    const first = mock.addMessage('general', { from: 'ben', content: 'one' });
    const second = mock.addMessage('general', { from: 'ben', content: 'two' });
    mock.addMessage('general', { from: 'ben', content: 'three' });
    expect(await unread()).toMatchObject({ unread_count: 3, last_read_seq: 0 });
    mock.deleteMessage('general', second.id);
    expect((await unread()).unread_count).toBe(2);
    mock.addReceipt(first.id, 'ana');
    expect(await unread()).toMatchObject({ unread_count: 1, last_read_seq: 1 });
    expect(mock.chatFor('general', 'ben')).toMatchObject({ unread_count: 0, last_read_seq: 3 });
    mock.addMessage('general', { from: 'ana', content: 'caught up' });
    expect(await unread()).toMatchObject({ unread_count: 0, last_read_seq: 4 });
    expect((await rest(`/api/v1/chats/${mock.chat('general').id}`, { token })).body).toMatchObject({ unread_count: 0, last_seq: 4 });
    expect(mock.chat('general')).not.toHaveProperty('unread_count');
  });

  it('scripts a read position with markRead (back as well as forward), telling the user’s personal sockets', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 10 }] });
    expect(mock.chatFor('general', 'ana')).toMatchObject({ last_read_seq: 9, unread_count: 1 });
    const personal = await connect(mock, personalPath(mock.user('ana').id), 'ana');
    mock.markRead('general', 'ana', 4);
    expect((await personal.next('chat_read')).data).toEqual({ chat_id: mock.chat('general').id, last_read_seq: 4, unread_count: 3 });
    expect(mock.chatFor('general', 'ana')).toMatchObject({ last_read_seq: 4, unread_count: 3 });
    expect(() => mock.markRead('general', 'ana', 11)).toThrow(/seq 11 is not in 0..10/);
    expect(() => mock.markRead('general', 'cy', 1)).toThrow(/cy is not a member/);
  });
});
