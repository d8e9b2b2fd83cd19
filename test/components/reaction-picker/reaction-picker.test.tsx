import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_REACTIONS, ReactionPicker } from 'natter/components';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

describe('ReactionPicker', () => {
  it('offers the built-in set as a menu of named emoji, the first focused and the only tab stop', () => {
    render(<ReactionPicker onSelect={() => undefined} />);
    const menu = screen.getByRole('menu', { name: 'Add reaction' });
    const items = screen.getAllByRole('menuitemcheckbox');
    expect(items.map((item) => item.textContent)).toEqual(DEFAULT_REACTIONS.map((r) => r.emoji));
    expect(items[0]).toHaveProperty('ariaLabel', 'Thumbs up');
    expect(document.activeElement).toBe(items[0]);
    expect(items.map((item) => item.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
    expect(menu.getAttribute('aria-orientation')).toBe('horizontal');
  });

  it('moves focus with the arrow keys (wrapping), Home and End, and picks with Enter', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(<ReactionPicker onSelect={onSelect} />);
    const items = screen.getAllByRole('menuitemcheckbox');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(items[2]);
    expect(items[2]!.tabIndex).toBe(0);
    expect(items[0]!.tabIndex).toBe(-1);
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(items.at(-1));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{End}{ArrowDown}');
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{ArrowRight}{Enter}');
    expect(onSelect).toHaveBeenCalledExactlyOnceWith('❤️');
  });

  it('closes on Escape', async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<ReactionPicker onSelect={() => undefined} onClose={onClose} />);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('takes your own emoji list, and marks the ones you already used', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(<ReactionPicker onSelect={onSelect} emojis={['✅', { emoji: '🚀', label: 'Ship it' }]} selected={['🚀']} autoFocus={false} />);
    const [check, rocket] = screen.getAllByRole('menuitemcheckbox');
    expect(check!.getAttribute('aria-label')).toBe('✅');
    expect(rocket!.getAttribute('aria-label')).toBe('Ship it');
    expect(rocket!.getAttribute('aria-checked')).toBe('true');
    expect(rocket!.getAttribute('data-reacted')).toBe('true');
    expect(check!.getAttribute('aria-checked')).toBe('false');
    expect(document.activeElement).toBe(document.body);
    await user.click(rocket!);
    expect(onSelect).toHaveBeenCalledExactlyOnceWith('🚀');
  });
});
