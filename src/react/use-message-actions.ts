import { useMemo } from 'react';
import type { Attachment } from '../core/protocol/types';
import { deleteMessage, editMessage, sendFiles, toggleReaction } from '../features/messaging';
import { useChatContext } from './context';

/** Options of `useMessageActions` (none yet; reserved so call sites need not change). */
export type UseMessageActionsOptions = Record<string, never>;

/** Options of `sendFiles`. */
export interface SendFilesOptions {
  caption?: string;
  parentMessageId?: string | null;
}

/**
 * What `useMessageActions` returns: the current user's changes to a chat's messages. Each is optimistic (the store
 * shows it at once, `change` set until the server confirms, rolled back on refusal) and returns the op's client id.
 * Invalid input (empty text, someone else's message, a deleted one) throws `NatterError` `invalid_argument`.
 */
export interface UseMessageActionsResult {
  edit: (messageId: string, content: string) => string;
  remove: (messageId: string) => string;
  /** Adds the emoji unless you already reacted with it, then removes it. */
  toggleReaction: (messageId: string, emoji: string) => string;
  reply: (parentId: string, content: string, options?: { attachments?: Attachment[] }) => string;
  /** Uploads the files (a pending message with `uploadProgress` shows at once), then sends them as one message. */
  sendFiles: (files: Array<Blob & { name?: string }>, options?: SendFilesOptions) => string;
}

/**
 * Edit, delete, react, reply and send files in one chat.
 *
 * @example
 * const { edit, remove, toggleReaction } = useMessageActions(chatId);
 * toggleReaction(message.id, '👍');
 */
export function useMessageActions(chatId: string, _options: UseMessageActionsOptions = {}): UseMessageActionsResult {
  const { client } = useChatContext();
  return useMemo<UseMessageActionsResult>(
    () => ({
      edit: (messageId, content) => editMessage(client, chatId, messageId, content),
      remove: (messageId) => deleteMessage(client, chatId, messageId),
      toggleReaction: (messageId, emoji) => toggleReaction(client, chatId, messageId, emoji),
      reply: (parentId, content, options) => client.sendMessage(chatId, content, { parentMessageId: parentId, ...options }),
      sendFiles: (files, options = {}) => sendFiles(client, chatId, files, options),
    }),
    [client, chatId],
  );
}
