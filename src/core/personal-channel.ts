import { Channel, type ClientContext } from './channel';
import { DEFAULT_MAX_CONTENT_BYTES, validateContent } from './content';
import { NatterError } from './errors';
import { createId } from './ids';
import type { OutboxEntry } from './outbox-storage';
import type { Message, ServerFrame } from './protocol/types';
import { applyChatActivity, applyChatRead } from './store/chat-list';
import { addDirectMessage, PERSONAL, updateChat } from './store/chat-store';
import { advanceLastRead } from './store/message-changes';
import { addNotification, removeNotifications } from './store/notifications';
import { applyPresence } from './store/presence';

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
 */
export class PersonalChannel extends Channel {
  private maxContentBytes = DEFAULT_MAX_CONTENT_BYTES;

  constructor(
    ctx: ClientContext,
    private readonly hooks: PersonalChannelHooks = { isViewed: () => false, listStale: () => undefined },
  ) {
    super(ctx, PERSONAL, `/api/v1/ws/${encodeURIComponent(ctx.currentUser.id)}`);
  }

  /** Sends a direct message (queued until acknowledged); returns its client id. */
  sendDirect(recipientId: string, content: string, chatId?: string): string {
    validateContent(content, this.maxContentBytes);
    const clientId = createId();
    this.enqueue(clientId, {
      type: 'direct_message',
      data: { content, message_type: 'text', recipient_id: recipientId, client_id: clientId, ...(chatId ? { chat_id: chatId } : {}) },
    });
    return clientId;
  }

  /** Puts a direct message saved before a reload back in the outbox. */
  restore(entry: OutboxEntry): void {
    this.enqueue(entry.clientId, entry.frame, false);
  }

  protected handleFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'connected':
        this.maxContentBytes = frame.data.limits?.max_content_bytes ?? this.maxContentBytes;
        this.flushOutbox(frame.data.limits?.rate_limit);
        if (Array.isArray(frame.data.presence)) applyPresence(this.ctx.store, frame.data.presence);
        // Activity while this socket was down never reaches it: a list loaded before must be read again.
        if (this.ctx.store.getState().chatList !== null) this.hooks.listStale();
        return;
      case 'new_direct_message':
        if (frame.data.sender_id === this.ctx.currentUser.id && frame.data.client_id) this.acknowledge(frame.data.client_id);
        addDirectMessage(this.ctx.store, frame.data);
        this.notify(frame.data, true);
        return;
      case 'presence':
        applyPresence(this.ctx.store, [frame.data]);
        return;
      case 'chat_activity': {
        const { store, currentUser } = this.ctx;
        const known = applyChatActivity(store, frame.data, currentUser.id);
        if (!known && store.getState().chatList !== null) this.hooks.listStale();
        this.notify(frame.data, store.getState().chatList?.[frame.data.chat_id]?.is_direct ?? false);
        return;
      }
      case 'chat_read': {
        const { chat_id: chatId, last_read_seq: seq } = frame.data;
        applyChatRead(this.ctx.store, frame.data);
        // Reads on other devices move the chat's own watermark too, so a chat opened later starts from it.
        updateChat(this.ctx.store, chatId, (slice) => advanceLastRead(slice, seq));
        // Read on another device: what it read needs no notification here either.
        removeNotifications(this.ctx.store, (n) => n.chat_id !== chatId || n.message.seq > seq);
        return;
      }
      case 'error': {
        const { client_id: clientId, code, message } = frame.data;
        // A refused direct message is not retried: only rate limiting is temporary.
        if (clientId && code === 'rate_limited') this.resendLater(clientId, frame.data.retry_after_ms ?? 1000);
        else if (clientId) this.acknowledge(clientId);
        this.ctx.events.emit('error', new NatterError(code, message, clientId ? { clientId } : {}));
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
  private notify(message: Message, direct: boolean): void {
    const me = this.ctx.currentUser.id;
    // An edited or deleted message is not news: its chat_activity only refreshes the chat list's preview.
    if (message.sender_id === me || message.deleted_at || message.edited_at) return;
    if (!direct && !message.mentions?.includes(me)) return;
    if (this.hooks.isViewed(message.chat_id)) return;
    addNotification(this.ctx.store, message, me);
  }
}
