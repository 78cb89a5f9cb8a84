/** checkAgainstTheory: silent on a correct run, loud on a wrong one, silent when it cannot tell. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstTheory, mm1WaitVarianceConstant, relativeStandardError } from '../../src/analysis/check.js';
import { loadScenario } from '../../src/pathway/load.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { parseScenario } from '../../src/pathway/scenario.js';
import { simulate } from '../../src/pathway/simulate.js';

const example = (name: string) => loadScenario(fileURLToPath(new URL(`../../examples/scenarios/${name}`, import.meta.url)));

function clinic(serviceMean: number, horizon: number, extra: Record<string, unknown> = {}) {
  return parseScenario({
    version: 1,
    name: 'clinic',
    warmup: 500,
    horizon,
    seed: 5,
    sampleEvery: 1000,
    arrivals: { referrals: { to: 'clinic', rate: { perDay: 0.5 } } },
    stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: serviceMean }, ...extra } },
  });
}

describe('checkAgainstTheory', () => {
  it('says nothing about the exact reference runs mm1.yaml and tandem.yaml (both long enough to be compared)', () => {
    for (const name of ['mm1.yaml', 'tandem.yaml']) {
      const scenario = example(name);
      const model = resolveScenario(scenario);
      const result = simulate(scenario);
      expect(checkAgainstTheory(model, result)).toEqual([]);
    }
    // …and they are compared at all: their relative SE is within the 5% the referee needs.
    expect(relativeStandardError(0.9, 1, 1, 9, 200_000)).toBeLessThan(0.05);
    expect(relativeStandardError(6, 1 / 0.3, 2, 1.2789, 100_000)).toBeLessThan(0.05);
  });

  it('warns, naming the stage, when the simulated wait does not match the model', () => {
    const claimed = resolveScenario(clinic(1, 30_000)); // ρ 0.5, Wq 1 day
    const ran = simulate(clinic(1.3, 30_000)); // ρ 0.65, Wq ≈ 2.4 days
    const warnings = checkAgainstTheory(claimed, ran);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^stage clinic: the simulated mean wait 2\.\d+ days differs from the exact M\/M\/1 value 1\.000 days by \+?1\d\d%/);
  });

  it('is wired into simulate through `checks`', () => {
    const claimed = resolveScenario(clinic(1, 30_000));
    const wrongEngine = (_m: unknown, r: ReturnType<typeof simulate>) => {
      r.stages.clinic!.wait.mean *= 1.5;
      return [];
    };
    const result = simulate(claimed, { checks: [wrongEngine, checkAgainstTheory] });
    expect(result.warnings.some((w) => w.startsWith('stage clinic:'))).toBe(true);
  });

  it('stays silent when the run is too short to tell, or when no exact formula applies', () => {
    const wrongShort = simulate(clinic(1.3, 2_000));
    expect(checkAgainstTheory(resolveScenario(clinic(1, 2_000)), wrongShort)).toEqual([]);
    // General service: Kingman is an approximation, not a referee.
    const fixed = parseScenario({ ...clinic(1, 30_000), stages: { clinic: { capacity: 1, service: 1 } } });
    expect(checkAgainstTheory(resolveScenario(fixed), simulate(clinic(1.3, 30_000)))).toEqual([]);
    // Fixed patience: no exact formula (exponential patience is Erlang-A, see referee-kinds.test.ts).
    const impatient = clinic(1, 30_000, { patience: { dist: 'fixed', value: 5 } });
    expect(checkAgainstTheory(resolveScenario(impatient), simulate(clinic(1.3, 30_000)))).toEqual([]);
  });

  it('uses the M/M/1 waiting-time variance constant (Blomqvist): ρ(2 + 5ρ − 4ρ² + ρ³)/(μ²(1 − ρ)⁴)', () => {
    expect(mm1WaitVarianceConstant(0.5, 1)).toBeCloseTo((0.5 * (2 + 2.5 - 1 + 0.125)) / 0.0625, 10);
  });
});
