import { describe, expect, it } from 'vitest';
import { binOf, WaitHistogram } from '../../src/pathway/histogram.js';

/** The bin `add` put a single wait in (white-box: reads the private counts). */
function binAddedTo(days: number): number {
  const h = new WaitHistogram();
  h.add(days);
  return (h as unknown as { counts: Float64Array }).counts.indexOf(1);
}

describe('WaitHistogram', () => {
  it("add's integer fast path puts every wait in the bin binOf defines, including next to powers of two", () => {
    // Waits of a few seconds to ~3,000 years, dense near each power of two of minutes, where a
    // floating-point log2 could round to the next doubling.
    const waits: number[] = [];
    for (let k = 0; k < 31; k++) {
      const p = 2 ** k;
      for (const m of [p, p * (1 - 2 ** -52), p * (1 + 2 ** -52), p - 1e-9, p + 1e-9, p - 0.5, p + 0.5, p * 1.5, p * 1.999]) {
        if (m > 0) waits.push(m / 1440);
      }
    }
    let x = 0.123;
    for (let i = 0; i < 5000; i++) {
      x = (x * 9301 + 49297) % 233280;
      waits.push(((x / 233280) ** 6) * 1.5e6); // heavy near 0, reaching ~1,000,000 days
    }
    let checked = 0;
    for (const days of waits) {
      expect(binAddedTo(days), `wait ${days} days`).toBe(binOf(days * 1440));
      checked++;
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('percentiles are within 0.1% of the true value and exact for zero waits', () => {
    const h = new WaitHistogram();
    const waits = Array.from({ length: 1001 }, (_, i) => (i === 0 ? 0 : i * 0.731));
    for (const w of waits) h.add(w);
    const sorted = [...waits].sort((a, b) => a - b);
    const median = sorted[Math.ceil(0.5 * waits.length) - 1]!;
    expect(Math.abs(h.quantile(0.5) - median)).toBeLessThanOrEqual(median * 1e-3 + 1 / 1440);
    expect(h.summary().n).toBe(1001);
    expect(h.summary().max).toBe(1000 * 0.731);
    const zeros = new WaitHistogram();
    zeros.add(0);
    zeros.add(0);
    zeros.add(5);
    expect(zeros.quantile(0.5)).toBe(0);
  });
});
