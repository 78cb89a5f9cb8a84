/**
 * Hospital-side losses (src/pathway/losses.ts): DNAs, cancelled slots and booking lead times,
 * each against an exact answer (a binomial count, a geometric share, a hand-counted timetable).
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate, validateScenario } from '../../src/pathway/index.js';
import type { PatientRecord } from '../../src/pathway/run/records.js';
import { conserved, scenario } from './helpers.js';

/** Binomial(n, p) count `x`: within 5 standard errors, and that band itself narrow (no vacuous pass). */
function expectBinomial(x: number, n: number, p: number, bound: number): void {
  const se = Math.sqrt(n * p * (1 - p));
  expect(5 * se).toBeLessThan(bound * n);
  expect(Math.abs(x - n * p)).toBeLessThan(5 * se);
}

/** A saturated slot clinic: 10 slots a day, 20 referrals a day, so every slot released is used. */
function saturated(losses: Record<string, unknown>, horizon = 2000) {
  return scenario({
    horizon,
    arrivals: { gp: { to: 'clinic', rate: { perDay: 20 } } },
    stages: { clinic: { capacity: { slots: 10, per: 'day' }, ...losses } },
  });
}

describe('DNAs', () => {
  it('use up the slot: attended = slots − DNAs exactly, and DNAs over n slot uses are Binomial(n, p)', () => {
    const p = 0.2;
    const r = simulate(saturated({ dna: { share: p, rebookAfter: '1d' } }));
    const c = r.stages.clinic!;
    const n = 10 * r.horizon; // every slot released is taken (the list never empties)
    expect(c.waitingAtEnd).toBeGreaterThan(1000);
    expect(c.utilisation).toBe(1);
    expect(c.started + c.dna!).toBe(n);
    expect(c.rebooked).toBe(c.dna);
    expect(c.discharged).toBe(0);
    expectBinomial(c.dna!, n, p, 0.02);
    // Effective throughput: slots × (1 − p) a day (service 0: completions are attendances).
    expect(c.throughputPerDay).toBeCloseTo((n - c.dna!) / r.horizon, 12);
    expect(Math.abs(c.throughputPerDay - 10 * (1 - p))).toBeLessThan((5 * Math.sqrt(n * p * (1 - p))) / r.horizon);
    expect(conserved(r)).toBe(true);
  });

  it('at a server stage idle the server for the service time: starts + DNAs = one a day', () => {
    const p = 0.25;
    const r = simulate(
      scenario({
        horizon: 12_000,
        arrivals: { gp: { to: 'scan', rate: { perDay: 1.5 } } },
        stages: { scan: { capacity: 1, service: '1d', dna: { share: p, rebookAfter: '3d' } } },
      }),
    );
    const c = r.stages.scan!;
    // The server is never idle for want of patients: it serves or waits out a DNA, one day each.
    const uses = c.started + c.dna!;
    expect(Math.abs(uses - r.horizon)).toBeLessThanOrEqual(1);
    expectBinomial(c.dna!, uses, p, 0.03);
    expect(conserved(r)).toBe(true);
  });

  it.each([
    [0.3, 2],
    [0.5, 3],
  ])('with share %d, discharge after %d DNAs in a row: a share p^k of patients is discharged', (p, k) => {
    const r = simulate(
      scenario({
        horizon: 3000,
        arrivals: { gp: { to: 'clinic', rate: { perDay: 5 } } },
        stages: { clinic: { capacity: { slots: 60, per: 'day' }, dna: { share: p, rebookAfter: '1d', dischargeAfter: k } } },
      }),
    );
    const c = r.stages.clinic!;
    const resolved = c.completed + c.discharged!; // patients whose visit to the clinic has ended
    expect(resolved).toBeGreaterThan(14_000);
    const share = p ** k;
    expectBinomial(c.discharged!, resolved, share, 0.02);
    expect(r.patients.discharged).toBe(c.discharged);
    expect(c.dna).toBe(c.rebooked! + c.discharged!);
    expect(conserved(r)).toBe(true);
  });

  it('restart the pathway clock at the rebooking with clock: restart, and keep it running with continue', () => {
    const p = 0.5;
    const run = (clock: 'continue' | 'restart') =>
      simulate(
        scenario({
          horizon: 5000,
          arrivals: { gp: { to: 'clinic', rate: { perDay: 2 } } },
          stages: { clinic: { capacity: { slots: 20, per: 'day' }, dna: { share: p, rebookAfter: '10d', clock } } },
        }),
      );
    // Slots are ample, so a patient (new or rebooked) starts at once: the time in the pathway is
    // 10 days × the DNAs before attending (geometric: mean p/(1−p), variance p/(1−p)²) when the
    // clock continues, and 0 when every rebooking restarts it.
    expect(run('restart').timeInSystem.max).toBe(0);
    const t = run('continue').timeInSystem;
    const mean = (10 * p) / (1 - p);
    const se = (10 * Math.sqrt(p) / (1 - p)) / Math.sqrt(t.n);
    expect(5 * se).toBeLessThan(0.1 * mean);
    expect(Math.abs(t.mean - mean)).toBeLessThan(5 * se);
  });
});

