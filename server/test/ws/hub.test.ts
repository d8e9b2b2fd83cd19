import { describe, expect, it } from 'vitest';
import { chatWithUsers, sendMessage } from '../helpers/fixtures.ts';
import { startServer } from '../helpers/server.ts';
import { joinChat } from '../helpers/socket.ts';

describe('slow readers', () => {
  /**
   * A chat of two whose reader stops reading at the TCP level while the sender floods it (~24 MB, well past what
   * loopback socket buffers absorb): the kernel's buffers fill, then the server's queue for that socket grows past
   * `maxBufferedBytes`. Resolves once the sender has its own echo of the last frame. The limit is 1 MiB, not less:
   * the sender reads its echoes as they come, but on a busy machine it may fall a frame or two behind, and must not
   * be closed for it.
   */
  async function floodAPausedReader() {
    const server = await startServer({
      maxBufferedBytes: 1024 * 1024,
      maxContentBytes: 60_000,
      rateLimit: { burst: 1000, refillPerSecond: 1000 },
      compression: false,
    });
    const { users, chat } = await chatWithUsers(server, 2);
    const sender = await joinChat(server, users[0]!, chat.id);
    const reader = await joinChat(server, users[1]!, chat.id);
    const tcp = (reader.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    const content = 'x'.repeat(59_000);
    for (let i = 0; i < 400; i += 1) sender.send({ type: 'send_message', data: { content, client_id: `bulk-${i}` } });
    await sender.next('new_message', { where: (d) => d.client_id === 'bulk-399', timeoutMs: 10_000 });
    return { sender, reader, tcp };
  }

  it('closes a socket that stops reading with 1013 once maxBufferedBytes is queued, and spares the others', async () => {
    const { sender, reader, tcp } = await floodAPausedReader();
    tcp.resume();
    expect((await reader.closed).code).toBe(1013);
    // The sender reads fine and keeps its socket.
    expect((await sendMessage(sender, 'still here')).content).toBe('still here');
  });

  it('does not count a frame dropped for a closed slow reader as delivered', async () => {
    const { sender, reader, tcp } = await floodAPausedReader();
    // The server has closed the reader by now (it is still in the hub until the close completes): this one is dropped.
    const late = await sendMessage(sender, 'after the close');
    await sender.expectNone('delivered', 300, (d) => d.seq === late.seq);
    tcp.resume();
    expect((await reader.closed).code).toBe(1013);
  });
});
