import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/errors.js';
import { runMetrics } from '../../src/experiment/metrics.js';
import { loadScenario, parseScenario, simulate, validateScenario, variantNames } from '../../src/pathway/index.js';
import type { PatientRecord } from '../../src/pathway/run/records.js';
import { atMeans } from '../../src/pathway/uncertain.js';
import { meanSe, replicate, scenario } from './helpers.js';

/**
 * M/M/1 with every patient a true case, diagnosed on arrival (an instant test), treated when
 * service starts: the delay to treatment is the FIFO wait in queue W, with P(W = 0) = 1 − ρ and
 * W | W > 0 ~ Exp(μ − λ), so E[exp(−sW)] = (1 − ρ) + ρ(μ − λ)/(μ − λ + s).
 */
const LAMBDA = 0.5;
const MU = 1;
const laplaceW = (s: number) => 1 - LAMBDA / MU + ((LAMBDA / MU) * (MU - LAMBDA)) / (MU - LAMBDA + s);

function mm1(states: Record<string, unknown>) {
  return scenario({
    horizon: 1000,
    warmup: 50,
    seed: 7,
    arrivals: { gp: { to: 'diagnose', rate: { perDay: LAMBDA }, conditions: { c: 1 } } },
    stages: {
      diagnose: { capacity: 'unlimited', test: { detects: 'c', sensitivity: 1, specificity: 1 }, next: [{ to: 'clinic' }] },
      clinic: { capacity: 1, service: { dist: 'exponential', mean: 1 / MU }, treatment: true },
    },
    progression: { c: { states } },
  });
}

/**
 * Per-replication shares and their standard error. Waits in one M/M/1 run are autocorrelated,
 * so the binomial SE of the pooled share understates the noise (here by about 2×); the SE across
 * independent replications does not, and the tolerance uses whichever is larger.
 */
function shareOver(runs: ReturnType<typeof replicate>, num: (e: NonNullable<(typeof runs)[0]['economics']>['conditions'][string]) => number, den: typeof num) {
  const per = runs.map((r) => num(r.economics!.conditions.c!) / den(r.economics!.conditions.c!));
  const pooledN = runs.reduce((a, r) => a + den(r.economics!.conditions.c!), 0);
  const { mean, se } = meanSe(per);
  return { mean, se: Math.max(se, Math.sqrt((mean * (1 - mean)) / pooledN)), pooledN };
}

