import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { plural } from '../shared/plural';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';

/** Props of `NewMessagesButton`. */
export interface NewMessagesButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, AsChildProps {
  /** How many messages arrived below the reader. */
  count: number;
  /** The content; a function gets the count. Default "N new messages below". */
  label?: ReactNode | ((count: number) => ReactNode);
}

// "below": not to be mistaken for `JumpToUnread`'s "N new messages" (up to where the unread ones begin).
const defaultLabel = (count: number) => `${plural(count, 'new message')} below`;

/**
 * The button `MessageList` shows while the reader is above the bottom and messages arrive below them
 * (`data-natter="new-messages-button"`, `data-count`); it scrolls to the bottom and goes away there.
 *
 * @example
 * <NewMessagesButton count={3} onClick={scrollToBottom} />
 */
export const NewMessagesButton = definePart<HTMLButtonElement, NewMessagesButtonProps>('new-messages-button', 'button', function NewMessagesButton({ count, label, ...props }) {
  return [{ type: 'button', 'data-count': count }, props, typeof label === 'function' ? label(count) : (label ?? defaultLabel(count))];
});
