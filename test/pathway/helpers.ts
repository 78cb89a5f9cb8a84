import { parseScenario, simulate, type RunResult, type Scenario } from '../../src/pathway/index.js';

/** A minimal valid scenario object with overrides merged in (shallow at the top level). */
export function scenario(overrides: Record<string, unknown>): Scenario {
  return parseScenario({ version: 1, name: 'test', seed: 1, horizon: 100, ...overrides } as never);
}

/** Runs `n` replications and returns the results. */
export function replicate(s: Scenario, n: number, options: { variant?: string } = {}): RunResult[] {
  return Array.from({ length: n }, (_, r) => simulate(s, { replication: r, ...options }));
}

/** Mean and standard error of the mean of a sample. */
export function meanSe(xs: number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

/** Checks initial + arrived = exited + abandoned + discharged (after DNAs) + inSystem, and the parts of inSystem. */
export function conserved(r: RunResult): boolean {
  const p = r.patients;
  return (
    p.initial + p.arrived === p.exited + p.abandoned + (p.discharged ?? 0) + p.inSystem &&
    p.inSystem === p.waiting + p.inService + p.away &&
    p.waiting === Object.values(r.stages).reduce((a, s) => a + s.waitingAtEnd, 0)
  );
}
