import { forwardRef, useEffect, useId, useRef, useState, type FormEvent, type FormHTMLAttributes, type KeyboardEvent } from 'react';
import { NatterError } from '../../core/errors';
import { useMessageActions } from '../../react/use-message-actions';
import { renderPart, type AsChildProps } from '../slot/render-part';
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
export const MessageEditor = forwardRef<HTMLFormElement, MessageEditorProps>(function MessageEditor({ onDone, label = 'Edit message', asChild, ...props }, ref) {
  const message = useMessageContext('MessageEditor');
  const { edit } = useMessageActions(message.chat_id);
  const [text, setText] = useState(message.content);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const save = () => {
    if (text === message.content || message.id === null) return onDone(false);
    try {
      edit(message.id, text);
      onDone(true);
    } catch (caught) {
      if (!(caught instanceof NatterError)) throw caught;
      setError(caught.message);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone(false);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      save();
    }
  };
  const content = (
    <>
      <textarea
        ref={input}
        data-natter="message-editor-input"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        rows={1}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" data-natter="message-editor-save">
        Save
      </button>
      <button type="button" data-natter="message-editor-cancel" onClick={() => onDone(false)}>
        Cancel
      </button>
      {error && (
        <p data-natter="message-editor-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </>
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };
  return renderPart('form', asChild, { 'data-natter': 'message-editor', 'data-error': error ? 'true' : undefined, onSubmit }, props, ref, content);
});
