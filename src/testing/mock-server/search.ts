import type { SearchPage } from '../../core/protocol/types';
import { toHistory } from './history';
import type { MockChatRecord } from './state';

// As SQLite FTS5's unicode61 tokenizer: letters, digits (and combining marks) make words; all else separates.
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The words of a search query, folded (case and diacritics): quotes and operators are plain separators.
 *
 * @example
 * queryWords('"Déploy" OR build*'); // ['deploy', 'or', 'build']
 */
export function queryWords(q: string): string[] {
  return [...new Set([...q.matchAll(TOKEN)].map((m) => fold(m[0])))];
}

/**
 * The ranges of `content` whose words start with one of `words` (`[start, end)` in UTF-16 code units, whole words
 * as FTS5's `highlight()` marks them), or null when some query word matches nothing.
 *
 * @example
 * highlightsIn('Deploying at five', ['deploy']); // [[0, 9]]
 */
export function highlightsIn(content: string, words: readonly string[]): Array<[number, number]> | null {
  const ranges: Array<[number, number]> = [];
  const matched = new Set<string>();
  for (const token of content.matchAll(TOKEN)) {
    const folded = fold(token[0]);
    const hits = words.filter((word) => folded.startsWith(word));
    if (hits.length === 0) continue;
    for (const word of hits) matched.add(word);
    ranges.push([token.index, token.index + token[0].length]);
  }
  return matched.size === words.length ? ranges : null;
}

/**
 * `GET …/search` over a chat's live messages (docs/protocol.md 9.7): every word a prefix match, newest first,
 * `limit`/`offset` paging with `has_more`. A query without any word finds nothing.
 *
 * @example
 * searchChat(chat, 'depl fri', { limit: 20, offset: 0 });
 */
export function searchChat(chat: MockChatRecord, q: string, page: { limit: number; offset: number }): SearchPage {
  const words = queryWords(q);
  if (words.length === 0) return { results: [], has_more: false };
  const results: SearchPage['results'] = [];
  let skipped = 0;
  for (let i = chat.messages.length - 1; i >= 0 && results.length <= page.limit; i -= 1) {
    const row = chat.messages[i]!;
    if (row.message.deleted_at !== null) continue;
    const highlights = highlightsIn(row.message.content, words);
    if (!highlights) continue;
    if (skipped < page.offset) skipped += 1;
    else results.push({ message: toHistory(row), highlights });
  }
  return { results: results.slice(0, page.limit), has_more: results.length > page.limit };
}
