import type { KeyboardEvent } from 'react';

/**
 * Enter that sends or saves: not Shift+Enter (a new line), nor Enter while an input method is composing.
 *
 * @example
 * if (isSubmitEnter(event)) save();
 */
export const isSubmitEnter = (event: KeyboardEvent): boolean =>
  // keyCode 229: Safari's Enter that commits a composition arrives with isComposing already false.
  event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && event.keyCode !== 229;
