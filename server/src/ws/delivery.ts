import type { Message } from '../protocol/types.ts';
import type { SocketContext } from './frame-handlers.ts';

/**
 * After a message was handed to sockets: records that the users reached (other than the sender) now hold
 * everything up to its seq, and tells the sender, on their sockets for that chat, with one `delivered` frame.
 *
 * @example
 * announceDelivery(ctx, message, reachedUserIds);
 */
export function announceDelivery(ctx: SocketContext, message: Message, reached: Set<string>): void {
  reached.delete(message.sender_id);
  if (reached.size === 0) return;
  ctx.chats.markDelivered(message.chat_id, reached, message.seq);
  ctx.hub.toUserAbout(message.chat_id, message.sender_id, {
    type: 'delivered',
    data: { chat_id: message.chat_id, seq: message.seq, user_ids: [...reached] },
  });
}

/**
 * A member opened a chat socket: everything up to the chat's last seq is theirs now (its `connected` frame tells
 * them to fetch what they miss). The senders of messages they had not received yet are told.
 *
 * @example
 * deliverOnConnect(ctx, chatId, user.id);
 */
export function deliverOnConnect(ctx: SocketContext, chatId: string, userId: string): void {
  const { seq, senders } = ctx.chats.connectDelivery(chatId, userId);
  for (const sender of senders) {
    ctx.hub.toUserAbout(chatId, sender, { type: 'delivered', data: { chat_id: chatId, seq, user_ids: [userId] } });
  }
}