describe('progression while waiting: closed forms on an M/M/1 queue', () => {
  it('upstaged share = 1 − E[exp(−rW)] for a constant progression rate r', () => {
    const r = 0.5;
    const runs = replicate(mm1({ A: { atPresentation: 1, toNext: { perDay: r } }, B: {} }), 20);
    const expected = 1 - laplaceW(r); // 0.25
    const { mean, se, pooledN } = shareOver(runs, (p) => p.upstaged, (p) => p.treated);
    expect(expected).toBeCloseTo(0.25, 12);
    expect(pooledN).toBeGreaterThan(9000);
    expect(se).toBeLessThan(0.01);
    expect(Math.abs(mean - expected)).toBeLessThan(5 * se);
    expect(mean).toBeGreaterThan(0.15); // far from 0: the check cannot pass vacuously
    for (const run of runs) {
      const p = run.economics!.conditions.c!;
      // Everyone presents in A; those treated in B are exactly the upstaged.
      expect(p.atPresentation.B).toBe(0);
      expect(p.atTreatment.B).toBe(p.upstaged);
      expect(p.deathsWhileWaiting).toBe(0);
    }
  });

  it('deaths while waiting and upstaging as competing risks: both shares match their closed forms', () => {
    const r = 0.5;
    const d = 0.3;
    const runs = replicate(
      mm1({ A: { atPresentation: 1, toNext: { perDay: r }, death: { perDay: d }, qalys: 3 }, B: { death: { perDay: d }, qalys: 1 } }),
      20,
    );
    // P(death before treatment) = 1 − E[e^{−dW}]; among survivors, P(upstaged) = (E[e^{−dW}] − E[e^{−(r+d)W}]) / E[e^{−dW}].
    const died = shareOver(runs, (p) => p.deathsWhileWaiting, (p) => p.treated + p.deathsWhileWaiting);
    const up = shareOver(runs, (p) => p.upstaged, (p) => p.treated);
    const expectedDied = 1 - laplaceW(d); // 0.1875
    const expectedUp = (laplaceW(d) - laplaceW(r + d)) / laplaceW(d); // 0.1479
    expect(died.se).toBeLessThan(0.01);
    expect(up.se).toBeLessThan(0.01);
    expect(Math.abs(died.mean - expectedDied)).toBeLessThan(5 * died.se);
    expect(Math.abs(up.mean - expectedUp)).toBeLessThan(5 * up.se);
    expect(died.mean).toBeGreaterThan(0.1);
    expect(up.mean).toBeGreaterThan(0.1);
    for (const run of runs) {
      const p = run.economics!.conditions.c!;
      // QALYs: 3 per patient treated in A, 1 in B; deaths get none; those still waiting count at their state at the end.
      expect(p.qalysTreated).toBe(3 * p.atTreatment.A! + 1 * p.atTreatment.B!);
      expect(p.qalys).toBe(p.qalysTreated + 3 * p.waitingAtEnd.A! + 1 * p.waitingAtEnd.B!);
      expect(run.economics!.qalys).toBe(p.qalys);
      expect(run.economics!.deathsWhileWaiting).toBe(p.deathsWhileWaiting);
      // Every true case resolved in the measured period counts once at presentation.
      const cond = run.conditions.c!;
      const presented = p.atPresentation.A! + p.atPresentation.B!;
      expect(presented).toBe(cond.treated + cond.untreated + cond.untreatedInPathway);
      expect(p.treated + p.deathsWhileWaiting + p.waitingAtEnd.A! + p.waitingAtEnd.B!).toBe(presented);
    }
  });
});

/**
 * A deterministic run, counted by hand: 20 true cases wait at day 0 for an X-ray with 3 slots a
 * day (no service time, perfect test); surgery has 2 servers and a fixed 1-day service. Days 0–4
 * release 15 slots (the run ends at 4.5), all used: 15 tests read, 15 sent to surgery, which
 * starts 2 a day (10 starts, 10 first treatments, all in state A), 5 left waiting at each stage.
 */
const deterministic = scenario({
  horizon: 4.5,
  arrivals: { none: { to: 'xray', rate: { perDay: 0 } } },
  initial: { xray: { count: 20, conditions: { c: 1 } } },
  stages: {
    xray: { capacity: { slots: 3, per: 'day' }, test: { detects: 'c', sensitivity: 1, specificity: 1 }, next: [{ if: 'positive', to: 'surgery' }, { to: 'exit' }] },
    surgery: { capacity: 2, service: 1 },
  },
  progression: { c: { states: { A: { atPresentation: 1, qalys: 2 }, B: { qalys: 1 } } } },
  economics: {
    costs: {
      read: { cost: 7, per: 'test', stage: 'xray' }, // 15 × 7 = 105
      'xray-slot': { cost: 20, per: 'slot-offered', stage: 'xray' }, // 15 × 20 = 300
      'xray-used': { cost: 1, per: 'slot-used', stage: 'xray' }, // 15
      'surgery-visit': { cost: 1000, per: 'patient', stage: 'surgery' }, // 10 × 1000 = 10,000
      theatre: { cost: 100, per: 'server-day', stage: 'surgery' }, // 2 servers × 4.5 days × 100 = 900
      'any-treatment': { cost: 3, per: 'treatment' }, // 10 × 3 = 30 (the X-ray is a test, not a treatment)
      'treated-A': { cost: 50, per: 'treated', condition: 'c', state: 'A' }, // 10 × 50 = 500
      'treated-B': { cost: 999, per: 'treated', condition: 'c', state: 'B' }, // 0
      'treated-all': { cost: 2, per: 'treated', condition: 'c' }, // 20
      licence: { cost: 36500, per: 'year' }, // 4.5 days of 365: 450
      session: { cost: 700, per: 'week', stage: 'surgery' }, // 4.5 days of 7: 450
      daily: { cost: 10, per: 'day' }, // 45
      monthly: { cost: 3650, per: 'month' }, // 4.5 days of 365/12: 540
    },
  },
});

