import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent, type FormHTMLAttributes, type KeyboardEvent } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { selectChat, type ChatStoreState } from '../../core/store/chat-store';
import { useChatClient } from '../../react/context';
import { useChatStore } from '../../react/use-chat-store';
import { useMessageActions } from '../../react/use-message-actions';
import { useTyping } from '../../react/use-typing';
import { isComposing, isSubmitEnter } from '../shared/keys';
import { unlessRefused } from '../shared/refusal';
import { bool, flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { ComposerBanner } from './composer-banner';

/** Props of `MessageComposer`. */
export interface MessageComposerProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'>, AsChildProps {
  chatId: string;
  placeholder?: string;
  /** The accessible name of the text box. Default "Message". */
  label?: string;
  /** Every message sent is a reply to this one (a thread's composer); Up edits your last reply in that thread. */
  parentMessageId?: string | null;
  /** The message the next one replies to, shown above the box with a Cancel button (e.g. from `Message`'s `onReply`). */
  replyTo?: ChatMessage | null;
  /** The reply target is done with: cancelled (Cancel, Escape) or the reply was sent. Clear `replyTo` here. */
  onCancelReply?: () => void;
  /** Offer an Attach button (and accept dropped files). Default true. */
  allowFiles?: boolean;
  /** The file types offered, as `<input accept>`. */
  accept?: string;
  /** Called after a message was handed to the client, with its client id. */
  onSent?: (clientId: string) => void;
}

/**
 * The message box: Enter sends, Shift+Enter adds a line (keys an input method is composing with, its Enter and Escape
 * among them, do nothing here), keystrokes tell the chat you are typing. Up in an empty box edits your last message
 * (Enter saves, Escape cancels; a message deleted meanwhile ends the edit); with `replyTo` the next message is a
 * reply, shown above the box. Attach (or drop) files to send them, the caption being the text typed. A refused
 * message (only white space, too long) keeps its text and shows why; Enter in an empty box does nothing. After a
 * send, save or cancel, focus is in the box. `data-mode` (`compose|edit|reply`), `data-error` and `data-empty` for styling.
 *
 * @example
 * <MessageComposer chatId={chatId} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
 */
export const MessageComposer = definePart<HTMLFormElement, MessageComposerProps>('composer', 'form', function MessageComposer({
  chatId,
  placeholder = 'Write a message…',
  label = 'Message',
  parentMessageId = null,
  replyTo = null,
  onCancelReply,
  allowFiles = true,
  accept,
  onSent,
  ...props
}) {
  const client = useChatClient();
  const me = client.currentUser.id;
  // Holding the chat's socket (shared, reference-counted) lets a composer used on its own still send typing.
  useEffect(() => client.joinChat(chatId), [client, chatId]);
  // A draft or an edit under way belongs to its chat (or thread): the next one's box starts empty, so none of it is
  // sent there.
  useEffect(() => reset(), [client, chatId, parentMessageId]);
  const { onInput, stop } = useTyping(chatId);
  const actions = useMessageActions(chatId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const errorId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  // The messages Up edits from: the thread's replies in a thread's composer.
  const listOf = (state: ChatStoreState) => {
    const slice = selectChat(state, chatId);
    return parentMessageId ? (slice.threads?.[parentMessageId]?.replies ?? []) : slice.messages;
  };
  const lastOwn = useChatStore((state) => {
    const list = listOf(state);
    for (let index = list.length - 1; index >= 0; index--) {
      const message = list[index]!;
      if (message.sender_id === me && message.id !== null && !message.deleted_at) return message;
    }
    return null;
  });
  const editing = useChatStore((state) => editingId && listOf(state).find((m) => m.id === editingId));
  const editTarget = editing && !editing.deleted_at ? editing : null;
  const replyParent = replyTo?.id ?? parentMessageId;
  const mode = editTarget ? 'edit' : replyParent ? 'reply' : 'compose';

  const empty = !text.trim();
  const reset = () => {
    setText('');
    setError(null);
    setEditingId(null);
  };
  // Deleted (here or on another device) while being edited: its text must not go out as a new message.
  if (editingId && !editTarget) reset();
  // After a send, save or cancel: the button pressed may now be disabled or gone, and the next message starts here.
  const done = () => {
    reset();
    box.current?.focus();
  };
  // Refusals the client can tell at once keep the text and say why.
  const attempt = (action: () => string | void) =>
    unlessRefused(() => {
      const clientId = action();
      done();
      if (!clientId) return;
      onSent?.(clientId);
      if (replyTo) onCancelReply?.();
    }, setError);
  const submit = () => {
    // An empty box (a fast second Enter) has nothing to send: no refusal to announce.
    if (!editTarget) {
      if (text) {
        stop();
        attempt(() => client.sendMessage(chatId, text, { parentMessageId: replyParent }));
      }
    } else if (text === editTarget.content) done();
    else attempt(() => void actions.edit(editTarget.id!, text));
  };
  const sendFiles = (files: FileList | null) => {
    if (!files?.length || editTarget) return;
    stop();
    attempt(() => actions.sendFiles([...files], { caption: empty ? undefined : text, parentMessageId: replyParent }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isComposing(event)) return;
    if (event.key === 'ArrowUp' && !text && !editTarget && lastOwn) {
      setEditingId(lastOwn.id);
      setText(lastOwn.content);
    } else if (event.key === 'Escape' && editTarget) reset();
    else if (event.key === 'Escape' && replyTo && onCancelReply) onCancelReply();
    else if (isSubmitEnter(event)) submit();
    else return;
    event.preventDefault();
  };
  const acceptsDrop = (event: DragEvent) => allowFiles && !editTarget && event.dataTransfer.types.includes('Files');

  const content = (
    <>
      {editTarget && <ComposerBanner mode="edit" message={editTarget} onCancel={done} />}
      {!editTarget && replyTo && <ComposerBanner mode="reply" message={replyTo} onCancel={onCancelReply && (() => (onCancelReply(), box.current?.focus()))} />}
      <textarea
        ref={box}
        data-natter="composer-input"
        aria-label={editTarget ? 'Edit message' : label}
        aria-invalid={flag(error)}
        aria-describedby={error ? errorId : undefined}
        placeholder={placeholder}
        rows={1}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (error) setError(null);
          if (event.target.value && !editTarget) onInput();
        }}
        onKeyDown={onKeyDown}
        onBlur={stop}
      />
      {allowFiles && !editTarget && (
        <>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={accept}
            // Hidden, so out of the tab order and the accessibility tree: Attach is its name and way in.
            hidden
            onChange={(event) => {
              sendFiles(event.target.files);
              event.target.value = '';
            }}
            data-natter="composer-file-input"
          />
          <button data-natter="composer-attach" type="button" aria-label="Attach files" title="Attach files" onClick={() => fileInput.current?.click()}>
            Attach
          </button>
        </>
      )}
      <button data-natter="composer-submit" type="submit" disabled={empty && !editTarget}>
        {editTarget ? 'Save' : 'Send'}
      </button>
      {error && (
        <p data-natter="composer-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </>
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const state = {
    'data-mode': mode,
    'data-error': flag(error),
    'data-empty': bool(empty),
    onSubmit,
    onDragOver: (event: DragEvent) => acceptsDrop(event) && event.preventDefault(),
    onDrop: (event: DragEvent) => {
      if (!acceptsDrop(event)) return;
      event.preventDefault();
      sendFiles(event.dataTransfer.files);
    },
  };
  return [state, props, content];
});
