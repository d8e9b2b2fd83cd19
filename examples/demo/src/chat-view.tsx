import { useEffect, useRef, useState } from 'react';
import type { ChatMessage } from 'natter';
import {
  Avatar,
  ConnectionStatus,
  JumpToUnread,
  Message,
  MessageComposer,
  MessageList,
  SearchPanel,
  Thread,
  TypingIndicator,
} from 'natter/components';
import { useChatClient } from 'natter/react';
import { chatName } from './chat-name';
import { useChatDetails } from './queries';

interface ChatViewProps {
  chatId: string;
  onBack: () => void;
  /** A message to scroll to and highlight when the chat opens (from a notification). */
  initialMessageId?: string | null;
}

type Panel = { kind: 'thread'; parentId: string } | { kind: 'search' } | null;

/**
 * One open chat: header with the members' presence and a search button, connection state, messages (edit, delete,
 * react, reply, threads, files), who is typing, the message box, and a side panel for a thread or search results.
 */
export function ChatView({ chatId, onBack, initialMessageId = null }: ChatViewProps) {
  const me = useChatClient().currentUser.id;
  const chat = useChatDetails(chatId);
  const composer = useRef<HTMLFormElement>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [highlight, setHighlight] = useState<string | null>(initialMessageId);

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
  const others = chat.data.members.filter((member) => member.id !== me);
  const openThread = (message: ChatMessage) => message.id && setPanel({ kind: 'thread', parentId: message.id });
  return (
    <div className="chat-with-panel" data-panel={panel?.kind ?? 'none'}>
      <section className="chat" aria-labelledby="chat-title">
        <header className="chat-header">
          <button type="button" className="icon-button back" aria-label="Back to chats" onClick={onBack}>
            ←
          </button>
          <div className="chat-title">
            <h2 id="chat-title">{name}</h2>
            <ul className="chat-presence" aria-label="Members">
              {others.map((member) => (
                <li key={member.id}>
                  <Avatar userId={member.id} name={member.username} />
                  <span className="narrow-hidden">{member.username}</span>
                </li>
              ))}
              {others.length === 0 && <li className="muted">Nobody else yet</li>}
            </ul>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Search messages"
            aria-pressed={panel?.kind === 'search'}
            onClick={() => setPanel(panel?.kind === 'search' ? null : { kind: 'search' })}
          >
            ⌕
          </button>
        </header>
        <ConnectionStatus socketKey={chatId} />
        <JumpToUnread chatId={chatId} className="jump-to-unread" />
        <MessageList
          chatId={chatId}
          className="chat-messages"
          highlightMessageId={highlight}
          onHighlight={() => setHighlight(null)}
          empty={<p className="muted empty">No messages yet. Say hello!</p>}
          renderMessage={(message) => <Message message={message} onOpenThread={openThread} onReply={setReplyTo} />}
        />
        <TypingIndicator chatId={chatId} />
        <MessageComposer
          ref={composer}
          chatId={chatId}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          placeholder={`Message ${chat.data.is_direct ? name : `#${name}`}`}
        />
      </section>
      {panel?.kind === 'thread' && (
        <Thread key={panel.parentId} className="side-panel" chatId={chatId} parentId={panel.parentId} onClose={() => setPanel(null)} onOpenThread={openThread} />
      )}
      {panel?.kind === 'search' && (
        <aside className="side-panel" aria-label="Search">
          <SearchPanel chatId={chatId} onSelect={(message) => setHighlight(message.id)} />
        </aside>
      )}
    </div>
  );
}
