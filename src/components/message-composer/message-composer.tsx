import { forwardRef, useEffect, useId, useState, type FormEvent, type FormHTMLAttributes, type KeyboardEvent } from 'react';
import { NatterError } from '../../core/errors';
import { useChatClient } from '../../react/context';
import { useTyping } from '../../react/use-typing';
import { renderPart, type AsChildProps } from '../slot/render-part';

/** Props of `MessageComposer`. */
export interface MessageComposerProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'>, AsChildProps {
  chatId: string;
  placeholder?: string;
  /** The accessible name of the text box. Default "Message". */
  label?: string;
  /** Reply target for the next message. */
  parentMessageId?: string | null;
  /** Called after a message was handed to the client, with its client id. */
  onSent?: (clientId: string) => void;
}

/**
 * The message box: Enter sends, Shift+Enter adds a line (and Enter while an input method is composing does
 * neither), keystrokes tell the chat you are typing. A refused message (empty, too long) keeps its text and shows
 * why. `data-error` and `data-empty` for styling.
 *
 * @example
 * <MessageComposer chatId={chatId} placeholder="Say hi" />
 */
export const MessageComposer = forwardRef<HTMLFormElement, MessageComposerProps>(function MessageComposer(
  { chatId, placeholder = 'Write a message…', label = 'Message', parentMessageId = null, onSent, asChild, ...props },
  ref,
) {
  const client = useChatClient();
  // Holding the chat's socket (shared, reference-counted) lets a composer used on its own still send typing.
  useEffect(() => client.joinChat(chatId), [client, chatId]);
  const { onInput, stop } = useTyping(chatId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  const send = () => {
    try {
      const clientId = client.sendMessage(chatId, text, { parentMessageId });
      stop();
      setText('');
      setError(null);
      onSent?.(clientId);
    } catch (caught) {
      if (!(caught instanceof NatterError)) throw caught;
      setError(caught.message);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229: Safari's Enter that commits a composition arrives with isComposing already false.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  const content = (
    <>
      <textarea
        data-natter="composer-input"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder={placeholder}
        rows={1}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (error) setError(null);
          if (event.target.value) onInput();
        }}
        onKeyDown={onKeyDown}
        onBlur={stop}
      />
      <button data-natter="composer-submit" type="submit" disabled={text.trim() === ''}>
        Send
      </button>
      {error && (
        <p data-natter="composer-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </>
  );
  return renderPart(
    'form',
    asChild,
    { 'data-natter': 'composer', 'data-error': error ? 'true' : undefined, 'data-empty': text.trim() === '' ? 'true' : 'false', onSubmit },
    props,
    ref,
    content,
  );
});
