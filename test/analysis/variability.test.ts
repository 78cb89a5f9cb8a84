import { describe, expect, it } from 'vitest';
import { arrivalScvs, departureScv } from '../../src/analysis/variability.js';

const servers = (utilisation: number, serviceScv: number, n = 1) => ({ kind: 'servers' as const, servers: n, utilisation, serviceScv });

describe('QNA linking equations (Whitt 1983)', () => {
  it('M/M/c departures are Poisson (Burke): cd² = 1', () => {
    expect(departureScv(servers(0.9, 1, 3), 1)).toBeCloseTo(1, 12);
  });

  it('departures of a busy fixed-service server are regular: cd² = 1 − ρ² for Poisson input', () => {
    expect(departureScv(servers(0.8, 0), 1)).toBeCloseTo(1 - 0.64, 12);
  });

  it('a saturated slot stage releases a fixed number a week (cd² = 0); a delay keeps its input’s', () => {
    expect(departureScv({ kind: 'slots', servers: 1, utilisation: 1.2, serviceScv: 0 }, 0.7)).toBe(0);
    expect(departureScv({ kind: 'unlimited', servers: 1, utilisation: 0, serviceScv: 3 }, 0.7)).toBe(0.7);
  });

  it('splitting a stream with probability q gives q·cd² + 1 − q; merging averages by rate', () => {
    // Stage 0 (fixed service, ρ 0.8, cd² 0.36) sends 25% to stage 1; stage 1 also gets Poisson 0.2/day.
    const stages = [servers(0.8, 0), servers(0.5, 1)];
    const ca2 = arrivalScvs(stages, [0.8, 0.2], [[0, 0.2], [0, 0]], [0.8, 0.4]);
    const split = 0.25 * 0.36 + 0.75;
    expect(ca2[0]).toBeCloseTo(1, 12);
    expect(ca2[1]).toBeCloseTo(0.5 * split + 0.5 * 1, 12);
  });
});
