/**
 * The sentence for who is typing: "Ana is typing…", "Ana and Bo are typing…", "3 people are typing…", or "".
 *
 * @example
 * formatTyping(['Ana', 'Bo']); // 'Ana and Bo are typing…'
 */
export function formatTyping(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}
