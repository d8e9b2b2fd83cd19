import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef, forwardRef, type ButtonHTMLAttributes } from 'react';
import { Slot } from 'natter/components';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

describe('Slot', () => {
  it("renders its child with the slot's data-* attributes, merged className and style, and the child's other props winning", () => {
    render(
      <Slot data-natter="part" data-state="on" id="from-slot" title="slot title" className="part" style={{ color: 'red', margin: '1px' }}>
        <button type="button" id="from-child" className="mine" style={{ color: 'blue' }}>
          Go
        </button>
      </Slot>,
    );
    const button = screen.getByRole('button', { name: 'Go' });
    expect(button.getAttribute('data-natter')).toBe('part');
    expect(button.getAttribute('data-state')).toBe('on');
    expect(button.title).toBe('slot title');
    expect(button.id).toBe('from-child');
    expect(button.className.split(' ').sort()).toEqual(['mine', 'part']);
    expect(button.style.color).toBe('blue');
    expect(button.style.margin).toBe('1px');
  });

  it("runs both click handlers, the child's first", () => {
    const calls: string[] = [];
    render(
      <Slot onClick={() => calls.push('slot')}>
        <button type="button" onClick={() => calls.push('child')}>
          Go
        </button>
      </Slot>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(calls).toEqual(['child', 'slot']);
  });

  it('keeps the slot handler and class when the child passes them as undefined', () => {
    const onClick = vi.fn();
    render(
      <Slot onClick={onClick} className="part">
        <button type="button" onClick={undefined} className={undefined}>
          Go
        </button>
      </Slot>,
    );
    const button = screen.getByRole('button', { name: 'Go' });
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(button.className).toBe('part');
  });

  it("gives the DOM element to both the forwarded ref and the child's own ref", () => {
    const slotRef = createRef<HTMLElement>();
    const childRef = createRef<HTMLButtonElement>();
    const callbackRef = vi.fn();
    render(
      <>
        <Slot ref={slotRef}>
          <button type="button" ref={childRef}>
            One
          </button>
        </Slot>
        <Slot ref={callbackRef}>
          <a href="https://natter.dev">Two</a>
        </Slot>
      </>,
    );
    expect(slotRef.current).toBe(screen.getByRole('button', { name: 'One' }));
    expect(childRef.current).toBe(slotRef.current);
    expect(callbackRef).toHaveBeenCalledWith(screen.getByRole('link', { name: 'Two' }));
  });

  it('passes its props through a child component to the element it renders', () => {
    const Fancy = forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement>>(function Fancy(props, ref) {
      return <button type="button" data-fancy="yes" {...props} ref={ref} />;
    });
    const ref = createRef<HTMLElement>();
    render(
      <Slot data-natter="part" ref={ref}>
        <Fancy>Fancy</Fancy>
      </Slot>,
    );
    const button = screen.getByRole('button', { name: 'Fancy' });
    expect(button.getAttribute('data-natter')).toBe('part');
    expect(button.getAttribute('data-fancy')).toBe('yes');
    expect(ref.current).toBe(button);
  });

  it('renders nothing for a child that is not an element', () => {
    const { container } = render(<Slot data-natter="part">just text</Slot>);
    expect(container.innerHTML).toBe('');
  });
});
