import type { SearchPage } from '../../core/protocol/types';
import { toHistory } from './history';
import type { MockChatRecord } from './state';

// As SQLite FTS5's unicode61 tokenizer: letters, digits, combining marks and private-use characters make tokens;
// all else separates.
const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * A search query as the server turns it into FTS5: every white-space-separated word is a quoted phrase of its
 * tokens (folded for case and diacritics), the last one a prefix, so `rocket-pow` means "rocket" then "pow…" and
 * `don't` means "don" then "t…". Quotes and operators are plain separators; words without a token are dropped.
 *
 * @example
 * queryPhrases('"Déploy" OR e-mail*'); // [['deploy'], ['or'], ['e', 'mail']]
 */
export function queryPhrases(q: string): string[][] {
  return q
    .split(/[\s\p{Cc}]+/u)
    .map((word) => [...word.matchAll(TOKEN)].map((m) => fold(m[0])))
    .filter((phrase) => phrase.length > 0);
}

/**
 * The ranges of `content` that `phrases` match (`[start, end)` in UTF-16 code units, as FTS5's `highlight()` marks
 * them: a phrase's consecutive tokens as one range, overlapping matches merged), or null when some phrase matches
 * nothing.
 *
 * @example
 * highlightsIn('Deploying at five-thirty', [['deploy'], ['five', 'th']]); // [[0, 9], [13, 24]]
 */
export function highlightsIn(content: string, phrases: readonly string[][]): Array<[number, number]> | null {
  const tokens = [...content.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: fold(m[0]) }));
  const spans: Array<[number, number]> = [];
  for (const phrase of phrases) {
    const before = spans.length;
    const last = phrase.length - 1;
    for (let i = 0; i + last < tokens.length; i += 1) {
      if (phrase.every((word, k) => (k === last ? tokens[i + k]!.word.startsWith(word) : tokens[i + k]!.word === word))) spans.push([i, i + last]);
    }
    if (spans.length === before) return null;
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of spans) {
    const open = merged.at(-1);
    if (open && from <= open[1]) open[1] = Math.max(open[1], to);
    else merged.push([from, to]);
  }
  return merged.map(([from, to]) => [tokens[from]!.start, tokens[to]!.end]);
}

/**
 * `GET …/search` over a chat's live messages (docs/protocol.md 9.7): every word a prefix match, newest first,
 * `limit`/`offset` paging with `has_more`. A query without any word finds nothing.
 *
 * @example
 * searchChat(chat, 'depl fri', { limit: 20, offset: 0 });
 */
export function searchChat(chat: MockChatRecord, q: string, page: { limit: number; offset: number }): SearchPage {
  const phrases = queryPhrases(q);
  if (phrases.length === 0) return { results: [], has_more: false };
  const results: SearchPage['results'] = [];
  let skipped = 0;
  for (let i = chat.messages.length - 1; i >= 0 && results.length <= page.limit; i -= 1) {
    const row = chat.messages[i]!;
    if (row.message.deleted_at !== null) continue;
    const highlights = highlightsIn(row.message.content, phrases);
    if (!highlights) continue;
    if (skipped < page.offset) skipped += 1;
    else results.push({ message: toHistory(row), highlights });
  }
  return { results: results.slice(0, page.limit), has_more: results.length > page.limit };
}
