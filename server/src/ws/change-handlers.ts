import type { ChangeResult } from '../db/message-changes.ts';
import { findMentions } from '../db/mentions.ts';
import type { Message, MessageChange, User } from '../protocol/types.ts';
import { FrameError, type Handler } from './frame-error.ts';
import type { SocketContext } from './frame-handlers.ts';
import type { Peer } from './hub.ts';
import { publishChange } from './publish.ts';

/** The message `messageId` of the socket's chat; `not_found` otherwise (and for a tombstone unless `tombstoneOk`). */
function target(ctx: SocketContext, peer: Peer, messageId: string, tombstoneOk = false): Message {
  const message = ctx.messages.getInChat(peer.chatId!, messageId);
  if (!message || (!tombstoneOk && message.deleted_at != null)) {
    throw new FrameError('not_found', message ? 'Message was deleted' : 'Message not found in this chat');
  }
  return message;
}

function requireAuthor(message: Message, user: User, action: string): void {
  if (message.sender_id !== user.id) throw new FrameError('forbidden', `Only the author may ${action} a message`);
}

/**
 * Sends the outcome of a change: a real change to every chat socket of the chat (the sender's copy is its
 * acknowledgement), an idempotent repeat to the sending socket only, a refused one as an error.
 */
function answer(
  ctx: SocketContext,
  peer: Peer,
  result: ChangeResult,
  type: 'message_updated' | 'message_deleted',
  meta: Omit<MessageChange, 'message'>,
): void {
  if (result.kind === 'limit_reached') {
    throw new FrameError('limit_reached', 'This message already has the most distinct reactions allowed (20)');
  }
  const data = { message: result.message, ...meta };
  if (result.kind === 'unchanged') {
    peer.send({ type, data });
    return;
  }
  publishChange(ctx, type, data);
  if (result.parent) publishChange(ctx, 'message_updated', { ...meta, message: result.parent, change: 'reply' });
}

const editMessage: Handler<'edit_message'> = (ctx, peer, user, data) => {
  const message = target(ctx, peer, data.message_id, true);
  requireAuthor(message, user, 'edit');
  if (message.deleted_at != null) throw new FrameError('not_found', 'Message was deleted');
  // A caption is optional on files and images; a text message needs text.
  const captioned = message.message_type === 'file' || message.message_type === 'image';
  if (!captioned && data.content.trim() === '') throw new FrameError('invalid_frame', 'data.content must not be empty');
  const mentions = findMentions(data.content, () => ctx.chats.memberNames(message.chat_id));
  const result = ctx.changes.edit(message, data.content, mentions);
  answer(ctx, peer, result, 'message_updated', { client_id: data.client_id ?? null, user_id: user.id, change: 'edit' });
};

const deleteMessage: Handler<'delete_message'> = (ctx, peer, user, data) => {
  const message = target(ctx, peer, data.message_id, true);
  requireAuthor(message, user, 'delete');
  const result = ctx.changes.remove(message);
  answer(ctx, peer, result, 'message_deleted', { client_id: data.client_id ?? null, user_id: user.id, change: 'delete' });
};

const addReaction: Handler<'add_reaction'> = (ctx, peer, user, data) => {
  const message = target(ctx, peer, data.message_id);
  const result = ctx.changes.addReaction(message, user.id, data.emoji);
  answer(ctx, peer, result, 'message_updated', { client_id: data.client_id ?? null, user_id: user.id, change: 'reaction' });
};

const removeReaction: Handler<'remove_reaction'> = (ctx, peer, user, data) => {
  const message = target(ctx, peer, data.message_id);
  const result = ctx.changes.removeReaction(message, user.id, data.emoji);
  answer(ctx, peer, result, 'message_updated', { client_id: data.client_id ?? null, user_id: user.id, change: 'reaction' });
};

/**
 * The handlers of docs/protocol.md 9.2's message changes (all chat-socket only).
 *
 * @example
 * const HANDLERS = { ...CHANGE_HANDLERS, ping };
 */
export const CHANGE_HANDLERS: {
  edit_message: Handler<'edit_message'>;
  delete_message: Handler<'delete_message'>;
  add_reaction: Handler<'add_reaction'>;
  remove_reaction: Handler<'remove_reaction'>;
} = {
  edit_message: editMessage,
  delete_message: deleteMessage,
  add_reaction: addReaction,
  remove_reaction: removeReaction,
};
