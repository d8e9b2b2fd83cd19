import { useEffect, useState } from 'react';
import type { Message } from 'natter';
import { BenchSocket } from './bench-socket';
import { CHAT_ID } from './frames';
import { SOCKET_URL } from './variant';

/**
 * The seed's way of holding a chat (shared/seed, section 3.2, `Chat`): one `useState` array, copied with the new
 * message appended for every `new_message` frame, and a read receipt sent back for each. Used by the seed-style
 * baseline and by the chatscope page, since that is how chatscope's docs feed its `MessageList` too.
 *
 * @example
 * const messages = useAppendedMessages(initial);
 */
export function useAppendedMessages(initial: Message[]): Message[] {
  const [messages, setMessages] = useState(initial);
  useEffect(() => {
    const ws = new BenchSocket(`${SOCKET_URL}/${CHAT_ID}?token=bench`);
    ws.onmessage = (event) => {
      let frame: { type: string; data: Message };
      try {
        frame = JSON.parse(event.data as string) as typeof frame;
      } catch {
        return;
      }
      if (frame.type !== 'new_message') return;
      setMessages((prev) => [...prev, frame.data]);
      ws.send(JSON.stringify({ type: 'read_receipt', data: { message_id: frame.data.id } }));
    };
    return () => ws.close();
  }, []);
  return messages;
}
