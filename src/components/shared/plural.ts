/**
 * A count with its noun: "1 reply", "3 replies", "2 unread messages".
 *
 * @example
 * plural(2, 'new message'); // "2 new messages"
 */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
