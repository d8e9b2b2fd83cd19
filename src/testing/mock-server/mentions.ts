import type { User } from '../../core/protocol/types';

const NAME_CHAR = /[\p{L}\p{N}_.-]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The ids of `members` that `content` names as `@username` (case-insensitive, at a word start), in the order first
 * named. The longest username wins (`@ana.b` is ana.b, not ana); a trailing `.` or `-` ends a sentence, not a name.
 *
 * @example
 * mentionsIn('Thanks @Ana, and @ben.', members); // [ana.id, ben.id]
 */
export function mentionsIn(content: string, members: readonly User[]): string[] {
  const byLength = [...members].sort((a, b) => b.username.length - a.username.length);
  const lower = content.toLowerCase();
  const out: string[] = [];
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && WORD_CHAR.test(content[at - 1]!)) continue;
    const hit = byLength.find((user) => {
      const name = user.username.toLowerCase();
      if (!lower.startsWith(name, at + 1)) return false;
      const next = content.slice(at + 1 + name.length);
      return !NAME_CHAR.test(next[0] ?? '') || (/^[.-]/.test(next) && !WORD_CHAR.test(next[1] ?? ''));
    });
    if (hit && !out.includes(hit.id)) out.push(hit.id);
  }
  return out;
}
