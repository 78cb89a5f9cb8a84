import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { runExperiment, runExperimentSync } from '../../src/experiment/index.js';
import type { ExperimentResult } from '../../src/experiment/types.js';
import { killScenario } from './checkpoint-fixture.js';
import { simulate, type FakeScenario } from './fake-simulate.js';

const fakeModule = new URL('./fake-simulate.ts', import.meta.url).href;
const scenario: FakeScenario = { name: 'ckpt', seed: 5, variants: { more: { patch: {} } }, fake: { effect: { more: 3 } } };

function body(r: ExperimentResult): string {
  const { meta: _meta, ...rest } = r;
  return JSON.stringify(rest);
}

function tmp(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'carepath-ckpt-')), name);
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
}

/** Counts calls, to show that a resumed run skips what the checkpoint holds. */
function counting() {
  const calls: string[] = [];
  const fn = (s: unknown, o?: { seed?: number; replication?: number; variant?: string }) => {
    calls.push(`${o?.variant}/${o?.replication}`);
    return simulate(s as FakeScenario, o);
  };
  return { fn, calls };
}

describe('checkpoint and resume', () => {
  it('writes one JSON line per replication, and a finished checkpoint replays without running', () => {
    const path = tmp('a.jsonl');
    const first = runExperimentSync(scenario as never, { replications: 4, checkpoint: path, simulate: simulate as never });
    const written = lines(path).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(written.length).toBe(8);
    expect(Object.keys(written[0]!)).toEqual(['variant', 'replication', 'seed', 'scenarioDigest', 'result']);
    expect(written[0]!.seed).toBe(5);
    expect(written[0]!.scenarioDigest).toBe(first.scenarioDigest);
    const c = counting();
    const again = runExperimentSync(scenario as never, { replications: 4, checkpoint: path, simulate: c.fn as never });
    expect(c.calls).toEqual([]);
    expect(again.meta.resumed).toBe(8);
    expect(body(again)).toBe(body(first));
  });

  it('resumes an experiment interrupted part-way, with the result of an uninterrupted run', async () => {
    const path = tmp('b.jsonl');
    const stop = new Error('interrupted');
    let n = 0;
    expect(() =>
      runExperimentSync(scenario as never, {
        replications: 6,
        checkpoint: path,
        simulate: simulate as never,
        onProgress: () => {
          if (++n === 5) throw stop;
        },
      }),
    ).toThrow('interrupted');
    expect(lines(path).length).toBe(5);
    const copy = tmp('b-copy.jsonl');
    copyFileSync(path, copy);
    const c = counting();
    const resumed = runExperimentSync(scenario as never, { replications: 6, checkpoint: path, simulate: c.fn as never });
    expect(c.calls.length).toBe(12 - 5);
    const straight = runExperimentSync(scenario as never, { replications: 6, simulate: simulate as never });
    expect(body(resumed)).toBe(body(straight));
    expect(lines(path).length).toBe(12);
    // A worker pool resumes the interrupted file the same way, and appends what it ran.
    const pooled = await runExperiment(scenario as never, { replications: 6, checkpoint: copy, workers: 2, simulateModule: fakeModule });
    expect(pooled.meta.resumed).toBe(5);
    expect(body(pooled)).toBe(body(straight));
    expect(lines(copy).length).toBe(12);
  });

  it('survives a process killed part-way (SIGKILL), dropping a torn last line', async () => {
    const path = tmp('kill.jsonl');
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./checkpoint-child.ts', import.meta.url)), path], {
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill as soon as 12 of the 60 runs are on disk.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (existsSync(path) && lines(path).length >= 12) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('child finished before it was killed'));
      });
    });
    await exited;
    const done = lines(path).length;
    expect(done).toBeGreaterThanOrEqual(12);
    expect(done).toBeLessThan(60);
    // Simulate the worst moment for a kill: half a line written.
    appendFileSync(path, '{"variant":"base","replication":29,"se');
    const c = counting();
    const resumed = runExperimentSync(killScenario as never, { replications: 30, checkpoint: path, simulate: c.fn as never });
    expect(c.calls.length).toBe(60 - done);
    expect(resumed.meta.resumed).toBe(done);
    const straight = runExperimentSync(killScenario as never, { replications: 30, simulate: simulate as never });
    expect(body(resumed)).toBe(body(straight));
    // The torn line is gone and every line parses.
    expect(lines(path).length).toBe(60);
    for (const l of lines(path)) JSON.parse(l);
  });

  it('refuses a checkpoint from another scenario or seed, or a damaged one', () => {
    const path = tmp('c.jsonl');
    runExperimentSync(scenario as never, { replications: 2, checkpoint: path, simulate: simulate as never });
    const other = { ...scenario, fake: { effect: { more: 4 } } };
    expect(() => runExperimentSync(other as never, { replications: 2, checkpoint: path, simulate: simulate as never })).toThrow(
      /checkpoint: .* was written for a different scenario/,
    );
    expect(() => runExperimentSync(scenario as never, { replications: 2, seed: 6, checkpoint: path, simulate: simulate as never })).toThrow(
      /checkpoint: .* was written with seed 5, this experiment uses seed 6/,
    );
    const damaged = tmp('d.jsonl');
    writeFileSync(damaged, `${readFileSync(path, 'utf8').split('\n')[0]}\nnot json\n`);
    let err: unknown;
    try {
      runExperimentSync(scenario as never, { replications: 2, checkpoint: damaged, simulate: simulate as never });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/line 2 is not valid JSON/);
  });
});
