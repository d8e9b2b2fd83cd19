/** `@name` at a word start: not preceded by a letter, digit or another username character (so e-mail addresses don't count). */
const CANDIDATE = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_.-]+)/gu;

type Member = { id: string; username: string };

/**
 * The ids of the members `content` names as `@username` (case-insensitive, at a word start), in order of first
 * mention. A name may end a sentence: `@ana.` mentions "ana" unless a member is called "ana." itself. `members` may
 * be a function: it is only called when the content has an `@`, so most messages cost no member look-up.
 *
 * @example
 * findMentions('hi @Ana and @bo.', [{ id: 'a', username: 'ana' }, { id: 'b', username: 'bo' }]); // ['a', 'b']
 */
export function findMentions(content: string, members: readonly Member[] | (() => readonly Member[])): string[] {
  if (!content.includes('@')) return [];
  const byName = new Map((typeof members === 'function' ? members() : members).map((m) => [m.username.toLowerCase(), m.id]));
  let longest = 0;
  for (const name of byName.keys()) longest = Math.max(longest, name.length);
  const found: string[] = [];
  for (const match of content.matchAll(CANDIDATE)) {
    const name = match[1]!.toLowerCase();
    // Trailing dots and dashes are usually punctuation: try shorter names until one is a member. Only names no longer
    // than a member's can match, so a long run of dots costs one pass, not one slice and test per dot.
    let shortest = name.length;
    while (shortest > 0 && '.-'.includes(name[shortest - 1]!)) shortest -= 1;
    let id: string | undefined;
    for (let end = Math.min(name.length, longest); id === undefined && end >= shortest; end -= 1) id = byName.get(name.slice(0, end));
    if (id !== undefined && !found.includes(id)) found.push(id);
  }
  return found;
}
