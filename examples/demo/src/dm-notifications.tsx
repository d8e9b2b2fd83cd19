import type { Message } from 'natter';
import { chatHref } from './use-hash-route';

interface DmNotificationsProps {
  unread: Message[];
  dismiss: (chatId: string) => void;
}

/** One card per chat with unseen direct messages: who wrote, the newest text, and links to open or dismiss. */
export function DmNotifications({ unread, dismiss }: DmNotificationsProps) {
  const newestPerChat = new Map<string, { message: Message; count: number }>();
  for (const message of unread) {
    const entry = newestPerChat.get(message.chat_id);
    if (entry) entry.count += 1;
    else newestPerChat.set(message.chat_id, { message, count: 1 });
  }
  return (
    <section className="notifications" aria-label="New direct messages" aria-live="polite">
      {[...newestPerChat.values()].slice(0, 3).map(({ message, count }) => (
        <article key={message.chat_id} className="notification" data-chat-id={message.chat_id}>
          <p className="notification-title">
            New direct message from <strong>{message.sender.username}</strong>
            {count > 1 && ` (${count})`}
          </p>
          <p className="notification-text">{message.content}</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => dismiss(message.chat_id)}>
              Dismiss
            </button>
            <a className="button" href={chatHref(message.chat_id)}>
              Open chat
            </a>
          </div>
        </article>
      ))}
    </section>
  );
}
