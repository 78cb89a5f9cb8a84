import { describe, expect, it, vi } from 'vitest';
import { analyse } from '../../src/analysis/index.js';
import { MAX_ANALYSIS_STAGES } from '../../src/analysis/analyse-model.js';
import { runCli } from '../../src/cli/program.js';
import { analysesFor } from '../../src/cli/commands/run.js';
import { runExperiment, runExperimentSync } from '../../src/experiment/run.js';
import { Engine } from '../../src/pathway/engine.js';
import { parseScenario } from '../../src/pathway/scenario.js';
import { simulate } from '../../src/pathway/simulate.js';
import { validateScenario } from '../../src/pathway/validate.js';
import {
  allocationError,
  BYTES_PER_PATIENT,
  DEFAULT_WORK_LIMITS,
  estimateWork,
  expectedArrivals,
  WorkLimitError,
} from '../../src/pathway/work-limits.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Obj = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- loosely built scenario data, checked by the code under test

function small(extra: Obj = {}): Obj {
  return {
    version: 1,
    name: 'w',
    horizon: '1y',
    arrivals: { a: { to: 'x', rate: { perDay: 1 } } },
    stages: { x: { capacity: 2, service: 1 } },
    ...extra,
  };
}

const issues = (s: unknown) => validateScenario(s).issues;

describe('estimateWork: expected patients against hand calculations', () => {
  it('a constant rate, plus the initial lists', () => {
    const w = estimateWork(small({ horizon: 100, initial: { x: [{ count: 30 }, { count: 20 }] }, arrivals: { a: { to: 'x', rate: { perWeek: 14 } } } }));
    expect(w.patients).toBeCloseTo(250, 9);
    expect(w.initial).toBe(50);
  });

  it('step changes, warm-up included', () => {
    const arrival = { to: 'x', rate: { perDay: 1 }, changes: [{ at: 50, rate: { perDay: 3 } }] };
    expect(expectedArrivals(arrival, '2024-01-01', 100)).toBeCloseTo(50 + 150, 9);
    expect(estimateWork(small({ warmup: 40, horizon: 60, arrivals: { a: arrival } })).patients).toBeCloseTo(200, 9);
  });

  it('compounding growth: r (e^{gT} − 1) / g with g = ln(1 + growth) / 365', () => {
    const arrival = { to: 'x', rate: { perDay: 2 }, growth: { perYear: 0.1 } };
    const g = Math.log(1.1) / 365;
    expect(expectedArrivals(arrival, '2024-01-01', 730)).toBeCloseTo((2 * (Math.exp(g * 730) - 1)) / g, 6);
    expect((2 * (Math.exp(g * 730) - 1)) / g).toBeCloseTo(2 * 365 * 0.21 / Math.log(1.1), 6);
  });

  it('seasonality month by month (2024: January doubled, 366 days), and the yearly mean for very long runs', () => {
    const arrival = { to: 'x', rate: { perDay: 1 }, seasonality: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] };
    expect(expectedArrivals(arrival, '2024-01-01', 366)).toBeCloseTo(31 * 2 + 335, 9);
    // 1,000 years: the mean multiplier (1 + 31/365) per day, within the leap days' error.
    const long = expectedArrivals(arrival, '2024-01-01', 365_000);
    expect(Math.abs(long / (365_000 * (1 + 31 / 365)) - 1)).toBeLessThan(1e-3);
  });

  it('stage visits per patient follow the routing, loops included', () => {
    // a → b; b → a with p 0.5, else exit: v_a = 1 + v_b / 2, v_b = v_a ⇒ 2 + 2 = 4 visits.
    const s = small({
      stages: {
        a: { capacity: 1, service: 0.1, next: [{ to: 'b' }] },
        b: { capacity: 1, service: 0.1, next: [{ to: 'a', p: 0.5 }] },
      },
      arrivals: { g: { to: 'a', rate: { perDay: 1 } } },
    });
    expect(estimateWork(s).visitsPerPatient).toBeCloseTo(4, 6);
  });

  it('samples: (days / sampleEvery + 1) × (stages + 2)', () => {
    expect(estimateWork(small({ horizon: 70, sampleEvery: 7 })).samples).toBe(11 * 3);
  });
});

