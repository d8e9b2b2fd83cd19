import { forwardRef, type HTMLAttributes } from 'react';
import { useTyping } from '../../react/use-typing';
import { renderPart, type AsChildProps } from '../slot/render-part';
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
export const TypingIndicator = forwardRef<HTMLElement, TypingIndicatorProps>(function TypingIndicator(
  { chatId, format = formatTyping, asChild, ...props },
  ref,
) {
  const { typingUsers } = useTyping(chatId);
  const text = format(typingUsers.map((user) => user.username || 'Someone'));
  return renderPart(
    'div',
    asChild,
    { 'data-natter': 'typing-indicator', 'data-count': typingUsers.length, role: 'status', 'aria-live': 'polite' },
    props,
    ref,
    text,
  );
});