describe('QALYs value the same cohort in every variant', () => {
  it('a case missed for good counts at its state at the end of the run, not as nothing', () => {
    // 20 true cases at day 0, a test that misses every one (sensitivity 0), so all leave
    // undiagnosed on day 0. A → B at a fixed-looking rate would be random; instead the run is
    // short against a very slow progression (1e-9 a day), so each is still in A at the end:
    // 20 × 2 QALYs, none from treatment.
    const run = simulate(
      scenario({
        horizon: 5,
        arrivals: { none: { to: 'xray', rate: { perDay: 0 } } },
        initial: { xray: { count: 20, conditions: { c: 1 } } },
        stages: { xray: { capacity: 'unlimited', test: { detects: 'c', sensitivity: 0, specificity: 1 }, next: [{ if: 'positive', to: 'surgery' }, { to: 'exit' }] }, surgery: { capacity: 1, service: 1 } },
        progression: { c: { states: { A: { atPresentation: 1, toNext: { perDay: 1e-9 }, qalys: 2 }, B: { qalys: 1 } } } },
      }),
    );
    const p = run.economics!.conditions.c!;
    expect(run.conditions.c!.undiagnosed).toBe(20);
    expect(p.treated).toBe(0);
    expect(p.qalysTreated).toBe(0);
    expect(p.qalys).toBe(40);
  });
});

describe('costs', () => {
  it('of a deterministic scenario add up exactly to the hand count', () => {
    const run = simulate(deterministic);
    // The counts the costs rest on, by hand.
    expect(run.stages.xray).toMatchObject({ started: 15, completed: 15 });
    expect(run.stages.surgery).toMatchObject({ started: 10, waitingAtEnd: 5 });
    const e = run.economics!;
    const hand: Record<string, number> = {
      read: 105, 'xray-slot': 300, 'xray-used': 15, 'surgery-visit': 10000, theatre: 900, 'any-treatment': 30,
      'treated-A': 500, 'treated-B': 0, 'treated-all': 20, licence: 450, session: 450, daily: 45, monthly: 540,
    };
    expect(Object.keys(e.costs)).toEqual(Object.keys(hand));
    for (const [id, v] of Object.entries(hand)) expect(e.costs[id], id).toBeCloseTo(v, 9);
    expect(e.cost).toBeCloseTo(13355, 9);
    expect(e.costPerPatient).toBeCloseTo(13355 / 20, 9); // 20 patients entered (the initial list; no warm-up)
    expect(e.currency).toBe('GBP');
    const p = e.conditions.c!;
    expect(p).toEqual({
      atPresentation: { A: 20, B: 0 },
      atDiagnosis: { A: 15, B: 0 },
      atTreatment: { A: 10, B: 0 },
      treated: 10,
      upstaged: 0,
      deathsWhileWaiting: 0,
      qalys: 40, // 10 treated in A at 2 each, and 10 still waiting in A valued at 2 each
      qalysTreated: 20,
      waitingAtEnd: { A: 10, B: 0 },
    });
  });

  it('only the measured period counts: a warm-up drops its costs, fixed costs run over the horizon only', () => {
    const run = simulate({ ...deterministic, warmup: 2, horizon: 2.5 });
    const e = run.economics!;
    // Days 2–4 release 9 slots; surgery starts 2 a day on days 2, 3, 4.
    expect(e.costs['xray-slot']).toBe(9 * 20);
    expect(e.costs['surgery-visit']).toBe(6 * 1000);
    expect(e.costs.theatre).toBeCloseTo(2 * 2.5 * 100, 9);
    expect(e.costs.licence).toBeCloseTo((36500 * 2.5) / 365, 9);
    expect(e.costPerPatient).toBe(0); // nobody arrived in the measured period (the list came before it)
  });

  it('the manifest names every economics metric of the run, in order', () => {
    const run = simulate(deterministic);
    expect(Object.keys(run.manifest.metrics)).toEqual([...runMetrics(run).keys()]);
    expect(run.manifest.metrics['economics.cost']).toEqual({ unit: 'cost', label: 'total cost (GBP)', better: 'lower' });
    expect(run.manifest.metrics['economics.conditions.c.atTreatment.B']!.label).toBe('c: true cases in state B at treatment');
    expect(run.manifest.metrics['economics.qalys']).toMatchObject({ unit: 'QALYs', better: 'higher' });
  });

  it('a scenario without economics or progression has no economics result', () => {
    const { progression: _p, economics: _e, ...plain } = deterministic;
    expect(simulate(plain).economics).toBeUndefined();
  });
});

