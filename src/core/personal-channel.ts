import { Channel, type ClientContext } from './channel';
import { validateContent } from './content';
import { createId } from './ids';
import type { Message, ServerFrame } from './protocol/types';
import { applyChatActivity, applyChatRead } from './store/chat-list';
import { addDirectMessage, PERSONAL, updateChat } from './store/chat-store';
import { advanceLastRead } from './store/message-changes';
import { addNotification, removeNotifications } from './store/notifications';

/** What the personal socket asks of its client. */
export interface PersonalChannelHooks {
  /** Whether the chat is on screen: held by someone, and the page visible. Its messages raise no notification. */
  isViewed(chatId: string): boolean;
  /**
   * The loaded chat list may be out of date: a message arrived in a chat it does not have (the user was just added
   * to it), or the socket reconnected after missing `chat_activity` frames.
   */
  listStale(): void;
}

/**
 * The current user's personal socket: direct messages in and out, presence of everyone who shares a chat with the
 * user, and the chat list's live state (`chat_activity`, `chat_read`), which also raises notifications.
 *
 * @example
 * const personal = new PersonalChannel(ctx, root.personalHooks);
 * personal.retain();
 * personal.sendDirect(recipientId, 'psst');
 */
export class PersonalChannel extends Channel {
  readonly #hooks: PersonalChannelHooks;

  constructor(ctx: ClientContext, hooks: PersonalChannelHooks) {
    super(ctx, PERSONAL, `/api/v1/ws/${encodeURIComponent(ctx.currentUser.id)}`);
    this.#hooks = hooks;
  }

  /** Sends a direct message (queued until acknowledged); returns its client id. */
  sendDirect(recipientId: string, content: string, chatId?: string): string {
    validateContent(content, this.maxContentBytes);
    const clientId = createId();
    this.enqueueFrame(clientId, {
      type: 'direct_message',
      data: { content, message_type: 'text', recipient_id: recipientId, client_id: clientId, ...(chatId ? { chat_id: chatId } : {}) },
    });
    return clientId;
  }

  protected override handleFrame(frame: ServerFrame): void {
    super.handleFrame(frame);
    const { store, currentUser } = this.ctx;
    switch (frame.type) {
      case 'connected':
        // Activity while this socket was down never reaches it: a list loaded before must be read again.
        if (store.getState().chatList !== null) this.#hooks.listStale();
        return;
      case 'new_direct_message':
        if (frame.data.sender_id === currentUser.id && frame.data.client_id) this.acknowledgeFrame(frame.data.client_id);
        addDirectMessage(store, frame.data);
        return this.#notify(frame.data, true);
      case 'chat_activity': {
        const known = applyChatActivity(store, frame.data, currentUser.id);
        const list = store.getState().chatList;
        if (!known && list !== null) this.#hooks.listStale();
        return this.#notify(frame.data, list?.[frame.data.chat_id]?.is_direct ?? false);
      }
      case 'chat_read': {
        const { chat_id: chatId, last_read_seq: seq } = frame.data;
        applyChatRead(store, frame.data);
        // Reads on other devices move the chat's own watermark too, so a chat opened later starts from it.
        updateChat(store, chatId, (slice) => advanceLastRead(slice, seq));
        // Read on another device: what it read needs no notification here either.
        removeNotifications(store, (n) => n.chat_id !== chatId || n.message.seq > seq);
        return;
      }
      default:
        return;
    }
  }

  /**
   * Someone else's message in a chat not on screen raises a notification when it is a direct message or mentions
   * the current user. Other messages of group chats only count as unread.
   */
  #notify(message: Message, direct: boolean): void {
    const me = this.ctx.currentUser.id;
    // An edited or deleted message is not news: its chat_activity only refreshes the chat list's preview.
    if (message.sender_id === me || message.deleted_at || message.edited_at) return;
    if (!direct && !message.mentions?.includes(me)) return;
    if (this.#hooks.isViewed(message.chat_id)) return;
    addNotification(this.ctx.store, message, me);
  }
}
