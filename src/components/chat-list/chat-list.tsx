import type { HTMLAttributes, ReactNode } from 'react';
import type { Chat } from '../../core/protocol/types';
import { useChatList } from '../../react/use-chat-list';
import { bool, flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { ChatListItem } from './chat-list-item';

/** Props of `ChatList`. */
export interface ChatListProps extends Omit<HTMLAttributes<HTMLElement>, 'onSelect'>, AsChildProps {
  /** The chat shown as selected (`data-selected`, `aria-current`). */
  selectedChatId?: string | null;
  onSelect?: (chat: Chat) => void;
  /** Renders one row; default `<ChatListItem>`. */
  renderChat?: (chat: Chat, selected: boolean) => ReactNode;
  /** Shown when the user has no chats. */
  empty?: ReactNode;
}

/**
 * The current user's chats, most recently active first, live (new messages move a chat up and count as unread;
 * reading clears the badge on every device): a `nav` named "Chats" with one button per chat.
 * `data-loading`, `data-empty`, and `data-error` with a "Try again" button when the list could not load.
 *
 * @example
 * <ChatList selectedChatId={chatId} onSelect={(chat) => setChatId(chat.id)} />
 */
export const ChatList = definePart<HTMLElement, ChatListProps>('chat-list', 'nav', function ChatList({ selectedChatId = null, onSelect, renderChat, empty, ...props }) {
  const { chats, isLoading, error, refetch } = useChatList();
  const isEmpty = !isLoading && !error && chats.length === 0;
  const state = {
    'data-loading': flag(isLoading),
    'data-empty': bool(isEmpty),
    'data-error': flag(error),
    'aria-label': 'Chats',
    'aria-busy': flag(isLoading),
  };
  return [
    state,
    props,
    error && !chats.length && (
      <p data-natter="chat-list-error" role="alert">
        Could not load your chats.{' '}
        <button type="button" data-natter="chat-list-retry" onClick={() => void refetch()}>
          Try again
        </button>
      </p>
    ),
    isEmpty && empty,
    <ul data-natter="chat-list-items">
      {chats.map((chat) => {
        const selected = chat.id === selectedChatId;
        return <li key={chat.id}>{renderChat ? renderChat(chat, selected) : <ChatListItem chat={chat} selected={selected} onSelect={onSelect} />}</li>;
      })}
    </ul>,
  ];
});
