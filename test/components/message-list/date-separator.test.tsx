import { render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { DateSeparator } from 'natter/components';
import { describe, expect, it } from 'vitest';

describe('DateSeparator', () => {
  it('is a separator named by the day, with a machine-readable <time> of the local date', () => {
    render(<DateSeparator date={new Date(2024, 2, 1, 10)} format={() => 'March 1st'} />);
    const line = screen.getByRole('separator', { name: 'March 1st' });
    expect(line.getAttribute('data-natter')).toBe('date-separator');
    const time = line.querySelector('time')!;
    expect(time.getAttribute('dateTime')).toBe('2024-03-01');
    expect(time.textContent).toBe('March 1st');
  });

  it('says the day with formatDay by default, and forwards its ref and props', () => {
    const ref = createRef<HTMLElement>();
    render(<DateSeparator date={Date.now()} className="day" ref={ref} />);
    const line = screen.getByRole('separator', { name: 'Today' });
    expect(line.className).toBe('day');
    expect(ref.current).toBe(line);
  });
});
