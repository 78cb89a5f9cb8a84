/**
 * Worker-thread entry (built to `dist/worker.js`): runs one replication per task. Errors are
 * returned as data rather than thrown, so the caller can rethrow them with their original name,
 * message and validation issues (a thrown custom error would lose its class and `issues` when
 * cloned across threads).
 * @module
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runTaskWith } from './executor.js';
import { simulate as defaultSimulate } from './simulator.js';
import type { SimulateFn } from './types.js';
import type { WorkerReply, WorkerTask } from './worker-protocol.js';

const simulators = new Map<string, Promise<SimulateFn>>();

/**
 * Imports a simulator module. Running from the TypeScript sources, this file is loaded by tsx's
 * CommonJS hook (Node 20 does not apply ESM loader hooks inside worker threads), so a `.ts` module
 * cannot be `import()`ed here: fall back to `require`, which tsx does handle.
 */
async function importModule(url: string): Promise<{ simulate?: unknown }> {
  try {
    return (await import(url)) as { simulate?: unknown };
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    const path = fileURLToPath(url);
    return createRequire(path)(path) as { simulate?: unknown };
  }
}

function loadSimulator(module: string | undefined): Promise<SimulateFn> {
  if (!module) return Promise.resolve(defaultSimulate as SimulateFn);
  let sim = simulators.get(module);
  if (!sim) {
    sim = importModule(module).then((m) => {
      if (typeof m.simulate !== 'function') throw new Error(`${module} does not export a simulate function`);
      return m.simulate as SimulateFn;
    });
    simulators.set(module, sim);
  }
  return sim;
}

/** Runs one task; never throws. */
export default async function runTask(task: WorkerTask): Promise<WorkerReply> {
  let simulate: SimulateFn;
  try {
    simulate = await loadSimulator(task.simulateModule);
  } catch (e) {
    return runTaskWith(() => {
      throw e;
    }, task);
  }
  const slot = task.progress ? new Float64Array(task.progress) : undefined;
  return runTaskWith(simulate, task, slot ? (share) => void (slot[0] = share) : undefined);
}
