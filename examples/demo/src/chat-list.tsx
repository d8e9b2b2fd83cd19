import { useChatClient } from 'natter/react';
import { chatName, hasUnread } from './chat-name';
import { useChats } from './queries';
import { chatHref } from './use-hash-route';

interface ChatListProps {
  activeChatId: string | null;
}

/** My chats as links, newest activity first, with a preview of the last message and an unread mark. */
export function ChatList({ activeChatId }: ChatListProps) {
  const me = useChatClient().currentUser.id;
  const chats = useChats();

  if (chats.isPending) return <p className="muted pad">Loading chats…</p>;
  if (chats.isError) {
    return (
      <p role="alert" className="form-error pad">
        Could not load your chats: {chats.error.message}{' '}
        <button type="button" className="link" onClick={() => void chats.refetch()}>
          Try again
        </button>
      </p>
    );
  }
  if (chats.data.length === 0) return <p className="muted pad">No chats yet. Start one with the buttons above.</p>;

  return (
    <ul className="chat-list">
      {chats.data.map((chat) => {
        const name = chatName(chat, me);
        const unread = chat.id !== activeChatId && hasUnread(chat, me);
        const last = chat.last_message;
        return (
          <li key={chat.id}>
            <a href={chatHref(chat.id)} className="chat-link" aria-current={chat.id === activeChatId ? 'page' : undefined} data-unread={unread || undefined}>
              <span className="chat-link-name">
                <span aria-hidden="true" className="chat-kind">
                  {chat.is_direct ? '@' : '#'}
                </span>
                {name}
                {unread && <span className="visually-hidden"> (unread messages)</span>}
              </span>
              <span className="chat-link-preview">
                {last ? `${last.sender_id === me ? 'You' : last.sender.username}: ${last.content}` : chat.is_direct ? 'Direct message' : `${chat.members.length} members`}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
