import type { ChatClient } from '../core/chat-client';
import { internalsOf } from '../core/client-internals';
import { FileSender, type SendableFile } from '../core/file-send';
import { MessageOperations } from '../core/message-operations';
import type { Attachment } from '../core/protocol/types';
import { uploadTo, type UploadOptions } from '../core/upload';

const ops = (client: ChatClient, chatId: string) => internalsOf(client).chat(chatId).part(MessageOperations);

/**
 * Edits one of your messages at once (rolled back if the server refuses); a message not sent yet (queued, or failed
 * and waiting for `client.retry`) is sent with the new text instead. Returns the op's client id. Throws `invalid_argument` for someone else's, deleted or unknown
 * messages, and for empty or oversized text.
 *
 * @example
 * editMessage(client, chatId, messageId, 'fixed the typo');
 */
export function editMessage(client: ChatClient, chatId: string, messageId: string, content: string): string {
  return ops(client, chatId).edit(messageId, content);
}

/**
 * Deletes one of your messages (a tombstone, at once); a message not sent yet is discarded. Returns the op's
 * client id.
 *
 * @example
 * deleteMessage(client, chatId, messageId);
 */
export function deleteMessage(client: ChatClient, chatId: string, messageId: string): string {
  return ops(client, chatId).delete(messageId);
}

/**
 * Adds the current user's reaction (1–64 bytes, no white space); returns the op's client id.
 *
 * @example
 * addReaction(client, chatId, messageId, '👍');
 */
export function addReaction(client: ChatClient, chatId: string, messageId: string, emoji: string): string {
  return ops(client, chatId).react(messageId, emoji, true);
}

/**
 * Removes the current user's reaction; returns the op's client id.
 *
 * @example
 * removeReaction(client, chatId, messageId, '👍');
 */
export function removeReaction(client: ChatClient, chatId: string, messageId: string, emoji: string): string {
  return ops(client, chatId).react(messageId, emoji, false);
}

/**
 * Adds the reaction unless the current user already has it, else removes it; returns the op's client id.
 *
 * @example
 * toggleReaction(client, chatId, messageId, '🎉');
 */
export function toggleReaction(client: ChatClient, chatId: string, messageId: string, emoji: string): string {
  return ops(client, chatId).toggle(messageId, emoji);
}

/**
 * Sends files as one message: pending at once with local previews and `uploadProgress`, uploaded, then sent.
 * A failed upload fails the message and `client.retry` uploads what is missing. Returns its client id.
 *
 * @example
 * sendFiles(client, chatId, [...input.files], { caption: 'the plan' });
 */
export function sendFiles(
  client: ChatClient,
  chatId: string,
  files: SendableFile[],
  options: { caption?: string; parentMessageId?: string | null } = {},
): string {
  return internalsOf(client).chat(chatId).part(FileSender).send(files, options);
}

/**
 * Uploads one file to a chat; attach the result with `client.sendMessage(…, { attachments })`. `sendFiles` does both.
 *
 * @example
 * const attachment = await uploadFile(client, chatId, file, { onProgress: (p) => console.log(p) });
 */
export function uploadFile(client: ChatClient, chatId: string, file: Blob, options: UploadOptions = {}): Promise<Attachment> {
  return uploadTo(client.rest, chatId, file, options);
}
