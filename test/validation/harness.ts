/**
 * Turns validation cases into vitest tests. Each metric must (1) lie within 5 standard errors
 * of theory and (2) have a standard error small relative to theory, so that the first check
 * has teeth (it cannot pass vacuously with a huge SE).
 *
 * Why 5 SE: each replication's value averages thousands of patients, so the mean over ≥ 40
 * independent replications is close to normal; with about 25 comparisons, a correct simulator
 * exceeds 5 SE (Student t, 39 df) somewhere with probability about 3e-4 — it does not flake on
 * any seed — while a 5-SE band is at most 17.5% of the value in `npm test` (SE ≤ 3.5%) and 7.5%
 * in `npm run validate` (SE ≤ 1.5%): errors of that size are caught.
 * @module
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CASES, type ValidationCase } from './cases.js';
import { runCase, type CaseOutcome } from './run.js';

/** `npm run validate` sets this: longer runs, tighter bounds. */
export const FULL = process.env.CAREPATH_VALIDATE_FULL === '1';
/** Largest |sim − theory| in standard errors. */
export const MAX_Z = 5;
/** Largest standard error relative to theory: the test must be able to see an error. */
export const MAX_RELATIVE_SE = FULL ? 0.015 : 0.035;

export function validateCases(ids: string[]): void {
  for (const id of ids) {
    const c = CASES.find((x) => x.id === id) as ValidationCase;
    describe(`${c.title} [${c.source}]`, () => {
      let outcome: CaseOutcome;
      beforeAll(() => {
        outcome = runCase(c, FULL ? c.full : c.quick);
      }, FULL ? 1_800_000 : 120_000);
      c.metrics.forEach((m, i) => {
        it(m.label, () => {
          const o = outcome.metrics[i]!;
          const detail = `theory ${o.theory}, simulated ${o.mean} ± ${o.se} (SE, ${o.replications} replications)`;
          expect(o.se / Math.abs(o.theory), `relative SE too large to test anything: ${detail}`).toBeLessThanOrEqual(MAX_RELATIVE_SE);
          expect(o.zScore, detail).toBeLessThanOrEqual(MAX_Z);
        });
      });
    });
  }
}
