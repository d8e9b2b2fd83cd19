import { describe, expect, it } from 'vitest';
import { api, expectError } from '../../helpers/http.ts';
import { unknownId } from '../../helpers/names.ts';
import { history, sendMessage, twoMembersInAChat } from '../../helpers/fixtures.ts';

describe('replies and threads', () => {
  it('a reply bumps the parent: message_updated "reply" follows the reply’s new_message', async () => {
    const { ben, a, b } = await twoMembersInAChat();
    const parent = await sendMessage(a, 'question');
    const reply = await sendMessage(b, 'answer', { parent_message_id: parent.id, client_id: 'r1' });
    expect(reply).toMatchObject({ parent_message_id: parent.id, rev: 2, seq: 2 });
    const update = await a.next('message_updated');
    expect(update).toMatchObject({ change: 'reply', user_id: ben.user.id, client_id: 'r1' });
    expect(update.message).toMatchObject({ id: parent.id, reply_count: 1, last_reply_at: reply.created_at, rev: 3 });
    const types = a.frames.map((f) => f.type).filter((t) => t === 'new_message' || t === 'message_updated');
    expect(types).toEqual(['new_message', 'new_message', 'message_updated']);
  });

  it('deleting a reply lowers the parent’s reply_count with message_updated "reply"; a tombstone keeps its replies', async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    const parent = await sendMessage(a, 'root');
    const r1 = await sendMessage(b, 'one', { parent_message_id: parent.id });
    const r2 = await sendMessage(b, 'two', { parent_message_id: parent.id });
    await a.next('message_updated');
    await a.next('message_updated');
    b.send({ type: 'delete_message', data: { message_id: r2.id, client_id: 'del' } });
    expect((await a.next('message_deleted')).message.id).toBe(r2.id);
    const update = await a.next('message_updated');
    expect(update).toMatchObject({ change: 'reply', user_id: ben.user.id, client_id: 'del' });
    expect(update.message).toMatchObject({ id: parent.id, reply_count: 1, last_reply_at: r1.created_at });

    a.send({ type: 'delete_message', data: { message_id: parent.id } });
    await a.next('message_deleted');
    // a tombstone can still be replied to, and keeps its count
    const r3 = await sendMessage(b, 'three', { parent_message_id: parent.id });
    const after = await a.next('message_updated', { where: (d) => d.change === 'reply' });
    expect(after.message).toMatchObject({ id: parent.id, deleted_at: expect.any(String), content: '', reply_count: 2 });
    const thread = await history(server, ana, chat.id, `?parent_id=${parent.id}`);
    expect(thread.messages.map((m) => m.id)).toEqual([r1.id, r2.id, r3.id]);
    expect(thread.messages[1].deleted_at).not.toBeNull();
  });

  it('?parent_id= pages one thread with before/after/limit; unknown parent → 404', async () => {
    const { server, ana, chat, a, b } = await twoMembersInAChat();
    const parent = await sendMessage(a, 'root');
    const other = await sendMessage(a, 'other root');
    const replies = [];
    for (let i = 0; i < 5; i += 1) {
      replies.push(await sendMessage(b, `r${i}`, { parent_message_id: parent.id }));
      await sendMessage(b, `noise ${i}`, { parent_message_id: other.id });
    }
    const newest = await history(server, ana, chat.id, `?parent_id=${parent.id}&limit=2`);
    expect(newest.messages.map((m) => m.content)).toEqual(['r3', 'r4']);
    expect(newest.has_more).toBe(true);
    const older = await history(server, ana, chat.id, `?parent_id=${parent.id}&limit=2&before=${newest.messages[0].seq}`);
    expect(older.messages.map((m) => m.content)).toEqual(['r1', 'r2']);
    const forward = await history(server, ana, chat.id, `?parent_id=${parent.id}&after=${replies[2].seq}`);
    expect(forward.messages.map((m) => m.content)).toEqual(['r3', 'r4']);
    expect(forward.has_more).toBe(false);
    const res = await api(server, ana.access_token, 'GET', `/api/v1/chats/${chat.id}/messages?parent_id=${unknownId()}`);
    expectError(res, 404, 'not_found');
  });
});
