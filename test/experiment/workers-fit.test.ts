import { freemem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { resolveWorkers } from '../../src/experiment/run.js';
import { WORKER_BASE_BYTES, workersThatFit } from '../../src/experiment/work.js';
import { BYTES_PER_PATIENT } from '../../src/pathway/work-estimate.js';

/** One stage, `count` patients waiting at the start, a memory limit of `limitMB`. */
function scenario(count: number, limitMB: number): Record<string, unknown> {
  return {
    version: 1,
    name: 'fit',
    horizon: 10,
    stages: { x: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 1 } } },
    initial: { x: { count } },
    limits: { maxMemoryMB: limitMB },
  };
}

describe('default worker count respects memory', () => {
  // Hand count: budget = min(limit, 3/4 of free memory); per worker = 64 MB + 2 × BYTES_PER_PATIENT (72 B) × waiting.
  const budget = (limitMB: number) => Math.min(limitMB * 2 ** 20, 0.75 * freemem());

  it('divides the budget by a worker plus room for twice its waiting list', () => {
    const s = scenario(1_000_000, 1000);
    const expected = Math.max(1, Math.floor(budget(1000) / (WORKER_BASE_BYTES + 2 * BYTES_PER_PATIENT * 1_000_000)));
    expect(workersThatFit(s, ['base'], freemem())).toBe(expected);
    // With 1000 MB and the machine's memory not binding: floor(1,048,576,000 B / (67,108,864 +
    // 2 × 72 × 1e6) B) = floor(4.97) = 4.
    if (0.75 * freemem() > 1000 * 2 ** 20) expect(expected).toBe(4);
  });

  it('never goes below one worker, and caps the cores-based default', () => {
    const huge = scenario(50_000_000, 100);
    expect(workersThatFit(huge, ['base'], freemem())).toBe(1);
    expect(resolveWorkers({}, huge, ['base'])).toBe(1);
    // An explicit count is the user's choice (checkConcurrentMemory refuses it if it cannot fit).
    expect(resolveWorkers({ workers: 3 }, huge, ['base'])).toBe(3);
  });
});
