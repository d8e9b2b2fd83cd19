import { cloneElement, createElement, isValidElement, type ElementType, type ForwardedRef, type ReactElement, type ReactNode } from 'react';
import { Slot } from './slot';

/** Props every part accepts on top of its element's: render as your own element instead. */
export interface AsChildProps {
  /** Render the only child instead of the part's element, with the part's props and ref merged in. */
  asChild?: boolean;
}

/**
 * Renders a part: its element with the part's `data-*` state first and the user's props last, so a user can
 * override anything. The part's own `content` shows unless the user passes children; it may be several nodes,
 * each its own child (as in JSX, so none needs a key).
 *
 * With `asChild`, the user's only child element is rendered instead of the part's element, and the part's
 * content goes inside it unless that element brings children of its own: `<TypingIndicator asChild><p /></...>`
 * renders the sentence in the `<p>`.
 *
 * @example
 * return renderPart('span', asChild, { 'data-natter': 'message-sender' }, props, ref, message.sender.username);
 */
export function renderPart<T>(
  tag: ElementType,
  asChild: boolean | undefined,
  partProps: Record<string, unknown>,
  userProps: object,
  ref: ForwardedRef<T>,
  ...content: ReactNode[]
) {
  const { children, ...rest } = userProps as { children?: ReactNode };
  const props = { ...partProps, ...rest, ref };
  if (!asChild) return createElement(tag, props, ...(children == null ? content : [children]));
  if (!isValidElement<{ children?: ReactNode }>(children)) {
    throw new Error(`A part with asChild needs exactly one element child (part: ${partProps['data-natter']})`);
  }
  const element: ReactElement<{ children?: ReactNode }> = children;
  const own = element.props.children != null || content.length === 0;
  return createElement(Slot, props as object, own ? element : cloneElement(element, undefined, ...content));
}
