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
   * A stored message, in the server's order: `new_message` to the chat's sockets, `new_direct_message` to the
   * personal sockets of `direct` (a direct chat's members by default; a `direct_message`'s sender and recipient),
   * `chat_activity` to every member's personal sockets, `delivered` to the sender naming the others reached, the
   * parent's `message_updated` (`reply`) and the sender's `chat_read`.
   */
  publishMessage(chat: MockChatRecord, message: Message, parent: Message | null, direct: readonly string[] = chat.is_direct ? chat.memberIds : []): void {
    const reached = new Set<string>();
    const toAll = (peers: Peer[], frame: ServerFrame) => {
      for (const peer of peers) {
        this.peers.send(peer, frame);
        reached.add(peer.info.userId!);
      }
    };
    toAll(this.peers.match({ kind: 'chat', chatId: chat.id }), { type: 'new_message', data: message });
    for (const userId of new Set(direct)) toAll(this.peers.match({ kind: 'personal', userId }), { type: 'new_direct_message', data: message });
    for (const userId of chat.memberIds) toAll(this.peers.match({ kind: 'personal', userId }), { type: 'chat_activity', data: message });
    reached.delete(message.sender_id);
    if (reached.size > 0) {
      for (const userId of reached) chat.delivered.set(userId, Math.max(chat.delivered.get(userId) ?? 0, message.seq));
      this.toSenderAbout(chat, message.sender_id, { type: 'delivered', data: { chat_id: chat.id, seq: message.seq, user_ids: [...reached] } });
    }
    if (parent) this.publishChange(chat, 'message_updated', { message: parent, client_id: message.client_id, user_id: message.sender_id, change: 'reply' });
    this.chatRead(chat, message.sender_id);
  }

  /**
   * `userId` opened a chat socket and now holds the whole chat: the senders of the messages they had not received
   * are told (`delivered` with the chat's last `seq`), as the server does after `connected`.
   */
  deliverOnConnect(chat: MockChatRecord, userId: string): void {
    const seq = chat.messages.length;
    const before = chat.delivered.get(userId) ?? 0;
    if (seq <= before) return;
    chat.delivered.set(userId, seq);
    const senders = new Set(chat.messages.slice(before).map((m) => m.message.sender_id));
    senders.delete(userId);
    for (const sender of senders) this.toSenderAbout(chat, sender, { type: 'delivered', data: { chat_id: chat.id, seq, user_ids: [userId] } });
  }

  /** `connected.delivered_seq`: how far `userId`'s own messages got (the highest `seq` another member received). */
  deliveredSeq(chat: MockChatRecord, userId: string): number {
    let seq = 0;
    for (const [id, delivered] of chat.delivered) if (id !== userId) seq = Math.max(seq, delivered);
    return seq;
  }

  /** A frame about `chat` for `userId`: their chat sockets of that chat and their personal sockets. */
  private toSenderAbout(chat: MockChatRecord, userId: string, frame: ServerFrame): void {
    for (const peer of this.peers.match({ userId })) if (peer.info.kind === 'personal' || peer.info.chatId === chat.id) this.peers.send(peer, frame);
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
