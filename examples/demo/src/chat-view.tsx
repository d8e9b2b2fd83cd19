import { useEffect, useRef } from 'react';
import { ConnectionStatus, MessageComposer, MessageList, TypingIndicator } from 'natter/components';
import { useChatClient } from 'natter/react';
import { chatName } from './chat-name';
import { useChatDetails } from './queries';

interface ChatViewProps {
  chatId: string;
  onBack: () => void;
}

/** One open chat: its header, connection state, messages, who is typing, and the message box. */
export function ChatView({ chatId, onBack }: ChatViewProps) {
  const me = useChatClient().currentUser.id;
  const chat = useChatDetails(chatId);
  const composer = useRef<HTMLFormElement>(null);

  const loaded = chat.data !== undefined;

  // Opening a chat puts the cursor in its message box, ready to type.
  useEffect(() => {
    if (loaded) composer.current?.querySelector('textarea')?.focus();
  }, [chatId, loaded]);

  if (chat.isError) {
    return (
      <section className="chat chat-missing" aria-label="Chat not available">
        <p role="alert">This chat does not exist or you are not one of its members.</p>
        <button type="button" className="button" onClick={onBack}>
          Back to chats
        </button>
      </section>
    );
  }
  if (!chat.data) return <p className="muted pad">Loading chat…</p>;

  const name = chatName(chat.data, me);
  const others = chat.data.members.filter((member) => member.id !== me).map((member) => member.username);
  return (
    <section className="chat" aria-labelledby="chat-title">
      <header className="chat-header">
        <button type="button" className="icon-button back" aria-label="Back to chats" onClick={onBack}>
          ←
        </button>
        <div>
          <h2 id="chat-title">{name}</h2>
          <p className="muted chat-members">{chat.data.is_direct ? 'Direct message' : `You, ${others.join(', ') || 'nobody else yet'}`}</p>
        </div>
      </header>
      <ConnectionStatus socketKey={chatId} />
      <MessageList chatId={chatId} className="chat-messages" empty={<p className="muted empty">No messages yet. Say hello!</p>} />
      <TypingIndicator chatId={chatId} />
      <MessageComposer ref={composer} chatId={chatId} placeholder={`Message ${chat.data.is_direct ? name : `#${name}`}`} />
    </section>
  );
}
