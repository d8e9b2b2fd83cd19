/**
 * The Date of a timestamp the server sent, or null when it is missing or not a date (a part then shows no time
 * rather than "Invalid Date").
 *
 * @example
 * validDate(message.edited_at)?.toLocaleString();
 */
export function validDate(time: string | null | undefined): Date | null {
  const date = new Date(time ?? Number.NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Hours and minutes in the user's locale: "09:30", "9:30 AM".
 *
 * @example
 * formatClock(new Date(message.created_at));
 */
export const formatClock = (date: Date): string => date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
