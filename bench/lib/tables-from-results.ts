import type { Table } from './table.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const cell = (value: Json | undefined): string | number => {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value * 100) / 100;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/**
 * Tables for a section that returned plain JSON without `tables` (the browser section): every object in it that has
 * a `rows` array of objects becomes one table, titled by its path and its scalar fields, one column per key.
 *
 * @example
 * tablesFromResults('browser', { burst: { messages: 10, rows: [{ variant: 'natter', totalMs: 5 }] } });
 */
export function tablesFromResults(section: string, results: Json, path: string[] = []): Table[] {
  if (results === null || typeof results !== 'object' || Array.isArray(results)) return [];
  const tables: Table[] = [];
  const rows = results.rows;
  if (Array.isArray(rows) && rows.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) {
    const objects = rows as { [key: string]: Json }[];
    const columns = [...new Set(objects.flatMap((row) => Object.keys(row)))];
    const facts = Object.entries(results)
      .filter(([, value]) => value === null || typeof value !== 'object')
      .map(([key, value]) => `${key} ${String(value)}`);
    tables.push({
      title: `${section}: ${path.join('.') || 'results'}${facts.length ? ` (${facts.join(', ')})` : ''}`,
      columns,
      rows: objects.map((row) => columns.map((column) => cell(row[column]))),
    });
  }
  for (const [key, value] of Object.entries(results)) {
    if (key !== 'rows') tables.push(...tablesFromResults(section, value, [...path, key]));
  }
  return tables;
}
