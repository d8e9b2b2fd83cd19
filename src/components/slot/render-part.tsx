import { createElement, type ElementType, type ForwardedRef } from 'react';
import { Slot } from './slot';

/** Props every part accepts on top of its element's: render as your own element instead. */
export interface AsChildProps {
  /** Render the only child instead of the part's element, with the part's props and ref merged in. */
  asChild?: boolean;
}

/**
 * Renders a part: its element (or, with `asChild`, its child through `Slot`) with the part's `data-*` state first
 * and the user's props last, so a user can override anything.
 *
 * @example
 * return renderPart('div', asChild, { 'data-natter': 'message' }, props, ref);
 */
export function renderPart<T>(
  tag: ElementType,
  asChild: boolean | undefined,
  partProps: Record<string, unknown>,
  userProps: object,
  ref: ForwardedRef<T>,
) {
  return createElement(asChild ? Slot : tag, { ...partProps, ...userProps, ref });
}