describe('pairing: the same patient walks the same path in every variant', () => {
  const paired = scenario({
    horizon: 200,
    seed: 11,
    arrivals: { gp: { to: 'xray', rate: { perDay: 4 }, conditions: { c: 0.3 } } },
    stages: {
      xray: { capacity: 2, service: { dist: 'exponential', mean: 0.4 }, test: { detects: 'c', sensitivity: 0.8, specificity: 0.9 }, next: [{ if: 'positive', to: 'surgery' }, { to: 'exit' }] },
      surgery: { capacity: 1, service: { dist: 'exponential', mean: 0.9 } },
    },
    progression: {
      c: {
        states: {
          I: { atPresentation: 0.4, toNext: { perDay: 0.05 } },
          II: { atPresentation: 0.3, toNext: { perDay: 0.05 } },
          III: { atPresentation: 0.2, toNext: { perDay: 0.05 }, death: { perDay: 0.01 } },
          IV: { atPresentation: 0.1, death: { perDay: 0.02 } },
        },
      },
    },
    variants: { more: { patch: { stages: { surgery: { capacity: 3 } } } } },
  });

  function records(variant: string): PatientRecord[] {
    const out: PatientRecord[] = [];
    const run = simulate(paired, { variant, patients: { write: (r) => out.push(r) } });
    // The records' states agree with the counts the run made as events happened.
    const p = run.economics!.conditions.c!;
    const count = (f: (r: PatientRecord) => string | null | undefined) => {
      const n: Record<string, number> = { I: 0, II: 0, III: 0, IV: 0 };
      for (const r of out) {
        const v = f(r);
        if (v) n[v]!++;
      }
      return n;
    };
    expect(count((r) => r.states?.c?.atTreatment)).toEqual(p.atTreatment);
    expect(count((r) => r.states?.c?.atDiagnosis)).toEqual(p.atDiagnosis);
    expect(count((r) => r.states?.c?.atPresentation)).toEqual(p.atPresentation);
    expect(out.filter((r) => r.states?.c?.diedWhileWaiting).length).toBe(p.deathsWhileWaiting);
    return out.sort((a, b) => a.id - b.id);
  }

  it('same seed, a downstream change: identical states at presentation, patient by patient; later states differ', () => {
    const base = records('base');
    const more = records('more');
    expect(base.length).toBe(more.length);
    let cases = 0;
    let treatmentDiffers = 0;
    const seen = new Set<string>();
    base.forEach((a, i) => {
      const b = more[i]!;
      expect(b.id).toBe(a.id);
      expect(b.arrival).toBe(a.arrival);
      expect(b.conditions).toEqual(a.conditions);
      if (!a.states?.c) return;
      cases++;
      seen.add(a.states.c.atPresentation);
      expect(b.states!.c!.atPresentation).toBe(a.states.c.atPresentation);
      if (b.states!.c!.atTreatment !== a.states.c.atTreatment) treatmentDiffers++;
    });
    expect(cases).toBeGreaterThan(150);
    expect(seen.size).toBe(4); // the mix is really drawn
    expect(treatmentDiffers).toBeGreaterThan(5); // the variants differ where they should
  });
});

