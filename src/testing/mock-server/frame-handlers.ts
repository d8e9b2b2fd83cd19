import type { ErrorInfo, MessageChange, ServerErrorCode, ServerFrame, User } from '../../core/protocol/types';
import type { MockFanOut } from './fan-out';
import type { ValidClientFrame } from './frames';
import { addReaction, deleteMessage, editMessage, removeReaction, type OpResult } from './message-ops';
import { FrameRefusal } from './refusal';
import type { MockSocketInfo, WsClient } from './socket-types';
import type { MockChatRecord, MockState } from './state';

export { FrameRefusal } from './refusal';

/**
 * An accepted socket: what it is, its msw connection, and the token's user.
 *
 * @example
 * const peer: Peer = { info, client, user };
 */
export interface Peer {
  info: MockSocketInfo;
  client: WsClient;
  user: User;
}

/**
 * A queued `failNextSend`.
 *
 * @example
 * const failure: SendFailure = { code: 'internal_error', message: 'Mock failure', retryAfterMs: undefined };
 */
export interface SendFailure {
  code: ServerErrorCode;
  message: string;
  retryAfterMs: number | undefined;
}

/**
 * What the handlers may do: read and write the state, and send through the hub.
 *
 * @example
 * handleFrame(hubContext, peer, { type: 'ping', data: {} });
 */
export interface FrameContext {
  state: MockState;
  fanOut: MockFanOut;
  send(peer: Peer, frame: ServerFrame): void;
  /** This connection's presence (`set_presence`). */
  setPresence(peer: Peer, status: 'online' | 'away'): void;
  takeFailure(): SendFailure | undefined;
}

type MessageData = Extract<ValidClientFrame, { type: 'send_message' }>['data'];

/** Stores (idempotently on `client_id`) and fans out; a repeat is answered to the sending socket only. */
function store(ctx: FrameContext, peer: Peer, chat: MockChatRecord, data: MessageData, personalRecipients?: string[]): void {
  const failure = ctx.takeFailure();
  if (failure) {
    const error: ErrorInfo = {
      code: failure.code,
      message: failure.message,
      frame_type: personalRecipients ? 'direct_message' : 'send_message',
      client_id: data.client_id ?? null,
      ...(failure.retryAfterMs === undefined ? {} : { retry_after_ms: failure.retryAfterMs }),
    };
    return ctx.send(peer, { type: 'error', data: error });
  }
  const kind = data.message_type ?? 'text';
  const { message, created, parent } = ctx.state.insertMessage(chat, peer.user, {
    content: data.content,
    parentMessageId: data.parent_message_id ?? null,
    clientId: data.client_id ?? null,
    messageType: kind,
    ...(kind === 'text' ? {} : { attachmentIds: data.attachment_ids ?? [] }),
  });
  if (!created) return ctx.send(peer, { type: peer.info.kind === 'chat' ? 'new_message' : 'new_direct_message', data: message });
  // A direct_message reaches both personal sockets even in a group chat; any message of a direct chat does.
  ctx.fanOut.publishMessage(chat, message, parent, personalRecipients);
}

/** A message operation's answer: to every chat socket when it changed something, else to its sender only. */
function answer(ctx: FrameContext, peer: Peer, chat: MockChatRecord, result: OpResult, change: MessageChange['change'], clientId: string | null): void {
  const type = change === 'delete' ? 'message_deleted' : 'message_updated';
  ctx.fanOut.publishChange(chat, type, { message: result.message, client_id: clientId, user_id: peer.user.id, change }, result.changed ? undefined : peer);
  // As the server: the parent's recount names the frame that caused it (a deleted reply's `delete_message`).
  if (result.parent) ctx.fanOut.publishChange(chat, 'message_updated', { message: result.parent, client_id: clientId, user_id: peer.user.id, change: 'reply' });
}

/**
 * Carries out one validated frame as the reference server does (docs/protocol.md, sections 2 and 9.2). Throws
 * `FrameRefusal` for a refusal.
 *
 * @example
 * handleFrame(ctx, peer, { type: 'ping', data: { ts: 1 } });
 */
export function handleFrame(ctx: FrameContext, peer: Peer, frame: ValidClientFrame): void {
  const { state } = ctx;
  const { user, info } = peer;
  const chat = info.chatId === null ? undefined : state.chats.get(info.chatId);
  switch (frame.type) {
    case 'ping':
      return ctx.send(peer, { type: 'pong', data: { ts: frame.data.ts ?? null, server_time: state.iso() } });
    case 'set_presence':
      return ctx.setPresence(peer, frame.data.status);
    case 'typing_indicator':
      return ctx.fanOut.relayTyping(chat!, user, frame.data.is_typing);
    case 'read_receipt': {
      const hit = state.findMessage(frame.data.message_id);
      if (!hit || hit.chat !== chat) throw new FrameRefusal('not_found', 'Message not found in this chat');
      // The author has read their own message by definition: nothing to store or relay.
      if (hit.message.sender_id === user.id) return;
      const { receipt, created, readMoved } = state.addReceipt(hit.message.id, user.id);
      if (created) ctx.fanOut.relayReceipt(receipt, readMoved);
      else ctx.send(peer, { type: 'read_receipt', data: receipt });
      return;
    }
    case 'edit_message':
      return answer(ctx, peer, chat!, editMessage(state, chat!, user.id, frame.data.message_id, frame.data.content), 'edit', frame.data.client_id ?? null);
    case 'delete_message':
      return answer(ctx, peer, chat!, deleteMessage(state, chat!, user.id, frame.data.message_id), 'delete', frame.data.client_id ?? null);
    case 'add_reaction':
      return answer(ctx, peer, chat!, addReaction(state, chat!, user.id, frame.data.message_id, frame.data.emoji), 'reaction', frame.data.client_id ?? null);
    case 'remove_reaction':
      return answer(ctx, peer, chat!, removeReaction(state, chat!, user.id, frame.data.message_id, frame.data.emoji), 'reaction', frame.data.client_id ?? null);
    case 'send_message':
      return store(ctx, peer, chat!, frame.data);
    case 'direct_message': {
      const { recipient_id: recipientId, chat_id: chatId } = frame.data;
      if (recipientId === user.id) throw new FrameRefusal('invalid_frame', 'data.recipient_id must be another user');
      if (!state.users.has(recipientId)) throw new FrameRefusal('not_found', 'Recipient not found');
      let target: MockChatRecord;
      if (info.kind === 'chat') {
        if (chatId !== undefined && chatId !== info.chatId) throw new FrameRefusal('invalid_frame', "data.chat_id must be this socket's chat");
        target = chat!;
      } else if (chatId !== undefined) {
        const found = state.chats.get(chatId);
        if (!found) throw new FrameRefusal('not_found', 'Chat not found');
        target = found;
      } else {
        target = state.directChat(user.id, recipientId).chat;
      }
      if (!state.isMember(target, user.id)) throw new FrameRefusal('forbidden', 'You are not a member of this chat');
      if (!state.isMember(target, recipientId)) throw new FrameRefusal('forbidden', 'The recipient is not a member of this chat');
      return store(ctx, peer, target, frame.data, [recipientId, user.id]);
    }
  }
}
