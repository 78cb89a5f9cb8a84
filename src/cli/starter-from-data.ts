/**
 * `carepath init --from referrals.csv [--timetable t.csv] [--waiting-list w.csv]`: a starter
 * scenario built around a trust's own tables. The tables stay in their files (the scenario
 * points at them, relative to itself); what they cannot say (service times, routing shares) is
 * filled with a placeholder and a comment saying so.
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { readTable } from '../pathway/data-files.js';
import { ScenarioError } from '../pathway/scenario-error.js';

/** The tables given to `init`. */
export interface StarterFiles {
  /** Referral counts per period (`from,count`). */
  from: string;
  /** Capacity timetable (`date|weekday,stage,slots|servers`). */
  timetable?: string;
  /** Waiting list by weeks waited (`weeks_waited,count`). */
  waitingList?: string;
}

function table(path: string, kind: 'counts' | 'timetable' | 'weeksWaited', at: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ScenarioError([{ path: at, message: `cannot read data file ${path}: no such file` }]);
  }
  return readTable(text, kind, path, at);
}

const DAY_MS = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/**
 * The text of a starter scenario for `scenarioFile` built from the tables (checked as they are read).
 * @throws ScenarioError naming the file, row and column of a bad table.
 * @internal
 * @example
 * ```ts
 * import { starterFromData } from './starter-from-data.js';
 * const yaml = starterFromData('examples/scenarios/new.yaml', { from: 'examples/scenarios/data/referrals.csv' });
 * yaml.includes('counts: { file: data/referrals.csv }'); // true
 * ```
 */
export function starterFromData(scenarioFile: string, files: StarterFiles): string {
  const rel = (p: string) => relative(dirname(scenarioFile), p).split('\\').join('/') || p;
  const counts = table(files.from, 'counts', '--from');
  const first = counts[0]!.from;
  const last = counts[counts.length - 1]!.from;
  const prev = counts.length > 1 ? counts[counts.length - 2]!.from : undefined;
  const dated = typeof first === 'string' && /^\d{4}-/.test(first) && typeof last === 'string' && typeof prev === 'string';
  const span = dated ? days(first as string, last as string) + days(prev as string, last as string) : undefined;
  const stages: { id: string; kind: 'slots' | 'servers'; most: number }[] = [];
  if (files.timetable) {
    for (const row of table(files.timetable, 'timetable', '--timetable')) {
      const kind = row.slots !== undefined ? 'slots' : 'servers';
      const value = (row.slots ?? row.servers) as number;
      let st = stages.find((s) => s.id === row.stage);
      if (!st) stages.push((st = { id: row.stage as string, kind, most: 0 }));
      if (st.kind !== kind) throw new ScenarioError([{ path: '--timetable', message: `${files.timetable}: stage ${st.id} has both slots and servers rows; expected one kind per stage` }]);
      st.most = Math.max(st.most, value);
    }
  }
  if (stages.length === 0) stages.push({ id: 'clinic', kind: 'servers', most: 1 });
  if (files.waitingList) table(files.waitingList, 'weeksWaited', '--waiting-list');

  const lines = [
    'version: 1',
    `name: ${JSON.stringify(`Pathway from ${rel(files.from)}`)}`,
    'description: >',
    '  Built by `carepath init --from`: arrivals replay the referral counts exactly; capacity comes',
    '  from the timetable; the waiting list starts as counted. Service times and routing are',
    '  placeholders: replace them with your service’s.',
    ...(dated ? [`startDate: ${first}          # the first period of the referral counts`] : []),
    `horizon: ${span !== undefined && span > 0 ? `${span}d          # as long as the referral data` : '52w'}`,
    'calendar: { bankHolidays: england-and-wales }   # every stage is closed on bank holidays',
    '',
    'arrivals:',
    '  referrals:',
    `    to: ${stages[0]!.id}`,
    `    counts: { file: ${rel(files.from)} }   # the count in each period is replayed exactly`,
  ];
  if (files.waitingList) {
    lines.push('', 'initial:', `  ${stages[0]!.id}:`, `    weeksWaited: { file: ${rel(files.waitingList)} }   # waits uniform within each week`);
  }
  if (files.timetable) lines.push('', `timetable: { file: ${rel(files.timetable)} }   # overrides each stage's capacity on the days it lists`);
  lines.push('', 'stages:');
  stages.forEach((st, i) => {
    lines.push(`  ${st.id}:`);
    if (st.kind === 'slots') {
      lines.push('    capacity: { slots: 0, per: day }   # days the timetable does not list have no slots');
    } else {
      lines.push(`    capacity: { servers: ${Math.max(1, st.most)} }   # days the timetable does not list have this many`);
      lines.push("    sessions: { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' }   # placeholder");
      lines.push("    service: { dist: exponential, mean: '30min' }   # placeholder: time per patient");
    }
    if (i + 1 < stages.length) lines.push(`    next: [{ to: ${stages[i + 1]!.id} }]   # placeholder: everyone goes on`);
  });
  return `${lines.join('\n')}\n`;
}
