/** A piece of text, marked when a search matched it. */
export interface HighlightPart {
  text: string;
  marked: boolean;
}

/**
 * Splits `text` at the `[start, end)` ranges (UTF-16 code units, as search results give them) into plain and marked
 * pieces. Ranges may come in any order, overlap or run past the text: they are sorted, merged and clamped, so bad
 * ranges never lose or repeat text.
 *
 * @example
 * highlightParts('deploy the app', [[0, 6]]); // [{ text: 'deploy', marked: true }, { text: ' the app', marked: false }]
 */
export function highlightParts(text: string, ranges: ReadonlyArray<readonly [number, number]>): HighlightPart[] {
  const clean = ranges
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const parts: HighlightPart[] = [];
  let at = 0;
  for (const [start, end] of clean) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    const last = parts.at(-1);
    // Touching or overlapping ranges become one mark.
    if (last?.marked && from === at) last.text += text.slice(from, end);
    else parts.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}
