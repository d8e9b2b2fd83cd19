import type { SearchPage } from '../protocol/types.ts';
import type { Db } from './database.ts';
import { SELECT_MESSAGE, type MessageRow } from './message-rows.ts';
import type { MessageRepository } from './messages.ts';

// Private-use characters mark matches in highlight()'s output; they are stripped again and their positions kept.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * An FTS5 query from user text: every word becomes a quoted prefix term (`"wor""d"*`), all of which must match.
 * Quoting each token means no FTS5 operator (`OR`, `NEAR`, `-`, `:`, `^`, parentheses, quotes) is ever interpreted.
 * Null when the text has no words.
 *
 * @example
 * toFtsQuery('hello "world'); // '"hello"* AND """world"*'
 */
export function toFtsQuery(text: string): string | null {
  // Control characters (NUL above all) would end or corrupt the query string inside SQLite: they separate words.
  const words = text.replace(/\p{Cc}/gu, ' ').split(/\s+/u).filter((word) => word !== '' && /[\p{L}\p{N}\p{Co}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' AND ');
}

/**
 * The `[start, end)` UTF-16 ranges that `marked` (content with OPEN/CLOSE around matches) marks, for `content`.
 * Empty when the content itself holds a marker character, since then the markers are ambiguous.
 *
 * @example
 * highlightRanges('\uE000hel\uE001lo', 'hello'); // [[0, 3]]
 */
export function highlightRanges(marked: string, content: string): Array<[number, number]> {
  if (content.includes(OPEN) || content.includes(CLOSE)) return [];
  const ranges: Array<[number, number]> = [];
  let offset = 0;
  let start = -1;
  for (let i = 0; i < marked.length; i += 1) {
    const unit = marked[i];
    if (unit === OPEN) start = offset;
    else if (unit === CLOSE) {
      if (start !== -1 && offset > start) ranges.push([start, offset]);
      start = -1;
    } else offset += 1;
  }
  if (offset !== content.length) return [];
  return ranges;
}

/**
 * Full-text search over a chat's live messages (docs/protocol.md, 9.7), newest first.
 *
 * @example
 * const page = search.search(chatId, 'hello wor', { limit: 20, offset: 0 });
 */
export class SearchRepository {
  private readonly query;

  constructor(db: Db, private readonly messages: MessageRepository) {
    this.query = db.prepare<[string, string, string, number, number], MessageRow & { marked: string }>(
      `${SELECT_MESSAGE.replace('SELECT m.*', `SELECT highlight(messages_fts, 0, '${OPEN}', '${CLOSE}') AS marked, m.*`)}
       JOIN messages_fts f ON f.message_id = m.id
       WHERE messages_fts MATCH ? AND f.chat_id = ? AND m.chat_id = ? AND m.deleted_at IS NULL
       ORDER BY m.seq DESC LIMIT ? OFFSET ?`,
    );
  }

  search(chatId: string, text: string, page: { limit: number; offset: number }): SearchPage {
    const fts = toFtsQuery(text);
    if (fts === null) return { results: [], has_more: false };
    const match = `{content} : (${fts})`;
    const rows = this.query.all(match, chatId, chatId, page.limit + 1, page.offset);
    const results = rows.slice(0, page.limit).map((row) => ({
      message: this.messages.withReadBy(this.messages.hydrator.toMessage(row)),
      highlights: highlightRanges(row.marked, row.content),
    }));
    return { results, has_more: rows.length > page.limit };
  }
}
