import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { NewMessagesButton } from 'natter/components';
import { describe, expect, it, vi } from 'vitest';

describe('NewMessagesButton', () => {
  it('says how many arrived below, as a button with data-count, and forwards its ref and props', async () => {
    const ref = createRef<HTMLButtonElement>();
    const onClick = vi.fn();
    render(<NewMessagesButton count={3} ref={ref} className="below" onClick={onClick} />);
    const button = screen.getByRole('button', { name: '3 new messages below' });
    expect(button.getAttribute('data-natter')).toBe('new-messages-button');
    expect(button.getAttribute('data-count')).toBe('3');
    expect(button.getAttribute('type')).toBe('button');
    expect(button.className).toBe('below');
    expect(ref.current).toBe(button);
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    render(<NewMessagesButton count={1} label={(n) => `${n} more`} />);
    expect(screen.getByRole('button', { name: '1 more' })).toBeTruthy();
  });

  it('renders as your own element with asChild, like every part', () => {
    const ref = createRef<HTMLButtonElement>();
    const { container } = render(
      <NewMessagesButton asChild count={2} ref={ref}>
        <a href="#latest" />
      </NewMessagesButton>,
    );
    const link = screen.getByRole('link', { name: '2 new messages below' });
    expect(link.getAttribute('data-natter')).toBe('new-messages-button');
    expect(link.getAttribute('data-count')).toBe('2');
    expect(ref.current).toBe(link);
    expect(container.querySelector('button')).toBeNull();
  });
});
