import type { NatterError } from './errors';
import type { Message, MessageChange } from './protocol/types';

/**
 * A feature's part of one chat channel (natter/features: changes to messages, messages with files): what it hears
 * of the messages and frames it queued. Each method is optional; those returning a boolean say whether the part
 * owned `clientId`.
 *
 * @example
 * class Pings implements ChannelPart {
 *   constructor(readonly channel: ChatChannel) {}
 *   confirmed(message: Message) { console.log('sent', message.id); }
 * }
 * chatChannel.part(Pings);
 */
export interface ChannelPart {
  /** One of the user's messages reached the server (a live echo or a history page). */
  confirmed?(message: Message): void;
  /** A `message_updated` / `message_deleted` frame, already applied to the store. */
  changed?(change: MessageChange): void;
  /** A queued frame was refused or not answered in time. */
  failed?(clientId: string, error: NatterError): boolean;
  retry?(clientId: string): boolean;
  discard?(clientId: string): boolean;
  destroy?(): void;
}
