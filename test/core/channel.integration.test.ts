import { describe, expect, it } from 'vitest';
import { selectChat } from 'natter';
import { countingWebSocket, createHarness, errorsOf, sleep, waitFor } from './helpers/server';

describe('a chat socket against the reference server', () => {
  it('a message over max_frame_bytes once escaped fails with payload_too_large; the socket is not closed 1009 again on every reconnect', async () => {
    const h = createHarness();
    const server = await h.server();
    const ana = await h.login(server, 'ana');
    const bo = await h.login(server, 'bo');
    const counting = countingWebSocket();
    const a = h.client(server, ana, { WebSocket: counting.WebSocket });
    const errors = errorsOf(a);
    const { id: chatId } = await a.rest.createChat('Team', [bo.user.id]);
    a.joinChat(chatId);
    await waitFor(() => expect(a.getConnection(chatId)?.status).toBe('open'));
    // 16,000 bytes of content (under max_content_bytes), 96,000 once JSON escapes each control character.
    const big = a.sendMessage(chatId, '\u0001'.repeat(16_000));
    const after = a.sendMessage(chatId, 'after');
    const row = (key: string) => selectChat(a.store.getState(), chatId).messages.find((m) => m.key === key);
    await waitFor(() => expect(row(after)?.status).toBe('sent'));
    expect(row(big)).toMatchObject({ status: 'failed', error: { code: 'payload_too_large' } });
    await sleep(500);
    expect(counting.opened).toHaveLength(2);
    expect(a.getConnection(chatId)?.status).toBe('open');
    expect(errors.map((e) => [e.code, e.message])).toEqual([['payload_too_large', 'Message too big']]);
  });
});
