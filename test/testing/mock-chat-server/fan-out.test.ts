import { describe, expect, it, vi } from 'vitest';
import { chatPath, connect, installMockServer, personalPath, settle } from '../msw';

const { startMock } = installMockServer();

describe('personal socket: chat_activity and chat_read (docs/protocol.md 9.8)', () => {
  it('sends chat_activity for every message of every chat of the member, theirs included, and chat_read to the sender', async () => {
    const mock = startMock();
    const anaPersonal = await connect(mock, personalPath(mock.user('ana').id), 'ana');
    const benPersonal = await connect(mock, personalPath(mock.user('ben').id), 'ben');
    const anaChat = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    anaChat.send({ type: 'send_message', data: { content: 'hello', client_id: 'c' } });
    const activity = (await benPersonal.next('chat_activity')).data;
    expect(activity).toMatchObject({ content: 'hello', chat_id: mock.chat('general').id, client_id: 'c', seq: 1, rev: 1 });
    expect((await anaPersonal.next('chat_activity')).data).toEqual(activity);
    expect((await anaPersonal.next('chat_read')).data).toEqual({ chat_id: mock.chat('general').id, last_read_seq: 1, unread_count: 0 });
    // Ben received it on his personal socket: Ana's message is delivered.
    expect((await anaChat.next('delivered')).data).toMatchObject({ seq: 1, user_ids: [mock.user('ben').id] });
    mock.addMessage('private', { from: 'cy', content: 'not for ana' });
    await vi.waitFor(() => expect(benPersonal.frames.filter((f) => f.type === 'chat_activity')).toHaveLength(2));
    await settle();
    expect(anaPersonal.frames.filter((f) => f.type === 'chat_activity')).toHaveLength(1);
    expect(benPersonal.frames.some((f) => f.type === 'chat_read')).toBe(false);
  });

  it('sends chat_read with the unread count left when a read receipt moves last_read_seq', async () => {
    const mock = startMock();
    const [first, second] = [mock.addMessage('general', { from: 'ana', content: 'one' }), mock.addMessage('general', { from: 'ana', content: 'two' })];
    const benPersonal = await connect(mock, personalPath(mock.user('ben').id), 'ben');
    const benChat = await connect(mock, chatPath(mock.chat('general').id), 'ben');
    expect(benChat.frames[0]!.data).toMatchObject({ last_read_seq: 0, last_rev: 2, last_seq: 2 });
    benChat.send({ type: 'read_receipt', data: { message_id: first.id } });
    expect((await benPersonal.next('chat_read')).data).toEqual({ chat_id: mock.chat('general').id, last_read_seq: 1, unread_count: 1 });
    mock.addReceipt(second.id, 'ben');
    await vi.waitFor(() => expect(benPersonal.frames.filter((f) => f.type === 'chat_read').at(-1)?.data).toMatchObject({ last_read_seq: 2, unread_count: 0 }));
  });
});
