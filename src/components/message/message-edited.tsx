import { forwardRef, type TimeHTMLAttributes } from 'react';
import { renderPart, type AsChildProps } from '../slot/render-part';
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
export const MessageEdited = forwardRef<HTMLElement, MessageEditedProps>(function MessageEdited({ asChild, label = 'edited', ...props }, ref) {
  const message = useMessageContext('MessageEdited');
  if (!message.edited_at || message.deleted_at) return null;
  const date = new Date(message.edited_at);
  const valid = !Number.isNaN(date.getTime());
  return renderPart(
    'time',
    asChild,
    {
      'data-natter': 'message-edited',
      'data-edited': 'true',
      dateTime: valid ? message.edited_at : undefined,
      title: valid ? `Edited ${date.toLocaleString()}` : undefined,
    },
    props,
    ref,
    label,
  );
});