describe('validation', () => {
  const base = () => ({
    version: 1,
    name: 'v',
    horizon: 100,
    arrivals: { gp: { to: 'xray', rate: { perDay: 1 }, conditions: { c: 0.1 } } },
    stages: { xray: { capacity: 1, test: { detects: 'c', sensitivity: 0.9, specificity: 0.9 }, next: [{ if: 'positive', to: 'surgery' }, { to: 'exit' }] }, surgery: { capacity: 1 } },
    progression: { c: { states: { A: { atPresentation: 0.6, toNext: { perDay: 0.1 } }, B: { atPresentation: 0.4 } } } },
    economics: { costs: { scan: { cost: 10, per: 'patient', stage: 'xray' } } },
    variants: { v2: { patch: { stages: { surgery: { capacity: 2 } } } } },
  });
  const issues = (f: (s: ReturnType<typeof base>) => void): Issue[] => {
    const s = base();
    f(s);
    return validateScenario(s).issues;
  };
  const at = (list: Issue[], path: string) => {
    const found = list.find((i) => i.path === path);
    expect(found, `no issue at ${path}; got ${JSON.stringify(list)}`).toBeDefined();
    return found!.message;
  };
  /* eslint-disable @typescript-eslint/no-explicit-any */

  it('accepts the valid baseline', () => {
    expect(validateScenario(base())).toMatchObject({ ok: true, issues: [] });
  });

  it('names the path, the value and what was expected', () => {
    expect(at(issues((s) => ((s.progression as any).flu = s.progression.c)), 'progression.flu')).toBe('unknown condition "flu"; conditions are "c"');
    expect(at(issues((s) => (s.progression.c.states.B.atPresentation = 0.5)), 'progression.c.states')).toBe("the states' atPresentation shares must sum to 1, got 1.1");
    expect(at(issues((s) => (s.progression.c.states.A.toNext = { perDay: -1 })), 'progression.c.states.A.toNext.perDay')).toMatch(/expected a progression rate of 0 or more, got -1/);
    expect(at(issues((s) => ((s.progression.c.states.B as any).toNext = { perDay: 1 })), 'progression.c.states.B.toNext')).toMatch(/last state "B" has no next state/);
    expect(at(issues((s) => ((s.progression.c.states.A as any).death = { perDay: 1, perWeek: 2 })), 'progression.c.states.A.death')).toMatch(/exactly one of perDay, perWeek, perMonth or perYear, got perDay and perWeek/);
    expect(at(issues((s) => ((s.progression.c.states as any)['3'] = {})), 'progression.c.states.3')).toMatch(/plain number/);
    expect(at(issues((s) => ((s.progression.c.states.A as any).qaly = 1)), 'progression.c.states.A.qaly')).toBe('unknown field "qaly" (did you mean "qalys"?)');
  });

  it('checks every cost item against the scenario', () => {
    const cost = (item: unknown) => issues((s) => ((s.economics.costs as any).x = item));
    expect(at(cost({ cost: 1, per: 'patient', stage: 'ct' }), 'economics.costs.x.stage')).toBe('unknown stage "ct"; stages are "xray" and "surgery"');
    expect(at(cost({ cost: 1, per: 'patient' }), 'economics.costs.x.stage')).toBe('a cost per patient needs the stage it counts: add stage');
    expect(at(cost({ cost: 1, per: 'test', stage: 'surgery' }), 'economics.costs.x.stage')).toMatch(/stage "surgery" does no test/);
    expect(at(cost({ cost: -5, per: 'year' }), 'economics.costs.x.cost')).toMatch(/expected a unit cost of 0 or more, got -5/);
    expect(at(cost({ cost: 1, per: 'fortnight' }), 'economics.costs.x.per')).toMatch(/expected one of patient, test, .*year/);
    expect(at(cost({ cost: 1, per: 'treated' }), 'economics.costs.x.condition')).toMatch(/needs the condition/);
    expect(at(cost({ cost: 1, per: 'year', condition: 'c' }), 'economics.costs.x.condition')).toMatch(/applies only to per: treated/);
    expect(at(cost({ cost: 1, per: 'treated', condition: 'c', state: 'C' }), 'economics.costs.x.state')).toBe('unknown state "C" (did you mean "A"?); states of "c" are "A" and "B"');
    expect(at(cost({ cost: 1, per: 'treated', condition: 'd' }), 'economics.costs.x.condition')).toMatch(/unknown condition "d"/);
  });

  it('checks the comparison settings', () => {
    expect(at(issues((s) => ((s.economics as any).comparator = 'v3')), 'economics.comparator')).toMatch(/unknown variant "v3" \(did you mean "v2"\?\)/);
    expect(at(issues((s) => ((s.economics as any).effect = 'qaly')), 'economics.effect')).toMatch(/expected "qalys" or a metric path/);
    expect(at(issues((s) => ((s.economics as any).thresholds = [])), 'economics.thresholds')).toMatch(/at least one threshold/);
    expect(at(issues((s) => ((s.economics as any).currency = 'pounds')), 'economics.currency')).toMatch(/three-letter currency code/);
    expect(issues((s) => Object.assign(s.economics, { comparator: 'v2', effect: 'targets.t.met', thresholds: [13000], currency: 'EUR' }))).toEqual([]);
  });

  it('a cost per treated in a state needs a progression model', () => {
    const list = issues((s) => {
      delete (s as any).progression;
      (s.economics.costs as any).x = { cost: 1, per: 'treated', condition: 'c', state: 'A' };
    });
    expect(at(list, 'economics.costs.x.state')).toMatch(/needs a progression model for "c"/);
  });
});

