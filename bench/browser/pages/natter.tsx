import 'natter/styles.css';
import { createChatClient } from 'natter';
import { MessageList } from 'natter/components';
import { ChatProvider } from 'natter/react';
import { BenchSocket } from './bench-socket';
import { CHAT_ID, ME } from './frames';
import { historyFetch } from './history-fetch';
import type { SetupVariant } from './variant';

/**
 * Natter as an app uses it: a client (its socket is the page's BenchSocket, its REST answered in the page),
 * `ChatProvider` and the public `MessageList` with its default rows and styles. A room given up front is loaded
 * into the store before mounting, with the in-memory window opened wide enough to hold all of it.
 */
export const setup: SetupVariant = async ({ history }) => {
  const client = createChatClient({
    baseUrl: 'http://chat.bench.invalid',
    getToken: () => 'bench',
    currentUser: ME,
    WebSocket: BenchSocket,
    fetch: historyFetch(history),
    heartbeat: false,
    ...(history.length > 0 ? { maxMessagesInMemory: Number.POSITIVE_INFINITY } : {}),
  });
  if (history.length > 0) await client.loadHistory(CHAT_ID, { limit: history.length });
  return {
    element: (
      <ChatProvider client={client}>
        <div className="bench-frame">
          <MessageList chatId={CHAT_ID} />
        </div>
      </ChatProvider>
    ),
    isReady: () => document.querySelector('[data-natter="message-list"]:not([data-loading])') !== null,
  };
};
