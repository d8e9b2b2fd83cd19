import { NatterError } from '../../core/errors';

/**
 * Runs `action`; a refusal the client can tell at once (a `NatterError`: empty, too long, not yours) goes to
 * `onRefused` to be shown, anything else is a bug and propagates.
 *
 * @example
 * unlessRefused(() => actions.remove(messageId), setError);
 */
export function unlessRefused(action: () => void, onRefused: (message: string) => void): void {
  try {
    action();
  } catch (caught) {
    if (!(caught instanceof NatterError)) throw caught;
    onRefused(caught.message);
  }
}