describe('lung-cancer-ai-costed.yaml', () => {
  const file = join(__dirname, '../../examples/scenarios/lung-cancer-ai-costed.yaml');
  const s = loadScenario(file);

  it('loads without errors or warnings, and keeps the pathway and variants of lung-cancer-ai.yaml', () => {
    expect(validateScenario(s)).toMatchObject({ ok: true, issues: [], warnings: [] });
    const plain = loadScenario(join(__dirname, '../../examples/scenarios/lung-cancer-ai.yaml'));
    expect(variantNames(s)).toEqual(variantNames(plain));
    expect(s.stages).toEqual(plain.stages);
    expect(s.arrivals).toEqual(plain.arrivals);
    for (const v of variantNames(s)) {
      // The variants patch the same stages; the costed file only adds to `economics`, and gives
      // the AI's sensitivity as a distribution (PSA) whose mean is the plain file's figure.
      const { economics: _e, ...patch } = s.variants![v]!.patch as Record<string, unknown>;
      expect(atMeans(patch)).toEqual(plain.variants![v]!.patch);
    }
    expect(JSON.stringify(s.variants!['ai-reporting']!.patch)).toContain('"sensitivity":{"dist":"beta"');
  });

  it('every variant is costed: items sum to the total, with the AI licence only where there is AI', () => {
    const short = parseScenario({ ...s, horizon: '2w' });
    for (const v of ['base', ...variantNames(s)]) {
      const run = simulate(short, { variant: v });
      const e = run.economics!;
      const sum = Object.values(e.costs).reduce((a, b) => a + b, 0);
      // Every true case resolved in the period counts once at presentation (missed returns, leavers and all).
      const p = e.conditions['lung-cancer']!;
      const c = run.conditions['lung-cancer']!;
      const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
      expect(total(p.atPresentation)).toBe(c.treated + c.untreated + c.untreatedInPathway);
      expect(p.treated + p.deathsWhileWaiting + total(p.waitingAtEnd)).toBeLessThanOrEqual(total(p.atPresentation));
      expect(p.treated + p.deathsWhileWaiting).toBeGreaterThanOrEqual(c.treated); // deaths include those who left or still wait
      expect(total(p.atTreatment)).toBe(p.treated);
      expect(e.cost).toBeCloseTo(sum, 6);
      expect(e.cost).toBeGreaterThan(0);
      expect('ai-licence' in e.costs).toBe(v !== 'base');
      expect(Object.keys(e.conditions)).toEqual(['lung-cancer']);
    }
  });
});
