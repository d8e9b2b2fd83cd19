/**
 * The sentence for who is typing: "Ana is typing…", "Ana and Bo are typing…", "3 people are typing…", or "".
 *
 * @example
 * formatTyping(['Ana', 'Bo']); // 'Ana and Bo are typing…'
 */
export function formatTyping(names: readonly string[]): string {
  const count = names.length;
  if (count === 0) return '';
  const who = count === 1 ? `${names[0]} is` : count === 2 ? `${names[0]} and ${names[1]} are` : `${count} people are`;
  return `${who} typing…`;
}
