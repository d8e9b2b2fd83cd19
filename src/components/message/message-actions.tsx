import { useRef, useState, type ButtonHTMLAttributes, type FocusEvent, type HTMLAttributes, type Ref } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { useMessageActions } from '../../react/use-message-actions';
import { ReactionPicker, type ReactionOption } from '../reaction-picker/reaction-picker';
import { unlessRefused } from '../shared/refusal';
import { useCurrentUserId } from '../shared/use-current-user-id';
import { flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
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
export const MessageActions = definePart<HTMLElement, MessageActionsProps>('message-actions', 'div', function MessageActions({ onReply, onEdit, emojis, ...props }) {
  const message = useMessageContext('MessageActions');
  const me = useCurrentUserId();
  const actions = useMessageActions(message.chat_id);
  const [picking, setPicking] = useState(false);
  // False once cancelled: Delete comes back focused, where the cancelled confirmation had focus.
  const [confirming, setConfirming] = useState<boolean>();
  const [error, setError] = useState<string | null>(null);
  const reactButton = useRef<HTMLButtonElement>(null);
  const messageId = message.id;
  if (messageId === null) return null;
  const deleted = !!message.deleted_at;
  const editable = message.sender_id === me && !deleted;

  // Refusals the client can tell at once (not yours, already deleted) show here; the server's come as rollbacks.
  const attempt = (action: () => void) =>
    unlessRefused(() => {
      action();
      setError(null);
    }, setError);
  const closePicker = () => {
    setPicking(false);
    reactButton.current?.focus();
  };
  const button = (action: string, label: string, onClick: () => void, extra?: ButtonHTMLAttributes<HTMLButtonElement> & { ref?: Ref<HTMLButtonElement> }) => (
    <button type="button" data-natter="message-action" data-action={action} {...extra} onClick={onClick}>
      {label}
    </button>
  );

  return [
    { role: 'toolbar', 'aria-label': 'Message actions', 'data-open': flag(picking) },
    props,
    onReply && button('reply', 'Reply', () => onReply(message)),
    !deleted && button('react', 'React', () => setPicking((open) => !open), { ref: reactButton, 'aria-haspopup': 'menu', 'aria-expanded': picking }),
    editable && onEdit && button('edit', 'Edit', () => onEdit(message)),
    editable &&
      (confirming ? (
        <span data-natter="message-delete-confirm" role="group" aria-label="Delete this message?">
          {button('confirm-delete', 'Confirm delete', () => attempt(() => actions.remove(messageId)), { autoFocus: true })}
          {button('cancel-delete', 'Cancel', () => setConfirming(false))}
        </span>
      ) : (
        button('delete', 'Delete', () => setConfirming(true), { autoFocus: confirming === false })
      )),
    picking && !deleted && (
      <ReactionPicker
        emojis={emojis}
        selected={(message.reactions ?? []).filter((r) => r.user_ids.includes(me)).map((r) => r.emoji)}
        onBlur={(event: FocusEvent<HTMLElement>) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null) && event.relatedTarget !== reactButton.current) setPicking(false);
        }}
        onClose={closePicker}
        onSelect={(emoji) => {
          attempt(() => actions.toggleReaction(messageId, emoji));
          closePicker();
        }}
      />
    ),
    error && (
      <span data-natter="message-action-error" role="alert">
        {error}
      </span>
    ),
  ];
});
