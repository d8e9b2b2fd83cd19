import { fireEvent, render, screen } from '@testing-library/react';
import { createRef, type HTMLAttributes } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { definePart } from '../../../src/components/slot/define-part';
import type { AsChildProps } from '../../../src/components/slot/render-part';
import { dataAttributes } from '../helpers';

interface BadgeProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  count: number;
}

const onOwnClick = vi.fn();
const Badge = definePart<HTMLElement, BadgeProps>('badge', 'span', function Badge({ count, ...props }) {
  if (count < 0) return null;
  return [{ 'data-count': count, title: 'Badge', onClick: onOwnClick }, props, `${count} new`];
});

describe('definePart', () => {
  it("renders its element named by data-natter, its state first, the user's props last, its content", () => {
    const ref = createRef<HTMLElement>();
    render(<Badge count={3} title="Mine" className="b" ref={ref} />);
    const badge = screen.getByText('3 new');
    expect(badge.tagName).toBe('SPAN');
    expect(dataAttributes(badge)).toEqual({ 'data-natter': 'badge', 'data-count': '3' });
    expect(badge.title).toBe('Mine');
    expect(badge.className).toBe('b');
    expect(ref.current).toBe(badge);
    // Its own props are the part's, not attributes: `count` never reaches the DOM.
    expect(badge.hasAttribute('count')).toBe(false);
  });

  it("shows the user's children instead of its content, and lets a user handler replace its own", () => {
    const mine = vi.fn();
    onOwnClick.mockClear();
    render(
      <Badge count={1} onClick={mine}>
        custom
      </Badge>,
    );
    fireEvent.click(screen.getByText('custom'));
    expect(mine).toHaveBeenCalledOnce();
    expect(onOwnClick).not.toHaveBeenCalled();
  });

  it('renders as the only child with asChild, its content inside it', () => {
    const ref = createRef<HTMLElement>();
    render(
      <Badge count={2} asChild ref={ref}>
        <strong />
      </Badge>,
    );
    const badge = screen.getByText('2 new');
    expect(badge.tagName).toBe('STRONG');
    expect(badge.getAttribute('data-natter')).toBe('badge');
    expect(ref.current).toBe(badge);
  });

  it('renders nothing when its render returns null, and carries the render function name for dev tools', () => {
    const { container } = render(<Badge count={-1} />);
    expect(container.innerHTML).toBe('');
    expect(Badge.displayName).toBe('Badge');
  });

  it('renders several content nodes as its children, in order and without a key warning, also inside an asChild element', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Pair = definePart<HTMLElement, HTMLAttributes<HTMLElement> & AsChildProps>('pair', 'p', function Pair(props) {
      return [{}, props, <b>one</b>, ' ', false, <i>two</i>];
    });
    const { container } = render(
      <>
        <Pair />
        <Pair asChild>
          <section />
        </Pair>
        <Pair>mine</Pair>
      </>,
    );
    expect(container.innerHTML).toBe(
      '<p data-natter="pair"><b>one</b> <i>two</i></p><section data-natter="pair"><b>one</b> <i>two</i></section><p data-natter="pair">mine</p>',
    );
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