describe('DNA draws', () => {
  it('are the patient\'s own: the same patients are discharged whatever the capacity and cancellations', () => {
    const run = (capacity: Record<string, unknown>, extra: Record<string, unknown>) => {
      const records: PatientRecord[] = [];
      simulate(
        scenario({
          horizon: 400,
          arrivals: { gp: { to: 'clinic', rate: { perDay: 2 } } },
          stages: { clinic: { capacity, dna: { share: 0.4, rebookAfter: '5d', dischargeAfter: 2 }, ...extra } },
        }),
        { patients: { write: (r) => records.push(r) } },
      );
      // Discharged after DNAs, or resolved either way (discharged or seen and exited).
      const discharged = new Set(records.filter((r) => r.outcome === 'discharged').map((r) => r.id));
      const resolved = new Set(records.filter((r) => r.outcome === 'exited' || r.outcome === 'discharged').map((r) => r.id));
      return { discharged, resolved };
    };
    // Ample slots (everyone tries on the day they arrive) against tight, cancelled ones (a
    // queue, so first and second attempts interleave in another order).
    const a = run({ slots: 20, per: 'day' }, {});
    const b = run({ slots: 3, per: 'day' }, { cancellations: { share: 0.2 } });
    const both = (x: Set<number>, y: Set<number>) => [...x].filter((id) => y.has(id)).sort((i, j) => i - j);
    const inA = both(a.discharged, b.resolved);
    expect(inA.length).toBeGreaterThan(50); // about 0.16 of some 800 patients
    expect(inA).toEqual(both(b.discharged, a.resolved));
  });
});

describe('patients away for rebooking', () => {
  it('stay on the RTT list (incomplete pathways) while their clock runs, and leave it when it restarts', () => {
    const run = (clock: 'continue' | 'restart') =>
      simulate(
        scenario({
          horizon: 50,
          arrivals: { gp: { to: 'clinic', rate: { perDay: 2 } } },
          // Rebooking takes longer than the run: every DNA is still away at the end.
          stages: { clinic: { capacity: { slots: 20, per: 'day' }, dna: { share: 0.5, rebookAfter: '100d', clock } } },
          targets: { rtt: { until: 'clinic.start', within: '18w', goal: 0.92, measure: 'incomplete' } },
        }),
      );
    for (const clock of ['continue', 'restart'] as const) {
      const r = run(clock);
      const c = r.stages.clinic!;
      expect(c.dna).toBeGreaterThan(20);
      expect(r.patients.away).toBe(c.dna); // away either way
      // The list at the end: those waiting, plus the DNAs whose clock still runs.
      expect(r.targets.rtt!.counted).toBe(c.waitingAtEnd + (clock === 'continue' ? c.dna! : 0));
      expect(conserved(r)).toBe(true);
    }
  });
});

describe('cancellations', () => {
  it('lose a binomial share of the slots released; the patients stay waiting', () => {
    const share = 0.1;
    const r = simulate(saturated({ cancellations: { share } }));
    const c = r.stages.clinic!;
    const n = 10 * r.horizon;
    expectBinomial(c.slotsCancelled!, n, share, 0.02);
    expect(c.started).toBe(n - c.slotsCancelled!); // every slot that ran was used
    expect(c.utilisation).toBe(1); // of the slots offered after cancellation
    expect(c.abandoned).toBe(0);
    expect(conserved(r)).toBe(true);
  });
});

