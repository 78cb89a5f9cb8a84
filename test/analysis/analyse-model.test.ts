import { describe, expect, it } from 'vitest';
import { analyseModel } from '../../src/analysis/analyse-model.js';
import { weekPassing } from '../../src/analysis/analyse.js';
import { erlangA } from '../../src/analysis/erlang-a.js';
import { mmcWait } from '../../src/analysis/queueing.js';
import { dailySlotsQueue } from '../../src/analysis/slots-chain.js';
import { ValidationError } from '../../src/core/errors.js';
import { EXIT } from '../../src/pathway/model.js';
import { arrival, model, servers, stage } from './helpers.js';

describe('single stages', () => {
  it('M/M/1 at 90%: arrival 0.9/day, capacity 1/day, exact Erlang C wait of 9 days', () => {
    const a = analyseModel(model([stage('clinic')], [arrival(0, 0.9)]));
    const st = a.stages.clinic!;
    expect(st.arrivalRate).toBeCloseTo(0.9, 12);
    expect(st.capacityRate).toBe(1);
    expect(st.utilisation).toBeCloseTo(0.9, 12);
    expect(st.offeredLoad).toBeCloseTo(0.9, 12);
    expect(st.stable).toBe(true);
    expect(st.growthPerWeek).toBe(0);
    expect(st.wait).toMatchObject({ method: 'erlang-c', exact: true });
    expect(st.wait.mean).toBeCloseTo(9, 10);
    expect(a.bottleneck).toBeNull();
  });

  it('capacity is servers ÷ mean service', () => {
    const m = model([stage('s', { capacity: [servers(4)], service: { dist: 'exponential', mean: 0.5 } })], [arrival(0, 6)]);
    const st = analyseModel(m).stages.s!;
    expect(st.capacityRate).toBe(8);
    expect(st.utilisation).toBeCloseTo(0.75, 12);
    expect(st.offeredLoad).toBeCloseTo(3, 12);
    expect(st.servers).toBe(4);
  });

  it('slots: capacity is slots a week ÷ 7; with Poisson arrivals the exact daily recursion gives the wait', () => {
    const m = model(
      [stage('s', { capacity: [{ from: 0, kind: 'slots', perWeekday: [3, 3, 2, 2, 2, 0, 0] }] })],
      [arrival(0, 1)],
    );
    const st = analyseModel(m).stages.s!;
    expect(st.capacityRate).toBeCloseTo(12 / 7, 12);
    expect(st.utilisation).toBeCloseTo(7 / 12, 12);
    expect(st.servers).toBeNull();
    expect(st.wait).toMatchObject({ method: 'slots-chain', exact: true, discipline: 'fifo', exactFor: 'each-patient' });
    expect(st.wait.mean).toBeCloseTo(dailySlotsQueue(1, [3, 3, 2, 2, 2, 0, 0]).Wq, 12);
    // Behind a fixed-service stage the arrivals are not Poisson: no exact answer, said so.
    const behind = model(
      [
        stage('a', { service: { dist: 'fixed', value: 0.5 }, next: [{ to: 1, p: null, if: null }] }),
        stage('s', { capacity: [{ from: 0, kind: 'slots', perWeekday: [3, 3, 2, 2, 2, 0, 0] }] }),
      ],
      [arrival(0, 1)],
    );
    const late = analyseModel(behind).stages.s!;
    expect(late.wait).toMatchObject({ method: 'none', exact: false, mean: null });
    expect(late.wait.note).toMatch(/slots/);
  });

  it('unlimited capacity is a delay: infinite capacity, utilisation 0, no wait', () => {
    const m = model([stage('d', { capacity: [{ from: 0, kind: 'unlimited' }], service: { dist: 'lognormal', mean: 14, sd: 5 } })], [arrival(0, 3)]);
    const st = analyseModel(m).stages.d!;
    expect(st.capacityRate).toBe(Infinity);
    expect(st.utilisation).toBe(0);
    expect(st.stable).toBe(true);
    expect(st.offeredLoad).toBeCloseTo(42, 10); // mean number in the delay
    expect(st.wait).toMatchObject({ mean: 0, method: 'none', note: 'a delay, no queue' });
  });

  it('general service on one server uses Kingman (exact P-K for M/D/1)', () => {
    const m = model([stage('s', { service: { dist: 'fixed', value: 1 } })], [arrival(0, 0.8)]);
    const st = analyseModel(m).stages.s!;
    expect(st.serviceScv).toBe(0);
    expect(st.wait.method).toBe('kingman');
    expect(st.wait.exact).toBe(false);
    expect(st.wait.mean).toBeCloseTo(0.8 / (2 * 0.2), 10);
  });

  it('general service on several servers uses Allen–Cunneen', () => {
    const m = model([stage('s', { capacity: [servers(3)], service: { dist: 'gamma', mean: 1, sd: 0.5 } })], [arrival(0, 2.4)]);
    const st = analyseModel(m).stages.s!;
    expect(st.serviceScv).toBeCloseTo(0.25, 12);
    expect(st.wait.method).toBe('allen-cunneen');
    expect(st.wait.mean).toBeCloseTo(mmcWait(2.4, 1, 3).Wq * ((1 + 0.25) / 2), 10);
    expect(st.wait.note).toMatch(/Allen–Cunneen/);
  });

  it('patience: Erlang-A when patience and service are exponential, none otherwise (said so)', () => {
    const m = model([stage('s', { patience: { dist: 'exponential', mean: 30 } })], [arrival(0, 0.5)]);
    const st = analyseModel(m).stages.s!;
    const ea = erlangA(0.5, 1, 1, 1 / 30);
    expect(st.wait).toMatchObject({ method: 'erlang-a', exact: true, exactFor: 'each-patient' });
    expect(st.wait.mean).toBeCloseTo(ea.waitServed, 12);
    expect(st.wait.abandonShare).toBeCloseTo(ea.abandonShare, 12);
    expect(st.patienceMean).toBe(30);
    const fixed = model([stage('s', { patience: { dist: 'fixed', value: 30 } })], [arrival(0, 0.5)]);
    const f = analyseModel(fixed).stages.s!;
    expect(f.wait.method).toBe('none');
    expect(f.wait.note).toMatch(/patience/);
  });

  it('a priority queue with several classes reports the all-class mean (work conservation) and says so', () => {
    const m = model(
      [stage('s', { queue: 'priority' })],
      [arrival(0, 0.3, { id: 'u', classIndex: 0 }), arrival(0, 0.4, { id: 'r', classIndex: 1 })],
      { classes: ['urgent', 'routine'], classPriority: [1, 2] },
    );
    const st = analyseModel(m).stages.s!;
    expect(st.wait).toMatchObject({ method: 'erlang-c', exact: true, discipline: 'priority', exactFor: 'mean-over-classes' });
    expect(st.wait.mean).toBeCloseTo(mmcWait(0.7, 1, 1).Wq, 12);
    expect(st.wait.note).toMatch(/Priority/);
    // Cobham by hand: W₀ = ρ/μ = 0.7; urgent 0.7/(1 − 0.3) = 1, routine 0.7/((1 − 0.3)(1 − 0.7)) = 10/3.
    expect(st.wait.byClass?.method).toBe('cobham');
    expect(st.wait.byClass?.mean.urgent).toBeCloseTo(1, 12);
    expect(st.wait.byClass?.mean.routine).toBeCloseTo(10 / 3, 12);
  });

  it('an overloaded stage is unstable, grows by (λ − capacity) × 7 a week, and is the bottleneck', () => {
    const m = model([stage('s', { capacity: [servers(2)] })], [arrival(0, 2.5)]);
    const a = analyseModel(m);
    const st = a.stages.s!;
    expect(st.stable).toBe(false);
    expect(st.utilisation).toBeCloseTo(1.25, 12);
    expect(st.growthPerWeek).toBeCloseTo(3.5, 12);
    expect(st.wait.mean).toBeNull();
    expect(st.wait.note).toMatch(/unstable/);
    expect(a.bottleneck).toBe('s');
  });
});

