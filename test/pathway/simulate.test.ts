import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyVariant, loadScenario, parseScenario, simulate, variantNames } from '../../src/pathway/index.js';
import { conserved, meanSe, replicate, scenario } from './helpers.js';

const scenarios = join(__dirname, '../../examples/scenarios');

describe('canonical scenarios', () => {
  it('mm1.yaml: mean wait in queue matches M/M/1 theory (Wq = 9 days)', () => {
    // One run of 200,000 days has a relative standard error of a few percent at ρ = 0.9 (the
    // queue's relaxation time is ~400 days); 8 replications are pooled and the tolerance is
    // 5 standard errors of their mean, which a correct model exceeds with probability < 1e-6.
    const s = loadScenario(join(scenarios, 'mm1.yaml'));
    const runs = replicate(s, 8);
    const { mean, se } = meanSe(runs.map((r) => r.stages.clinic!.wait.mean));
    expect(se).toBeLessThan(0.05 * 9); // the check is not vacuous
    expect(Math.abs(mean - 9)).toBeLessThan(5 * se);
    const lq = meanSe(runs.map((r) => r.stages.clinic!.meanQueueLength));
    expect(Math.abs(lq.mean - 8.1)).toBeLessThan(5 * lq.se);
    const rho = meanSe(runs.map((r) => r.stages.clinic!.utilisation));
    expect(Math.abs(rho.mean - 0.9)).toBeLessThan(5 * rho.se + 1e-3);
    for (const r of runs) expect(conserved(r)).toBe(true);
  });

  it('tandem.yaml: each stage matches Erlang C (0.3511 and 1.2789 days)', () => {
    // Jackson's theorem: each stage of the tandem network behaves as an independent M/M/c.
    // 4 replications of 100,000 days (1 million patients each); tolerance 5 standard errors.
    const s = parseScenario({ ...loadScenario(join(scenarios, 'tandem.yaml')), horizon: 40000 });
    const runs = replicate(s, 6);
    const diag = meanSe(runs.map((r) => r.stages.diagnosis!.wait.mean));
    const treat = meanSe(runs.map((r) => r.stages.treatment!.wait.mean));
    expect(diag.se).toBeLessThan(0.03 * 0.3511);
    expect(treat.se).toBeLessThan(0.05 * 1.2789);
    expect(Math.abs(diag.mean - 0.3511)).toBeLessThan(5 * diag.se);
    expect(Math.abs(treat.mean - 1.2789)).toBeLessThan(5 * treat.se);
    for (const r of runs) expect(conserved(r)).toBe(true);
  });

  it('every canonical file runs every variant and conserves patients', () => {
    for (const file of readdirSync(scenarios).filter((f) => f.endsWith('.yaml'))) {
      let s = loadScenario(join(scenarios, file));
      // Shorten the long files: conservation does not depend on length.
      // (the costed lung file is lung-cancer-ai.yaml again, plus economics: a few weeks suffice)
      s = parseScenario({ ...s, horizon: file.startsWith('england') ? 14 : file === 'lung-cancer-ai-costed.yaml' ? 56 : Math.min(2000, Number(s.horizon) || 2000) });
      for (const variant of ['base', ...variantNames(s)]) {
        const r = simulate(s, { variant });
        expect(conserved(r), `${file} ${variant}`).toBe(true);
        expect(r.variant).toBe(variant);
      }
    }
  });

  it('lung-cancer-ai.yaml: AI speeds diagnosis but the surgery list grows unless treatment grows', () => {
    const s = loadScenario(join(scenarios, 'lung-cancer-ai.yaml'));
    const base = replicate(s, 3);
    const ai = replicate(s, 3, { variant: 'ai-reporting' });
    const both = replicate(s, 3, { variant: 'ai-reporting-and-treatment' });
    const avg = (rs: typeof base, f: (r: (typeof base)[0]) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
    const fds = (r: (typeof base)[0]) => r.targets['faster-diagnosis-28d']!.share;
    const surgery = (r: (typeof base)[0]) => r.stages.surgery!.waitingAtEnd;
    expect(avg(ai, fds)).toBeGreaterThan(avg(base, fds));
    expect(avg(ai, surgery)).toBeGreaterThan(avg(base, surgery));
    expect(avg(both, surgery)).toBeLessThan(avg(ai, surgery));
    expect(base[0]!.warnings.some((w) => w.includes('"reporting"'))).toBe(true);
  });
});

describe('determinism', () => {
  it('same scenario and seed give identical results; another seed differs', () => {
    const s = loadScenario(join(scenarios, 'lung-cancer-ai.yaml'));
    const short = parseScenario({ ...s, horizon: '20w' });
    expect(simulate(short, { variant: 'ai-reporting' })).toEqual(simulate(short, { variant: 'ai-reporting' }));
    expect(simulate(short, { seed: 1 }).stages.reporting).not.toEqual(simulate(short, { seed: 2 }).stages.reporting);
    expect(simulate(short, { replication: 1 }).stages.reporting).not.toEqual(simulate(short).stages.reporting);
  });
});

describe('stage features', () => {
  it('slots unused on their day are lost', () => {
    // A finishes its one patient at day 1.5 (Tuesday). B's Monday slots went unused and are
    // lost, so the patient waits for next Monday (day 7): exactly 5.5 days.
    const s = scenario({
      horizon: 20,
      startDate: '2024-01-01',
      arrivals: { none: { to: 'a', rate: { perDay: 0 } } },
      initial: { a: { count: 1 } },
      stages: {
        a: { capacity: 1, service: 1.5, next: [{ to: 'b' }] },
        b: { capacity: { slots: 2, per: 'day', days: ['mon'] } },
      },
    });
    const r = simulate(s);
    expect(r.stages.b!.wait.mean).toBeCloseTo(5.5, 9);
    expect(r.stages.b!.utilisation).toBeCloseTo(1 / 6, 9); // 1 used of 3 Mondays × 2 slots
  });

  it('capacity changes take effect at `from`', () => {
    // 100 patients, fixed 1-day service: one server for 50 days, then two. By day 60:
    // 50 + 2 × 10 = 70 completions.
    const s = scenario({
      horizon: 60,
      arrivals: { none: { to: 'clinic', rate: { perDay: 0 } } },
      initial: { clinic: { count: 100 } },
      stages: { clinic: { capacity: [{ from: 0, servers: 1 }, { from: 50, servers: 2 }], service: 1 } },
    });
    expect(simulate(s).stages.clinic!.completed).toBe(70);
  });

  it('priority queues serve the lower priority number first, then by arrival', () => {
    // Routine patients have waited 10 days; urgent ones 0. Priority serves urgent first (all 5
    // within 5.5 days); FIFO would serve the longer-waiting routine patients first.
    const base = {
      horizon: 20,
      classes: { urgent: { priority: 1 }, routine: { priority: 2 } },
      arrivals: { none: { to: 'clinic', rate: { perDay: 0 } } },
      initial: { clinic: [{ count: 5, class: 'routine', waited: 10 }, { count: 5, class: 'urgent' }] },
      targets: { quick: { until: 'clinic.start', within: 5.5, goal: 0.9 } },
    };
    const priority = scenario({ ...base, stages: { clinic: { capacity: 1, service: 1, queue: 'priority' } } });
    const fifo = scenario({ ...base, stages: { clinic: { capacity: 1, service: 1 } } });
    expect(simulate(priority).targets.quick!.met).toBe(5);
    expect(simulate(fifo).targets.quick!.met).toBe(1);
  });

  it('patients whose patience runs out leave the list', () => {
    // The server is busy for the whole run, so every later arrival abandons after exactly 2
    // days, except those who arrived in the last 2 days.
    const s = scenario({
      horizon: 100,
      arrivals: { a: { to: 'clinic', rate: { perDay: 3 } } },
      stages: { clinic: { capacity: 1, service: 1000, patience: 2 } },
    });
    const r = simulate(s);
    expect(conserved(r)).toBe(true);
    expect(r.stages.clinic!.abandoned).toBe(r.patients.arrived - 1 - r.stages.clinic!.waitingAtEnd);
    expect(r.patients.abandoned).toBe(r.stages.clinic!.abandoned);
    expect(r.stages.clinic!.waitingAtEnd).toBeLessThan(20); // only the last ~2 days' arrivals (≈ 6)
  });

  it('test results follow sensitivity and specificity', () => {
    const run = (prevalence: number) => {
      const s = scenario({
        horizon: 1000,
        arrivals: { a: { to: 'xray', rate: { perDay: 100 }, conditions: { cancer: prevalence } } },
        stages: {
          xray: {
            capacity: 'unlimited',
            test: { detects: 'cancer', sensitivity: 0.8, specificity: 0.9 },
            next: [{ if: 'positive', to: 'ct' }, { to: 'exit' }],
          },
          ct: { capacity: 'unlimited' },
        },
      });
      const r = simulate(s);
      return r.stages.ct!.entered / r.stages.xray!.completed;
    };
    // ~100,000 tests each; a share's standard error is ≤ sqrt(0.25 / 1e5) = 0.0016, tolerance 5 SE.
    expect(Math.abs(run(1) - 0.8)).toBeLessThan(0.008); // sensitivity
    expect(Math.abs(run(0) - 0.1)).toBeLessThan(0.008); // 1 − specificity
    expect(Math.abs(run(0.3) - (0.3 * 0.8 + 0.7 * 0.1))).toBeLessThan(0.008);
  });

  it('a share of false negatives come back later to the missed-case stage, with a new clock', () => {
    const s = scenario({
      horizon: 1000,
      arrivals: { a: { to: 'xray', rate: { perDay: 100 }, conditions: { cancer: 1 } } },
      stages: {
        xray: {
          capacity: 'unlimited',
          test: { detects: 'cancer', sensitivity: 0.6, specificity: 1, missed: { share: 0.5, after: 10, to: 'ct' } },
          next: [{ if: 'positive', to: 'ct' }, { to: 'exit' }],
        },
        ct: { capacity: 'unlimited' },
      },
      targets: { t: { until: 'ct.start', within: 1, goal: 0.9 } },
    });
    const r = simulate(s);
    expect(conserved(r)).toBe(true);
    const n = r.stages.xray!.completed;
    // CT sees 60% directly and 40% × 50% = 20% ten days later (those tested in the last 10
    // days are still away). Binomial SE ≤ 0.0016; tolerance 0.008 (5 SE).
    expect(Math.abs(r.stages.ct!.entered / n - 0.8)).toBeLessThan(0.008 + r.patients.away / n);
    expect(r.patients.away).toBeGreaterThan(0);
    expect(Math.abs(r.patients.away / (100 * 10) - 0.2)).toBeLessThan(0.05);
    // The clock restarts on return, so returning patients meet a 1-day standard (CT is a delay).
    expect(r.targets.t!.share).toBe(1);
  });

  it('initial patients’ past waits count in every wait metric', () => {
    const s = scenario({
      horizon: 30,
      arrivals: { none: { to: 'clinic', rate: { perDay: 0 } } },
      initial: { clinic: { count: 10, waited: 20 } },
      stages: { clinic: { capacity: 1, service: 1 } },
      targets: { rtt: { until: 'clinic.start', within: 24.5, goal: 0.9 } },
    });
    const r = simulate(s);
    expect(r.stages.clinic!.wait.mean).toBeCloseTo(24.5, 9); // waits 20, 21, …, 29
    expect(r.stages.clinic!.wait.max).toBeCloseTo(29, 9);
    expect(r.targets.rtt!.met).toBe(5);
    expect(r.timeInSystem.mean).toBeCloseTo(25.5, 9);
  });

  it('targets count patients still waiting past the standard as breaches', () => {
    // Starts at days 0..5 (waits 0..5): 3 within 2 days, 3 late; 4 still waiting 5 days > 2.
    const s = scenario({
      horizon: 5,
      arrivals: { none: { to: 'clinic', rate: { perDay: 0 } } },
      initial: { clinic: { count: 10 } },
      stages: { clinic: { capacity: 1, service: 1 } },
      targets: { t: { until: 'clinic.start', within: 2, goal: 0.9 } },
    });
    const t = simulate(s).targets.t!;
    expect(t).toMatchObject({ met: 3, breached: 7, breachedStillWaiting: 4, counted: 10 });
    expect(t.share).toBeCloseTo(0.3, 12);
  });

  it('a target with `from` starts its clock at that event', () => {
    // A takes 3 days (a delay), then B serves one patient a day. Clock from a.end to b.start.
    const s = scenario({
      horizon: 50,
      arrivals: { none: { to: 'a', rate: { perDay: 0 } } },
      initial: { a: { count: 4 } },
      stages: { a: { capacity: 'unlimited', service: 3, next: [{ to: 'b' }] }, b: { capacity: 1, service: 1 } },
      targets: {
        dtt: { from: 'a.end', until: 'b.start', within: 1.5, goal: 0.9 },
        whole: { until: 'b.start', within: 4.5, goal: 0.9 },
      },
    });
    const r = simulate(s);
    expect(r.targets.dtt).toMatchObject({ met: 2, breached: 2 }); // waits 0, 1, 2, 3 after a.end
    expect(r.targets.whole).toMatchObject({ met: 2, breached: 2 }); // 3, 4, 5, 6 from the start
  });

  it('variants apply merge patches, with extends', () => {
    const s = scenario({
      horizon: 60,
      arrivals: { none: { to: 'clinic', rate: { perDay: 0 } } },
      initial: { clinic: { count: 100 } },
      stages: { clinic: { capacity: 1, service: 1 } },
      variants: {
        two: { patch: { stages: { clinic: { capacity: 2 } } } },
        slower: { extends: 'two', patch: { stages: { clinic: { service: 2 } } } },
      },
    });
    expect(simulate(s).stages.clinic!.completed).toBe(60);
    expect(simulate(s, { variant: 'two' }).stages.clinic!.completed).toBe(100);
    expect(simulate(s, { variant: 'slower' }).stages.clinic!.completed).toBe(60);
    expect(simulate(applyVariant(s, 'slower')).stages.clinic!.completed).toBe(60);
  });

  it('routing splits the flow by p, and a branch without p takes the rest', () => {
    const s = scenario({
      horizon: 1000,
      arrivals: { a: { to: 'triage', rate: { perDay: 100 } } },
      stages: {
        triage: { capacity: 'unlimited', next: [{ to: 'x', p: 0.2 }, { to: 'y' }, { to: 'z', p: 0.3 }] },
        x: { capacity: 'unlimited' },
        y: { capacity: 'unlimited' },
        z: { capacity: 'unlimited' },
      },
    });
    const r = simulate(s);
    const n = r.stages.triage!.completed;
    // Binomial SE ≤ 0.0016 with 100,000 patients; tolerance 0.008.
    expect(Math.abs(r.stages.x!.entered / n - 0.2)).toBeLessThan(0.008);
    expect(Math.abs(r.stages.z!.entered / n - 0.3)).toBeLessThan(0.008);
    expect(Math.abs(r.stages.y!.entered / n - 0.5)).toBeLessThan(0.008);
  });

  it('warm-up excludes the first days from waits and time averages', () => {
    const s = scenario({
      warmup: 10,
      horizon: 30,
      arrivals: { none: { to: 'clinic', rate: { perDay: 0 } } },
      initial: { clinic: { count: 20 } },
      stages: { clinic: { capacity: 1, service: 1 } },
    });
    const r = simulate(s);
    // Patients starting at days 10..29 are measured (20 − 10 = 10 of them, waits 10..19).
    expect(r.stages.clinic!.started).toBe(10);
    expect(r.stages.clinic!.wait.mean).toBeCloseTo(14.5, 9);
    expect(r.series.day[0]).toBe(0);
  });
});

describe('custom rules', () => {
  it('a route hook overrides routing; streams stay aligned', () => {
    const s = scenario({
      horizon: 200,
      classes: { young: { priority: 1 } },
      arrivals: { a: { to: 'gp', rate: { perDay: 20 }, class: 'young' } },
      stages: {
        gp: { capacity: 'unlimited', next: [{ to: 'clinic', p: 0.5 }, { to: 'exit' }] },
        clinic: { capacity: 2, service: { dist: 'exponential', mean: 0.05 } },
      },
    });
    const all = simulate(s, { hooks: { route: (ctx) => (ctx.stage === 'gp' ? 'clinic' : undefined) } });
    const plain = simulate(s);
    expect(all.stages.clinic!.entered).toBe(all.stages.gp!.completed);
    expect(all.patients.arrived).toBe(plain.patients.arrived);
    expect(() => simulate(s, { hooks: { route: () => 'nowhere' } })).toThrow(/nowhere/);
  });

  it('a priority hook orders a priority queue', () => {
    const s = scenario({
      horizon: 20,
      arrivals: { none: { to: 'clinic', rate: { perDay: 0 } } },
      initial: { clinic: { count: 10, waited: { dist: 'uniform', min: 0, max: 10 } } },
      stages: { clinic: { capacity: 1, service: 1, queue: 'priority' } },
      targets: { t: { until: 'clinic.start', within: 1000, goal: 1 } },
    });
    // Serve the shortest waiter first: the first patient served has the smallest past wait.
    const lifo = simulate(s, { hooks: { priority: (ctx) => -ctx.patient.pathwayStart } });
    const fifo = simulate(s);
    expect(lifo.stages.clinic!.wait.max).toBeGreaterThan(fifo.stages.clinic!.wait.max);
  });
});

describe('scale', () => {
  it('a heavily overloaded stage runs in bounded memory and is named in a warning', () => {
    const s = scenario({
      horizon: 2000,
      arrivals: { flood: { to: 'clinic', rate: { perDay: 1000 } } },
      stages: { clinic: { capacity: 1, service: 1 } },
    });
    const before = process.memoryUsage();
    const r = simulate(s);
    const after = process.memoryUsage();
    expect(r.stages.clinic!.waitingAtEnd).toBeGreaterThan(1_900_000);
    expect(r.warnings.join(' ')).toMatch(/"clinic".*unstable/);
    const grown = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
    // Typed-array store: ~56 bytes a patient (doubling may leave ×2, plus the queue buffer).
    expect(grown / r.stages.clinic!.waitingAtEnd).toBeLessThan(200);
    expect(conserved(r)).toBe(true);
  });
});
