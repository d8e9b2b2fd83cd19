// @vitest-environment node
// The reference server's JWT library refuses jsdom's realm (its Uint8Array), so these run in Node.
import { describe } from 'vitest';
import { chatPath, installParity, twoInAChat, twoUsersAndAChat } from './parity-harness';

const { parity } = installParity();

describe('parity: messages', () => {
  parity('connect frames, presence on connect, and a created chat', async (w) => {
    const t = await twoInAChat(w);
    return { created: t.created, anaChat: t.anaChat.frames, benChat: t.benChat.frames, anaHome: t.anaHome.frames, benHome: t.benHome.frames };
  });

  parity('send → new_message echo, chat_activity, delivered, chat_read; a repeated client_id answers the stored copy', async (w) => {
    const t = await twoInAChat(w);
    const marks = [t.anaChat, t.benChat, t.anaHome, t.benHome].map((s) => s.frames.length);
    t.anaChat.send({ type: 'send_message', data: { content: 'hello', client_id: 'c1' } });
    await w.quiet();
    t.anaChat.send({ type: 'send_message', data: { content: 'hello again?', client_id: 'c1' } });
    await w.quiet();
    t.benChat.send({ type: 'send_message', data: { content: 'hi', client_id: 'c1' } });
    await w.quiet();
    const history = await w.rest(`/api/v1/chats/${t.chatId}/messages`, { token: t.ana.access_token });
    const chats = await w.rest('/api/v1/chats', { token: t.ben.access_token });
    return {
      frames: [t.anaChat, t.benChat, t.anaHome, t.benHome].map((s, i) => s.frames.slice(marks[i])),
      history,
      chats,
    };
  });

  parity('a message sent while Ben is away is delivered when he connects; delivered_seq tells a reconnecting sender', async (w) => {
    const t = await twoUsersAndAChat(w);
    const anaChat = await t.openQuietly(chatPath(t.chatId), t.ana.access_token);
    anaChat.send({ type: 'send_message', data: { content: 'while you were out', client_id: 'c1' } });
    await w.quiet();
    const benChat = await t.openQuietly(chatPath(t.chatId), t.ben.access_token);
    anaChat.send({ type: 'send_message', data: { content: 'now you are here', client_id: 'c2' } });
    await w.quiet();
    const anaAgain = await t.openQuietly(chatPath(t.chatId), t.ana.access_token);
    return { anaChat: anaChat.frames, benChat: benChat.frames, anaAgain: anaAgain.frames };
  });

  parity('direct messages over the personal socket: a direct chat created, both personal sockets, repeat on the sender only', async (w) => {
    const t = await twoInAChat(w);
    t.anaHome.send({ type: 'direct_message', data: { content: 'psst', recipient_id: t.ben.user.id, client_id: 'd1' } });
    await w.quiet();
    const first = t.since();
    t.anaHome.send({ type: 'direct_message', data: { content: 'psst', recipient_id: t.ben.user.id, client_id: 'd1' } });
    await w.quiet();
    const repeat = t.since();
    const dmId = first.anaHome[0]?.data.chat_id as string;
    const benDm = await t.openQuietly(chatPath(dmId), t.ben.access_token);
    benDm.send({ type: 'direct_message', data: { content: 'yes?', recipient_id: t.ana.user.id, client_id: 'd2' } });
    await w.quiet();
    const reply = t.since();
    // A direct_message into the group chat over the personal socket names the chat.
    t.anaHome.send({ type: 'direct_message', data: { content: 'in team', recipient_id: t.ben.user.id, chat_id: t.chatId } });
    await w.quiet();
    const intoGroup = t.since();
    const chats = await w.rest('/api/v1/chats', { token: t.ben.access_token });
    const direct = await w.rest('/api/v1/chats/direct', { method: 'POST', token: t.ben.access_token, body: { user_id: t.ana.user.id } });
    return { first, repeat, benDm: benDm.frames, reply, intoGroup, chats, direct };
  });

  parity('typing is relayed to the others only; ping answers pong', async (w) => {
    const t = await twoInAChat(w);
    t.anaChat.send({ type: 'typing_indicator', data: { is_typing: true, user_id: 'someone-else' } });
    await w.quiet();
    t.anaChat.send({ type: 'typing_indicator', data: { is_typing: false } });
    t.benChat.send({ type: 'ping', data: { ts: 42 } });
    t.benHome.send({ type: 'ping' });
    await w.quiet();
    return t.since();
  });

  parity('read receipts: relayed once, a repeat answered to the reader only, own message silent; chat_read and unread_count', async (w) => {
    const t = await twoInAChat(w);
    for (const content of ['one', 'two', 'three']) {
      t.anaChat.send({ type: 'send_message', data: { content } });
      await w.quiet();
    }
    t.benChat.send({ type: 'send_message', data: { content: 'mine' } });
    await w.quiet();
    const sent = t.since();
    const ids = sent.benChat.filter((f) => f.type === 'new_message').map((f) => f.data.id as string);
    t.benChat.send({ type: 'read_receipt', data: { message_id: ids[0], user_id: 'ignored' } });
    await w.quiet();
    const first = t.since();
    t.benChat.send({ type: 'read_receipt', data: { message_id: ids[0] } });
    t.benChat.send({ type: 'read_receipt', data: { message_id: ids[3] } });
    await w.quiet();
    const repeatAndOwn = t.since();
    const chatsBefore = await w.rest('/api/v1/chats', { token: t.ben.access_token });
    // Ana deletes her unread 'three': Ben's unread count drops, his last_read_seq stays.
    t.anaChat.send({ type: 'delete_message', data: { message_id: ids[2], client_id: 'x1' } });
    await w.quiet();
    const afterDelete = t.since();
    const chatsAfter = await w.rest('/api/v1/chats', { token: t.ben.access_token });
    const one = await w.rest(`/api/v1/chats/${t.chatId}/messages/${ids[0]}`, { token: t.ana.access_token });
    return { first, repeatAndOwn, chatsBefore, afterDelete, chatsAfter, one };
  });
});
