/**
 * `natter/features`: what goes beyond sending and reading messages, as functions that take the client: changes to
 * messages (edits, deletions, reactions), files, threads, jumps and search, the inbox (chat list, unread counts,
 * notifications), presence reporting, metrics, and signing in (`login`, `refreshSession`, `createTokenRenewer`). Each
 * attaches to the client the first time it is used, so an app's bundle holds only the features it imports.
 *
 * @example
 * import { editMessage, loadChats } from 'natter/features';
 * editMessage(client, chatId, messageId, 'fixed');
 */
export { addReaction, deleteMessage, editMessage, removeReaction, sendFiles, toggleReaction, uploadFile } from './messaging';
export { getMessage, jumpTo, leaveWindow, loadThread, loadWindowNewer, loadWindowOlder, searchMessages } from './history';
export { clearNotifications, dismissNotification, inboxOf, isChatViewed, loadChats, markChatRead } from './inbox';
export { reportPresence } from './presence';
export { clientMetrics, type ClientMetricsSource } from './metrics';
export { login, refreshSession } from '../core/rest-client';
export { createTokenRenewer, toStoredSession, type StoredSession, type TokenRenewerOptions } from '../core/token-renewer';
export { messageTypeOf, MAX_ATTACHMENTS, type SendableFile } from '../core/file-send';
export type { ClientMetricsSnapshot } from '../core/metrics';
export { uploadTo, type UploadOptions } from '../core/upload';
export type { Inbox } from '../core/root-features';
