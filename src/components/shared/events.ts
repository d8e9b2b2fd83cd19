/**
 * A handler that runs the user's own first, then `action` unless the user's called `preventDefault()`: how a part
 * lets you veto what it does on click.
 *
 * @example
 * onClick: afterUnlessPrevented(props.onClick, () => onSelect?.(chat))
 */
export const afterUnlessPrevented =
  <E extends { defaultPrevented: boolean }>(handler: ((event: E) => void) | undefined, action: () => void) =>
  (event: E): void => {
    handler?.(event);
    if (!event.defaultPrevented) action();
  };
