import { useEffect, useId, useRef, useState, type FormEvent, type FormHTMLAttributes } from 'react';
import { useMessageActions } from '../../react/use-message-actions';
import { isComposing, isSubmitEnter } from '../shared/keys';
import { unlessRefused } from '../shared/refusal';
import { flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { useMessageContext } from './message-context';

/** Props of `MessageEditor`. */
export interface MessageEditorProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'>, AsChildProps {
  /** Called when editing ends: saved (true) or cancelled (false). */
  onDone: (saved: boolean) => void;
  /** The accessible name of the text box. Default "Edit message". */
  label?: string;
}

/**
 * Edits the enclosing message in place: its text in a box, Enter saves (Shift+Enter adds a line), Escape cancels.
 * The change shows at once and rolls back if the server refuses; a refusal the client can tell at once (empty,
 * too long) keeps the box open and says why.
 *
 * @example
 * {editing ? <MessageEditor onDone={() => setEditing(false)} /> : <MessageContent />}
 */
export const MessageEditor = definePart<HTMLFormElement, MessageEditorProps>('message-editor', 'form', function MessageEditor({ onDone, label = 'Edit message', ...props }) {
  const message = useMessageContext('MessageEditor');
  const { edit } = useMessageActions(message.chat_id);
  const [text, setText] = useState(message.content);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = input.current!;
    const root = element.closest('[data-natter="message"]');
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
    // Saved or cancelled, the box goes and focus with it: back to the message's Edit action, not to the page (a
    // tombstone has none).
    return () => root?.querySelector<HTMLElement>('[data-action="edit"]')?.focus();
  }, []);

  const save = () => {
    const { id } = message;
    if (text === message.content || id === null) return onDone(false);
    unlessRefused(() => {
      edit(id, text);
      onDone(true);
    }, setError);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };
  return [
    { 'data-error': flag(error), onSubmit },
    props,
    <textarea
      ref={input}
      data-natter="message-editor-input"
      aria-label={label}
      aria-invalid={flag(error)}
      aria-describedby={error ? errorId : undefined}
      rows={1}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        setError(null);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !isComposing(event)) {
          event.preventDefault();
          onDone(false);
        } else if (isSubmitEnter(event)) onSubmit(event);
      }}
    />,
    <button type="submit" data-natter="message-editor-save">
      Save
    </button>,
    <button type="button" data-natter="message-editor-cancel" onClick={() => onDone(false)}>
      Cancel
    </button>,
    error && (
      <p data-natter="message-editor-error" id={errorId} role="alert">
        {error}
      </p>
    ),
  ];
});
