import type { Message } from 'natter';
import { useAppendedMessages } from './use-appended-messages';
import type { SetupVariant } from './variant';

/** Every message rendered on every change, as the seed's `Chat` does (its markup, its per-row time formatting). */
function SeedChat({ initial }: { initial: Message[] }) {
  const messages = useAppendedMessages(initial) as Array<Message & { read_by?: string[] }>;
  return (
    <div className="chat-container bench-frame">
      <div className="messages">
        {messages.map((message) => (
          <div key={message.id} className="message" data-message-id={message.id}>
            <div className="sender">{message.sender.username}</div>
            <div className="content">{message.content}</div>
            <div className="timestamp">{new Date(message.created_at).toLocaleTimeString()}</div>
            {message.read_by && message.read_by.length > 0 && <div className="read-receipts">Read by: {message.read_by.length} users</div>}
          </div>
        ))}
      </div>
    </div>
  );
}

export const setup: SetupVariant = async ({ history }) => ({
  element: <SeedChat initial={history} />,
  isReady: () => true,
});
