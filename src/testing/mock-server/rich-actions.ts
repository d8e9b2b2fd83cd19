import type { Attachment, Chat, HistoryMessage, Message, Presence, PresenceStatus, User } from '../../core/protocol/types';
import { chatView } from './chat-view';
import { toHistory } from './history';
import type { MockFileInput, MockMessageInput } from './inputs';
import { addReaction, deleteMessage, editMessage, removeReaction, type OpResult } from './message-ops';
import { SCRIPTED_CONNECTION } from './presence';
import { FrameRefusal } from './refusal';
import type { MockSocketHub } from './sockets';
import { clone, type MockChatRecord, type MockState } from './state';

/**
 * The scripting API for section 9 of docs/protocol.md, spread into the object `createMockChatServer` returns: other
 * people edit, delete, react, reply, upload and come and go, and the mock sends the frames the server would.
 *
 * @example
 * const actions = createRichActions(state, hub, (chat, ref) => state.requireUser(ref));
 */
export function createRichActions(state: MockState, hub: MockSocketHub, member: (chat: MockChatRecord, ref: string) => User) {
  const messageOf = (chatRef: string, messageId: string): { chat: MockChatRecord; message: Required<Message> } => {
    const chat = state.requireChat(chatRef);
    const row = state.storedIn(chat, messageId);
    if (!row) throw new Error(`Mock chat server: no message "${messageId}" in ${chat.name ?? chat.id}`);
    return { chat, message: row.message };
  };
  // A refusal of a scripted action is a mistake in the story or test: say which one.
  const run = (op: () => OpResult): OpResult => {
    try {
      return op();
    } catch (error) {
      if (error instanceof FrameRefusal) throw new FrameRefusal(error.code, `Mock chat server: ${error.message} (${error.code})`);
      throw error;
    }
  };
  const publish = (chat: MockChatRecord, result: OpResult, change: 'edit' | 'delete' | 'reaction', byId: string): Required<Message> => {
    if (result.changed) hub.fanOut.publishChange(chat, change === 'delete' ? 'message_deleted' : 'message_updated', { message: result.message, client_id: null, user_id: byId, change });
    if (result.parent) hub.fanOut.publishChange(chat, 'message_updated', { message: result.parent, client_id: null, user_id: byId, change: 'reply' });
    return clone(result.message);
  };

  return {
    /**
     * Edits a message as its author (`by`, default the author) would: `message_updated` (`change: "edit"`) to the
     * chat's sockets. Throws for someone else's or a deleted message.
     *
     * @example
     * const message = mock.addMessage('general', { from: 'Ana', content: 'Lunch at 12?' });
     * mock.editMessage('general', message.id, 'Lunch at 12:30?');
     */
    editMessage: (chatRef: string, messageId: string, content: string, by?: string): Required<Message> => {
      const { chat, message } = messageOf(chatRef, messageId);
      const author = member(chat, by ?? message.sender_id);
      return publish(chat, run(() => editMessage(state, chat, author.id, messageId, content)), 'edit', author.id);
    },
    /**
     * Deletes a message as its author (`by`, default the author): it becomes a tombstone, `message_deleted` to the
     * chat's sockets, and its parent's `reply_count` drops.
     *
     * @example
     * mock.deleteMessage('general', mock.messages('general').at(-1)!.id);
     */
    deleteMessage: (chatRef: string, messageId: string, by?: string): Required<Message> => {
      const { chat, message } = messageOf(chatRef, messageId);
      const author = member(chat, by ?? message.sender_id);
      return publish(chat, run(() => deleteMessage(state, chat, author.id, messageId)), 'delete', author.id);
    },
    /**
     * Adds `by`'s reaction `emoji` (`message_updated`, `change: "reaction"`); a reaction they already have changes
     * nothing. Throws past 20 distinct emoji.
     *
     * @example
     * for (const who of ['Ana', 'Bo']) mock.react(CHAT_ID, message.id, '👍', who);
     */
    react: (chatRef: string, messageId: string, emoji: string, by: string): Required<Message> => {
      const { chat } = messageOf(chatRef, messageId);
      const user = member(chat, by);
      return publish(chat, run(() => addReaction(state, chat, user.id, messageId, emoji)), 'reaction', user.id);
    },
    /**
     * Removes `by`'s reaction `emoji`; one they do not have changes nothing.
     *
     * @example
     * mock.unreact(CHAT_ID, message.id, '👍', 'Bo');
     */
    unreact: (chatRef: string, messageId: string, emoji: string, by: string): Required<Message> => {
      const { chat } = messageOf(chatRef, messageId);
      const user = member(chat, by);
      return publish(chat, run(() => removeReaction(state, chat, user.id, messageId, emoji)), 'reaction', user.id);
    },
    /**
     * Stores a reply to `parentId` and sends it like any message (`new_message`, …), then the parent's
     * `message_updated` (`change: "reply"`) with its grown `reply_count`.
     *
     * @example
     * mock.reply('general', question.id, { from: 'Bo', content: 'Yes, at noon.' });
     */
    reply: (chatRef: string, parentId: string, input: MockMessageInput): Required<Message> => {
      const { chat } = messageOf(chatRef, parentId);
      const { message, created, parent } = state.insertMessage(chat, member(chat, input.from), { ...input, parentMessageId: parentId });
      if (created) hub.fanOut.publishMessage(chat, message, parent);
      return clone(message);
    },
    /**
     * Uploads a file as `by` without sending it (what `POST …/uploads` stores): for tests that send it themselves.
     * To show files in a chat, give `attachments` to `addMessage` instead.
     *
     * @example
     * const attachment = mock.upload('general', 'Ana', { name: 'photo.png', type: 'image/png', width: 800, height: 600 });
     */
    upload: (chatRef: string, by: string, file: MockFileInput): Attachment => {
      const chat = state.requireChat(chatRef);
      return clone(state.uploads.storeScripted(chat.id, member(chat, by).id, file));
    },
    /**
     * Sets a user's presence as if they had one more connection in that state (`offline` removes it; their real
     * sockets still count). A change sends `presence` to their chats' sockets and their contacts' personal sockets.
     *
     * @example
     * mock.setPresence('Ana', 'online');
     * mock.setPresence('Bo', 'away');
     */
    setPresence: (userRef: string, status: PresenceStatus): Presence => {
      const user = state.requireUser(userRef);
      hub.setPresence(user.id, SCRIPTED_CONNECTION, status);
      return state.presence.of(user.id);
    },
    /**
     * The chat as `userRef` sees it over REST, with their `last_read_seq` and `unread_count`.
     *
     * @example
     * expect(mock.chatFor('general', 'ana').unread_count).toBe(2);
     */
    chatFor: (chatRef: string, userRef: string): Chat => chatView(state, state.requireChat(chatRef), state.requireUser(userRef).id),
    /**
     * Sets `userRef`'s `last_read_seq` in a chat to exactly `seq` (back as well as forward: for "new messages"
     * stories whatever the seeded history holds) and sends them `chat_read`. No receipts are stored or relayed.
     *
     * @example
     * // Sam has read the first 30 of 40 messages: 10 unread (if others sent them), a separator before #31.
     * mock.markRead(CHAT_ID, 'Sam', 30);
     */
    markRead: (chatRef: string, userRef: string, seq: number): void => {
      const chat = state.requireChat(chatRef);
      const user = member(chat, userRef);
      if (!Number.isInteger(seq) || seq < 0 || seq > chat.messages.length) throw new Error(`Mock chat server: seq ${seq} is not in 0..${chat.messages.length}`);
      chat.lastRead.set(user.id, seq);
      hub.fanOut.chatRead(chat, user.id);
    },
    /**
     * A user's presence now: `online` when any connection is, `away` when all are, `offline` with none.
     *
     * @example
     * expect(mock.presence('Sam').status).toBe('away');
     */
    presence: (userRef: string): Presence => state.presence.of(state.requireUser(userRef).id),
    /**
     * One stored message (with `read_by`) by id, as `GET …/messages/{id}` answers it.
     *
     * @example
     * expect(mock.message(id).reply_count).toBe(2);
     */
    message: (messageId: string): Required<HistoryMessage> => {
      const hit = state.findMessage(messageId);
      if (!hit) throw new Error(`Mock chat server: no message "${messageId}"`);
      return toHistory(state.storedIn(hit.chat, messageId)!);
    },
  };
}
