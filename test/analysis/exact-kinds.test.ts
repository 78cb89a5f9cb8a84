/**
 * The exact references for stage kinds beyond FIFO, each against an independent computation:
 * hand values and the conservation law (Cobham), Erlang C and flow-balance identities
 * (Erlang-A), a direct linear solve and numerical quadrature (daily slots), and Whitt's closed
 * form for M/M/1 (birth–death variance).
 */
import { describe, expect, it } from 'vitest';
import { birthDeath } from '../../src/analysis/birth-death.js';
import { cobhamMg1, cobhamMmc } from '../../src/analysis/cobham.js';
import { erlangA } from '../../src/analysis/erlang-a.js';
import { kingmanWait, mmcWait } from '../../src/analysis/queueing.js';
import { dailySlotsQueue } from '../../src/analysis/slots-chain.js';

describe('Cobham', () => {
  it('gives the hand values for two classes at M/M/1 and M/D/1', () => {
    const mm = cobhamMmc([{ rate: 0.4, level: 0 }, { rate: 0.4, level: 1 }], 1, 1);
    expect(mm.byClass[0]).toBeCloseTo(0.8 / 0.6, 12);
    expect(mm.byClass[1]).toBeCloseTo(0.8 / (0.6 * 0.2), 12);
    const md = cobhamMg1([{ rate: 0.4, level: 0 }, { rate: 0.4, level: 1 }], 1, 0);
    expect(md.byClass).toEqual([expect.closeTo(0.4 / 0.6, 12), expect.closeTo(0.4 / 0.12, 12)]);
  });

  it('keeps the mean over classes at the FIFO value (conservation law), whatever the split', () => {
    for (const split of [0.1, 0.5, 0.9]) {
      const classes = [{ rate: 3 * split, level: 1 }, { rate: 3 * (1 - split), level: 2 }];
      expect(cobhamMmc(classes, 1, 4).mean).toBeCloseTo(mmcWait(3, 1, 4).Wq, 12);
      // M/G/1 with service SCV 0.5: Pollaczek–Khinchine (Kingman with Poisson arrivals is exact).
      const mg1 = [{ rate: 0.7 * split, level: 1 }, { rate: 0.7 * (1 - split), level: 2 }];
      expect(cobhamMg1(mg1, 1, 0.5).mean).toBeCloseTo(kingmanWait(0.7, 1, 1, 0.5).Wq, 12);
    }
  });

  it('treats equal levels as one class served in arrival order', () => {
    const same = cobhamMmc([{ rate: 0.3, level: 1 }, { rate: 0.4, level: 1 }], 1, 1);
    expect(same.byClass[0]).toBeCloseTo(mmcWait(0.7, 1, 1).Wq, 12);
    expect(same.byClass[1]).toBeCloseTo(mmcWait(0.7, 1, 1).Wq, 12);
  });
});

describe('Erlang-A', () => {
  it('tends to Erlang C as patience grows', () => {
    for (const [lambda, c] of [[0.5, 1], [4, 5], [9, 10]] as const) {
      const ea = erlangA(lambda, 1, c, 1e-9);
      expect(ea.waitServed).toBeCloseTo(mmcWait(lambda, 1, c).Wq, 5);
      expect(ea.abandonShare).toBeLessThan(1e-6);
    }
  });

  it('satisfies flow balance: abandonments θ·Lq = λ·P(abandon); completions μ·E[busy] = λ(1 − P(abandon))', () => {
    const lambda = 2.5;
    const mu = 1;
    const c = 2;
    const theta = 0.3;
    const ea = erlangA(lambda, mu, c, theta);
    expect(theta * ea.Lq).toBeCloseTo(lambda * ea.abandonShare, 10);
    const chain = birthDeath(() => lambda, (n) => Math.min(n, c) * mu + Math.max(n - c, 0) * theta, (n) => Math.min(n, c));
    expect(mu * chain.mean).toBeCloseTo(lambda * (1 - ea.abandonShare), 10);
    expect(ea.abandonShare).toBeGreaterThan(0.1); // overloaded without patience: a real share leaves
  });
});

