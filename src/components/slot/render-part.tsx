import { cloneElement, createElement, isValidElement, type ElementType, type ForwardedRef, type ReactElement, type ReactNode } from 'react';
import { Slot } from './slot';

/** Props every part accepts on top of its element's: render as your own element instead. */
export interface AsChildProps {
  /** Render the only child instead of the part's element, with the part's props and ref merged in. */
  asChild?: boolean;
}

/**
 * Renders a part: its element with the part's `data-*` state first and the user's props last, so a user can
 * override anything. The part's own `content` shows unless the user passes children.
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
  content?: ReactNode,
) {
  const { children, ...rest } = userProps as { children?: ReactNode };
  if (!asChild) return createElement(tag, { ...partProps, ...rest, ref }, children ?? content);
  if (!isValidElement(children)) {
    throw new Error(`A part with asChild needs exactly one element child to render as (part: ${String(partProps['data-natter'])})`);
  }
  const element = children as ReactElement<{ children?: ReactNode }>;
  const inner = element.props.children ?? content;
  const child = inner === element.props.children ? element : cloneElement(element, undefined, inner);
  return createElement(Slot, { ...partProps, ...rest, ref: ref as ForwardedRef<HTMLElement> }, child);
}
