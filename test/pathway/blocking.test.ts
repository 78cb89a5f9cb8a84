/**
 * Finite places and blocking against exact answers: a two-stage tandem whose second stage has
 * one place (no waiting room) against its small Markov chain, solved here by a linear solve;
 * a hand count of a theatre (slots) blocked by a ward bed; deadlock in a two-stage loop.
 */
import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/experiment/metrics.js';
import { simulate, validateScenario, type RunResult } from '../../src/pathway/index.js';
import { meanSe, scenario } from './helpers.js';

const LAMBDA = 1;
const MU1 = 1.5;
const MU2 = 1.2;
const K1 = 2; // places at stage 1: an arrival finding two there is turned away

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and dense). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

/**
 * The tandem's chain. State (n1, blocked, n2): n1 patients at stage 1 (the first in service or,
 * when `blocked`, finished and waiting for stage 2's one place), n2 ∈ {0, 1} at stage 2.
 */
function tandemChain(): { throughput: number; rejectedShare: number; blockedShare: number; viaStage2: number } {
  const states: [number, number, number][] = [];
  for (let n1 = 0; n1 <= K1; n1++) for (const b of [0, 1]) for (const n2 of [0, 1]) if (!(b === 1 && (n1 === 0 || n2 === 0))) states.push([n1, b, n2]);
  const index = (n1: number, b: number, n2: number) => states.findIndex(([x, y, z]) => x === n1 && y === b && z === n2);
  const n = states.length;
  const Q = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const rate = (from: number, to: number, r: number) => {
    Q[from]![to]! += r;
    Q[from]![from]! -= r;
  };
  states.forEach(([n1, b, n2], i) => {
    if (n1 < K1) rate(i, index(n1 + 1, b, n2), LAMBDA); // an arrival (turned away when n1 = K1)
    if (n1 > 0 && b === 0) rate(i, n2 === 0 ? index(n1 - 1, 0, 1) : index(n1, 1, 1), MU1); // stage 1 finishes: moves on, or is blocked
    if (n2 === 1) rate(i, b === 1 ? index(n1 - 1, 0, 1) : index(n1, 0, 0), MU2); // stage 2 finishes; a blocked patient moves in
  });
  // π Q = 0 with Σ π = 1: transpose, and replace one balance equation by the normalisation.
  const A = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => Q[c]![r]!));
  A[n - 1] = new Array<number>(n).fill(1);
  const pi = solve(A, [...new Array<number>(n - 1).fill(0), 1]);
  const share = (f: (s: [number, number, number]) => boolean) => states.reduce((a, s, i) => a + (f(s) ? pi[i]! : 0), 0);
  const rejectedShare = share(([n1]) => n1 === K1); // PASTA
  return {
    throughput: LAMBDA * (1 - rejectedShare),
    rejectedShare,
    blockedShare: share(([, b]) => b === 1),
    viaStage2: MU2 * share(([, , n2]) => n2 === 1), // the same throughput, counted at the exit
  };
}

const tandem = scenario({
  warmup: 200,
  horizon: 10_000,
  sampleEvery: 10_000,
  arrivals: { r: { to: 's1', rate: { perDay: LAMBDA } } },
  stages: {
    s1: { capacity: 1, places: K1, service: { dist: 'exponential', mean: 1 / MU1 }, next: [{ to: 's2' }] },
    s2: { capacity: 1, places: 1, service: { dist: 'exponential', mean: 1 / MU2 } },
  },
});

function conservedWithRejections(r: RunResult): boolean {
  const p = r.patients;
  return p.initial + p.arrived === p.exited + p.abandoned + p.rejected! + p.inSystem && p.inSystem === p.waiting + p.inService + p.away;
}

describe('blocking in a two-stage tandem (stage 2: one server, one place)', () => {
  const exact = tandemChain();

  it('the chain is consistent: throughput in = throughput out', () => {
    expect(exact.throughput).toBeCloseTo(exact.viaStage2, 12);
    expect(exact.blockedShare).toBeGreaterThan(0.05); // blocking matters here
    expect(exact.rejectedShare).toBeGreaterThan(0.05);
  });

  it('throughput, turned-away share and blocked time match the Markov chain', () => {
    const results = Array.from({ length: 8 }, (_, r) => simulate(tandem, { replication: r }));
    const check = (xs: number[], want: number, relSe: number) => {
      const { mean, se } = meanSe(xs);
      expect(se).toBeLessThan(relSe * want); // tight enough not to pass vacuously
      expect(Math.abs(mean - want)).toBeLessThan(5 * se);
    };
    check(results.map((r) => r.stages.s2!.throughputPerDay), exact.throughput, 0.01);
    check(results.map((r) => r.stages.s1!.rejected! / (r.stages.s1!.rejected! + r.stages.s1!.entered)), exact.rejectedShare, 0.03);
    // Patient-days blocked at stage 1 per day = the share of time its patient is blocked.
    check(results.map((r) => r.stages.s1!.blockedDays! / r.horizon), exact.blockedShare, 0.03);
    for (const r of results) {
      expect(conservedWithRejections(r)).toBe(true);
      expect(r.stages.s2!.blockedPatients).toBe(0); // stage 2 exits: never blocked
      expect(r.stages.s1!.blockedPatients).toBeGreaterThan(0);
      expect(Object.keys(r.manifest.metrics)).toEqual([...runMetrics(r).keys()]);
    }
  });

  it('same scenario and seed, same results', () => {
    const short = { ...tandem, horizon: 300 };
    expect(simulate(short)).toEqual(simulate(short));
  });
});