describe('traffic equations', () => {
  it('tandem (Jackson network): 10/day to diagnosis, 60% on to treatment; both exact Erlang C', () => {
    const m = model(
      [
        stage('diagnosis', {
          capacity: [servers(3)],
          service: { dist: 'exponential', mean: 0.25 },
          next: [{ to: 1, p: 0.6, if: null }, { to: EXIT, p: null, if: null }],
        }),
        stage('treatment', { capacity: [servers(2)], service: { dist: 'exponential', mean: 0.3 } }),
      ],
      [arrival(0, 10)],
    );
    const a = analyseModel(m);
    expect(a.stages.treatment!.arrivalRate).toBeCloseTo(6, 12);
    expect(a.stages.diagnosis!.wait.mean).toBeCloseTo(0.3511, 4);
    expect(a.stages.treatment!.wait.mean).toBeCloseTo(1.2789, 4);
    expect(a.stages.treatment!.wait.exact).toBe(true);
    expect(a.stages.treatment!.arrivalScv).toBeCloseTo(1, 10);
  });

  it('feedback: a stage sending half its patients back to itself sees λ / (1 − p)', () => {
    const m = model([stage('s', { capacity: [servers(5)], next: [{ to: 0, p: 0.5, if: null }] })], [arrival(0, 1.5)]);
    const st = analyseModel(m).stages.s!;
    expect(st.arrivalRate).toBeCloseTo(3, 10);
    expect(st.wait.method).toBe('erlang-c');
    expect(st.wait.mean).toBeCloseTo(mmcWait(3, 1, 5).Wq, 10);
  });

  it('feedback to an earlier stage (A → B → back to A w.p. 0.25)', () => {
    const m = model(
      [
        stage('A', { capacity: [servers(3)], next: [{ to: 1, p: null, if: null }] }),
        stage('B', { capacity: [servers(3)], next: [{ to: 0, p: 0.25, if: null }] }),
      ],
      [arrival(0, 1.2)],
    );
    const a = analyseModel(m);
    expect(a.stages.A!.arrivalRate).toBeCloseTo(1.6, 10);
    expect(a.stages.B!.arrivalRate).toBeCloseTo(1.6, 10);
  });

  it('test results: positives are prevalence × sensitivity + (1 − prevalence) × (1 − specificity)', () => {
    const m = model(
      [
        stage('test', {
          capacity: [{ from: 0, kind: 'unlimited' }],
          test: { condition: 0, sensitivity: 0.8, specificity: 0.9, onPositiveClass: -1, missed: null },
          next: [{ to: 1, p: null, if: { kind: 'positive' } }, { to: 2, p: null, if: { kind: 'negative' } }],
        }),
        stage('pos', { capacity: [servers(100)] }),
        stage('neg', { capacity: [servers(100)] }),
      ],
      [arrival(0, 100, { conditions: [{ condition: 0, prevalence: 0.1 }] })],
      { conditions: ['c'] },
    );
    const a = analyseModel(m);
    expect(a.stages.pos!.arrivalRate).toBeCloseTo(100 * (0.1 * 0.8 + 0.9 * 0.1), 10); // 17
    expect(a.stages.neg!.arrivalRate).toBeCloseTo(83, 10);
  });

  it('a later test sees who truly has the condition (a second test after a positive first one)', () => {
    const test = (sens: number, spec: number) => ({ condition: 0, sensitivity: sens, specificity: spec, onPositiveClass: -1, missed: null });
    const m = model(
      [
        stage('t1', { capacity: [{ from: 0, kind: 'unlimited' }], test: test(0.9, 0.8), next: [{ to: 1, p: null, if: { kind: 'positive' } }] }),
        stage('t2', { capacity: [{ from: 0, kind: 'unlimited' }], test: test(0.5, 0.5), next: [{ to: 2, p: null, if: { kind: 'positive' } }] }),
        stage('treat', { capacity: [servers(100)] }),
      ],
      [arrival(0, 100, { conditions: [{ condition: 0, prevalence: 0.2 }] })],
      { conditions: ['c'] },
    );
    const a = analyseModel(m);
    const sick = 100 * 0.2 * 0.9; // 18 true positives at t1
    const well = 100 * 0.8 * 0.2; // 16 false positives at t1
    expect(a.stages.t2!.arrivalRate).toBeCloseTo(sick + well, 10);
    expect(a.stages.treat!.arrivalRate).toBeCloseTo(sick * 0.5 + well * 0.5, 10);
  });

  it('a positive test changes the class, and class branches follow it', () => {
    const m = model(
      [
        stage('t', {
          capacity: [{ from: 0, kind: 'unlimited' }],
          test: { condition: 0, sensitivity: 1, specificity: 1, onPositiveClass: 1, missed: null },
          next: [{ to: 1, p: null, if: null }],
        }),
        stage('triage', { capacity: [{ from: 0, kind: 'unlimited' }], next: [{ to: 2, p: null, if: { kind: 'class', classIndex: 1 } }] }),
        stage('urgent', { capacity: [servers(100)] }),
      ],
      [arrival(0, 50, { conditions: [{ condition: 0, prevalence: 0.3 }] })],
      { classes: ['routine', 'urgent'], classPriority: [2, 1], conditions: ['c'] },
    );
    expect(analyseModel(m).stages.urgent!.arrivalRate).toBeCloseTo(15, 10);
  });

  it('missed false negatives come back to `missed.to` (share × false negatives), once', () => {
    const m = model(
      [
        stage('screen', {
          capacity: [{ from: 0, kind: 'unlimited' }],
          test: {
            condition: 0,
            sensitivity: 0.8,
            specificity: 0.9,
            onPositiveClass: -1,
            missed: { share: 0.5, after: { dist: 'exponential', mean: 100 }, to: 1 },
          },
          next: [{ to: 1, p: null, if: { kind: 'positive' } }],
        }),
        // A false negative returning here has a cleared test history, so the `negative` branch
        // does not match and it exits for good.
        stage('ct', { capacity: [servers(100)], next: [{ to: 0, p: null, if: { kind: 'negative' } }] }),
      ],
      [arrival(0, 100, { conditions: [{ condition: 0, prevalence: 0.1 }] })],
      { conditions: ['c'] },
    );
    const a = analyseModel(m);
    const positives = 100 * (0.1 * 0.8 + 0.9 * 0.1);
    const missedBack = 100 * 0.1 * 0.2 * 0.5;
    expect(a.stages.ct!.arrivalRate).toBeCloseTo(positives + missedBack, 10);
    expect(a.stages.screen!.arrivalRate).toBeCloseTo(100, 10);
  });

  it('branch probabilities: matching `p`s split, the first matching branch without `p` takes the rest, else the rest exits', () => {
    const m = model(
      [
        stage('t', {
          capacity: [{ from: 0, kind: 'unlimited' }],
          test: { condition: 0, sensitivity: 1, specificity: 1, onPositiveClass: -1, missed: null },
          next: [
            { to: 1, p: 0.3, if: null },
            { to: 2, p: 0.5, if: { kind: 'positive' } },
            { to: 3, p: null, if: { kind: 'positive' } },
            { to: 2, p: null, if: { kind: 'positive' } },
          ],
        }),
        stage('b', { capacity: [servers(100)] }),
        stage('c', { capacity: [servers(100)] }),
        stage('d', { capacity: [servers(100)] }),
      ],
      [arrival(0, 10, { conditions: [{ condition: 0, prevalence: 0.4 }] })],
      { conditions: ['x'] },
    );
    const a = analyseModel(m);
    // 4 positive: 0.3 → b, 0.5 → c, rest 0.2 → d. 6 negative: 0.3 → b, 0.7 exits.
    expect(a.stages.b!.arrivalRate).toBeCloseTo(3, 10);
    expect(a.stages.c!.arrivalRate).toBeCloseTo(2, 10);
    expect(a.stages.d!.arrivalRate).toBeCloseTo(0.8, 10);
  });

  it('a saturated stage passes on only its capacity; the demand downstream is kept apart', () => {
    const m = model(
      [
        stage('A', { next: [{ to: 1, p: null, if: null }] }), // capacity 1/day, 2 arrive
        stage('B', { capacity: [servers(2)], service: { dist: 'exponential', mean: 1.25 } }), // capacity 1.6/day
      ],
      [arrival(0, 2)],
    );
    const a = analyseModel(m);
    expect(a.stages.A!.stable).toBe(false);
    expect(a.stages.A!.throughputRate).toBeCloseTo(1, 12);
    expect(a.stages.B!.arrivalRate).toBeCloseTo(1, 10);
    expect(a.stages.B!.demandRate).toBeCloseTo(2, 10);
    expect(a.stages.B!.stable).toBe(true);
    expect(a.stages.B!.demandUtilisation).toBeCloseTo(1.25, 10);
    expect(a.bottleneck).toBe('A');
    expect(a.hiddenBottlenecks).toEqual(['B']);
    expect(a.notes.join('\n')).toMatch(/B keeps up only because an upstream stage holds patients back/);
    // Downstream of a saturated stage arrivals are not Poisson: no exact claim.
    expect(a.stages.B!.wait.exact).toBe(false);
  });

  it('the bottleneck is the unstable stage with the highest utilisation', () => {
    const m = model(
      [
        stage('A', { capacity: [servers(10)], next: [{ to: 1, p: null, if: null }] }), // 11 arrive for 10
        stage('B', { capacity: [servers(5)] }), // 10 arrive for 5
      ],
      [arrival(0, 11)],
    );
    const a = analyseModel(m);
    expect(a.stages.A!.utilisation).toBeCloseTo(1.1, 10);
    expect(a.stages.B!.utilisation).toBeCloseTo(2, 10);
    expect(a.bottleneck).toBe('B');
  });

  it('arrival variability: exponential service behind a fixed-service stage is not Poisson (QNA SCV < 1)', () => {
    const m = model(
      [
        stage('A', { service: { dist: 'fixed', value: 0.5 }, next: [{ to: 1, p: null, if: null }] }),
        stage('B', { capacity: [servers(2)] }),
      ],
      [arrival(0, 1.6)],
    );
    const a = analyseModel(m);
    // cd² = 1 + (1 − ρ²)(1 − 1) + ρ²(0 − 1)/1 = 1 − 0.64
    expect(a.stages.B!.arrivalScv).toBeCloseTo(0.36, 10);
    expect(a.stages.B!.wait.method).toBe('allen-cunneen');
    expect(a.stages.B!.wait.mean).toBeCloseTo(mmcWait(1.6, 1, 2).Wq * ((0.36 + 1) / 2), 10);
  });

  it('throws a ValidationError naming the stage when patients can never leave', () => {
    const m = model([stage('loop', { capacity: [servers(5)], next: [{ to: 0, p: null, if: null }] })], [arrival(0, 1)]);
    expect(() => analyseModel(m)).toThrow(ValidationError);
    expect(() => analyseModel(m)).toThrow(/stages\.loop\.next/);
  });

  it('throws when matching branch probabilities add up to more than 1', () => {
    const m = model(
      [stage('s', { capacity: [servers(5)], next: [{ to: EXIT, p: 0.7, if: null }, { to: EXIT, p: 0.6, if: null }] })],
      [arrival(0, 1)],
    );
    expect(() => analyseModel(m)).toThrow(/stages\.s\.next: probabilities of the matching branches add up to 1\.3/);
  });
});

