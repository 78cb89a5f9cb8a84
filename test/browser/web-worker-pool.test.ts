/**
 * The browser's experiment runner and Web Worker pool, with in-process fake workers (so these run
 * without a browser): results equal to one thread's, errors carried back with their issues, a
 * crashed worker failing the experiment, and the Node-only options refused by name.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/browser/run.js';
import { WebWorkerPool, type WorkerLike } from '../../src/browser/pool.js';
import { serveWorker, type WorkerScope } from '../../src/browser/worker.js';
import { ValidationError } from '../../src/core/errors.js';
import { loadScenario, runExperimentSync } from '../../src/index.js';

const root = resolve(__dirname, '../..');
const lung = () => ({ ...loadScenario(join(root, 'examples/scenarios/lung-cancer-ai.yaml')), horizon: '4w' });

/** A worker in this thread: messages cross by structuredClone, as between threads, on a later tick. */
function fakeWorker(started: { n: number }, crash = false): WorkerLike {
  const scope: WorkerScope = { onmessage: null, postMessage: (m) => setTimeout(() => worker.onmessage?.({ data: structuredClone(m) })) };
  serveWorker(scope);
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (m) =>
      setTimeout(() => (crash ? worker.onerror?.({ message: 'out of memory' }) : scope.onmessage!({ data: structuredClone(m) }))),
    terminate: () => undefined,
  };
  started.n++;
  return worker;
}

const strip = (r: { meta: unknown }) => JSON.parse(JSON.stringify({ ...r, meta: undefined }));

describe('runExperiment for browsers', () => {
  it('on three workers gives one thread’s result, seed for seed', async () => {
    const started = { n: 0 };
    const r = await runExperiment(lung(), { replications: 4, seed: 5, workers: 3, worker: () => fakeWorker(started) });
    expect(started.n).toBe(3);
    expect(r.meta.workers).toBe(3);
    expect(strip(r)).toEqual(strip(runExperimentSync(lung(), { replications: 4, seed: 5 })));
    expect(r.variants.base!.metrics['patients.arrived']!.mean).toBeGreaterThan(1000);
  });

  it('without a worker factory runs in the calling thread, and refuses workers > 1 naming the option', async () => {
    const r = await runExperiment(lung(), { replications: 2, variants: [] });
    expect(r.meta.workers).toBe(1);
    await expect(runExperiment(lung(), { replications: 2, workers: 2 })).rejects.toThrow(/worker/);
  });

  it('reports a bad scenario as a ValidationError naming the field', async () => {
    const s = lung() as unknown as { stages: Record<string, { capacity: Record<string, unknown> }> };
    s.stages.surgery!.capacity.slots = 'many';
    const err = await runExperiment(s as never, { replications: 2, workers: 2, worker: () => fakeWorker({ n: 0 }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(String((err as Error).message)).toMatch(/surgery/);
  });

  it('fails the experiment when a worker crashes, with the browser’s message', async () => {
    await expect(runExperiment(lung(), { replications: 2, workers: 2, worker: () => fakeWorker({ n: 0 }, true) })).rejects.toThrow(
      /carepath worker failed: out of memory/,
    );
  });

  it('refuses checkpoint files and simulator modules, which need Node', async () => {
    await expect(runExperiment(lung(), { checkpoint: 'x.jsonl' } as never)).rejects.toThrow(/checkpoint/);
    await expect(runExperiment(lung(), { simulateModule: './sim.js' } as never)).rejects.toThrow(/simulateModule/);
  });
});

describe('WebWorkerPool', () => {
  /** Workers that only record what they are sent; the test answers for them. */
  const recorders = () => {
    const workers: (WorkerLike & { got: number[] })[] = [];
    const make = (): WorkerLike => {
      const w = { onmessage: null, onerror: null, got: [] as number[], postMessage: (m: unknown) => w.got.push((m as { id: number }).id), terminate: () => undefined };
      workers.push(w);
      return w;
    };
    return { workers, make };
  };
  const task = (replication: number) => ({ scenario: {}, seed: 1, replication, variant: 'base' });
  const answer = (w: WorkerLike, id: number) => w.onmessage!({ data: { id, reply: { ok: true, result: { replication: id } } } });

  it('sends each worker a second run ahead of its answer, least loaded first, and the rest as answers come', async () => {
    const { workers, make } = recorders();
    const pool = new WebWorkerPool(2, make);
    const runs = [0, 1, 2, 3, 4].map((r) => pool.run(task(r)));
    // Two each, spread before doubling up; the fifth waits for an answer.
    expect(workers.map((w) => w.got)).toEqual([[0, 2], [1, 3]]);
    answer(workers[1]!, 1);
    expect(workers.map((w) => w.got)).toEqual([[0, 2], [1, 3, 4]]);
    for (const [w, id] of [[0, 0], [0, 2], [1, 3], [1, 4]] as const) answer(workers[w]!, id);
    expect((await Promise.all(runs)).map((r) => r.replication)).toEqual([0, 1, 2, 3, 4]);
  });

  it('with depth 1 keeps one run per worker, and a crash fails every run sent to that worker', async () => {
    const { workers, make } = recorders();
    const one = new WebWorkerPool(2, make, 1);
    void [0, 1, 2].map((r) => one.run(task(r)).catch(() => undefined));
    expect(workers.map((w) => w.got)).toEqual([[0], [1]]);
    const { workers: ws, make: make2 } = recorders();
    const pool = new WebWorkerPool(1, make2);
    const runs = [0, 1].map((r) => pool.run(task(r)).then(() => 'ok', (e: Error) => e.message));
    ws[0]!.onerror!({ message: 'out of memory' });
    expect(await Promise.all(runs)).toEqual(['carepath worker failed: out of memory', 'carepath worker failed: out of memory']);
  });
});
