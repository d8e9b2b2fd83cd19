import { describe, expect, it, onTestFinished } from 'vitest';
import { NatterError } from 'natter';
import { message } from '../fixtures';
import { contents, newMessage, setup } from '../helpers/client-harness';

describe('createChatClient: invalid frames', () => {
  it('bad JSON, wrong shapes and binary frames emit protocol_error; the client keeps working', async () => {
    const t = setup();
    const { socket } = await t.open();
    const before = t.client.store.getState();
    socket.receiveRaw('{not json');
    socket.receiveRaw('[1,2,3]');
    socket.receive({ type: 'new_message', data: { ...message(1), seq: 'one' } });
    socket.receive({ type: 'typing_indicator', data: { user_id: 'bo' } });
    socket.receive({ type: 'read_receipt' });
    socket.onmessage?.({ data: new ArrayBuffer(4) });
    expect(t.errors.map((e) => e.code)).toEqual(Array(6).fill('protocol_error'));
    expect(t.errors.every((e) => e instanceof NatterError)).toBe(true);
    expect(t.errors[2]!.message).toContain('data.seq');
    expect(t.client.store.getState()).toBe(before);
    expect(t.status()).toBe('open');

    socket.receive(newMessage(message(1)));
    const clientId = t.client.sendMessage('c1', 'still here');
    expect(t.slice().messages.map((m) => m.key)).toEqual(['m1', clientId]);
    expect(contents(socket)).toEqual(['still here']);
  });

  it('unknown frame types are ignored silently', async () => {
    const t = setup();
    const { socket } = await t.open();
    const before = t.client.store.getState();
    socket.receive({ type: 'reaction_added', data: { message_id: 'm1', emoji: '👍' } });
    socket.receive({ type: 'constructor', data: {} });
    socket.receive({ type: '__proto__' });
    expect(t.errors).toEqual([]);
    expect(t.client.store.getState()).toBe(before);
  });

  it('a listener that throws does not stop the client', async () => {
    const t = setup();
    t.client.on('error', () => {
      throw new Error('listener bug');
    });
    const { socket } = await t.open();
    const swallow = (error: unknown) => {
      if ((error as Error).message !== 'listener bug') throw error;
    };
    process.on('uncaughtException', swallow);
    onTestFinished(() => {
      process.off('uncaughtException', swallow);
    });
    socket.receiveRaw('nope');
    socket.receive(newMessage(message(1)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.errors.map((e) => e.code)).toEqual(['protocol_error']);
    expect(t.slice().messages).toHaveLength(1);
  });
});