describe('time: phases, growth and seasonality', () => {
  it('lists a phase per capacity or demand change, each with its own bottleneck', () => {
    const m = model(
      [stage('s', { capacity: [servers(1), servers(2, 100)] })],
      [arrival(0, 1.5, { changes: [{ at: 300, ratePerDay: 2.5 }] })],
      { horizon: 500 },
    );
    const a = analyseModel(m);
    expect(a.phases.map((p) => [p.from, p.until, p.bottleneck])).toEqual([
      [0, 100, 's'],
      [100, 300, null],
      [300, 500, 's'],
    ]);
    expect(a.phases[1]!.reason).toBe('capacity of s');
    expect(a.phases[2]!.reason).toBe('demand of a0');
    expect(a.phases[2]!.stages.s!.growthPerWeek).toBeCloseTo(3.5, 10);
    expect(analyseModel(m, { day: 150 }).stages.s!.capacityRate).toBe(2);
  });

  it('growth compounds per year as the engine does; the end of the run gets its own entry', () => {
    const m = model([stage('s', { capacity: [servers(2)] })], [arrival(0, 1, { growthPerYear: 0.1 })], { horizon: 730 });
    expect(analyseModel(m, { day: 365 }).stages.s!.arrivalRate).toBeCloseTo(1.1, 10);
    const phases = analyseModel(m).phases;
    expect(phases.at(-1)!.from).toBe(730);
    expect(phases.at(-1)!.stages.s!.arrivalRate).toBeCloseTo(1.21, 10);
  });

  it('seasonality: the year’s mean by default, the month’s multiplier on request', () => {
    const season = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.8];
    const m = model([stage('s', { capacity: [servers(5)] })], [arrival(0, 1, { seasonality: season })], {
      startDate: '2026-01-05',
    });
    expect(analyseModel(m).stages.s!.arrivalRate).toBeCloseTo(12.8 / 12, 10);
    expect(analyseModel(m, { seasonality: 'month' }).stages.s!.arrivalRate).toBeCloseTo(2, 10);
    expect(analyseModel(m, { day: 30, seasonality: 'month' }).stages.s!.arrivalRate).toBeCloseTo(1, 10); // February 4th
  });
});

