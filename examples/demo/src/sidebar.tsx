import { useState } from 'react';
import { ChatList, ChatListItem } from 'natter/components';
import { useChatList } from 'natter/react/features';
import { NewDirectDialog } from './new-direct-dialog';
import { NewGroupDialog } from './new-group-dialog';
import { chatHref } from './use-hash-route';

interface SidebarProps {
  activeChatId: string | null;
  openChat: (chatId: string) => void;
}

/**
 * The kit's live chat list (last message, unread badges, presence of direct partners), each row a link so the
 * open chat lives in the URL, and the buttons that start a group or a direct chat.
 */
export function Sidebar({ activeChatId, openChat }: SidebarProps) {
  const [dialog, setDialog] = useState<'group' | 'direct' | null>(null);
  const { refetch } = useChatList();
  const close = () => setDialog(null);
  const opened = (chatId: string) => {
    close();
    openChat(chatId);
  };
  return (
    <nav className="sidebar" aria-labelledby="chats-heading">
      <div className="sidebar-head">
        <h2 id="chats-heading">Chats</h2>
        <button type="button" className="icon-button" aria-label="Refresh chats" title="Refresh chats" onClick={() => void refetch()}>
          ↻
        </button>
      </div>
      <div className="sidebar-actions">
        <button type="button" className="button" onClick={() => setDialog('group')}>
          New group
        </button>
        <button type="button" className="button secondary" onClick={() => setDialog('direct')}>
          New direct message
        </button>
      </div>
      <ChatList
        className="chat-list"
        selectedChatId={activeChatId}
        empty={<p className="muted pad">No chats yet. Start one with the buttons above.</p>}
        renderChat={(chat, selected) => (
          <ChatListItem asChild chat={chat} selected={selected}>
            <a href={chatHref(chat.id)} />
          </ChatListItem>
        )}
      />
      {dialog === 'group' && <NewGroupDialog onClose={close} onCreated={opened} />}
      {dialog === 'direct' && <NewDirectDialog onClose={close} onOpened={opened} />}
    </nav>
  );
}
