/**
 * Tables read from CSV files beside a scenario: `{ file: referrals.csv }` in `arrivals.*.counts`,
 * `timetable` and `initial.*.weeksWaited` is replaced by the file's rows, so the validated
 * scenario is plain data (the same rows can be given inline through the API). A bad file is
 * reported like a bad scenario: file, row (its line), column, the value and what was expected.
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeValue, joinPath, type Issue } from '../core/errors.js';
import { ScenarioError } from './scenario-error.js';

/** A cell parser: the value, or what was expected. */
type Cell = (text: string) => { value: unknown } | { expected: string };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DURATION_RE = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(min|h|d|w|y)\s*$/;
const WEEKDAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const validDate = (t: string) => {
  const ms = Date.parse(`${t}T00:00:00Z`);
  return DATE_RE.test(t) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(t);
};
const count: Cell = (t) => (/^\d+$/.test(t) ? { value: Number(t) } : { expected: 'a non-negative integer' });
const optionalCount: Cell = (t) => (t === '' ? { value: undefined } : count(t));
const when: Cell = (t) =>
  validDate(t) ? { value: t } : /^\d+(\.\d+)?$/.test(t) ? { value: Number(t) } : DURATION_RE.test(t) ? { value: t } : { expected: 'a date YYYY-MM-DD or a duration such as 26w' };
const date: Cell = (t) => (t === '' ? { value: undefined } : validDate(t) ? { value: t } : { expected: 'a date YYYY-MM-DD' });
const weekday: Cell = (t) => (t === '' ? { value: undefined } : WEEKDAY.includes(t.toLowerCase()) ? { value: t.toLowerCase() } : { expected: 'a weekday: mon, tue, wed, thu, fri, sat or sun' });
const name: Cell = (t) => (/^[A-Za-z0-9_-]+$/.test(t) ? { value: t } : { expected: 'a stage name (letters, digits, _ and -)' });

/** The columns of each kind of table: required ones, then optional ones. */
export const TABLES = {
  counts: { required: { from: when, count }, optional: {} },
  timetable: { required: { stage: name }, optional: { date, weekday, slots: optionalCount, servers: optionalCount } },
  weeksWaited: { required: { weeks_waited: count, count }, optional: {} },
} as const satisfies Record<string, { required: Record<string, Cell>; optional: Record<string, Cell> }>;

/** The kind of table, for messages and for {@link readTable}. */
export type TableKind = keyof typeof TABLES;

/** Splits one CSV line (RFC 4180 quotes allowed, no newlines inside quotes). */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur.trim()), (cur = '');
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Rows of a CSV table of one kind. `file` names it in messages.
 * @throws ScenarioError (path `at`) naming the file, row, column, value and what was expected.
 * @internal
 * @example
 * ```ts
 * import { readTable } from './data-files.js';
 * readTable('from,count\n2025-01-06,412\n2025-01-13,398\n', 'counts', 'referrals.csv', 'arrivals.gp.counts');
 * // [ { from: '2025-01-06', count: 412 }, { from: '2025-01-13', count: 398 } ]
 * ```
 */
export function readTable(text: string, kind: TableKind, file: string, at: string): Record<string, unknown>[] {
  const spec = TABLES[kind];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fail = (message: string): never => {
    throw new ScenarioError([{ path: at, message }], `invalid data file ${file}`);
  };
  const header = splitLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const known = [...Object.keys(spec.required), ...Object.keys(spec.optional)];
  for (const col of Object.keys(spec.required)) {
    if (!header.includes(col)) fail(`${file}: row 1 (the header): expected a column "${col}"; the columns of this table are ${known.join(', ')}; got ${header.join(', ') || 'no columns'}`);
  }
  header.forEach((h, i) => {
    if (!known.includes(h)) fail(`${file}: row 1 (the header), column ${i + 1}: unknown column ${JSON.stringify(h)}; the columns of this table are ${known.join(', ')}`);
  });
  const cells: Record<string, Cell> = { ...spec.required, ...spec.optional };
  const rows: Record<string, unknown>[] = [];
  const issues: Issue[] = [];
  for (let n = 1; n < lines.length; n++) {
    if (lines[n]!.trim() === '') continue;
    const values = splitLine(lines[n]!);
    if (values.length !== header.length) {
      issues.push({ path: at, message: `${file}: row ${n + 1}: expected ${header.length} values (${header.join(', ')}), got ${values.length}` });
      continue;
    }
    const row: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const r = cells[h]!(values[i]!);
      if ('expected' in r) issues.push({ path: at, message: `${file}: row ${n + 1}, column ${h}: expected ${r.expected}, got ${describeValue(values[i])}` });
      else if (r.value !== undefined) row[h] = r.value;
    });
    if (kind === 'timetable') {
      if ((row.date === undefined) === (row.weekday === undefined)) issues.push({ path: at, message: `${file}: row ${n + 1}: expected exactly one of date or weekday, got ${row.date === undefined ? 'neither' : 'both'}` });
      if ((row.slots === undefined) === (row.servers === undefined)) issues.push({ path: at, message: `${file}: row ${n + 1}: expected exactly one of slots or servers, got ${row.slots === undefined ? 'neither' : 'both'}` });
    }
    rows.push(row);
  }
  if (issues.length > 0) throw new ScenarioError(issues.slice(0, 20), `invalid data file ${file}`);
  if (rows.length === 0) fail(`${file}: expected at least one row of data after the header`);
  return rows;
}

const isFileRef = (v: unknown): v is { file: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { file?: unknown }).file === 'string';

/**
 * Replaces every `{ file }` table reference of scenario data by the rows of that CSV file, read
 * relative to `scenarioPath`'s folder. Other data is returned untouched (the caller validates).
 * @throws ScenarioError for a file that cannot be read or a bad table.
 */
export function inlineDataFiles(data: unknown, scenarioPath: string): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const dir = dirname(scenarioPath);
  const load = (ref: { file: string }, kind: TableKind, at: string) => {
    const path = resolve(dir, ref.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ScenarioError([{ path: joinPath(at, 'file'), message: `cannot read data file ${ref.file} (relative to ${dir}): ${code === 'ENOENT' ? 'no such file' : (err as Error).message}` }]);
    }
    return readTable(text, kind, ref.file, at);
  };
  const s = data as Record<string, unknown>;
  const arrivals = s.arrivals as Record<string, Record<string, unknown>> | undefined;
  if (typeof arrivals === 'object' && arrivals !== null) {
    for (const [id, a] of Object.entries(arrivals)) {
      if (typeof a === 'object' && a !== null && isFileRef(a.counts)) a.counts = load(a.counts, 'counts', joinPath(joinPath('arrivals', id), 'counts'));
    }
  }
  if (isFileRef(s.timetable)) s.timetable = load(s.timetable, 'timetable', 'timetable');
  const initial = s.initial as Record<string, unknown> | undefined;
  if (typeof initial === 'object' && initial !== null) {
    for (const [stage, entry] of Object.entries(initial)) {
      const groups = Array.isArray(entry) ? entry : [entry];
      groups.forEach((g, i) => {
        const at = joinPath(Array.isArray(entry) ? joinPath(joinPath('initial', stage), i) : joinPath('initial', stage), 'weeksWaited');
        if (typeof g === 'object' && g !== null && isFileRef((g as Record<string, unknown>).weeksWaited)) {
          (g as Record<string, unknown>).weeksWaited = load((g as { weeksWaited: { file: string } }).weeksWaited, 'weeksWaited', at);
        }
      });
    }
  }
  return data;
}
