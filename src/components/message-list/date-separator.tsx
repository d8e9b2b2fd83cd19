import type { HTMLAttributes } from 'react';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { formatDay } from './format-day';

/** Props of `DateSeparator`. */
export interface DateSeparatorProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** Any time on the day (a timestamp, an ISO string or a Date). */
  date: number | string | Date;
  /** The text for the day; default `formatDay` ("Today", "Yesterday", "Monday, November 24"). */
  format?: (day: Date) => string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The line `MessageList` draws where a new day begins: `role="separator"` named by the day, with a
 * `<time dateTime="YYYY-MM-DD">` (`data-natter="date-separator"`). Pass `<MessageList dateSeparator>` a function to
 * draw your own, or false for none.
 *
 * @example
 * <MessageList chatId={chatId} dateSeparator={(day) => <DateSeparator date={day} format={(d) => d.toDateString()} />} />
 */
export const DateSeparator = definePart<HTMLElement, DateSeparatorProps>('date-separator', 'div', function DateSeparator({ date, format = formatDay, ...props }) {
  const day = new Date(date);
  const label = format(day);
  const dateTime = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  return [{ role: 'separator', 'aria-label': label }, props, <time dateTime={dateTime}>{label}</time>];
});
