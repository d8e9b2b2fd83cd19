import type { KeyboardEvent } from 'react';

/**
 * An input method is composing: its keys (the Enter that commits, the Escape that cancels, arrows through the
 * candidates) are its own, not a part's to act on.
 *
 * @example
 * if (isComposing(event)) return;
 */
export const isComposing = (event: KeyboardEvent): boolean =>
  // keyCode 229: Safari's keys that end a composition arrive with isComposing already false.
  event.nativeEvent.isComposing || event.keyCode === 229;

/**
 * Enter that sends or saves: not Shift+Enter (a new line), nor Enter while an input method is composing.
 *
 * @example
 * if (isSubmitEnter(event)) save();
 */
export const isSubmitEnter = (event: KeyboardEvent): boolean => event.key === 'Enter' && !event.shiftKey && !isComposing(event);
