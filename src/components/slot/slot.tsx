import { cloneElement, forwardRef, isValidElement, version, type HTMLAttributes, type ReactElement, type ReactNode, type Ref } from 'react';

type AnyProps = Record<string, unknown>;
type Handler = (...args: unknown[]) => void;

/**
 * One callback ref that sets every ref given: a part's own and the user's.
 *
 * @example
 * <button ref={composeRefs(self, ref)} />
 */
export function composeRefs<T>(...refs: Array<Ref<T> | undefined>): (node: T | null) => void {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node);
      else if (ref) (ref as { current: T | null }).current = node;
    }
  };
}

// The child's props win, except that handlers run both (child first) and classes and styles combine.
function mergeProps(slotProps: AnyProps, childProps: AnyProps): AnyProps {
  const merged: AnyProps = { ...slotProps, ...childProps };
  for (const key in slotProps) {
    const slotValue = slotProps[key];
    const childValue = childProps[key];
    merged[key] =
      // An explicit `undefined` on the child (`onClick={maybe}`) is no value: it must not erase the part's.
      childValue === undefined
        ? slotValue
        : /^on[A-Z]/.test(key) && typeof slotValue === 'function' && typeof childValue === 'function'
          ? (...args: unknown[]) => {
              (childValue as Handler)(...args);
              (slotValue as Handler)(...args);
            }
          : key === 'className' && childValue
            ? [slotValue, childValue].filter(Boolean).join(' ')
            : key === 'style' && childValue
              ? { ...(slotValue as object), ...childValue }
              : childValue;
  }
  return merged;
}

const REACT_19 = Number.parseInt(version, 10) >= 19;

/**
 * Renders its only child with the part's props and ref merged in: what `asChild` uses, so a part can render as
 * your own element (a router `Link`, a design-system `Button`).
 *
 * @example
 * <Slot data-natter="submit" onClick={send}><MyButton>Send</MyButton></Slot>
 */
export const Slot = forwardRef<HTMLElement, HTMLAttributes<HTMLElement> & { children?: ReactNode }>(function Slot(
  { children, ...slotProps },
  ref,
) {
  if (!isValidElement(children)) return null;
  const child = children as ReactElement<AnyProps> & { ref?: Ref<HTMLElement> };
  // React 19 moved `ref` into props; reading `element.ref` there warns.
  const childRef = (REACT_19 ? child.props.ref : child.ref) as Ref<HTMLElement> | undefined;
  return cloneElement(child, { ...mergeProps(slotProps, child.props), ref: composeRefs(ref, childRef) });
});