describe('waiting lists: growth from the initial list', () => {
  const grow = (over = {}) =>
    model([stage('s', { capacity: [servers(1)], ...over })], [arrival(0, 2)], {
      initial: [{ stage: 0, count: 100, waited: 0, classIndex: 0, conditions: [] }],
    });

  it('weekPassing: the week the list passes a size at (λ − capacity) × 7 a week', () => {
    const a = analyseModel(grow());
    expect(a.stages.s!.initialWaiting).toBe(100);
    expect(a.stages.s!.growthPerWeek).toBeCloseTo(7, 12);
    expect(weekPassing(a, 's', 170)).toBe(10);
    expect(weekPassing(a, 's', 171)).toBe(11);
    expect(weekPassing(a, 's', 50)).toBe(0);
    expect(() => weekPassing(a, 'nope', 5)).toThrow(/stageId: expected one of s, got "nope"/);
  });

  it('a stable stage never passes a larger size, and its initial list clears at the surplus rate', () => {
    const m = model([stage('s', { capacity: [servers(3)] })], [arrival(0, 2)], {
      initial: [{ stage: 0, count: 70, waited: 0, classIndex: 0, conditions: [] }],
    });
    const a = analyseModel(m);
    expect(weekPassing(a, 's', 1000)).toBeNull();
    expect(a.stages.s!.weeksToClear).toBeCloseTo(10, 12); // 70 / ((3 − 2) × 7)
  });

  it('with patience the list settles where abandonment balances the excess', () => {
    const a = analyseModel(grow({ patience: { dist: 'exponential', mean: 50 } }));
    const st = a.stages.s!;
    expect(st.listSettlesAt).toBeCloseTo(50, 12); // (2 − 1) × 50
    expect(weekPassing(a, 's', 60)).toBe(0); // already 100
    expect(a.notes.join('\n')).toMatch(/settles near 50/);
    const b = analyseModel(
      model([stage('s', { patience: { dist: 'exponential', mean: 70 } })], [arrival(0, 3)], {
        initial: [{ stage: 0, count: 40, waited: 0, classIndex: 0, conditions: [] }],
      }),
    );
    // Q* = 140; Q(t) = 140 − 100 e^(−t/70) passes 100 at t = 70 ln(100/40) = 64.1 days → week 10.
    expect(weekPassing(b, 's', 100)).toBe(10);
    expect(weekPassing(b, 's', 150)).toBeNull();
  });
});