describe('booking lead time', () => {
  // Slots on Monday, Wednesday and Friday (2024-01-01 is a Monday: days 0, 2, 4, 7, 9, …), one
  // each; a lead time of 3 days. Patients joined the list at days −10, −1 and 0, and one in day 5.
  const leadScenario = (leadTime: string | undefined) =>
    scenario({
      horizon: 14,
      startDate: '2024-01-01',
      arrivals: { gp: { to: 'clinic', counts: [{ from: 0, count: 0 }, { from: 5, count: 1 }, { from: 6, count: 0 }] } },
      initial: { clinic: [{ count: 1, waited: 10 }, { count: 1, waited: 1 }, { count: 1, waited: 0 }] },
      stages: { clinic: { capacity: { slots: { mon: 1, wed: 1, fri: 1 } }, ...(leadTime ? { leadTime } : {}) } },
    });
  const starts = (leadTime: string | undefined) => {
    const records: PatientRecord[] = [];
    simulate(leadScenario(leadTime), { patients: { write: (r) => records.push(r) } });
    return records.map((r) => [r.visits[0]!.joined, r.visits[0]!.start]).sort((a, b) => a[0]! - b[0]!);
  };

  it('gives a slot of day d only to patients who joined by d − k: hand-counted start days', () => {
    // Eligible from day joined + 3: −7 → Mon 0; 2 → Wed 2; 3 → Fri 4; 8.x → Wed 9 (Mon 7's slot is lost).
    const got = starts('3d');
    expect(got.map((x) => x[1])).toEqual([0, 2, 4, 9]);
    expect(got[3]![0]).toBeGreaterThanOrEqual(5);
    expect(got[3]![0]).toBeLessThan(6);
    // Without the lead time the fourth patient takes Monday 7.
    expect(starts(undefined).map((x) => x[1])).toEqual([0, 2, 4, 7]);
  });

  it('judges the lead time on the first patient still waiting, not on one who gave up ahead of them', () => {
    // One slot on Wednesdays (days 2, 9), lead time 3 days, patience 1.9 days (for the patient
    // waiting at the start, counted from day 0). A (joined day −10) gives up at 1.9, still on the
    // ring; B joins in [0.5, 1), so may take a slot only from day 3.5 on: Wednesday 2's slot is
    // lost, and B gives up at joined + 1.9 (before Wednesday 9). Judging A at the front instead
    // gave B Wednesday 2, inside their lead time.
    const s = (leadTime?: string) =>
      scenario({
        horizon: 14,
        startDate: '2024-01-01',
        arrivals: { gp: { to: 'clinic', counts: [{ from: 0, count: 0 }, { from: 0.5, count: 1 }, { from: 1, count: 0 }] } },
        initial: { clinic: [{ count: 1, waited: 10 }] },
        stages: { clinic: { capacity: { slots: { wed: 1 } }, patience: { dist: 'fixed', value: 1.9 }, ...(leadTime ? { leadTime } : {}) } },
      });
    const run = (leadTime?: string) => {
      const records: PatientRecord[] = [];
      const r = simulate(s(leadTime), { patients: { write: (x) => records.push(x) } });
      return { r, b: records.find((x) => x.visits[0]!.joined >= 0)!.visits[0]! };
    };
    const { r, b } = run('3d');
    expect(b.joined).toBeGreaterThanOrEqual(0.5);
    expect(b.joined).toBeLessThan(1);
    expect(b.outcome).toBe('abandoned');
    expect(b.start).toBeNull();
    expect(r.patients.abandoned).toBe(2);
    expect(r.stages.clinic!.started).toBe(0);
    // Without the lead time B takes Wednesday 2 (the check that this setting can tell the two apart).
    const free = run();
    expect(free.b.start).toBe(2);
    expect(free.r.patients.abandoned).toBe(1);
  });
});

