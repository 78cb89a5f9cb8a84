import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveCappedFlow, solveFlow } from '../../src/analysis/flow.js';
import { EXIT, type ModelBranch, type ModelStage } from '../../src/pathway/model.js';
import { arrival, model, stage } from './helpers.js';

/** Random pathways: up to 5 stages, tests on two conditions, class changes, feedback, missed returns. */
const pathway = fc
  .integer({ min: 1, max: 5 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      stages: fc.array(
        fc.record({
          test: fc.option(
            fc.record({
              condition: fc.integer({ min: 0, max: 1 }),
              sensitivity: fc.double({ min: 0, max: 1, noNaN: true }),
              specificity: fc.double({ min: 0, max: 1, noNaN: true }),
              onPositiveClass: fc.integer({ min: -1, max: 1 }),
              missed: fc.option(
                fc.record({ share: fc.double({ min: 0, max: 1, noNaN: true }), to: fc.integer({ min: 0, max: n - 1 }) }),
              ),
            }),
          ),
          branches: fc.array(
            fc.record({
              to: fc.integer({ min: -1, max: n - 1 }),
              p: fc.option(fc.double({ min: 0, max: 0.45, noNaN: true })),
              cond: fc.integer({ min: 0, max: 4 }),
            }),
            { maxLength: 3 },
          ),
        }),
        { minLength: n, maxLength: n },
      ),
      prevalence: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      rate: fc.double({ min: 0.1, max: 100, noNaN: true }),
    }),
  )
  .map(({ n, stages, prevalence, rate }) => {
    const built: ModelStage[] = stages.map((s, i) => {
      // Self-loops only with p ≤ 0.45 so every stage lets at least 10% of its flow leave.
      const next: ModelBranch[] = s.branches.map((b) => ({
        to: b.to,
        p: b.to === i ? (b.p ?? 0.4) : b.p,
        if:
          b.cond === 0
            ? null
            : b.cond === 1
              ? { kind: 'positive' as const }
              : b.cond === 2
                ? { kind: 'negative' as const }
                : { kind: 'class' as const, classIndex: b.cond - 3 },
      }));
      return stage(`s${i}`, {
        capacity: [{ from: 0, kind: 'unlimited' }],
        test: s.test && {
          condition: s.test.condition,
          sensitivity: s.test.sensitivity,
          specificity: s.test.specificity,
          onPositiveClass: s.test.onPositiveClass,
          missed: s.test.missed && { share: s.test.missed.share, after: 10, to: s.test.missed.to },
        },
        next,
      });
    });
    return model(built, [
      arrival(0, rate, {
        conditions: [
          { condition: 0, prevalence: prevalence[0] },
          { condition: 1, prevalence: prevalence[1] },
        ],
      }),
    ], { classes: ['a', 'b'], classPriority: [1, 2], conditions: ['x', 'y'] });
  });

describe('flow balance (property)', () => {
  it('conserves patients: what arrives at a stage leaves it, and everything that arrives exits', () => {
    let checked = 0;
    fc.assert(
      fc.property(pathway, (m) => {
        let flow;
        try {
          flow = solveFlow(m, m.arrivals.map((a) => a.ratePerDay), m.stages.map(() => 1));
        } catch (e) {
          // Random routing may be a cycle patients never leave (rates unbounded): a named error.
          expect((e as Error).name).toBe('ValidationError');
          return;
        }
        const S = m.stages.length;
        const total = m.arrivals[0]!.ratePerDay;
        const tol = 1e-9 * Math.max(1, ...flow.arrivals);
        for (let j = 0; j < S; j++) {
          const inflow = flow.external[j]! + flow.between.reduce((acc, row) => acc + row[j]!, 0);
          expect(Math.abs(flow.arrivals[j]! - inflow)).toBeLessThanOrEqual(tol);
          const outflow = flow.between[j]!.reduce((a, b) => a + b, 0) + flow.exits[j]!;
          expect(Math.abs(flow.arrivals[j]! - outflow)).toBeLessThanOrEqual(tol);
          expect(flow.arrivals[j]!).toBeGreaterThanOrEqual(0);
        }
        expect(Math.abs(flow.exits.reduce((a, b) => a + b, 0) - total)).toBeLessThanOrEqual(tol);
        checked++;
      }),
      { numRuns: 300, seed: 42 },
    );
    expect(checked).toBeGreaterThan(200); // most generated pathways are valid and were checked
  });

  it('enumerates two tested conditions independently', () => {
    const t = (condition: number) => ({ condition, sensitivity: 1, specificity: 1, onPositiveClass: -1, missed: null });
    const m = model(
      [
        stage('t0', { capacity: [{ from: 0, kind: 'unlimited' }], test: t(0), next: [{ to: 1, p: null, if: { kind: 'positive' } }] }),
        stage('t1', { capacity: [{ from: 0, kind: 'unlimited' }], test: t(1), next: [{ to: 2, p: null, if: { kind: 'positive' } }] }),
        stage('both', {}),
      ],
      [arrival(0, 100, { conditions: [{ condition: 0, prevalence: 0.3 }, { condition: 1, prevalence: 0.2 }] })],
      { conditions: ['x', 'y'] },
    );
    const flow = solveFlow(m, [100], [1, 1, 1]);
    expect(flow.arrivals[2]).toBeCloseTo(100 * 0.3 * 0.2, 10);
  });

  it('saturation: a chain of shrinking capacities passes on only the smallest upstream capacity', () => {
    const chain = model(
      [
        stage('a', { next: [{ to: 1, p: null, if: null }] }),
        stage('b', { next: [{ to: 2, p: null, if: null }] }),
        stage('c', {}),
      ],
      [arrival(0, 10)],
    );
    const { flow, passThrough } = solveCappedFlow(chain, [10], [5, 2, 4]);
    expect(flow.arrivals).toEqual([10, 5, 2].map((x) => expect.closeTo(x, 10)));
    expect(passThrough).toEqual([0.5, 0.4, 1].map((x) => expect.closeTo(x, 12)));
  });

  it('saturation inside a feedback loop settles: throughput equals capacity', () => {
    // s sends 50% back to itself; external 3/day ⇒ demand 6/day; capacity 4/day.
    const m = model([stage('s', { next: [{ to: 0, p: 0.5, if: null }, { to: EXIT, p: null, if: null }] })], [arrival(0, 3)]);
    const { flow, passThrough } = solveCappedFlow(m, [3], [4]);
    // Fixed point: λ = 3 + 0.5·min(λ, 4) ⇒ λ = 5, pass-through 0.8.
    expect(flow.arrivals[0]).toBeCloseTo(5, 8);
    expect(passThrough[0]).toBeCloseTo(0.8, 8);
  });
});