/** Stationary law of X′ = max(X + A − s, 0) by Gaussian elimination on [0, N] (an independent route). */
function directLaw(lambda: number, s: number, N: number): number[] {
  const pmf = (k: number) => {
    let p = Math.exp(-lambda);
    for (let i = 1; i <= k; i++) p *= lambda / i;
    return p;
  };
  // Rows: π(P − I) = 0, with the last equation replaced by Σπ = 1.
  const A = Array.from({ length: N + 1 }, () => new Array<number>(N + 2).fill(0));
  for (let x = 0; x <= N; x++) {
    for (let y = 0; y <= N; y++) {
      let p = 0;
      if (y === 0) for (let a = 0; a <= s - x; a++) p += pmf(a);
      else if (y + s - x >= 0) p = pmf(y + s - x);
      if (y === N) {
        p = 0;
        for (let a = Math.max(0, N + s - x); a < N + s - x + 200; a++) p += pmf(a);
      }
      A[y]![x]! += p;
    }
    A[x]![x]! -= 1;
  }
  for (let x = 0; x <= N; x++) A[N]![x] = 1;
  A[N]![N + 1] = 1;
  for (let i = 0; i <= N; i++) {
    let piv = i;
    for (let r = i + 1; r <= N; r++) if (Math.abs(A[r]![i]!) > Math.abs(A[piv]![i]!)) piv = r;
    [A[i], A[piv]] = [A[piv]!, A[i]!];
    for (let r = 0; r <= N; r++) {
      if (r === i) continue;
      const f = A[r]![i]! / A[i]![i]!;
      if (f !== 0) for (let k = i; k <= N + 1; k++) A[r]![k]! -= f * A[i]![k]!;
    }
  }
  return A.map((row, i) => row[N + 1]! / row[i]!);
}

/** E[(N(t) − r)⁺] for N(t) ~ Poisson(λt), summed directly. */
function lateOnList(lambda: number, t: number, r: number): number {
  const m = lambda * t;
  let p = Math.exp(-m);
  let below = 0;
  for (let k = 0; k < r; k++) {
    below += (r - k) * p;
    p *= m / (k + 1);
  }
  return m - r + below;
}

describe('daily slots: the exact recursion', () => {
  it('matches a direct linear solve of the chain and a numerical integral over the day', () => {
    for (const [lambda, s] of [[4, 5], [0.6, 1], [2, 3]] as const) {
      const N = 120;
      const law = directLaw(lambda, s, N);
      // Simpson's rule over the day for the arrivals who find no free slot.
      const steps = 2000;
      let lq = 0;
      law.forEach((px, x) => {
        const r = Math.max(s - x, 0);
        let integral = 0;
        for (let i = 0; i <= steps; i++) {
          const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
          integral += w * lateOnList(lambda, i / steps, r);
        }
        lq += px * (Math.max(x - s, 0) + integral / (3 * steps));
      });
      const q = dailySlotsQueue(lambda, [s]);
      expect(q.Lq).toBeCloseTo(lq, 7);
      expect(q.Wq).toBeCloseTo(lq / lambda, 7);
    }
  });

  it('one slot a day and few arrivals: only a second arrival in a day waits, till midnight (λ²/6 on the list)', () => {
    // λ = 0.01: the slot is almost always free. E∫₀¹ (N(t) − 1)⁺ dt ≈ ∫ (λt)²/2 dt = λ²/6; the next
    // order (a day that starts with someone carried over, about λ²/2 of days) adds a few percent.
    const q = dailySlotsQueue(0.01, [1]);
    const ratio = q.Lq / (0.01 ** 2 / 6);
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(1.05);
  });

  it('refuses a load at or above the slots, and cases too large to compute instantly', () => {
    expect(() => dailySlotsQueue(5, [5])).toThrow(/no steady state/);
    expect(() => dailySlotsQueue(300, [520, 520, 520, 520, 520, 0, 0])).toThrow(/simulate instead/);
  });
});

describe('birth–death time-average variance', () => {
  it('is Whitt’s M/M/1 value 2ρ(1 + ρ)/(μ(1 − ρ)⁴) for the number in system', () => {
    for (const rho of [0.3, 0.7, 0.9]) {
      const s = birthDeath(() => rho, () => 1, (n) => n);
      expect(s.mean).toBeCloseTo(rho / (1 - rho), 9);
      expect(s.timeAverageVariance / ((2 * rho * (1 + rho)) / (1 - rho) ** 4)).toBeCloseTo(1, 9);
    }
  });
});
