/**
 * The worked example of docs/guide/results.md ("Computing a new metric from the records") runs:
 * its first ```ts block is written under .vitest-tmp/ (where `carepath` resolves to the sources,
 * as for the TSDoc examples) and imported. The block checks itself: it throws when the share
 * recomputed from the records differs from the built-in RTT measure.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it, vi } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

it('the records example of results.md recomputes the built-in RTT share exactly', async () => {
  const text = readFileSync(join(ROOT, 'docs', 'guide', 'results.md'), 'utf8');
  const from = text.indexOf('#### Computing a new metric from the records');
  expect(from).toBeGreaterThan(0);
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(text.slice(from))![1]!;
  expect(block).toMatch(/throw new Error/); // the block checks itself
  const dir = join(ROOT, '.vitest-tmp', 'docs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'results-records.ts');
  writeFileSync(file, block);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(pathToFileURL(file).href);
    const line = String(log.mock.calls[0]?.[0]);
    const m = /^18-week share ([\d.]+) \(built in: ([\d.]+)\); (\d+) waiting 40 weeks or more$/.exec(line);
    expect(m, line).not.toBeNull();
    expect(Number(m![1])).toBe(Number(m![2]));
    // Not vacuous: a real list, neither empty nor all under 18 weeks, and some long waiters.
    expect(Number(m![1])).toBeGreaterThan(0.05);
    expect(Number(m![1])).toBeLessThan(0.95);
    expect(Number(m![3])).toBeGreaterThan(0);
  } finally {
    log.mockRestore();
  }
});
