/**
 * Harm, cost and value in the terminal summary, and the answer's sentence on what a waiting-time
 * standard cannot see. Expected values are worked out by hand from the synthetic arms.
 */
import { describe, expect, it } from 'vitest';
import { costEffectiveness } from '../../src/experiment/cea.js';
import type { ExperimentResult } from '../../src/experiment/types.js';
import { blindSpotSentence } from '../../src/report/answer-blind-spot.js';
import { costEffectivenessSentences } from '../../src/report/answer-economics.js';
import { economicsTextSections } from '../../src/report/economics-text.js';
import { terminalSummary } from '../../src/report/tables.js';
import { ARMS, fakeExperiment, type Arm } from '../experiment/cea-fixture.js';

/** t(0.975, 2): the 95% two-sided quantile of Student's t with 2 degrees of freedom. */
const T2 = 4.302652729911275;

/** Adds a target share per replication to every run of `variant`. */
function withShares(e: ExperimentResult, variant: string, target: string, shares: number[]): void {
  e.variants[variant]!.replications.forEach((r, i) => {
    const run = r as unknown as { targets: Record<string, { share?: number }> };
    run.targets[target] = { share: shares[i]! };
  });
}

describe('terminal summary: harm, cost and value', () => {
  const e = fakeExperiment(ARMS);
  const text = terminalSummary(e, { economics: { thresholds: [20000] } });
  const line = (label: string) => text.split('\n').map((l) => l.trimStart()).find((l) => l.startsWith(label)) ?? '';

  it('shows cost and QALYs per variant (means of the runs)', () => {
    expect(text).toContain('Harm, cost and value (per run, mean)');
    // base: (1000 + 1200 + 1100) / 3 = 1,100; ai: (3000 + 3300 + 3000) / 3 = 3,100.
    expect(line('Cost').split(/\s{2,}/).slice(1, 3)).toEqual(['£1,100', '£3,100']);
    // base QALYs (10 + 10.2 + 10.1) / 3 = 10.1.
    expect(line('QALYs')).toContain('10.1');
  });

  it('gives the ICER or the dominance case against the comparator, and the NMB at the first threshold with its CI', () => {
    // ai: Δcost (2000 + 2100 + 1900) / 3 = 2,000; ΔQALY (0.1 + 0.12 + 0.1) / 3 = 0.10667 → £18,750 per QALY.
    // worse costs more and gains less: dominated; better costs less and gains more: dominant;
    // cheap saves £1,000 for 0.01 QALY: £100,000 per QALY given up.
    expect(line('ICER').split(/\s{2,}/).slice(1)).toEqual(['comparator', '£18,750/QALY', 'dominated', 'dominant', 'saves £100,000/QALY']);
    // ai's NMB per run at £20,000: 2000 − 2000 = 0, 2400 − 2100 = 300, 2000 − 1900 = 100; mean 133.3.
    const nmb = [0, 300, 100];
    const mean = 400 / 3;
    const sd = Math.sqrt(nmb.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    const hw = (T2 * sd) / Math.sqrt(3);
    expect(line('NMB at £20,000/QALY').split(/\s{2,}/)[2]).toBe('+£133');
    expect(line('95% CI').split(/\s{2,}/)[2]).toBe(`−£${Math.round(hw - mean)} to +£${Math.round(mean + hw)}`);
  });

  it('has no such rows when the runs carry no economics', () => {
    const plain = fakeExperiment(ARMS);
    for (const v of plain.variantNames) for (const r of plain.variants[v]!.replications) delete (r as { economics?: unknown }).economics;
    expect(economicsTextSections(plain)).toEqual([]);
    expect(terminalSummary(plain)).not.toContain('Harm, cost and value');
  });
});

describe('the answer names what a waiting-time standard cannot see', () => {
  const base: Arm = { cost: [100, 110, 105], qalys: [10, 10.2, 10.1] };
  const arms: Record<string, Arm> = {
    base,
    good: { cost: [200, 210, 205], qalys: [12, 12.3, 12.1] },
    // 0.5, 0.6, 0.4 fewer QALYs than good, run by run: mean 0.5, sd 0.1.
    lower: { cost: [150, 160, 155], qalys: [11.5, 11.7, 11.7] },
  };
  const make = (lowerShares: number[]) => {
    const e = fakeExperiment(arms);
    withShares(e, 'base', 'fdt-28d', [0.2, 0.21, 0.19]);
    withShares(e, 'good', 'fdt-28d', [1, 1, 1]);
    withShares(e, 'lower', 'fdt-28d', lowerShares);
    return e;
  };

  it('equal on the standard (within a point), clearly fewer QALYs: says so with the paired CI', () => {
    const e = make([0.995, 1, 0.995]);
    const cea = costEffectiveness(e);
    const hw = (T2 * 0.1) / Math.sqrt(3);
    expect(blindSpotSentence(e, cea, 'lower')).toBe(
      `lower does as well as good on Fdt 28d (99.7% and 100.0%), yet gains 0.5 fewer QALYs (95% CI ${(0.5 - hw).toPrecision(3)} to ${(0.5 + hw).toPrecision(3)}): ` +
        "the standard's clock does not see the cases a test misses, nor the wait for treatment after the clock stops.",
    );
    expect(costEffectivenessSentences(e, cea, 'lower').at(-1)).toContain('lower does as well as good');
    expect(blindSpotSentence(e, cea, 'good')).toBeUndefined(); // nobody is better than good
  });

  it('says nothing when the standard differs by a point or more', () => {
    const e = make([0.99, 0.99, 0.98]);
    expect(blindSpotSentence(e, costEffectiveness(e), 'lower')).toBeUndefined();
  });
});
