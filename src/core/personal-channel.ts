import { Channel } from './channel';
import type { ClientContext } from './client-context';
import type { ClientHooks } from './client-internals';
import { validateContent } from './content';
import type { Emitter } from './emitter';
import { createId } from './ids';
import type { ServerFrame } from './protocol/types';
import { addDirectMessage, PERSONAL, updateChat } from './store/chat-store';
import { advanceLastRead } from './store/message-changes';

/**
 * The current user's personal socket: direct messages in and out, presence of everyone who shares a chat with the
 * user, and the read watermarks of other devices (`chat_read`). Every frame is then handed to the client's hooks:
 * natter/features' inbox keeps the chat list and notifications from `chat_activity` and `chat_read`.
 *
 * @example
 * const personal = new PersonalChannel(ctx, hooks);
 * personal.retain();
 * personal.sendDirect(recipientId, 'psst');
 */
export class PersonalChannel extends Channel {
  readonly #hooks: Emitter<ClientHooks>;

  constructor(ctx: ClientContext, hooks: Emitter<ClientHooks>) {
    super(ctx, PERSONAL, `/api/v1/ws/${encodeURIComponent(ctx.currentUser.id)}`);
    this.#hooks = hooks;
  }

  /** Sends a direct message (queued until acknowledged); returns its client id. */
  sendDirect(recipientId: string, content: string, chatId?: string): string {
    validateContent(content, this.maxContentBytes);
    const clientId = createId();
    this.enqueueFrame(clientId, {
      type: 'direct_message',
      // Without a chat id the key is dropped by JSON: the server then uses the two-person chat.
      data: { content, message_type: 'text', recipient_id: recipientId, client_id: clientId, chat_id: chatId },
    });
    return clientId;
  }

  protected override handleFrame(frame: ServerFrame): void {
    super.handleFrame(frame);
    const { store, currentUser } = this.ctx;
    if (frame.type === 'new_direct_message') {
      if (frame.data.sender_id === currentUser.id && frame.data.client_id) this.acknowledgeFrame(frame.data.client_id);
      addDirectMessage(store, frame.data);
    } else if (frame.type === 'chat_read') {
      // Reads on other devices move the chat's own watermark too, so a chat opened later starts from it.
      updateChat(store, frame.data.chat_id, (slice) => advanceLastRead(slice, frame.data.last_read_seq));
    }
    this.#hooks.emit('personal', frame);
  }
}
