import { describe, expect, it } from 'vitest';
import { startServer } from '../../helpers/server.ts';
import type { Session } from '../../helpers/http.ts';
import { unknownId } from '../../helpers/names.ts';
import { chatWithUsers, history, sendMessage } from '../../helpers/fixtures.ts';
import { joinChat, type TestSocket } from '../../helpers/socket.ts';
import { expectMessage, refused } from '../../helpers/session-checks.ts';

describe('send_message', () => {
  it('reaches every member in the same seq order with every seed field, seq from 1 by 1', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);

    const plan: [TestSocket, Session, string][] = [
      [a, ana, 'one'],
      [b, ben, 'two'],
      [a, ana, 'three'],
      [b, ben, 'four'],
      [a, ana, 'five'],
    ];
    for (const [sock, , content] of plan) sock.send({ type: 'send_message', data: { content, client_id: `cid-${content}` } });

    const gotA = [];
    const gotB = [];
    for (let i = 0; i < plan.length; i += 1) {
      gotA.push(await a.next('new_message'));
      gotB.push(await b.next('new_message'));
    }
    expect(gotA.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(gotB).toEqual(gotA);
    for (const m of gotA) {
      const [, sender, content] = plan.find(([, , c]) => c === m.content)!;
      expectMessage(m, sender, chat.id, content);
      expect(m.client_id).toBe(`cid-${content}`);
      expect(m.updated_at).toBe(m.created_at);
    }
    expect(new Set(gotA.map((m) => m.id)).size).toBe(5);
    const stored = await history(server, ben, chat.id);
    expect(stored.messages.map((m) => m.id)).toEqual(gotA.map((m) => m.id));
  });

  it('defaults message_type to text and client_id to null', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    a.send({ type: 'send_message', data: { content: 'bare' } });
    const m = await a.next('new_message');
    expectMessage(m, users[0]!, chat.id, 'bare');
    expect(m.client_id).toBeNull();
    expect(m.seq).toBe(1);
  });

  it('delivers to every socket of the sender too (several tabs)', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const tab1 = await joinChat(server, users[0]!, chat.id);
    const tab2 = await joinChat(server, users[0]!, chat.id);
    const ack = await sendMessage(tab1, 'hi tabs');
    expect(await tab2.next('new_message')).toEqual(ack);
  });

  it('does not deliver to sockets of another chat', async () => {
    const server = await startServer();
    const one = await chatWithUsers(server, 2);
    const two = await chatWithUsers(server, 1);
    const a = await joinChat(server, one.users[0]!, one.chat.id);
    const elsewhere = await joinChat(server, two.users[0]!, two.chat.id);
    await sendMessage(a, 'only here');
    await elsewhere.expectNone('new_message', 150);
  });

  it('stores a repeated client_id once and answers the repeat on the sending socket only', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const a2 = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);

    const first = await sendMessage(a, 'once', { client_id: 'retry-1' });
    expect(await b.next('new_message')).toEqual(first);
    expect(await a2.next('new_message')).toEqual(first);

    a.send({ type: 'send_message', data: { content: 'once', client_id: 'retry-1' } });
    const repeat = await a.next('new_message');
    expect(repeat).toMatchObject({ id: first.id, seq: first.seq, client_id: 'retry-1', content: 'once' });

    // a later message proves the repeat would have reached b and a2 before it
    const later = await sendMessage(a, 'later', { client_id: 'later-1' });
    expect(later.seq).toBe(first.seq + 1);
    expect((await b.next('new_message')).client_id).toBe('later-1');
    expect((await a2.next('new_message')).client_id).toBe('later-1');
    await b.expectNone('new_message', 150);

    const stored = await history(server, ben, chat.id);
    expect(stored.messages.map((m) => m.client_id)).toEqual(['retry-1', 'later-1']);
  });

  it('treats the same client_id from another sender as a different message', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    const fromA = await sendMessage(a, 'a says', { client_id: 'shared' });
    const fromB = await sendMessage(b, 'b says', { client_id: 'shared' });
    expect(fromB.id).not.toBe(fromA.id);
    expect(fromB.seq).toBe(2);
  });

  it('stores replies with parent_message_id; an unknown parent → not_found, nothing stored', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    const parent = await sendMessage(a, 'question?');
    const reply = await sendMessage(b, 'answer', { parent_message_id: parent.id });
    expect(reply.parent_message_id).toBe(parent.id);
    expect((await a.next('new_message', { where: (d) => d.id === reply.id })).parent_message_id).toBe(parent.id);

    const err = await refused(b, {
      type: 'send_message',
      data: { content: 'orphan', parent_message_id: unknownId(), client_id: 'orphan-1' },
    });
    expect(err).toMatchObject({ code: 'not_found', frame_type: 'send_message', client_id: 'orphan-1' });
    expect(typeof err.message).toBe('string');

    // a parent from another chat is not in this chat
    const other = await chatWithUsers(server, 1);
    const o = await joinChat(server, other.users[0]!, other.chat.id);
    const foreign = await sendMessage(o, 'elsewhere');
    const err2 = await refused(b, {
      type: 'send_message',
      data: { content: 'cross', parent_message_id: foreign.id, client_id: 'cross-1' },
    });
    expect(err2).toMatchObject({ code: 'not_found', client_id: 'cross-1' });

    const stored = await history(server, users[0]!, chat.id);
    expect(stored.messages.map((m) => [m.content, m.parent_message_id])).toEqual([
      ['question?', null],
      ['answer', parent.id],
    ]);
  });

  it('sends content byte-identical: HTML, white space, emoji', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    const contents = [
      '<img src=x onerror=alert(1)>',
      '<script>alert("x")</script> &amp; &lt;b&gt;',
      '  padded\n\tlines  ',
      '**not markdown** [link](javascript:alert(1))',
      'emoji 👋🏽 and ü and 中文',
    ];
    for (const content of contents) {
      expect((await sendMessage(a, content)).content).toBe(content);
      expect((await b.next('new_message')).content).toBe(content);
    }
    const stored = await history(server, users[1]!, chat.id);
    expect(stored.messages.map((m) => m.content)).toEqual(contents);
  });
});
