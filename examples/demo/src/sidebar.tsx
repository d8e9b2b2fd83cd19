import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ChatList } from './chat-list';
import { NewDirectDialog } from './new-direct-dialog';
import { NewGroupDialog } from './new-group-dialog';

interface SidebarProps {
  activeChatId: string | null;
  openChat: (chatId: string) => void;
}

/** The chat list with the buttons that start a group or a direct chat. */
export function Sidebar({ activeChatId, openChat }: SidebarProps) {
  const [dialog, setDialog] = useState<'group' | 'direct' | null>(null);
  const queryClient = useQueryClient();
  const close = () => setDialog(null);
  const opened = (chatId: string) => {
    close();
    openChat(chatId);
  };
  return (
    <nav className="sidebar" aria-labelledby="chats-heading">
      <div className="sidebar-head">
        <h2 id="chats-heading">Chats</h2>
        <button type="button" className="icon-button" aria-label="Refresh chats" title="Refresh chats" onClick={() => void queryClient.invalidateQueries({ queryKey: ['demo', 'chats'] })}>
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
      <ChatList activeChatId={activeChatId} />
      {dialog === 'group' && <NewGroupDialog onClose={close} onCreated={opened} />}
      {dialog === 'direct' && <NewDirectDialog onClose={close} onOpened={opened} />}
    </nav>
  );
}
