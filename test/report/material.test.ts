/** Colouring only significant and material differences: the thresholds, at and around their edges. */
import { describe, expect, it } from 'vitest';
import { isMaterial, notableChange } from '../../src/report/material.js';

const cmp = (meanDiff: number, lo: number, hi: number, n = 20) => ({ meanDiff, sd: 1, ci95: [lo, hi] as [number, number], n });

describe('material differences', () => {
  it('needs both 5% of the base value and the unit floor', () => {
    expect(isMaterial(0.3, 60, 'days')).toBe(false); // 0.5% and under half a day
    expect(isMaterial(0.6, 2, 'days')).toBe(true); // 30% and over half a day
    expect(isMaterial(0.4, 2, 'days')).toBe(false); // 20% but under half a day
    expect(isMaterial(2.9, 60, 'days')).toBe(false); // over the floor but 4.8%
    expect(isMaterial(3, 60, 'days')).toBe(true); // exactly 5%
    expect(isMaterial(-3, 60, 'days')).toBe(true); // either direction
    expect(isMaterial(0.5, 3, 'patients')).toBe(false); // under one patient
    expect(isMaterial(40, 34_000, 'patients')).toBe(false); // 0.1% of a long list
  });

  it('takes shares in percentage points, with no relative test', () => {
    expect(isMaterial(0.009, 0.9, 'share')).toBe(false);
    expect(isMaterial(0.011, 0.9, 'share')).toBe(true); // 1.1 points though only 1.2% relative
  });

  it('colours a change only when it is clear and material', () => {
    expect(notableChange(cmp(0.3, 0.2, 0.4), 60, 'days')).toBe(0); // the issue's +0.3 days: clear, not material
    expect(notableChange(cmp(9, -1, 19), 60, 'days')).toBe(0); // material, not clear
    expect(notableChange(cmp(9, 8, 10), 60, 'days')).toBe(1);
    expect(notableChange(cmp(-9, -10, -8), 60, 'days')).toBe(-1);
    expect(notableChange(undefined, 60, 'days')).toBe(0);
  });
});
