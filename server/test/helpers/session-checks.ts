import { expect } from 'vitest';
import { ISO_MS, UUID, type Session } from './http.ts';
import type { TestSocket } from './socket.ts';

/** Checks shared by the session tests (server/test/ws/session/): a message's full shape, and a refused frame. */

export function expectMessage(data: any, sender: Session, chatId: string, content: string): void {
  expect(data).toMatchObject({
    id: expect.stringMatching(UUID),
    chat_id: chatId,
    sender_id: sender.user.id,
    content,
    message_type: 'text',
    parent_message_id: null,
    created_at: expect.stringMatching(ISO_MS),
    updated_at: expect.stringMatching(ISO_MS),
    sender: {
      id: sender.user.id,
      username: sender.user.username,
      email: sender.user.email,
      is_active: true,
      created_at: expect.stringMatching(ISO_MS),
    },
    seq: expect.any(Number),
  });
  expect(data).toHaveProperty('client_id');
}

export async function refused(sock: TestSocket, frame: unknown): Promise<any> {
  if (typeof frame === 'string') sock.sendRaw(frame);
  else sock.send(frame);
  return sock.next('error');
}
