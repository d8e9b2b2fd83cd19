/** A run of message text: plain, or a web link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the URL ("see https://x.dev.").
const TRAILING_CHARS = '.,!?;:\'")]}';

const count = (text: string, char: string) => text.split(char).length - 1;

// Strips sentence punctuation after a URL, but keeps a closing parenthesis the URL itself opened
// (https://en.wikipedia.org/wiki/Foo_(bar)).
function trimTrailing(raw: string): string {
  let end = raw.length;
  while (end > 0) {
    const last = raw[end - 1]!;
    if (last === ')' && count(raw.slice(0, end), ')') <= count(raw.slice(0, end), '(')) break;
    if (!TRAILING_CHARS.includes(last)) break;
    end -= 1;
  }
  return raw.slice(0, end);
}

/**
 * Splits message text into plain runs and http(s) links. Nothing else becomes a link (no `javascript:`, `data:`,
 * or bare domains), and the result is rendered as text nodes, never as HTML.
 *
 * @example
 * linkify('docs at https://natter.dev.'); // [{kind:'text',text:'docs at '},{kind:'link',…},{kind:'text',text:'.'}]
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimTrailing(match[0]);
    const start = match.index;
    let href: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
      href = parsed.href;
    } catch {
      continue;
    }
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
