import { describe, expect, it } from 'vitest';
import { unknownId } from '../../helpers/names.ts';
import { history, sendMessage, twoMembersInAChat } from '../../helpers/fixtures.ts';
import type { TestSocket } from '../../helpers/socket.ts';
import { refused } from '../../helpers/session-checks.ts';

async function react(sock: TestSocket, type: 'add_reaction' | 'remove_reaction', messageId: string, emoji: string) {
  const cid = `${type}-${emoji}-${Math.random()}`;
  sock.send({ type, data: { message_id: messageId, emoji, client_id: cid } });
  return sock.next('message_updated', { where: (d) => d.client_id === cid });
}

describe('add_reaction / remove_reaction', () => {
  it('groups by emoji in first-use order, users in reaction order, and broadcasts to every chat socket', async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    const m = await sendMessage(a, 'react to me');
    const first = await react(b, 'add_reaction', m.id, '👍');
    expect(first).toMatchObject({ user_id: ben.user.id, change: 'reaction', message: { id: m.id, rev: 2 } });
    expect((await a.next('message_updated')).message.rev).toBe(2);
    await react(a, 'add_reaction', m.id, '🎉');
    await react(a, 'add_reaction', m.id, '👍');
    const last = await react(b, 'add_reaction', m.id, '👨‍👩‍👧');
    expect(last.message.reactions).toEqual([
      { emoji: '👍', count: 2, user_ids: [ben.user.id, ana.user.id] },
      { emoji: '🎉', count: 1, user_ids: [ana.user.id] },
      { emoji: '👨‍👩‍👧', count: 1, user_ids: [ben.user.id] },
    ]);
    expect(last.message.rev).toBe(5);
    const removed = await react(a, 'remove_reaction', m.id, '🎉');
    expect(removed.message.reactions.map((r: any) => r.emoji)).toEqual(['👍', '👨‍👩‍👧']);
    expect((await history(server, ana, chat.id)).messages[0].reactions).toEqual(removed.message.reactions);
  });

  it('a reaction you already have, or removing one you lack, answers the sending socket only', async () => {
    const { a, b } = await twoMembersInAChat();
    const m = await sendMessage(a, 'x');
    const added = await react(a, 'add_reaction', m.id, '👍');
    await b.next('message_updated');
    const again = await react(a, 'add_reaction', m.id, '👍');
    expect(again.message.rev).toBe(added.message.rev);
    const missing = await react(a, 'remove_reaction', m.id, '🎉');
    expect(missing.message.rev).toBe(added.message.rev);
    await b.expectNone('message_updated', 150);
  });

  it('allows 20 distinct emoji; a 21st is limit_reached, an existing one still joins', async () => {
    const { ben, a, b } = await twoMembersInAChat();
    const m = await sendMessage(a, 'busy');
    for (let i = 0; i < 20; i += 1) await react(a, 'add_reaction', m.id, `e${i}`);
    const err = await refused(a, { type: 'add_reaction', data: { message_id: m.id, emoji: 'e20', client_id: 'over' } });
    expect(err).toMatchObject({ code: 'limit_reached', frame_type: 'add_reaction', client_id: 'over' });
    const joined = await react(b, 'add_reaction', m.id, 'e3');
    expect(joined.message.reactions).toHaveLength(20);
    expect(joined.message.reactions[3]).toEqual({ emoji: 'e3', count: 2, user_ids: [expect.any(String), ben.user.id] });
  });

  it('validates the emoji and the message', async () => {
    const { a } = await twoMembersInAChat();
    const m = await sendMessage(a, 'x');
    for (const emoji of ['', 'a b', 'x\n', '\u0007', '😀'.repeat(17)]) {
      expect((await refused(a, { type: 'add_reaction', data: { message_id: m.id, emoji } })).code, JSON.stringify(emoji)).toBe(
        'invalid_frame',
      );
    }
    expect((await refused(a, { type: 'add_reaction', data: { message_id: unknownId(), emoji: '👍' } })).code).toBe('not_found');
    a.send({ type: 'delete_message', data: { message_id: m.id } });
    await a.next('message_deleted');
    expect((await refused(a, { type: 'add_reaction', data: { message_id: m.id, emoji: '👍' } })).code).toBe('not_found');
  });
});
