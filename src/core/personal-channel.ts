import { Channel, type ClientContext } from './channel';
import { DEFAULT_MAX_CONTENT_BYTES, validateContent } from './content';
import { NatterError } from './errors';
import { createId } from './ids';
import type { OutboxEntry } from './outbox-storage';
import type { ServerFrame } from './protocol/types';
import { addDirectMessage, PERSONAL } from './store/chat-store';

/** The current user's personal socket: direct messages in and out. */
export class PersonalChannel extends Channel {
  private maxContentBytes = DEFAULT_MAX_CONTENT_BYTES;

  constructor(ctx: ClientContext) {
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
        return;
      case 'new_direct_message':
        if (frame.data.sender_id === this.ctx.currentUser.id && frame.data.client_id) this.acknowledge(frame.data.client_id);
        addDirectMessage(this.ctx.store, frame.data);
        return;
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
}
