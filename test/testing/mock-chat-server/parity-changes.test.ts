// @vitest-environment node
// The reference server's JWT library refuses jsdom's realm (its Uint8Array), so these run in Node.
import { describe } from 'vitest';
import { installParity, twoInAChat, type Wire } from './parity-harness';

const { parity } = installParity();

/** Sends `frame` on `sock`, waits for the fan-out, returns what every socket got. */
async function step(w: Wire, t: Awaited<ReturnType<typeof twoInAChat>>, sock: 'anaChat' | 'benChat' | 'anaHome' | 'benHome', frame: unknown) {
  (t[sock] as { send(frame: unknown): void }).send(frame);
  await w.quiet();
  return t.since();
}

describe('parity: edits, deletions, reactions, replies', () => {
  parity('edit, no-op edit, reactions (add, repeat, remove, remove missing), reply and its deletion, delete twice', async (w) => {
    const t = await twoInAChat(w);
    const sent = await step(w, t, 'anaChat', { type: 'send_message', data: { content: 'hello @ben', client_id: 's1' } });
    const id = sent.anaChat.find((f) => f.type === 'new_message')!.data.id as string;
    const out: Record<string, unknown> = { sent };
    out.edit = await step(w, t, 'anaChat', { type: 'edit_message', data: { message_id: id, content: 'hello there', client_id: 'e1' } });
    out.sameEdit = await step(w, t, 'anaChat', { type: 'edit_message', data: { message_id: id, content: 'hello there', client_id: 'e2' } });
    out.react = await step(w, t, 'benChat', { type: 'add_reaction', data: { message_id: id, emoji: '👍', client_id: 'r1' } });
    out.reactAgain = await step(w, t, 'benChat', { type: 'add_reaction', data: { message_id: id, emoji: '👍', client_id: 'r2' } });
    out.anaReacts = await step(w, t, 'anaChat', { type: 'add_reaction', data: { message_id: id, emoji: '👍' } });
    out.unreact = await step(w, t, 'benChat', { type: 'remove_reaction', data: { message_id: id, emoji: '👍', client_id: 'r3' } });
    out.unreactMissing = await step(w, t, 'benChat', { type: 'remove_reaction', data: { message_id: id, emoji: '🎉', client_id: 'r4' } });
    out.reply = await step(w, t, 'benChat', { type: 'send_message', data: { content: 'a reply', parent_message_id: id, client_id: 'p1' } });
    const replyId = (out.reply as any).benChat.find((f: any) => f.type === 'new_message').data.id as string;
    out.thread = await w.rest(`/api/v1/chats/${t.chatId}/messages?parent_id=${id}`, { token: t.ana.access_token });
    out.deleteReply = await step(w, t, 'benChat', { type: 'delete_message', data: { message_id: replyId, client_id: 'x1' } });
    out.deleteAgain = await step(w, t, 'benChat', { type: 'delete_message', data: { message_id: replyId, client_id: 'x2' } });
    out.editDeleted = await step(w, t, 'benChat', { type: 'edit_message', data: { message_id: replyId, content: 'back', client_id: 'x3' } });
    out.reactDeleted = await step(w, t, 'anaChat', { type: 'add_reaction', data: { message_id: replyId, emoji: '👍', client_id: 'x4' } });
    out.notAuthor = await step(w, t, 'benChat', { type: 'edit_message', data: { message_id: id, content: 'mine now', client_id: 'x5' } });
    out.notAuthorDelete = await step(w, t, 'benChat', { type: 'delete_message', data: { message_id: id, client_id: 'x6' } });
    out.changed = await w.rest(`/api/v1/chats/${t.chatId}/messages?changed_after=2`, { token: t.ana.access_token });
    out.history = await w.rest(`/api/v1/chats/${t.chatId}/messages`, { token: t.ana.access_token });
    return out;
  });

  parity('deleting the newest message: chat_activity with the tombstone; an edit of an older message sends none', async (w) => {
    const t = await twoInAChat(w);
    const a = await step(w, t, 'anaChat', { type: 'send_message', data: { content: 'first' } });
    const b = await step(w, t, 'anaChat', { type: 'send_message', data: { content: 'second' } });
    const first = a.anaChat.find((f) => f.type === 'new_message')!.data.id as string;
    const second = b.anaChat.find((f) => f.type === 'new_message')!.data.id as string;
    const editOld = await step(w, t, 'anaChat', { type: 'edit_message', data: { message_id: first, content: 'first!' } });
    const deleteNewest = await step(w, t, 'anaChat', { type: 'delete_message', data: { message_id: second } });
    const chats = await w.rest('/api/v1/chats', { token: t.ben.access_token });
    return { editOld, deleteNewest, chats };
  });

  parity('the 20-emoji limit and emoji validation', async (w) => {
    const t = await twoInAChat(w);
    const sent = await step(w, t, 'anaChat', { type: 'send_message', data: { content: 'react to me' } });
    const id = sent.anaChat.find((f) => f.type === 'new_message')!.data.id as string;
    const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂'];
    for (const e of emoji) t.benChat.send({ type: 'add_reaction', data: { message_id: id, emoji: e } });
    await w.quiet();
    t.since();
    const over = await step(w, t, 'benChat', { type: 'add_reaction', data: { message_id: id, emoji: '🤗', client_id: 'l1' } });
    const spaced = await step(w, t, 'benChat', { type: 'add_reaction', data: { message_id: id, emoji: 'a b', client_id: 'l2' } });
    const empty = await step(w, t, 'benChat', { type: 'add_reaction', data: { message_id: id, emoji: '', client_id: 'l3' } });
    return { over, spaced, empty };
  });

  parity('edit and reaction refusals: empty or oversized content, unknown or foreign messages', async (w) => {
    const t = await twoInAChat(w);
    const other = await w.rest('/api/v1/chats', { method: 'POST', token: t.ana.access_token, body: { name: 'Other', member_ids: [] } });
    const elsewhere = await t.openQuietly(`/api/v1/ws/chat/${other.body.id}`, t.ana.access_token);
    elsewhere.send({ type: 'send_message', data: { content: 'in another chat' } });
    await w.quiet();
    const foreign = elsewhere.of('new_message')[0].id as string;
    const sent = await step(w, t, 'anaChat', { type: 'send_message', data: { content: 'edit me' } });
    const id = sent.anaChat.find((f) => f.type === 'new_message')!.data.id as string;
    const out: unknown[] = [];
    for (const frame of [
      { type: 'edit_message', data: { message_id: id, content: '', client_id: 'e1' } },
      { type: 'edit_message', data: { message_id: id, content: '  ', client_id: 'e2' } },
      { type: 'edit_message', data: { message_id: id, content: 'x'.repeat(16 * 1024 + 1), client_id: 'e3' } },
      { type: 'edit_message', data: { message_id: foreign, content: 'mine', client_id: 'e4' } },
      { type: 'delete_message', data: { message_id: foreign, client_id: 'e5' } },
      { type: 'add_reaction', data: { message_id: foreign, emoji: '👍', client_id: 'e6' } },
      { type: 'read_receipt', data: { message_id: foreign } },
      { type: 'send_message', data: { content: 'reply elsewhere', parent_message_id: foreign, client_id: 'e7' } },
      { type: 'edit_message', data: { message_id: id, client_id: 'e8' } },
      { type: 'add_reaction', data: { message_id: id, client_id: 'e9' } },
    ]) {
      out.push(await step(w, t, 'anaChat', frame));
    }
    return out;
  });

  parity('a frame over 64 KiB closes the socket with 1009', async (w) => {
    const t = await twoInAChat(w);
    t.anaChat.send({ type: 'send_message', data: { content: 'x'.repeat(70 * 1024) } });
    await w.quiet();
    return { frames: t.since(), closed: t.anaChat.closed?.code };
  });

  parity('odd corners: receipts out of order and on tombstones, reactions on tombstones, replies to replies and tombstones', async (w) => {
    const t = await twoInAChat(w);
    for (const content of ['one', 'two', 'three']) await step(w, t, 'anaChat', { type: 'send_message', data: { content } });
    const ids = (await w.rest(`/api/v1/chats/${t.chatId}/messages`, { token: t.ben.access_token })).body.messages.map((m: { id: string }) => m.id) as string[];
    const out: unknown[] = [];
    out.push(await step(w, t, 'anaChat', { type: 'add_reaction', data: { message_id: ids[2], emoji: '🎉' } }));
    out.push(await step(w, t, 'benChat', { type: 'add_reaction', data: { message_id: ids[2], emoji: '🎉' } }));
    out.push(await step(w, t, 'benChat', { type: 'read_receipt', data: { message_id: ids[1] } }));
    out.push(await step(w, t, 'benChat', { type: 'read_receipt', data: { message_id: ids[0] } }));
    out.push(await step(w, t, 'anaChat', { type: 'delete_message', data: { message_id: ids[2] } }));
    out.push(await step(w, t, 'benChat', { type: 'read_receipt', data: { message_id: ids[2] } }));
    out.push(await step(w, t, 'benChat', { type: 'remove_reaction', data: { message_id: ids[2], emoji: '🎉', client_id: 'rr' } }));
    out.push(await step(w, t, 'benChat', { type: 'send_message', data: { content: 'to a tombstone', parent_message_id: ids[2], client_id: 'p1' } }));
    out.push(await step(w, t, 'benChat', { type: 'send_message', data: { content: 'to one', parent_message_id: ids[0], client_id: 'p2' } }));
    const reply = (out.at(-1) as any).benChat.find((f: any) => f.type === 'new_message').data.id as string;
    out.push(await step(w, t, 'anaChat', { type: 'send_message', data: { content: 'to the reply', parent_message_id: reply, client_id: 'p3' } }));
    out.push(await w.rest(`/api/v1/chats/${t.chatId}/messages?parent_id=${ids[0]}`, { token: t.ben.access_token }));
    out.push(await w.rest('/api/v1/chats', { token: t.ben.access_token }));
    out.push(await w.rest(`/api/v1/chats/${t.chatId}`, { token: t.ana.access_token }));
    return out;
  });
});
