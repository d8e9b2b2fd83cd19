import { forwardRef, type HTMLAttributes } from 'react';
import { renderPart, type AsChildProps } from '../slot/render-part';

/** Props of `NewMessagesSeparator`. */
export interface NewMessagesSeparatorProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** The text (and accessible name). Default "New messages". */
  label?: string;
}

/**
 * The line `MessageList` draws before the first message that was unread when the chat was opened
 * (`data-unread-separator`, `role="separator"`). Pass your own to `<MessageList unreadSeparator>`.
 *
 * @example
 * <MessageList chatId={chatId} unreadSeparator={<NewMessagesSeparator label="Unread" />} />
 */
export const NewMessagesSeparator = forwardRef<HTMLElement, NewMessagesSeparatorProps>(function NewMessagesSeparator(
  { label = 'New messages', asChild, ...props },
  ref,
) {
  return renderPart(
    'div',
    asChild,
    { 'data-natter': 'new-messages-separator', 'data-unread-separator': '', role: 'separator', 'aria-label': label },
    props,
    ref,
    <span data-natter="new-messages-label">{label}</span>,
  );
});
