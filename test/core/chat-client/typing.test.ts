import { describe, expect, it } from 'vitest';
import type { ServerFrame } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { connected, message } from '../fixtures';
import { BO, ME, newMessage, setup } from '../helpers/client-harness';

describe('createChatClient: typing', () => {
  const typing = (userId: string, isTyping: boolean): ServerFrame => ({
    type: 'typing_indicator',
    data: { user_id: userId, is_typing: isTyping, chat_id: 'c1', username: `${userId}-name` },
  });

  it('someone typing shows in slice.typing and expires after 5 s without a refresh', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    expect(t.slice().typing).toEqual([{ user_id: 'bo', username: 'bo-name', expiresAt: 5000 }]);
    t.clock.advance(4999);
    expect(t.slice().typing.map((u) => u.user_id)).toEqual(['bo']);
    t.clock.advance(2);
    expect(t.slice().typing).toEqual([]);
  });

  it('a refresh extends the expiry', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    t.clock.advance(3000);
    socket.receive(typing('bo', true));
    t.clock.advance(3000); // 6000: past the first expiry, not the second
    expect(t.slice().typing.map((u) => u.user_id)).toEqual(['bo']);
    t.clock.advance(2001);
    expect(t.slice().typing).toEqual([]);
  });

  it('a reconnect forgets who was typing (their "false" may have been missed)', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    const next = await t.drop(socket);
    expect(t.slice().typing).toHaveLength(1);
    next.accept().receive(connected({ chat_id: 'c1' }));
    expect(t.slice().typing).toEqual([]);
  });

  it('setTyping says whether the indicator went out', async () => {
    const t = setup();
    expect(t.client.setTyping('c1', true)).toBe(false);
    t.client.joinChat('c1');
    await flushMicrotasks();
    expect(t.client.setTyping('c1', true)).toBe(false);
    t.fake.last().accept().receive(connected({ chat_id: 'c1' }));
    expect(t.client.setTyping('c1', true)).toBe(true);
    t.setVisible(false);
    expect(t.client.setTyping('c1', true)).toBe(false);
  });

  it('typingTtlMs is configurable', async () => {
    const t = setup({ typingTtlMs: 1000 });
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    t.clock.advance(999);
    expect(t.slice().typing).toHaveLength(1);
    t.clock.advance(2);
    expect(t.slice().typing).toHaveLength(0);
  });

  it('is_typing:false removes the user at once; others stay', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    socket.receive(typing('cy', true));
    socket.receive(typing('bo', false));
    expect(t.slice().typing.map((u) => u.user_id)).toEqual(['cy']);
  });

  it('my own typing is ignored', async () => {
    const t = setup();
    const { socket } = await t.open();
    const before = t.client.store.getState();
    socket.receive(typing(ME.id, true));
    expect(t.client.store.getState()).toBe(before);
    expect(t.slice().typing).toEqual([]);
  });

  it('a new message from someone typing removes them', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    socket.receive(typing('cy', true));
    socket.receive(newMessage(message(1, { sender: BO })));
    expect(t.slice().typing.map((u) => u.user_id)).toEqual(['cy']);
  });

  it('setTyping sends typing_indicator only while the socket is open and the page visible', async () => {
    const t = setup();
    t.client.setTyping('c1', true); // no socket at all: dropped, and none opened
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(0);
    t.client.joinChat('c1');
    await flushMicrotasks();
    t.client.setTyping('c1', true); // connecting: dropped
    const socket = t.fake.last().accept().receive(connected());
    t.client.setTyping('c1', true);
    expect(socket.sentOfType('typing_indicator')).toEqual([{ type: 'typing_indicator', data: { is_typing: true } }]);
    t.setVisible(false);
    t.client.setTyping('c1', true);
    expect(socket.sentOfType('typing_indicator')).toHaveLength(1);
    // Stopping is still announced while hidden.
    t.client.setTyping('c1', false);
    expect(socket.sentOfType('typing_indicator').map((f) => f.data.is_typing)).toEqual([true, false]);
    t.setVisible(true);
    socket.drop(1006);
    t.client.setTyping('c1', true);
    expect(socket.sentOfType('typing_indicator')).toHaveLength(2);
  });
});
