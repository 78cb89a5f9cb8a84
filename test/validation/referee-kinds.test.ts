/**
 * The referee beyond FIFO: silent on 50 correct runs of each kind it can judge (FIFO M/M/1, a
 * two-class priority M/M/1, an overloaded M/M/1 with patience), and speaking on a run of the
 * same length whose model is distorted. Also: it decides from typed fields, not from wording.
 */
import { describe, expect, it } from 'vitest';
import { birthDeath } from '../../src/analysis/birth-death.js';
import { checkAgainstTheory } from '../../src/analysis/check.js';
import { analyseModel } from '../../src/analysis/analyse-model.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { parseScenario, type ScenarioInput } from '../../src/pathway/scenario.js';
import { simulate } from '../../src/pathway/simulate.js';

const SEEDS = 50;

function scenario(horizon: number, body: Record<string, unknown>, seed = 1) {
  return parseScenario({ version: 1, name: 'referee', warmup: 300, horizon, seed, sampleEvery: horizon, ...body } as ScenarioInput);
}

const exp = (mean: number) => ({ dist: 'exponential', mean });

/** Two classes (urgent first) at one server: 0.25 + 0.35 a day, service mean `service`. */
function priority(horizon: number, service: number, seed?: number) {
  return scenario(
    horizon,
    {
      classes: { urgent: { priority: 1 }, routine: { priority: 2 } },
      arrivals: {
        u: { to: 'clinic', rate: { perDay: 0.25 }, class: 'urgent' },
        r: { to: 'clinic', rate: { perDay: 0.35 }, class: 'routine' },
      },
      stages: { clinic: { capacity: 1, service: exp(service), queue: 'priority' } },
    },
    seed,
  );
}

/** M/M/1+M, overloaded without patience: 1.2 a day for 1 a day, patience mean `patience`. */
function impatient(horizon: number, patience: number, seed?: number) {
  return scenario(
    horizon,
    {
      arrivals: { referrals: { to: 'clinic', rate: { perDay: 1.2 } } },
      stages: { clinic: { capacity: 1, service: exp(1), patience: exp(patience) } },
    },
    seed,
  );
}

function fifo(horizon: number, service: number, seed?: number) {
  return scenario(horizon, { arrivals: { referrals: { to: 'clinic', rate: { perDay: 0.5 } } }, stages: { clinic: { capacity: 1, service: exp(service) } } }, seed);
}

/** Warnings of `seeds` runs of the model, each judged against the model itself. */
function alarms(make: (seed: number) => ReturnType<typeof parseScenario>): string[] {
  const out: string[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const s = make(seed);
    out.push(...checkAgainstTheory(resolveScenario(s), simulate(s)));
  }
  return out;
}

describe('the referee stays silent on correct runs and speaks on distorted ones', () => {
  it('FIFO M/M/1 (ρ 0.5): silent over 50 seeds; a 30% longer service than claimed is flagged', () => {
    expect(alarms((seed) => fifo(30_000, 1, seed))).toEqual([]);
    const w = checkAgainstTheory(resolveScenario(fifo(30_000, 1)), simulate(fifo(30_000, 1.3)));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^stage clinic: the simulated mean wait .* exact M\/M\/1 value 1\.000 days/);
  });

  it('priority M/M/1, two classes (ρ 0.6): the analysis marks it exact for the mean over classes; silent over 50 seeds; flagged when distorted', () => {
    const a = analyseModel(resolveScenario(priority(40_000, 1))).stages.clinic!;
    expect(a.wait).toMatchObject({ method: 'erlang-c', exact: true, discipline: 'priority', exactFor: 'mean-over-classes' });
    // The run length is enough for the referee to compare (relative SE of the mean list ≤ 5%).
    const chain = birthDeath(() => 0.6, () => 1, (n) => Math.max(n - 1, 0));
    expect(Math.sqrt(chain.timeAverageVariance / 40_000) / chain.mean).toBeLessThanOrEqual(0.05);
    expect(alarms((seed) => priority(40_000, 1, seed))).toEqual([]);
    const w = checkAgainstTheory(resolveScenario(priority(40_000, 1)), simulate(priority(40_000, 1.25)));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^stage clinic: the simulated mean number waiting .* exact M\/M\/1 \(priority, all classes\) value 0\.9000/);
  });

  it('M/M/1+M (Erlang-A, λ 1.2 for μ 1, patience 5 days): silent over 50 seeds; a patience twice the claimed one is flagged', () => {
    const a = analyseModel(resolveScenario(impatient(4_000, 5))).stages.clinic!;
    expect(a.wait).toMatchObject({ method: 'erlang-a', exact: true, exactFor: 'each-patient' });
    expect(alarms((seed) => impatient(4_000, 5, seed))).toEqual([]);
    const w = checkAgainstTheory(resolveScenario(impatient(4_000, 5)), simulate(impatient(4_000, 10)));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^stage clinic: the simulated mean number waiting .* exact M\/M\/1\+M \(Erlang-A\) value 1\.788/);
  });

  it('reads the typed fields, not the note: a rewritten note changes nothing', () => {
    const model = resolveScenario(priority(40_000, 1));
    const ran = simulate(priority(40_000, 1.25));
    const before = checkAgainstTheory(model, ran);
    expect(before).toHaveLength(1);
    // The old referee skipped a priority stage when its note said "Priority queue"; the note is
    // for people now. (analyseModel is pure: the same model gives the same typed answer.)
    const a = analyseModel(model, { phases: false }).stages.clinic!;
    expect(a.wait.note).toMatch(/Priority queue/);
    expect(checkAgainstTheory(model, ran)).toEqual(before);
  });
});
