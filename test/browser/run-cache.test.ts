/**
 * The what-if page's memory of runs (`RunCache`): a rerun gives exactly the result of a fresh
 * experiment while simulating only the replications it has not seen (counted by hand), a variant
 * identical to base once merged is not simulated again, a failed run is retried, and the oldest
 * results go first when it is full.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunCache } from '../../src/browser/cache.js';
import { runExperiment } from '../../src/browser/run.js';
import type { Executor } from '../../src/experiment/executor.js';
import type { WorkerTask } from '../../src/experiment/worker-protocol.js';
import { simulate } from '../../src/experiment/simulator.js';
import { loadScenario, runExperimentSync, type Scenario } from '../../src/index.js';

const root = resolve(__dirname, '../..');
const lung = (): Scenario => ({ ...loadScenario(join(root, 'examples/scenarios/lung-cancer-ai.yaml')), horizon: '3w' });

/** An executor in this thread that counts the runs it really simulates, per variant. */
function counting(failFirst = false): Executor & { simulated: string[] } {
  const simulated: string[] = [];
  let failed = !failFirst;
  return {
    threads: 2,
    simulated,
    close: async () => undefined,
    run: async (task: WorkerTask) => {
      if (!failed) {
        failed = true;
        throw new Error('worker crashed');
      }
      simulated.push(`${task.variant}/${task.replication}`);
      return simulate(task.scenario as Scenario, { seed: task.seed, replication: task.replication, variant: task.variant });
    },
  };
}

const strip = (r: { meta: unknown }) => JSON.parse(JSON.stringify({ ...r, meta: undefined }));
const withWhatIf = (s: Scenario, patch: object): Scenario => ({ ...s, variants: { ...s.variants, 'what-if': { description: 'page', patch } } }) as Scenario;

describe('RunCache', () => {
  it('a rerun with one setting changed simulates only the changed variant, and equals a fresh run', async () => {
    const inner = counting();
    const cache = new RunCache(inner);
    const slots = (n: number) => withWhatIf(lung(), { stages: { surgery: { capacity: { slots: n } } } });
    await runExperiment(slots(9), { replications: 3, variants: ['what-if'], pool: cache });
    expect(inner.simulated).toHaveLength(6); // base and what-if, 3 replications each
    const again = await runExperiment(slots(12), { replications: 3, variants: ['what-if'], pool: cache });
    expect(inner.simulated.slice(6).sort()).toEqual(['what-if/0', 'what-if/1', 'what-if/2']);
    expect(strip(again)).toEqual(strip(runExperimentSync(slots(12), { replications: 3, variants: ['what-if'] })));
    // Back to 9 slots: nothing to simulate at all.
    await runExperiment(slots(9), { replications: 3, variants: ['what-if'], pool: cache });
    expect(inner.simulated).toHaveLength(9);
    expect(cache.simulated).toBe(9);
  }, 60_000);

  it('a variant that merges to the scenario itself is base’s run under its own name', async () => {
    const inner = counting();
    const r = await runExperiment(withWhatIf(lung(), {}), { replications: 2, variants: ['what-if'], pool: new RunCache(inner) });
    expect(inner.simulated.sort()).toEqual(['base/0', 'base/1']);
    expect(r.variants['what-if']!.replications.map((x) => x.variant)).toEqual(['what-if', 'what-if']);
    const fresh = simulate(withWhatIf(lung(), {}), { replication: 1, variant: 'what-if' });
    expect(r.variants['what-if']!.replications[1]).toEqual({ ...fresh, seed: r.seed });
  }, 60_000);

  it('does not remember a failed run: the next experiment runs it again', async () => {
    const inner = counting(true);
    const cache = new RunCache(inner);
    await expect(runExperiment(lung(), { replications: 1, variants: [], pool: cache })).rejects.toThrow(/worker crashed/);
    await runExperiment(lung(), { replications: 1, variants: [], pool: cache });
    expect(inner.simulated).toEqual(['base/0']);
  }, 60_000);

  it('keeps at most `capacity` results, dropping the least recently used', async () => {
    const inner = counting();
    const cache = new RunCache(inner, 2);
    const scenario = lung();
    const run = (replication: number) => cache.run({ scenario, seed: 1, replication, variant: 'base' });
    for (const r of [0, 1, 2]) await run(r); // keeps 1 and 2
    for (const r of [2, 1]) await run(r); // hits; 2 is now the oldest
    await run(0); // simulated again, drops 2
    await run(1); // hit
    await run(2); // simulated again
    expect(inner.simulated).toEqual(['base/0', 'base/1', 'base/2', 'base/0', 'base/2']);
  }, 60_000);
});
