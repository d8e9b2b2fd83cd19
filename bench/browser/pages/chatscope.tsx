import '@chatscope/chat-ui-kit-styles/dist/default/styles.min.css';
import { ChatContainer, MainContainer, Message as ChatscopeMessage, MessageList } from '@chatscope/chat-ui-kit-react';
import type { Message } from 'natter';
import { useAppendedMessages } from './use-appended-messages';
import type { SetupVariant } from './variant';

/** chatscope's list fed the way its docs show: a state array appended per message, every message a `Message`. */
function ChatscopeChat({ initial }: { initial: Message[] }) {
  const messages = useAppendedMessages(initial);
  return (
    <div className="bench-frame">
      <MainContainer>
        <ChatContainer>
          <MessageList>
            {messages.map((message) => (
              <ChatscopeMessage
                key={message.id}
                data-message-id={message.id}
                model={{ message: message.content, sentTime: message.created_at, sender: message.sender.username, direction: 'incoming', position: 'single' }}
              >
                <ChatscopeMessage.Header sender={message.sender.username} sentTime={new Date(message.created_at).toLocaleTimeString()} />
              </ChatscopeMessage>
            ))}
          </MessageList>
        </ChatContainer>
      </MainContainer>
    </div>
  );
}

export const setup: SetupVariant = async ({ history }) => ({
  element: <ChatscopeChat initial={history} />,
  isReady: () => true,
});
