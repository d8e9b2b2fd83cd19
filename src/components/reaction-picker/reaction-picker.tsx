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

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

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
  const current = Math.min(active, Math.max(0, options.length - 1));

  useEffect(() => {
    if (autoFocus) items.current[0]?.focus();
  }, [autoFocus]);

  const move = (index: number) => {
    const wrapped = (index + options.length) % options.length;
    setActive(wrapped);
    items.current[wrapped]?.focus();
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key in NEXT) move(current + NEXT[event.key]!);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(options.length - 1);
    else if (event.key === 'Escape' && onClose) onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const content = options.map((option, index) => {
    const reacted = selected.includes(option.emoji);
    return (
      <button
        key={option.emoji}
        ref={(node) => {
          items.current[index] = node;
        }}
        type="button"
        role="menuitemcheckbox"
        aria-checked={reacted}
        aria-label={option.label}
        title={option.label}
        tabIndex={index === current ? 0 : -1}
        data-natter="reaction-picker-item"
        data-reacted={flag(reacted)}
        onClick={() => onSelect(option.emoji)}
        onFocus={() => setActive(index)}
      >
        {option.emoji}
      </button>
    );
  });
  return [{ role: 'menu', 'aria-label': 'Add reaction', 'aria-orientation': 'horizontal', onKeyDown: handleKeyDown }, props, content];
});
