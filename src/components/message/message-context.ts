import { createContext, useContext } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';

/** The message a `MessageRoot` renders, for the parts inside it. */
export const MessageContext = createContext<ChatMessage | null>(null);

/**
 * The message of the enclosing `MessageRoot`; throws a clear error outside one.
 *
 * @example
 * const message = useMessageContext('MessageContent');
 */
export function useMessageContext(part: string): ChatMessage {
  const message = useContext(MessageContext);
  if (!message) throw new Error(`<${part}> must be inside <MessageRoot message={…}>`);
  return message;
}