describe('validate refuses what would hang or exhaust memory, naming field, estimate and limit', () => {
  const cases: [string, Obj, string, RegExp][] = [
    ['sampleEvery: 0.0000001', small({ sampleEvery: 0.0000001 }), 'sampleEvery', /3\.7e\+9|1\.1e\+10.*time-series values.*50,000,000/],
    ['rate: { perDay: 1000000000 }', small({ arrivals: { a: { to: 'x', rate: { perDay: 1e9 } } } }), 'arrivals.a.rate', /3\.7e\+11 patients.*200,000,000/],
    ['initial.count: 1000000000', small({ initial: { x: { count: 1e9 } } }), 'initial.x', /1\.0e\+9 patients.*200,000,000/],
    ['warmup: 1000000y', small({ warmup: '1000000y' }), 'warmup', /365,000,365 patients.*200,000,000/],
  ];
  for (const [name, s, path, message] of cases) {
    it(name, () => {
      const found = issues(s).find((i) => i.path === path);
      expect(found, JSON.stringify(issues(s))).toBeDefined();
      expect(found!.message).toMatch(message);
      expect(found!.message).toMatch(/limits: \{ max/);
    });
  }

  it('a variant that only exists to be large is caught under its name', () => {
    const s = small({ variants: { big: { patch: { arrivals: { a: { rate: { perDay: 2100000 } } } } } } });
    expect(issues(s).map((i) => i.path)).toEqual(['variants.big: arrivals.a.rate']);
  });

  it('the four examples and ordinary scenarios stay well inside the limits', () => {
    expect(issues(small())).toEqual([]);
    // The national-scale example: about 7.4 million waiting plus 21.6 million arrivals.
    const england = estimateWork({
      horizon: '52w',
      arrivals: { r: { to: 'o', rate: { perWeek: 415000 } } },
      initial: { o: { count: 5_500_000 }, a: { count: 1_900_000 } },
      stages: { o: { next: [{ to: 'a', p: 0.25 }, { to: 'exit' }] }, a: {} },
    });
    expect(england.patients).toBeCloseTo(7_400_000 + 415_000 * 52, 0);
    expect(england.patients * 5).toBeLessThan(DEFAULT_WORK_LIMITS.maxPatients);
    expect(england.events * 5).toBeLessThan(DEFAULT_WORK_LIMITS.maxEvents);
  });

  it('the limits can be raised: in the scenario, through the API, on the command line', async () => {
    const s = small({ arrivals: { a: { to: 'x', rate: { perDay: 1e6 } } } }); // 3.65e8 patients
    expect(issues(s).map((i) => i.path)).toEqual(['arrivals.a.rate']);
    expect(issues({ ...s, limits: { maxPatients: 4e8 } })).toEqual([]);
    expect(validateScenario(s, { limits: { maxPatients: 4e8 } }).issues).toEqual([]);
    expect(parseScenario(s, { limits: { maxPatients: 4e8 } }).limits).toEqual({ maxPatients: 4e8 });
    const file = join(mkdtempSync(join(tmpdir(), 'carepath-work-')), 's.json');
    writeFileSync(file, JSON.stringify(s));
    const io = () => {
      const o = { out: '', err: '' };
      return { o, io: { out: (t: string) => void (o.out += t), err: (t: string) => void (o.err += t), errIsTTY: false } };
    };
    const refused = io();
    expect(await runCli(['validate', file], refused.io)).toBe(2);
    expect(refused.o.err).toMatch(/arrivals\.a\.rate: one run would simulate about 365,000,000 patients/);
    const raised = io();
    expect(await runCli(['validate', file, '--max-patients', '4e8'], raised.io)).toBe(0);
    expect(issues({ ...s, limits: { maxPatients: -1 } }).map((i) => i.path)).toContain('limits.maxPatients');
  });
});

describe('experiments', () => {
  it('run -r 1000000000 is refused at once with a named error, before any job list is built', async () => {
    // The default memory limit grows with the machine's memory; fix it for an exact message.
    const s = parseScenario(small({ limits: { maxMemoryMB: 8192 } }));
    const fake = vi.fn();
    let err: unknown;
    try {
      runExperimentSync(s, { replications: 1_000_000_000, simulate: fake });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorkLimitError);
    expect((err as WorkLimitError).issues[0]!.path).toBe('replications');
    expect((err as WorkLimitError).issues[0]!.message).toMatch(/MB of results, more than the limit of 8,192 MB/);
    expect(fake).not.toHaveBeenCalled();
    // 20 replications of the same scenario are fine.
    expect(runExperimentSync(s, { replications: 2, workers: 1 }).replicationIndices).toEqual([0, 1]);
  });

  it('the memory the runs under way take from their start: per run in validation, per worker count in experiments', async () => {
    // Room for twice the patients already waiting, BYTES_PER_PATIENT each (72: a 56-byte row, 4 of
    // queue ring, 12 of deadline list): 1.5e8 → 2 × 72 × 1.5e8 B = 21.6e9 B ≈ 20,599 MB.
    expect(BYTES_PER_PATIENT).toBe(56 + 4 + 12);
    const big = small({ horizon: 10, initial: { x: { count: 150_000_000 } } });
    const found = issues(big).find((i) => i.path === 'initial.x');
    expect(found?.message).toMatch(/about 20,599 MB from the start .* limit of 8,192 MB/);
    // 5e7 waiting: 2 × 72 × 5e7 B ≈ 6,866 MB a run; one run fits, two at once (13,733 MB) do not.
    const half = parseScenario(small({ horizon: 10, initial: { x: { count: 50_000_000 } }, limits: { maxMemoryMB: 8192 } }));
    // A stand-in simulator module, so that nothing large would run even if the check failed.
    const simulateModule = new URL('../experiment/fake-simulate.ts', import.meta.url).href;
    await expect(runExperiment(half, { replications: 2, workers: 2, simulateModule })).rejects.toThrow(
      /workers: 2 runs at once would take about 13,733 MB .* use at most 1 worker \(--workers 1\)/,
    );
  });

  it('the CLI exits 2 with the message', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'carepath-work-')), 's.json');
    writeFileSync(file, JSON.stringify(small()));
    let err = '';
    const code = await runCli(['run', file, '-r', '1000000000', '-q'], { out: () => undefined, err: (t) => void (err += t), errIsTTY: false });
    expect(code).toBe(2);
    expect(err).toMatch(/^carepath: replications: 1\.0e\+9 replications/);
  });
});

