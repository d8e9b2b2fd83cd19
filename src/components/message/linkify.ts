/** A run of message text: plain, or a web link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the URL ("see https://x.dev.").
const TRAILING = /[.,!?;:'")\]}]+$/;

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
    const raw = match[0];
    const url = raw.replace(TRAILING, '');
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
