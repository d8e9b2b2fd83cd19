/** A run of message text: plain, or a web link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the URL ("see https://x.dev.").
const TRAILING = /[.,!?;:'")\]}]$/;

const count = (text: string, char: string) => text.split(char).length - 1;

// Strips sentence punctuation after a URL, but keeps a closing parenthesis the URL itself opened
// (https://en.wikipedia.org/wiki/Foo_(bar)).
function trimTrailing(url: string): string {
  while (TRAILING.test(url) && !(url.endsWith(')') && count(url, ')') <= count(url, '('))) url = url.slice(0, -1);
  return url;
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
      // The pattern matches only http(s) URLs, so one that parses is a web link.
      href = new URL(url).href;
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