describe('a theatre (slots) blocked by a ward bed: hand count', () => {
  // One theatre slot a day, the operation takes no time; one ward bed (one place), 2.5 days' stay.
  // Day 0: A operated, to the bed (until 2.5). Day 1: B operated, ward full: blocked in theatre,
  // holding the theatre's slot. Day 2: the day's one slot is lost to B. Day 2.5: A leaves, B moves
  // in (until 5); B was blocked 1.5 days. Day 3: C operated, blocked until 5 (2 days). Day 4: the
  // slot is lost to C. Day 5: B leaves first (their end was scheduled before the day's release),
  // C moves in (until 7.5), and day 5's slot goes to D, blocked. Days 6, 7: slots lost to D.
  // Day 7.5: D moves in (blocked 2.5 days, until 10). Day 8: E operated, blocked to the end (2 days).
  // Day 9: slot lost to E. Day 10, the end: D leaves and E moves in (the run takes events at its end).
  const s = scenario({
    horizon: 10,
    initial: { theatre: { count: 6 } },
    arrivals: { none: { to: 'theatre', rate: { perDay: 0 } } },
    stages: {
      theatre: { capacity: { slots: 1, per: 'day' }, next: [{ to: 'ward' }] },
      ward: { capacity: 1, places: 1, service: 2.5 },
    },
  });
  const r = simulate(s);

  it('counts who was blocked, for how long, and the slots lost', () => {
    expect(r.stages.theatre!.started).toBe(5); // A, B, C, D, E (days 0, 1, 3, 5, 8)
    expect(r.stages.theatre!.blockedPatients).toBe(4); // B, C, D, E
    expect(r.stages.theatre!.blockedDays).toBeCloseTo(1.5 + 2 + 2.5 + 2, 12);
    expect(r.stages.theatre!.blockedAtEnd).toBe(0);
    expect(r.stages.ward!.completed).toBe(4); // A (2.5), B (5), C (7.5), D (10); E in the bed at the end
    expect(r.stages.theatre!.utilisation).toBeCloseTo(5 / 10, 12); // 10 slots offered, 5 used
    expect(r.patients).toMatchObject({ initial: 6, exited: 4, waiting: 1, inService: 1, rejected: 0 });
  });
});

describe('deadlock', () => {
  const loop = scenario({
    horizon: 1000,
    arrivals: { r: { to: 'a', rate: { perDay: 1 } } },
    stages: {
      a: { capacity: 1, places: 1, service: { dist: 'exponential', mean: 1 }, next: [{ to: 'b' }] },
      // Most go round again (a loop with no exit at all is refused by validation).
      b: { capacity: 1, places: 1, service: { dist: 'exponential', mean: 1 }, next: [{ to: 'a', p: 0.9 }, { to: 'exit' }] },
    },
  });

  it('stops with an error naming the stages in the loop', () => {
    expect(() => simulate(loop)).toThrow(/deadlock on day [\d.]+: stages "a", "b" are full.*a → b, b → a/);
  });

  it('a real deadlock with patients still waiting: every server held by a blocked patient', () => {
    const three = structuredClone(loop) as typeof loop & { stages: Record<string, { places: number }> };
    three.stages.a!.places = 3;
    three.stages.b!.places = 3;
    expect(() => simulate(three)).toThrow(/deadlock on day [\d.]+: stages "a", "b"/);
  });

  it('a loop through a stage without places never deadlocks', () => {
    const open = structuredClone(loop) as typeof loop & { stages: Record<string, { places?: number; next?: unknown }> };
    delete open.stages.a!.places;
    open.stages.b!.places = 2;
    for (const id of ['a', 'b']) (open.stages[id] as { service: unknown }).service = { dist: 'exponential', mean: 0.3 };
    open.stages.b!.next = [{ to: 'a', p: 0.3 }, { to: 'exit' }];
    const r = simulate(open);
    expect(r.patients.exited).toBeGreaterThan(500);
    expect(r.stages.a!.blockedPatients).toBeGreaterThan(0); // blocking happens, and clears
    expect(conservedWithRejections(r)).toBe(true);
  });

  it('places must be a positive integer', () => {
    const bad = { ...loop, stages: { ...loop.stages, a: { ...loop.stages.a, places: 0 } } };
    expect(validateScenario(bad).issues[0]).toMatchObject({ path: 'stages.a.places', message: expect.stringMatching(/positive integer/) });
  });
});
