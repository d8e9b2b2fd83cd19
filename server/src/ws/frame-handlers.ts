import type { ServerContext } from '../context.ts';
import { findMentions } from '../db/mentions.ts';
import type { User } from '../protocol/types.ts';
import { CHANGE_HANDLERS } from './change-handlers.ts';
import type { ClientFrame } from './frames.ts';
import type { Hub, Peer } from './hub.ts';
import { FrameError, type Handler } from './frame-error.ts';
import type { PresenceTracker } from './presence.ts';
import { announceRead, publishNewMessage } from './publish.ts';

/** What the handlers need: the server's context plus the socket hub and presence. */
export interface SocketContext extends ServerContext {
  hub: Hub;
  presence: PresenceTracker;
}

export { FrameError };

/** Refuses attachments that are not the sender's unattached uploads in this chat, or non-images in an image message. */
function checkAttachments(ctx: SocketContext, user: User, chatId: string, type: string, ids: readonly string[]): void {
  const problem = ctx.uploads.unattachable(chatId, user.id, ids);
  if (problem !== null) throw new FrameError('not_found', problem);
  if (type === 'image' && ctx.uploads.contentTypes(ids).some((t) => !t.startsWith('image/'))) {
    throw new FrameError('invalid_frame', 'An image message takes only images: send the others as a file message');
  }
}

/**
 * Stores a message (idempotently on `client_id`) and fans it out; a repeat is answered to `peer` only, with the
 * frame type that socket would have received.
 */
function storeAndPublish(
  ctx: SocketContext,
  peer: Peer,
  user: User,
  chatId: string,
  data: Extract<ClientFrame, { type: 'send_message' | 'direct_message' }>['data'],
  personalRecipients: readonly string[],
): void {
  const repeat = data.client_id === undefined ? undefined : ctx.messages.byClient(chatId, user.id, data.client_id);
  if (repeat) {
    peer.send({ type: peer.kind === 'chat' ? 'new_message' : 'new_direct_message', data: repeat });
    return;
  }
  const parentId = data.parent_message_id ?? null;
  if (parentId !== null && !ctx.messages.getInChat(chatId, parentId)) {
    throw new FrameError('not_found', 'Parent message not found in this chat');
  }
  const messageType = data.message_type ?? 'text';
  const attachmentIds = data.attachment_ids ?? [];
  checkAttachments(ctx, user, chatId, messageType, attachmentIds);
  const { message, parent } = ctx.messages.insert({
    chatId,
    senderId: user.id,
    content: data.content,
    messageType,
    parentMessageId: parentId,
    clientId: data.client_id ?? null,
    attachmentIds,
    mentions: findMentions(data.content, () => ctx.chats.memberNames(chatId)),
  });
  ctx.metrics.messagesStored.inc({ kind: personalRecipients.length > 0 ? 'direct' : 'chat' });
  publishNewMessage(ctx, message, personalRecipients, parent);
}

const sendMessage: Handler<'send_message'> = (ctx, peer, user, data) => {
  const chatId = peer.chatId!;
  // Every message in a direct chat is a direct message, whichever frame created it.
  const direct = ctx.chats.row(chatId)?.is_direct === 1;
  storeAndPublish(ctx, peer, user, chatId, data, direct ? ctx.chats.memberIds(chatId) : []);
};

const directMessage: Handler<'direct_message'> = (ctx, peer, user, data) => {
  const recipientId = data.recipient_id;
  if (recipientId === user.id) throw new FrameError('invalid_frame', 'data.recipient_id must be another user');
  if (!ctx.users.get(recipientId)) throw new FrameError('not_found', 'Recipient not found');
  let chatId: string;
  if (peer.kind === 'chat') {
    if (data.chat_id !== undefined && data.chat_id !== peer.chatId) {
      throw new FrameError('invalid_frame', 'data.chat_id must be this socket\'s chat');
    }
    chatId = peer.chatId!;
  } else if (data.chat_id !== undefined) {
    if (ctx.chats.access(data.chat_id, user.id) === 'not_found') throw new FrameError('not_found', 'Chat not found');
    chatId = data.chat_id;
  } else {
    chatId = ctx.chats.getOrCreateDirect(user.id, recipientId).chat.id;
  }
  if (!ctx.chats.isMember(chatId, user.id)) throw new FrameError('forbidden', 'You are not a member of this chat');
  if (!ctx.chats.isMember(chatId, recipientId)) throw new FrameError('forbidden', 'The recipient is not a member of this chat');
  storeAndPublish(ctx, peer, user, chatId, data, [recipientId, user.id]);
};

const typingIndicator: Handler<'typing_indicator'> = (ctx, peer, user, data) => {
  const frame = {
    type: 'typing_indicator',
    data: { user_id: user.id, is_typing: data.is_typing, chat_id: peer.chatId, username: user.username },
  };
  ctx.hub.toChat(peer.chatId!, frame, (other) => other.userId !== user.id);
};

const readReceipt: Handler<'read_receipt'> = (ctx, peer, user, data) => {
  const message = ctx.messages.getInChat(peer.chatId!, data.message_id);
  if (!message) throw new FrameError('not_found', 'Message not found in this chat');
  // The author has read their own message by definition: nothing to store or relay.
  if (message.sender_id === user.id) return;
  const { receipt, created, lastReadSeq } = ctx.messages.addReceipt(message, user.id);
  const frame = { type: 'read_receipt', data: receipt };
  if (created) ctx.hub.toChat(message.chat_id, frame);
  else peer.send(frame);
  if (lastReadSeq !== undefined) announceRead(ctx, message.chat_id, user.id, lastReadSeq);
};

const setPresence: Handler<'set_presence'> = (ctx, peer, _user, data) => {
  ctx.presence.set(ctx, peer, data.status);
};

const ping: Handler<'ping'> = (_ctx, peer, _user, data) => {
  peer.send({ type: 'pong', data: { ts: data.ts ?? null, server_time: new Date().toISOString() } });
};

const HANDLERS: { [T in ClientFrame['type']]: Handler<T> } = {
  send_message: sendMessage,
  direct_message: directMessage,
  typing_indicator: typingIndicator,
  read_receipt: readReceipt,
  set_presence: setPresence,
  ping,
  ...CHANGE_HANDLERS,
};

/**
 * Carries out one validated frame. Throws `FrameError` for a refusal; anything else is a server fault.
 *
 * @example
 * handleFrame(ctx, peer, user, { type: 'ping', data: { ts: 1 } });
 */
export function handleFrame(ctx: SocketContext, peer: Peer, user: User, frame: ClientFrame): void {
  (HANDLERS[frame.type] as Handler<typeof frame.type>)(ctx, peer, user, frame.data as never);
}
