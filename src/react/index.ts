/**
 * `natter/react`: `ChatProvider` and hooks, thin selectors over the core client's store.
 *
 * @example
 * import { ChatProvider, useChat } from 'natter/react';
 */
export { ChatProvider, type ChatProviderProps } from './chat-provider';
export { useChatClient, useChatContext, type ChatContextValue } from './context';
export { useChat, type UseChatOptions, type UseChatResult } from './use-chat';
export { useChatStore } from './use-chat-store';
export { useConnection, type UseConnectionOptions, type UseConnectionResult } from './use-connection';
export { useDirectMessages, type UseDirectMessagesOptions, type UseDirectMessagesResult } from './use-direct-messages';
export { usePageVisible } from './use-page-visible';
export { useReadReceipts, type UseReadReceiptsOptions, type UseReadReceiptsResult } from './use-read-receipts';
export { useTyping, type UseTypingOptions, type UseTypingResult } from './use-typing';
// Edits, reactions, files, threads, jumps, search, the inbox, presence and metrics: natter/react/features.
