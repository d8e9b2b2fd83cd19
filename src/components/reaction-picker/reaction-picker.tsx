import { useEffect, useRef, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import { flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';

/** An emoji the picker offers, with the name screen readers announce. */
export interface ReactionOption {
  emoji: string;
  label: string;
}

/** The built-in set: no emoji library, just the reactions people use most. */
export const DEFAULT_REACTIONS: readonly ReactionOption[] = Object.freeze(
  Object.entries({
    '👍': 'Thumbs up',
    '❤️': 'Heart',
    '😂': 'Laughing',
    '🎉': 'Party',
    '😮': 'Surprised',
    '😢': 'Sad',
    '🙏': 'Thank you',
    '👀': 'Eyes',
  }).map(([emoji, label]) => ({ emoji, label })),
);

/** Props of `ReactionPicker`. */
export interface ReactionPickerProps extends Omit<HTMLAttributes<HTMLElement>, 'onSelect'>, AsChildProps {
  /** Called with the chosen emoji. */
  onSelect: (emoji: string) => void;
  /** Escape: close the picker (focus goes back to whatever opened it, which is the caller's to do). */
  onClose?: () => void;
  /** Your own set: emoji strings (announced as themselves) or `{ emoji, label }`. Default `DEFAULT_REACTIONS`. */
  emojis?: ReadonlyArray<string | ReactionOption>;
  /** Emoji the current user already reacted with: marked `aria-checked` and `data-reacted`. */
  selected?: readonly string[];
  /** Focus the first emoji on mount (as a popover should). Default true. */
  autoFocus?: boolean;
}

/**
 * A small emoji menu (`role="menu"`, one `menuitemcheckbox` per emoji) with roving focus: one tab stop, arrow keys
 * move (wrapping), Home/End jump, Enter or Space picks, Escape closes.
 *
 * @example
 * <ReactionPicker onSelect={(emoji) => toggleReaction(message.id, emoji)} onClose={close} />
 */
export const ReactionPicker = definePart<HTMLElement, ReactionPickerProps>('reaction-picker', 'div', function ReactionPicker({
  onSelect,
  onClose,
  emojis = DEFAULT_REACTIONS,
  selected = [],
  autoFocus = true,
  onKeyDown,
  ...props
}) {
  const options = emojis.map((option) => (typeof option === 'string' ? { emoji: option, label: option } : option));
  const [active, setActive] = useState(0);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const last = options.length - 1;
  const current = Math.min(active, Math.max(0, last));

  useEffect(() => {
    if (autoFocus) items.current[0]?.focus();
  }, [autoFocus]);

  // Where each key moves focus (wrapping at either end).
  const targets: Partial<Record<string, number>> = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: last };
  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    const target = targets[event.key];
    if (target !== undefined) {
      const wrapped = (target + options.length) % options.length;
      setActive(wrapped);
      items.current[wrapped]?.focus();
    } else if (event.key === 'Escape' && onClose) onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const content = options.map(({ emoji, label }, index) => {
    const reacted = selected.includes(emoji);
    return (
      <button
        key={emoji}
        ref={(node) => {
          items.current[index] = node;
        }}
        type="button"
        role="menuitemcheckbox"
        aria-checked={reacted}
        aria-label={label}
        title={label}
        tabIndex={index === current ? 0 : -1}
        data-natter="reaction-picker-item"
        data-reacted={flag(reacted)}
        onClick={() => onSelect(emoji)}
        onFocus={() => setActive(index)}
      >
        {emoji}
      </button>
    );
  });
  return [{ role: 'menu', 'aria-label': 'Add reaction', 'aria-orientation': 'horizontal', onKeyDown: handleKeyDown }, props, content];
});
