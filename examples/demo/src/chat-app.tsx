import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { User } from 'natter';
import { Notifications } from 'natter/components';
import { ChatProvider } from 'natter/react';
import { useNotifications } from 'natter/react/features';
import { AppBar } from './app-bar';
import { ChatView } from './chat-view';
import { clientsFor, disposeClients } from './chat-client';
import { logOut } from './session';
import { Sidebar } from './sidebar';
import { chatHref, useHashRoute } from './use-hash-route';

interface ChatAppProps {
  user: User;
  /** The theme picker, shown in the top bar. */
  themePicker: ReactNode;
}

/** The signed-in app: the user's Natter client and react-query cache around the chat list and the open chat. */
export function ChatApp({ user, themePicker }: ChatAppProps) {
  const clients = clientsFor(user);
  return (
    <ChatProvider client={clients.chat} queryClient={clients.query}>
      <QueryClientProvider client={clients.query}>
        <Shell user={user} themePicker={themePicker} />
      </QueryClientProvider>
    </ChatProvider>
  );
}

function Shell({ user, themePicker }: ChatAppProps) {
  const [chatId, openChat] = useHashRoute();
  // Direct messages and mentions of me in chats that are not on screen (the kit clears a chat's when it opens).
  const { notifications } = useNotifications();
  // The message a notification pointed at, shown when its chat opens.
  const [jump, setJump] = useState<{ chatId: string; messageId: string } | null>(null);

  const signOut = () => {
    disposeClients();
    openChat(null);
    logOut();
  };
  const newest = notifications.at(-1);

  return (
    <>
      <AppBar>
        {newest && (
          <a className="badge-link" href={chatHref(newest.chat_id)}>
            Notifications <span className="badge">{notifications.length}</span>
            <span className="visually-hidden"> unseen</span>
          </a>
        )}
        {themePicker}
        <span className="signed-in">
          <span className="narrow-hidden">Signed in as </span>
          <strong>{user.username}</strong>
        </span>
        <button type="button" className="button secondary" onClick={signOut}>
          Log out
        </button>
      </AppBar>
      <div className="layout" data-view={chatId ? 'chat' : 'list'}>
        <Sidebar activeChatId={chatId} openChat={openChat} />
        <main className="main">
          {chatId ? (
            <ChatView key={chatId} chatId={chatId} onBack={() => openChat(null)} initialMessageId={jump?.chatId === chatId ? jump.messageId : null} />
          ) : (
            <div className="placeholder">
              <h2>Pick a chat</h2>
              <p className="muted">Choose a chat on the left, or start a new one. Open another tab and sign in as someone else to talk to yourself.</p>
            </div>
          )}
        </main>
      </div>
      <Notifications className="notifications" onOpen={(notification) => {
          setJump({ chatId: notification.chat_id, messageId: notification.message.id });
          openChat(notification.chat_id);
        }}
      />
    </>
  );
}
