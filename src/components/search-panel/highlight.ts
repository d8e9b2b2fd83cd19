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
  // Whether each code unit is marked; `fill` clamps the end, and the start once below 0 is 0 (not from the end).
  const marks = new Array<boolean>(text.length).fill(false);
  for (const [start, end] of ranges) if (start < end) marks.fill(true, Math.max(0, start), Math.max(0, end));
  const parts: HighlightPart[] = [];
  marks.forEach((marked, at) => {
    const last = parts.at(-1);
    if (last?.marked === marked) last.text += text[at];
    else parts.push({ text: text[at]!, marked });
  });
  return parts;
}
