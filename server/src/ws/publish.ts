import type { Message, MessageChange } from '../protocol/types.ts';
import { announceDelivery } from './delivery.ts';
import type { SocketContext } from './frame-handlers.ts';

/**
 * Tells `userId`'s personal sockets their `last_read_seq` in the chat and its unread count: when the first moved,
 * or when the second dropped because an unread message was deleted (docs/protocol.md, 9.8).
 *
 * @example
 * announceRead(ctx, chatId, user.id, message.seq);
 */
export function announceRead(ctx: SocketContext, chatId: string, userId: string, lastReadSeq: number): void {
  const data = { chat_id: chatId, last_read_seq: lastReadSeq, unread_count: ctx.chats.unreadCount(chatId, userId, lastReadSeq) };
  ctx.hub.toUsers([userId], { type: 'chat_read', data });
}

/**
 * A change to one message: `message_updated` (or `message_deleted`) to every chat socket of its chat. An edit or
 * deletion of the chat's newest message also goes to the members' personal sockets as `chat_activity`, so chat
 * lists never preview text that is gone; a deletion tells the members who had not read it their lower unread count
 * (`chat_read`, their `last_read_seq` unchanged), so no badge counts a message that is gone (docs/protocol.md, 9.8).
 *
 * @example
 * publishChange(ctx, 'message_updated', { message, client_id: null, user_id: user.id, change: 'edit' });
 */
export function publishChange(ctx: SocketContext, type: 'message_updated' | 'message_deleted', data: MessageChange): void {
  const { message } = data;
  ctx.hub.toChat(message.chat_id, { type, data });
  if ((data.change === 'edit' || data.change === 'delete') && ctx.chats.row(message.chat_id)?.last_seq === message.seq) {
    ctx.hub.toUsers(ctx.chats.memberIds(message.chat_id), { type: 'chat_activity', data: message });
  }
  if (data.change === 'delete') {
    for (const { id, lastReadSeq } of ctx.chats.readBehind(message.chat_id, message.seq, message.sender_id)) {
      announceRead(ctx, message.chat_id, id, lastReadSeq);
    }
  }
}

/**
 * A message was stored: `new_message` to the chat's chat sockets, `new_direct_message` to `personalRecipients`,
 * `chat_activity` to every member's personal sockets, `delivered` to the sender, the parent's new reply count,
 * and `chat_read` to the sender (sending moved their `last_read_seq`).
 *
 * @example
 * publishNewMessage(ctx, message, [], parent, clientId);
 */
export function publishNewMessage(
  ctx: SocketContext,
  message: Message,
  personalRecipients: readonly string[],
  parent: Message | undefined,
): void {
  const reached = ctx.hub.toChat(message.chat_id, { type: 'new_message', data: message });
  if (personalRecipients.length > 0) {
    for (const userId of ctx.hub.toUsers(personalRecipients, { type: 'new_direct_message', data: message })) reached.add(userId);
  }
  const members = ctx.chats.memberIds(message.chat_id);
  for (const userId of ctx.hub.toUsers(members, { type: 'chat_activity', data: message })) reached.add(userId);
  announceDelivery(ctx, message, reached);
  if (parent) {
    publishChange(ctx, 'message_updated', {
      message: parent,
      client_id: message.client_id,
      user_id: message.sender_id,
      change: 'reply',
    });
  }
  announceRead(ctx, message.chat_id, message.sender_id, message.seq);
}
