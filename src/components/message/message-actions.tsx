import { forwardRef, useRef, useState, type FocusEvent, type HTMLAttributes } from 'react';
import { NatterError } from '../../core/errors';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useChatClient } from '../../react/context';
import { useMessageActions } from '../../react/use-message-actions';
import { ReactionPicker, type ReactionOption } from '../reaction-picker/reaction-picker';
import { renderPart, type AsChildProps } from '../slot/render-part';
import { useMessageContext } from './message-context';

/** Props of `MessageActions`. */
export interface MessageActionsProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** Reply to the message (e.g. put the composer in reply mode); no Reply button without it. */
  onReply?: (message: ChatMessage) => void;
  /** Edit the message (e.g. show an editor); no Edit button without it. Only on your own messages. */
  onEdit?: (message: ChatMessage) => void;
  /** The reaction picker's emoji. Default the built-in set. */
  emojis?: ReadonlyArray<string | ReactionOption>;
}

/**
 * What you can do with the enclosing message, as a `role="toolbar"` of buttons reachable by keyboard: Reply, React
 * (opens a `ReactionPicker`), and on your own messages Edit and Delete (asks to confirm). Nothing for a message
 * not yet confirmed; a deleted one can still be replied to. `data-open` while the picker is open.
 *
 * @example
 * <MessageActions onReply={setReplyTo} onEdit={(m) => setEditing(m.id)} />
 */
export const MessageActions = forwardRef<HTMLElement, MessageActionsProps>(function MessageActions({ onReply, onEdit, emojis, asChild, ...props }, ref) {
  const message = useMessageContext('MessageActions');
  const me = useChatClient().currentUser.id;
  const actions = useMessageActions(message.chat_id);
  const [picking, setPicking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reactButton = useRef<HTMLButtonElement>(null);
  const messageId = message.id;
  if (messageId === null) return null;
  const own = message.sender_id === me;
  const deleted = !!message.deleted_at;

  // Refusals the client can tell at once (not yours, already deleted) show here; the server's come as rollbacks.
  const attempt = (action: () => void) => {
    try {
      action();
      setError(null);
    } catch (caught) {
      if (!(caught instanceof NatterError)) throw caught;
      setError(caught.message);
    }
  };
  const closePicker = () => {
    setPicking(false);
    reactButton.current?.focus();
  };
  const onPickerBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null) && event.relatedTarget !== reactButton.current) setPicking(false);
  };
  const mine = (message.reactions ?? []).filter((r) => r.user_ids.includes(me)).map((r) => r.emoji);

  const content = (
    <>
      {onReply && (
        <button type="button" data-natter="message-action" data-action="reply" onClick={() => onReply(message)}>
          Reply
        </button>
      )}
      {!deleted && (
        <button
          ref={reactButton}
          type="button"
          data-natter="message-action"
          data-action="react"
          aria-haspopup="menu"
          aria-expanded={picking}
          onClick={() => setPicking((open) => !open)}
        >
          React
        </button>
      )}
      {own && !deleted && onEdit && (
        <button type="button" data-natter="message-action" data-action="edit" onClick={() => onEdit(message)}>
          Edit
        </button>
      )}
      {own && !deleted && !confirming && (
        <button type="button" data-natter="message-action" data-action="delete" onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
      {own && !deleted && confirming && (
        <span data-natter="message-delete-confirm" role="group" aria-label="Delete this message?">
          <button type="button" data-natter="message-action" data-action="confirm-delete" autoFocus onClick={() => attempt(() => actions.remove(messageId))}>
            Confirm delete
          </button>
          <button type="button" data-natter="message-action" data-action="cancel-delete" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      )}
      {picking && !deleted && (
        <ReactionPicker
          emojis={emojis}
          selected={mine}
          onBlur={onPickerBlur}
          onClose={closePicker}
          onSelect={(emoji) => {
            attempt(() => actions.toggleReaction(messageId, emoji));
            closePicker();
          }}
        />
      )}
      {error && (
        <span data-natter="message-action-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
  return renderPart(
    'div',
    asChild,
    { 'data-natter': 'message-actions', role: 'toolbar', 'aria-label': 'Message actions', 'data-open': picking ? 'true' : undefined },
    props,
    ref,
    content,
  );
});
