/**
 * A tiny fixed-width table for the terminal.
 * @module
 */
import { terminalSafe } from './safe-text.js';

/** Options of {@link formatTextTable}. */
export interface TextTableOptions {
  /** Column headings (optional). */
  header?: string[];
  /** Alignment per column; default: left for the first column, right for the others. */
  align?: ('left' | 'right')[];
  /** Spaces between columns (default 2). */
  gap?: number;
  /** Rows that are section headings (printed as is, across the table); indices into `rows`. */
  sections?: number[];
}

/** Display width of a string (code points; good enough for the text a table holds). */
function width(s: string): number {
  return [...s].length;
}

/**
 * Lays out rows of text as aligned columns, with an underlined header.
 *
 * @example
 * formatTextTable([['base', '12'], ['ai', '3']], { header: ['variant', 'waiting'] })
 * // variant  waiting
 * // -------  -------
 * // base          12
 * // ai             3
 */
export function formatTextTable(rawRows: string[][], options: TextTableOptions = {}): string {
  // Cells hold user text (ids, names): no control character may reach the terminal.
  const rows = rawRows.map((r) => r.map(terminalSafe));
  if (options.header) options = { ...options, header: options.header.map(terminalSafe) };
  const gap = ' '.repeat(options.gap ?? 2);
  const sections = new Set(options.sections ?? []);
  const all = options.header ? [options.header, ...rows] : rows;
  const cols = Math.max(0, ...all.filter((_, i) => !sections.has(i - (options.header ? 1 : 0))).map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, c) =>
    Math.max(0, ...all.filter((_, i) => !sections.has(i - (options.header ? 1 : 0))).map((r) => width(r[c] ?? ''))),
  );
  const align = (c: number) => options.align?.[c] ?? (c === 0 ? 'left' : 'right');
  const line = (r: string[]) =>
    widths
      .map((w, c) => {
        const cell = r[c] ?? '';
        const pad = ' '.repeat(w - width(cell));
        return align(c) === 'left' ? cell + pad : pad + cell;
      })
      .join(gap)
      .replace(/\s+$/, '');
  const out: string[] = [];
  if (options.header) {
    out.push(line(options.header));
    out.push(widths.map((w) => '-'.repeat(w)).join(gap));
  }
  rows.forEach((r, i) => out.push(sections.has(i) ? (r[0] ?? '') : line(r)));
  return out.join('\n');
}
