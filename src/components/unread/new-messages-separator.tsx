import type { HTMLAttributes } from 'react';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';

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
export const NewMessagesSeparator = definePart<HTMLElement, NewMessagesSeparatorProps>('new-messages-separator', 'div', function NewMessagesSeparator({
  label = 'New messages',
  ...props
}) {
  return [{ 'data-unread-separator': '', role: 'separator', 'aria-label': label }, props, <span data-natter="new-messages-label">{label}</span>];
});
