import type { Message, MessageChange, Presence, ReadReceipt, ServerFrame, User } from '../../core/protocol/types';
import { unreadCount } from './chat-view';
import type { Peer } from './frame-handlers';
import type { MockSocketFilter } from './socket-types';
import type { MockChatRecord, MockState } from './state';

/**
 * The two things fan-out needs from the socket hub: the open sockets matching a filter, and sending one frame.
 *
 * @example
 * const peers: PeerDirectory = { match: (filter) => hub.match(filter), send: (peer, frame) => hub.send(peer, frame) };
 */
export interface PeerDirectory {
  match(filter: MockSocketFilter): Peer[];
  send(peer: Peer, frame: ServerFrame): void;
}

/**
 * Who gets which server frame, as the reference server decides it (docs/protocol.md sections 3 and 9).
 *
 * @example
 * const fanOut = new MockFanOut(state, peers);
 * fanOut.publishMessage(chat, message, null);
 */
export class MockFanOut {
  constructor(
    private readonly state: MockState,
    private readonly peers: PeerDirectory,
  ) {}

  /** Everyone who shares a chat with `userId`, `userId` included (whom their presence concerns). */
  private contactsOf(userId: string): string[] {
    const out = new Set<string>([userId]);
    for (const chat of this.state.chats.values()) if (this.state.isMember(chat, userId)) for (const id of chat.memberIds) out.add(id);
    return [...out];
  }

  private toUser(userId: string, kind: 'chat' | 'personal', frame: ServerFrame, chatId?: string): void {
    for (const peer of this.peers.match({ userId, kind, ...(chatId === undefined ? {} : { chatId }) })) this.peers.send(peer, frame);
  }

  /**
   * A stored message: `new_message` to the chat's sockets, `new_direct_message` to the personal sockets of a direct
   * chat's members, `chat_activity` to every member's personal sockets, `delivered` to the sender naming the others
   * reached (delivery on a later connect is not modelled), the parent's `message_updated` (`reply`) and the sender's
   * `chat_read`.
   */
  publishMessage(chat: MockChatRecord, message: Message, parent: Message | null): void {
    const reached = new Set<string>();
    for (const peer of this.peers.match({ kind: 'chat', chatId: chat.id })) {
      this.peers.send(peer, { type: 'new_message', data: message });
      if (peer.info.userId !== null) reached.add(peer.info.userId);
    }
    for (const userId of chat.memberIds) {
      for (const peer of this.peers.match({ kind: 'personal', userId })) {
        if (chat.is_direct) this.peers.send(peer, { type: 'new_direct_message', data: message });
        this.peers.send(peer, { type: 'chat_activity', data: message });
        reached.add(userId);
      }
    }
    reached.delete(message.sender_id);
    if (reached.size > 0) {
      const delivered: ServerFrame = { type: 'delivered', data: { chat_id: chat.id, seq: message.seq, user_ids: [...reached] } };
      for (const peer of this.peers.match({ userId: message.sender_id })) {
        if (peer.info.kind === 'personal' || peer.info.chatId === chat.id) this.peers.send(peer, delivered);
      }
    }
    if (parent) this.publishChange(chat, 'message_updated', { message: parent, client_id: null, user_id: message.sender_id, change: 'reply' });
    this.chatRead(chat, message.sender_id);
  }

  /**
   * `message_updated`/`message_deleted` to every chat socket of the chat, or to `only` (a repeat's sender). As the
   * server does: an edit or deletion of the newest message is a `chat_activity` to the members' personal sockets,
   * and a deletion gives the members who had not read the message their lower unread count (`chat_read`).
   */
  publishChange(chat: MockChatRecord, type: 'message_updated' | 'message_deleted', change: MessageChange, only?: Peer): void {
    const frame = { type, data: change } as ServerFrame;
    if (only) return this.peers.send(only, frame);
    for (const peer of this.peers.match({ kind: 'chat', chatId: chat.id })) this.peers.send(peer, frame);
    const { seq, sender_id: senderId } = change.message;
    if ((change.change === 'edit' || change.change === 'delete') && chat.messages.at(-1)?.message.seq === seq) {
      for (const userId of chat.memberIds) this.toUser(userId, 'personal', { type: 'chat_activity', data: change.message });
    }
    if (change.change !== 'delete') return;
    for (const userId of chat.memberIds) if (userId !== senderId && (chat.lastRead.get(userId) ?? 0) < seq) this.chatRead(chat, userId);
  }

  /** `chat_read` to `userId`'s personal sockets: their `last_read_seq` in `chat` moved, or an unread message went. */
  chatRead(chat: MockChatRecord, userId: string): void {
    const data = { chat_id: chat.id, last_read_seq: chat.lastRead.get(userId) ?? 0, unread_count: unreadCount(chat, userId) };
    this.toUser(userId, 'personal', { type: 'chat_read', data });
  }

  /** `presence` to the chat sockets of every chat of the user and to the personal sockets of everyone sharing one. */
  publishPresence(presence: Presence): void {
    const frame: ServerFrame = { type: 'presence', data: presence };
    for (const chat of this.state.chats.values()) {
      if (!this.state.isMember(chat, presence.user_id)) continue;
      for (const peer of this.peers.match({ kind: 'chat', chatId: chat.id })) this.peers.send(peer, frame);
    }
    for (const userId of this.contactsOf(presence.user_id)) this.toUser(userId, 'personal', frame);
  }

  /** `connected.presence`: a chat socket's members, or a personal socket's contacts (the user included). */
  presenceFor(userId: string, chat: MockChatRecord | undefined): Presence[] {
    return (chat ? chat.memberIds : this.contactsOf(userId)).map((id) => this.state.presence.of(id));
  }

  /** `typing_indicator` to the chat sockets of everyone but `user`. */
  relayTyping(chat: MockChatRecord, user: User, isTyping: boolean): void {
    const frame: ServerFrame = { type: 'typing_indicator', data: { user_id: user.id, is_typing: isTyping, chat_id: chat.id, username: user.username } };
    for (const peer of this.peers.match({ kind: 'chat', chatId: chat.id })) if (peer.info.userId !== user.id) this.peers.send(peer, frame);
  }

  /** A new receipt to every chat socket of the chat, then the reader's `chat_read` when their `last_read_seq` moved. */
  relayReceipt(receipt: ReadReceipt, readMoved: boolean): void {
    for (const peer of this.peers.match({ kind: 'chat', chatId: receipt.chat_id })) this.peers.send(peer, { type: 'read_receipt', data: receipt });
    const chat = this.state.chats.get(receipt.chat_id);
    if (readMoved && chat) this.chatRead(chat, receipt.user_id);
  }
}
