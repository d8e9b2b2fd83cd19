import { forwardRef, type ElementType, type ForwardRefExoticComponent, type PropsWithoutRef, type ReactNode, type RefAttributes } from 'react';
import { renderPart, type AsChildProps } from './render-part';

/**
 * What a part's render returns: its state (`data-*`, ARIA and its own handlers, which the user's props override),
 * the user's remaining props, and its content (shown unless the user passes children): one node or several, each
 * its own child, so a part with a few elements lists them without a fragment or keys.
 */
export type PartRender = [state: Record<string, unknown>, userProps: object, ...content: ReactNode[]];

/**
 * Defines a part: a `forwardRef` element named by `data-natter={name}` that accepts `asChild` and spreads the
 * user's props last (see `renderPart`). `render` gets the props without `asChild` and may call hooks; it returns
 * null to render nothing. Name the render function: it is the part's name in React's dev tools.
 *
 * @example
 * export const MessageSender = definePart<HTMLElement, MessageSenderProps>('message-sender', 'span', function MessageSender(props) {
 *   return [{}, props, useMessageContext('MessageSender').sender.username];
 * });
 */
export function definePart<T, P extends AsChildProps>(
  name: string,
  tag: ElementType,
  render: (props: Omit<P, 'asChild'>) => PartRender | null,
): ForwardRefExoticComponent<PropsWithoutRef<P> & RefAttributes<T>> {
  const Part = forwardRef<T, P>(({ asChild, ...props }, ref) => {
    const part = render(props as Omit<P, 'asChild'>);
    return part && renderPart(tag, asChild, { 'data-natter': name, ...part[0] }, part[1], ref, ...(part.slice(2) as ReactNode[]));
  });
  Part.displayName = render.name;
  return Part;
}
