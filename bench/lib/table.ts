/** One printed table: the shape every section returns (the browser section's too, see bench/run.ts). */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Lines printed under the table. */
  notes?: string[];
}

/**
 * Renders a table as GitHub Markdown, so the output pastes into docs/performance.md as is.
 *
 * @example
 * console.log(renderTable({ title: 'RTT', columns: ['client', 'p50'], rows: [['raw', 0.2]] }));
 */
export function renderTable(table: Table): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? '').length)));
  // Numbers (and ratios, "—", "12 / 34") line up on the right; words on the left.
  const numeric = table.columns.map((_, i) => i > 0 && cells.slice(1).every((row) => /^(?:[\d—<≤-]|$)/.test(row[i] ?? '')));
  const line = (row: string[]) => `| ${row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  const notes = (table.notes ?? []).map((note) => `\n${note}`).join('');
  return `### ${table.title}\n\n${line(cells[0]!)}\n${rule}\n${cells.slice(1).map(line).join('\n')}\n${notes}`;
}
