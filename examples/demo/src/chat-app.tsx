import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import type { User } from 'natter';
import { ChatProvider } from 'natter/react';
import { AppBar } from './app-bar';
import { ChatView } from './chat-view';
import { clientsFor, disposeClients } from './chat-client';
import { DmNotifications } from './dm-notifications';
import { useRefreshChatsOnActivity } from './queries';
import { logOut } from './session';
import { Sidebar } from './sidebar';
import { useDmInbox } from './use-dm-inbox';
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
  const inbox = useDmInbox(chatId);
  const queryClient = useQueryClient();
  useRefreshChatsOnActivity();
  // Reading a chat changes its unread mark: refresh the list when leaving or switching chats.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['demo', 'chats'] });
  }, [chatId, queryClient]);

  const signOut = () => {
    disposeClients();
    openChat(null);
    logOut();
  };
  const newest = inbox.unread[0];

  return (
    <>
      <AppBar>
        {newest && (
          <a className="badge-link" href={chatHref(newest.chat_id)}>
            Direct messages <span className="badge">{inbox.unread.length}</span>
            <span className="visually-hidden"> unread</span>
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
            <ChatView key={chatId} chatId={chatId} onBack={() => openChat(null)} />
          ) : (
            <div className="placeholder">
              <h2>Pick a chat</h2>
              <p className="muted">Choose a chat on the left, or start a new one. Open another tab and sign in as someone else to talk to yourself.</p>
            </div>
          )}
        </main>
      </div>
      <DmNotifications unread={inbox.unread} dismiss={inbox.dismiss} />
    </>
  );
}