describe('allocation failures', () => {
  it('map to a WorkLimitError; other errors pass through', () => {
    for (const m of ['Array buffer allocation failed', 'Invalid array buffer length', 'Invalid typed array length: 4294967296', 'Invalid array length']) {
      const e = allocationError(new RangeError(m), 'simulating');
      expect(e, m).toBeInstanceOf(WorkLimitError);
      expect((e as Error).message).toContain('out of memory while simulating');
    }
    const other = new RangeError('Maximum call stack size exceeded');
    expect(allocationError(other, 'x')).toBe(other);
  });

  it('simulate maps one thrown by the engine', () => {
    const spy = vi.spyOn(Engine.prototype, 'run').mockImplementation(() => {
      throw new RangeError('Array buffer allocation failed');
    });
    try {
      expect(() => simulate(parseScenario(small()))).toThrow(WorkLimitError);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('a scenario with many stages', () => {
  function chain(n: number, service = 0.1): Obj {
    const stages: Obj = {};
    for (let i = 0; i < n; i++) stages[`s${i}`] = { capacity: 2, service, ...(i + 1 < n ? { next: [{ to: `s${i + 1}` }] } : {}) };
    return small({ horizon: 10, stages, arrivals: { a: { to: 's0', rate: { perDay: 1 } } } });
  }

  it(`the analysis refuses more than ${MAX_ANALYSIS_STAGES} stages with a named error; run goes on without it`, () => {
    const s = parseScenario(chain(MAX_ANALYSIS_STAGES + 1));
    expect(() => analyse(s)).toThrow(WorkLimitError);
    expect(() => analyse(s)).toThrow(/at most 400 stages.*this scenario has 401/);
    const notes: string[] = [];
    expect(analysesFor(s, ['base'], (why) => notes.push(why))).toEqual({});
    expect(notes).toHaveLength(1);
    expect(() => analysesFor(s, ['base'])).toThrow(WorkLimitError);
  });

  it('12,000 stages with no service validate without overflowing the stack', () => {
    const v = validateScenario(chain(12_000, 0));
    expect(v.issues).toEqual([]);
  });
});
