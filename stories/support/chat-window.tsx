import { ConnectionStatus, MessageComposer, MessageList, TypingIndicator } from 'natter/components';
import type { ReactNode } from 'react';

/**
 * A chat as an app would lay it out (see examples/demo): title, connection status, the messages, who is typing
 * and the message box, in a fixed-height window so the list scrolls.
 *
 * @example
 * <ChatWindow chatId={CHAT_ID} />
 */
export function ChatWindow({ chatId, title = 'general', label, children }: { chatId: string; title?: string; label?: string; children?: ReactNode }) {
  return (
    <section className="story-chat" aria-label={label ?? `Chat ${title}`}>
      <h2 className="story-chat-header">
        #{title}
        {label && <span className="story-chat-who"> — {label}</span>}
      </h2>
      <ConnectionStatus socketKey={chatId} />
      <MessageList chatId={chatId} empty={<p className="story-empty">No messages yet. Say hello!</p>} />
      <TypingIndicator chatId={chatId} />
      <MessageComposer chatId={chatId} placeholder={`Message #${title}`} />
      {children}
    </section>
  );
}
