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
  const found: string[] = [];
  for (const match of content.matchAll(CANDIDATE)) {
    let name = match[1]!.toLowerCase();
    let id = byName.get(name);
    // Trailing dots and dashes are usually punctuation: try shorter names until one is a member.
    while (id === undefined && /[.-]$/.test(name)) {
      name = name.slice(0, -1);
      id = byName.get(name);
    }
    if (id !== undefined && !found.includes(id)) found.push(id);
  }
  return found;
}
