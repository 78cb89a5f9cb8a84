/**
 * `carepath init --from`: a starter scenario built around a trust's CSV files, which loads,
 * replays the referral counts and uses the timetable; bad files are refused with file, row and column.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadScenario, resolveScenario, simulate } from '../../src/index.js';

const DATA = resolve(fileURLToPath(new URL('../../examples/scenarios/data', import.meta.url)));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), errIsTTY: false });
  return { code, stdout, stderr };
}

describe('carepath init --from', () => {
  it('builds a scenario that loads and replays the referral counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-init-'));
    mkdirSync(join(dir, 'data'));
    for (const f of ['referrals.csv', 'theatre-timetable.csv', 'waiting-list.csv']) writeFileSync(join(dir, 'data', f), readFileSync(join(DATA, f)));
    const file = join(dir, 'pathway.yaml');
    const r = await cli(['init', file, '--from', join(dir, 'data/referrals.csv'), '--timetable', join(dir, 'data/theatre-timetable.csv'), '--waiting-list', join(dir, 'data/waiting-list.csv')]);
    expect(r.stderr).toMatch(/^Wrote .*pathway\.yaml/);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('counts: { file: data/referrals.csv }');
    const s = loadScenario(file);
    const m = resolveScenario(s);
    expect(m.startDate).toBe('2025-01-06');
    expect(m.horizon).toBe(52 * 7);
    expect(m.stages.map((st) => st.id)).toEqual(['theatre']);
    // Every referral period lies inside the run, so every count arrives.
    const referrals = readFileSync(join(DATA, 'referrals.csv'), 'utf8').trim().split('\n').slice(1).reduce((n, l) => n + Number(l.split(',')[1]), 0);
    const waiting = readFileSync(join(DATA, 'waiting-list.csv'), 'utf8').trim().split('\n').slice(1).reduce((n, l) => n + Number(l.split(',')[1]), 0);
    expect(simulate(m).stages.theatre!.entered).toBe(referrals + waiting);
  });

  it('refuses a bad file naming file, row and column, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-init-'));
    writeFileSync(join(dir, 'r.csv'), 'from,count\n2025-01-06,10\n2025-01-13,-4\n');
    const r = await cli(['init', join(dir, 'p.yaml'), '--from', join(dir, 'r.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/r\.csv: row 3, column count: expected a non-negative integer, got "-4"/);
    expect(() => readFileSync(join(dir, 'p.yaml'))).toThrow();
  });
});
