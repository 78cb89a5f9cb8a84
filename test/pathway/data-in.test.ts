/**
 * Data in: period counts replayed exactly, timetables, waiting lists by weeks waited, and CSV
 * files beside a scenario with errors naming the file, row, column, value and expectation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aleaRng } from '../../src/core/random.js';
import { CountsArrivals } from '../../src/pathway/arrivals-counts.js';
import { loadScenario, parseScenario, resolveScenario, simulate, ScenarioError } from '../../src/index.js';
import { conserved } from './helpers.js';

describe('period counts replayed', () => {
  it('reproduce the count of every period exactly, with times uniform within each', () => {
    const counts = [412, 398, 0, 1, 450, 377, 2000, 5];
    const periods = counts.map((count, i) => ({ from: 7 * i, to: 7 * i + 7, count }));
    const src = new CountsArrivals(periods, 56);
    const rng = aleaRng('counts');
    const seen = new Array<number>(counts.length).fill(0);
    let t = 0;
    let last = -1;
    let position = 0;
    for (;;) {
      t = src.next(t, rng);
      if (t === Infinity) break;
      expect(t).toBeGreaterThanOrEqual(last); // in time order
      last = t;
      seen[Math.floor(t / 7)]++;
      position += (t % 7) / 7;
    }
    expect(seen).toEqual(counts);
    // Uniform within a period: mean position 1/2, SE sqrt(1/12/N); 4 SE.
    const n = counts.reduce((a, b) => a + b, 0);
    expect(Math.abs(position / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });

  it('a scenario replays them: arrivals = the counts inside the run, dates counted from startDate', () => {
    const s = parseScenario({
      version: 1,
      name: 'replay',
      startDate: '2025-01-13',
      horizon: '3w',
      arrivals: {
        gp: {
          to: 'clinic',
          // The first week is before startDate and is not simulated; the last ends with the run.
          counts: [
            { from: '2025-01-06', count: 99 },
            { from: '2025-01-13', count: 412 },
            { from: '2025-01-20', count: 398 },
            { from: '2025-01-27', count: 401 },
          ],
        },
      },
      stages: { clinic: { capacity: 'unlimited' } },
    });
    const r1 = simulate(s);
    expect(r1.stages.clinic!.entered).toBe(412 + 398 + 401);
    expect(simulate(s).stages.clinic!.entered).toBe(r1.stages.clinic!.entered);
    const m = resolveScenario(s);
    expect(m.arrivals[0]!.counts).toEqual([
      { from: -7, to: 0, count: 99 },
      { from: 0, to: 7, count: 412 },
      { from: 7, to: 14, count: 398 },
      { from: 14, to: 21, count: 401 },
    ]);
    expect(m.arrivals[0]!.ratePerDay).toBeCloseTo((412 + 398 + 401) / 21, 12);
  });

  it('refuses counts together with a rate, or with changes', () => {
    const data = (extra: object) => ({
      version: 1 as const, name: 'x', horizon: '2w', stages: { c: { capacity: 1 } },
      arrivals: { gp: { to: 'c', counts: [{ from: 0, count: 1 }, { from: 7, count: 2 }], ...extra } },
    });
    expect(() => parseScenario(data({ rate: { perDay: 1 } }))).toThrow(/arrivals\.gp: give only one of rate or counts/);
    expect(() => parseScenario(data({ changes: [] }))).toThrow(/arrivals\.gp\.changes: "changes" applies to a rate/);
  });
});

describe('timetables and waiting lists by weeks waited', () => {
  it('a timetable sets slots by weekday and by date (hand count)', () => {
    // 2025-01-06 is a Monday; two weeks. Weekday rows: mon 4, wed 6; a date row: Wed 2025-01-15 → 1.
    const s = parseScenario({
      version: 1, name: 'tt', startDate: '2025-01-06', horizon: '14d',
      arrivals: { gp: { to: 'theatre', rate: { perDay: 0 } } },
      initial: { theatre: { count: 200 } },
      stages: { theatre: { capacity: { slots: { fri: 2 } } } },
      timetable: [
        { weekday: 'mon', stage: 'theatre', slots: 4 },
        { weekday: 'wed', stage: 'theatre', slots: 6 },
        { date: '2025-01-15', stage: 'theatre', slots: 1 },
      ],
    });
    expect(simulate(s).stages.theatre!.started).toBe(2 * 4 + 6 + 1 + 2 * 2);
    const bad = { ...s, timetable: [{ weekday: 'mon' as const, stage: 'theatre', servers: 2 }] };
    expect(() => resolveScenario(parseScenario(bad))).toThrow(/timetable\[0\]\.servers: stage theatre has no servers capacity/);
  });

  it('weeks waited become groups whose waits are uniform within each week', () => {
    const m = resolveScenario(
      parseScenario({
        version: 1, name: 'wl', horizon: '1w',
        arrivals: { gp: { to: 'clinic', rate: { perDay: 0 } } },
        initial: { clinic: { weeksWaited: [{ weeks_waited: 0, count: 10 }, { weeks_waited: 3, count: 0 }, { weeks_waited: 18, count: 7 }] } },
        stages: { clinic: { capacity: 1 } },
      }),
    );
    expect(m.initial.map((g) => [g.count, g.waited])).toEqual([
      [10, { dist: 'uniform', min: 0, max: 7 }],
      [7, { dist: 'uniform', min: 126, max: 133 }],
    ]);
  });
});

describe('CSV files beside a scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carepath-data-'));
  const scenario = (counts: string) => {
    writeFileSync(join(dir, 'referrals.csv'), counts);
    writeFileSync(join(dir, 'waiting.csv'), 'weeks_waited,count\n0,5\n1,3\n');
    writeFileSync(
      join(dir, 's.yaml'),
      [
        'version: 1', 'name: csv', 'startDate: 2025-01-06', 'horizon: 2w',
        'arrivals:', '  gp:', '    to: clinic', '    counts: { file: referrals.csv }',
        'initial:', '  clinic: { weeksWaited: { file: waiting.csv } }',
        'stages:', '  clinic: { capacity: unlimited }', '',
      ].join('\n'),
    );
    return join(dir, 's.yaml');
  };

  it('reads the rows relative to the scenario file', () => {
    const s = loadScenario(scenario('from,count\n2025-01-06,12\n2025-01-13,30\n'));
    expect(s.arrivals.gp!.counts).toEqual([{ from: '2025-01-06', count: 12 }, { from: '2025-01-13', count: 30 }]);
    expect(simulate(s).stages.clinic!.entered).toBe(12 + 30 + 5 + 3);
  });

  it('a bad value names the file, row, column, value and expectation', () => {
    const err = (() => {
      try {
        loadScenario(scenario('from,count\n2025-01-06,12\n2025-01-13,4x1\n'));
      } catch (e) {
        return e as ScenarioError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err!.issues).toHaveLength(1);
    expect(err!.issues[0]!.path).toBe('arrivals.gp.counts');
    expect(err!.issues[0]!.message).toMatch(/^referrals\.csv: row 3, column count: expected a non-negative integer, got "4x1" \(at .*s\.yaml:8:5\)$/);
    expect(() => loadScenario(scenario('week,count\n2025-01-06,12\n'))).toThrow(/referrals\.csv: row 1 \(the header\): expected a column "from"/);
    expect(() => loadScenario(scenario('from,count\n2025-13-06,12\n'))).toThrow(/referrals\.csv: row 2, column from: expected a date YYYY-MM-DD or a duration such as 26w, got "2025-13-06"/);
    expect(() => loadScenario(scenario('from,count\n2025-01-06\n'))).toThrow(/referrals\.csv: row 2: expected 2 values \(from, count\), got 1/);
  });

  it('a { file } given to the API (no scenario file) is refused with a hint', () => {
    expect(() =>
      // Plain data (as parsed JSON would be): the type rightly refuses `{ file }` in code.
      parseScenario(JSON.parse('{"version":1,"name":"x","horizon":"1w","arrivals":{"gp":{"to":"c","counts":{"file":"r.csv"}}},"stages":{"c":{"capacity":1}}}')),
    ).toThrow(/arrivals\.gp\.counts: expected a list of periods \{ from, count \} \(a `\{ file \}` is read only when the scenario is loaded from a file\)/);
  });
});

describe('the surgical-pathway reference scenario', () => {
  it('conserves patients, replays every referral and is the same for the same seed', () => {
    const file = join(__dirname, '../../examples/scenarios/surgical-pathway.yaml');
    const s = loadScenario(file);
    const r = simulate(s);
    expect(conserved(r)).toBe(true);
    const csv = (name: string) =>
      readFileSync(join(__dirname, '../../examples/scenarios/data', name), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    // All 52 weeks of referrals lie inside the 52-week run; the waiting list is all at the clinic.
    expect(r.patients.arrived).toBe(csv('referrals.csv').reduce((a, b) => a + b, 0));
    expect(r.patients.initial).toBe(csv('waiting-list.csv').reduce((a, b) => a + b, 0));
    expect(r.stages.clinic!.overtime).toBeGreaterThan(0); // sessions close on patients in service
    expect(JSON.stringify(simulate(s))).toBe(JSON.stringify(r));
  });
});
