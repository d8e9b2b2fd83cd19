import type { HTMLAttributes } from 'react';
import { useTyping } from '../../react/use-typing';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { formatTyping } from './format-typing';

/** Props of `TypingIndicator`. */
export interface TypingIndicatorProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  chatId: string;
  /** The sentence for these names; default `formatTyping` (English). */
  format?: (names: string[]) => string;
}

/**
 * "Ana is typing…": a polite live region, empty when nobody types. `data-count` for styling.
 *
 * @example
 * <TypingIndicator chatId={chatId} />
 */
export const TypingIndicator = definePart<HTMLElement, TypingIndicatorProps>('typing-indicator', 'div', function TypingIndicator({ chatId, format = formatTyping, ...props }) {
  const { typingUsers } = useTyping(chatId);
  const text = format(typingUsers.map((user) => user.username || 'Someone'));
  return [{ 'data-count': typingUsers.length, role: 'status', 'aria-live': 'polite' }, props, text];
});
