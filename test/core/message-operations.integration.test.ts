import { describe, expect, it } from 'vitest';
import { selectChat, type ChatClient, type ChatMessage } from 'natter';
import { createHarness, errorsOf, twoInOneChat, waitFor } from './helpers/server';
import { addReaction, deleteMessage, editMessage, loadThread, toggleReaction } from 'natter/features';

/** Two users edit, delete, react and reply against the reference server; both stores converge (docs/protocol.md §9). */

const slice = (client: ChatClient, chatId: string) => selectChat(client.store.getState(), chatId);
const byContent = (client: ChatClient, chatId: string, content: string) => slice(client, chatId).messages.find((m) => m.content === content && m.id !== null);
/** What both sides must agree on: everything the server decides, nothing local (key, status). */
const shared = (m: ChatMessage) => ({
  id: m.id,
  seq: m.seq,
  content: m.content,
  edited_at: m.edited_at,
  deleted_at: m.deleted_at,
  reactions: m.reactions,
  reply_count: m.reply_count,
  parent_message_id: m.parent_message_id,
  rev: m.rev,
  change: m.change,
});
describe('message operations against the reference server', () => {
  it('edits, deletions, reactions and replies from both sides converge in both stores', async () => {
    const h = createHarness();
    const { a, b, ana, bo, chatId } = await twoInOneChat(h);
    const errors = [...[a, b].map(errorsOf)];
    a.sendMessage(chatId, 'hello @' + bo.user.username);
    b.sendMessage(chatId, 'second');
    await waitFor(() => {
      expect(byContent(b, chatId, 'second')).toBeDefined();
      expect(byContent(a, chatId, 'second')).toBeDefined();
      expect(byContent(b, chatId, `hello @${bo.user.username}`)).toBeDefined();
    });
    const first = byContent(a, chatId, `hello @${bo.user.username}`)!.id!;
    const second = byContent(a, chatId, 'second')!.id!;

    editMessage(a, chatId, first, 'hello there');
    toggleReaction(b, chatId, first, '👍');
    toggleReaction(a, chatId, first, '👍');
    addReaction(a, chatId, second, '🎉');
    b.sendMessage(chatId, 'a reply', { parentMessageId: first });
    deleteMessage(b, chatId, second);

    const settled = (client: ChatClient) => {
      const messages = slice(client, chatId).messages;
      expect(messages).toHaveLength(3);
      expect(messages.every((m) => m.change === null && m.status !== 'pending')).toBe(true);
      expect(messages[0]).toMatchObject({ content: 'hello there', edited_at: expect.any(String), reply_count: 1 });
      expect(messages[0]!.reactions).toEqual([{ emoji: '👍', count: 2, user_ids: expect.arrayContaining([ana.user.id, bo.user.id]) }]);
      expect(messages[1]).toMatchObject({ content: '', deleted_at: expect.any(String), reactions: [] });
      expect(messages[2]).toMatchObject({ content: 'a reply', parent_message_id: first });
    };
    await waitFor(() => {
      settled(a);
      settled(b);
    });
    expect(slice(a, chatId).messages.map(shared)).toEqual(slice(b, chatId).messages.map(shared));
    // The reaction on the deleted message was refused or wiped: either way nobody sees it.
    expect(errors[1]).toEqual([]);

    // A thread loaded on A has the reply; a new reply from B lands in it live.
    await loadThread(a, chatId, first);
    expect(slice(a, chatId).threads[first]!.replies.map((m) => m.content)).toEqual(['a reply']);
    b.sendMessage(chatId, 'another reply', { parentMessageId: first });
    await waitFor(() => expect(slice(a, chatId).threads[first]!.replies.map((m) => m.content)).toEqual(['a reply', 'another reply']));
    await waitFor(() => expect(slice(a, chatId).messages[0]!.reply_count).toBe(2));

    // Both watermarks reached the server's revision.
    const page = await a.rest.history(chatId, { limit: 1 });
    await waitFor(() => {
      expect(slice(a, chatId).rev).toBe(page.last_rev);
      expect(slice(b, chatId).rev).toBe(page.last_rev);
    });
  });

  it('changes made while a client is away are caught up on reconnect (?changed_after=)', async () => {
    const h = createHarness();
    const { a, b, chatId } = await twoInOneChat(h);
    a.sendMessage(chatId, 'will change');
    await waitFor(() => expect(byContent(b, chatId, 'will change')).toBeDefined());
    const id = byContent(a, chatId, 'will change')!.id!;
    b.disconnect(chatId);
    await waitFor(() => expect(b.getConnection(chatId)?.status).not.toBe('open'));
    editMessage(a, chatId, id, 'changed while away');
    addReaction(a, chatId, id, '👀');
    await waitFor(() => expect(slice(a, chatId).messages[0]).toMatchObject({ change: null, reactions: [{ emoji: '👀', count: 1 }] }));
    b.reconnect(chatId);
    await waitFor(() => expect(slice(b, chatId).messages[0]).toMatchObject({ content: 'changed while away', reactions: [{ emoji: '👀', count: 1 }] }));
    expect(shared(slice(b, chatId).messages[0]!)).toEqual(shared(slice(a, chatId).messages[0]!));
  });

  it('a refused change (editing someone else’s message is caught locally; the server refuses a bad one) rolls back', async () => {
    const h = createHarness();
    const { a, b, chatId } = await twoInOneChat(h);
    const errors = errorsOf(b);
    a.sendMessage(chatId, 'mine');
    await waitFor(() => expect(byContent(b, chatId, 'mine')).toBeDefined());
    const id = byContent(b, chatId, 'mine')!.id!;
    expect(() => editMessage(b, chatId, id, 'hijack')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    // 21 distinct emoji: the server keeps 20 and refuses the last with limit_reached.
    const emoji = Array.from({ length: 21 }, (_, i) => String.fromCodePoint(0x1f600 + i));
    for (const e of emoji) addReaction(b, chatId, id, e);
    await waitFor(() => expect(errors.map((e) => e.code)).toContain('limit_reached'));
    await waitFor(() => {
      const held = byContent(b, chatId, 'mine')!;
      expect(held.change).toBeNull();
      expect(held.reactions).toHaveLength(20);
    });
    await waitFor(() => expect(byContent(a, chatId, 'mine')!.reactions).toHaveLength(20));
  });
});
