import type { TimeHTMLAttributes } from 'react';
import { validDate } from '../shared/time';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { useMessageContext } from './message-context';

/** Props of `MessageEdited`. */
export interface MessageEditedProps extends TimeHTMLAttributes<HTMLElement>, AsChildProps {
  /** The mark's text. Default "edited". */
  label?: string;
}

/**
 * "edited" on a message whose text was changed, as a `<time>` of the last edit (`dateTime`, and the local time as
 * its title); nothing for an unedited or deleted message. `data-edited` for styling.
 *
 * @example
 * <MessageEdited label="(modifié)" />
 */
export const MessageEdited = definePart<HTMLElement, MessageEditedProps>('message-edited', 'time', function MessageEdited({ label = 'edited', ...props }) {
  const message = useMessageContext('MessageEdited');
  if (!message.edited_at || message.deleted_at) return null;
  const date = validDate(message.edited_at);
  // Null (no date it can read) renders no attribute.
  return [{ 'data-edited': 'true', dateTime: date && message.edited_at, title: date && `Edited ${date.toLocaleString()}` }, props, label];
});