describe('all three together', () => {
  it('conserve patients, with a server stage downstream and patience', () => {
    const s = scenario({
      horizon: 500,
      arrivals: { gp: { to: 'clinic', rate: { perDay: 6 } } },
      stages: {
        clinic: {
          capacity: { slots: 50, per: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
          dna: { share: 0.1, rebookAfter: { dist: 'exponential', mean: 14 }, dischargeAfter: 2, clock: 'restart' },
          cancellations: { share: 0.05 },
          leadTime: '7d',
          patience: { dist: 'exponential', mean: 200 },
          next: [{ to: 'theatre' }],
        },
        theatre: { capacity: 2, service: { dist: 'exponential', mean: 0.3 }, dna: { share: 0.05, dischargeAfter: 1 } },
      },
    });
    const r = simulate(s);
    expect(conserved(r)).toBe(true);
    expect(r.patients.discharged).toBe(r.stages.clinic!.discharged! + r.stages.theatre!.discharged!);
    expect(r.stages.theatre!.discharged).toBeGreaterThan(0);
    expect(r.stages.clinic!.slotsCancelled).toBeGreaterThan(0);
    expect(r.stages.clinic!.wait.mean).toBeGreaterThan(7); // nobody books inside the lead time
    expect(simulate(s)).toEqual(r); // same seed, same results
    // The manifest names every numeric leaf the losses add.
    for (const k of ['patients.discharged', 'stages.clinic.dna', 'stages.clinic.rebooked', 'stages.clinic.slotsCancelled', 'stages.theatre.discharged']) {
      expect(r.manifest.metrics[k]).toBeDefined();
    }
    expect(r.manifest.metrics['stages.theatre.slotsCancelled']).toBeUndefined();
  });
});

describe('validation', () => {
  const issues = (stage: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    validateScenario({ version: 1, name: 'x', horizon: 10, arrivals: { gp: { to: 'clinic', rate: { perDay: 1 } } }, stages: { clinic: stage }, ...extra }).issues;
  const slots = { slots: 5, per: 'day' };

  it('refuses a hand-built model whose lead-time stage has no fifo queue', () => {
    const model = resolveScenario(scenario({ arrivals: { gp: { to: 'clinic', rate: { perDay: 1 } } }, stages: { clinic: { capacity: slots, leadTime: '7d' } } }));
    model.stages[0]!.queue = 'priority';
    expect(() => simulate(model)).toThrow(/stages\.clinic\.leadTime: a booking lead time needs queue "fifo"/);
  });

  it.each([
    [{ capacity: slots, dna: { share: 1, rebookAfter: 1 } }, 'stages.clinic.dna.share', /from 0 up to \(not including\) 1, got 1/],
    [{ capacity: slots, dna: { share: 0.1 } }, 'stages.clinic.dna', /give rebookAfter/],
    [{ capacity: slots, dna: { share: 0.1, dischargeAfter: 1, rebookAfter: '7d' } }, 'stages.clinic.dna.rebookAfter', /never used/],
    [{ capacity: slots, dna: { share: 0.1, rebookAfter: 1, clock: 'stop' } }, 'stages.clinic.dna.clock', /"continue" or "restart"/],
    [{ capacity: slots, dna: { share: 0.1, rebookAfter: 1, dischargeAfter: 0 } }, 'stages.clinic.dna.dischargeAfter', /positive integer/],
    [{ capacity: 'unlimited', dna: { share: 0.1, rebookAfter: 1 } }, 'stages.clinic.dna', /unlimited/],
    [{ capacity: 2, cancellations: { share: 0.1 } }, 'stages.clinic.cancellations', /apply to slots, but this stage has servers/],
    [{ capacity: slots, cancellations: { share: -0.1 } }, 'stages.clinic.cancellations.share', /got -0.1/],
    [{ capacity: 2, leadTime: '7d' }, 'stages.clinic.leadTime', /needs slots all the time, but this stage has servers/],
    [{ capacity: slots, leadTime: '7d', queue: 'priority' }, 'stages.clinic.leadTime', /needs queue: fifo.*"priority"/],
    [{ capacity: slots, leadTime: 0 }, 'stages.clinic.leadTime', /greater than 0/],
  ])('%j is refused at the field', (stage, path, message) => {
    const found = issues(stage);
    expect(found.map((i) => i.path)).toContain(path);
    expect(found.find((i) => i.path === path)!.message).toMatch(message);
  });
});
