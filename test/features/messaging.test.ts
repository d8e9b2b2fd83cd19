import { describe, expect, it } from 'vitest';
import { editMessage } from 'natter/features';
import { message } from '../core/fixtures';
import { mine, newMessage, setup } from '../core/helpers/client-harness';

describe('changes to messages: the kernel applies everyone’s, natter/features sends the user’s own', () => {
  it('a client that never imported the feature still shows edits and deletions of others', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive({ type: 'message_updated', data: { message: message(1, { content: 'fixed', edited_at: '2026-01-01T00:01:00.000Z', rev: 7 }), user_id: 'bo', client_id: null, change: 'edit' } });
    expect(t.errors.map((e) => e.message)).toEqual([]);
    expect(t.slice().messages[0]).toMatchObject({ content: 'fixed', change: null });
    expect(t.slice().rev).toBe(7);
    socket.receive({ type: 'message_deleted', data: { message: message(1, { content: '', deleted_at: '2026-01-01T00:02:00.000Z', rev: 8 }), user_id: 'bo', client_id: null, change: 'delete' } });
    expect(t.slice().messages[0]).toMatchObject({ content: '', deleted_at: '2026-01-01T00:02:00.000Z' });
    expect(t.errors).toEqual([]);
  });

  it('attached to a chat already open, an edit goes out on its socket and its echo settles it', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(mine(1, 'k1', 'helo')));
    const opId = editMessage(t.client, 'c1', 'm1', 'hello');
    expect(t.slice().messages[0]).toMatchObject({ content: 'hello', change: 'edit' });
    expect(socket.sentOfType('edit_message').map((f) => f.data)).toEqual([{ message_id: 'm1', content: 'hello', client_id: opId }]);
    const edited = mine(1, 'k1', 'hello');
    socket.receive({ type: 'message_updated', data: { message: { ...edited, edited_at: '2026-01-01T00:01:00.000Z', rev: 2 }, user_id: edited.sender_id, client_id: opId, change: 'edit' } });
    expect(t.slice().messages[0]).toMatchObject({ content: 'hello', change: null });
    expect(t.slice().optimistic).toEqual({});
    expect(t.errors).toEqual([]);
  });
});
