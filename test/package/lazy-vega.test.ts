/**
 * Vega and Vega-Lite (about 25 MB installed) load only when a chart is drawn: importing
 * carepath to simulate must not load them. A child process records every module Node
 * resolves (test/package/module-trace.mjs); drawing a chart shows the trace does see Vega.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TRACE = join(ROOT, 'test', 'package', 'module-trace.mjs');
const TSX = import.meta.resolve('tsx');

const DIST = join(ROOT, 'dist', 'index.js');

function loaded(action?: 'render', entry = join(ROOT, 'src', 'index.ts')): string[] {
  const args = ['--import', TSX, TRACE, entry, ...(action ? [action, join(ROOT, 'src', 'api', 'report.ts')] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })) as string[];
}

const packagesOf = (urls: string[]) =>
  new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));

describe('vega loads lazily', () => {
  it('importing the root module loads zod but not vega or vega-lite', () => {
    const urls = loaded();
    const packages = packagesOf(urls);
    expect(urls.some((u) => u.endsWith('/src/pathway/engine.ts'))).toBe(true); // the trace sees carepath's own files
    expect(packages.has('zod')).toBe(true);
    expect([...packages].filter((p) => p.startsWith('vega'))).toEqual([]);
    // The worker pool's piscina loads on first use too.
    expect(packages.has('piscina')).toBe(false);
  });

  it.skipIf(!existsSync(DIST))('the built ESM entry (dist/index.js) does not load them either (skipped before a build)', () => {
    const urls = loaded(undefined, DIST);
    const packages = packagesOf(urls);
    expect(urls.some((u) => u.includes('/dist/'))).toBe(true); // the trace sees the build's files
    // zod is bundled into the build (tsup.config.ts), so it is not resolved from node_modules.
    expect(packages.has('zod')).toBe(false);
    expect([...packages].filter((p) => p.startsWith('vega') || p === 'piscina')).toEqual([]);
  });

  it('drawing a chart loads them (the trace would see a static import)', () => {
    const packages = packagesOf(loaded('render'));
    expect(packages.has('vega')).toBe(true);
    expect(packages.has('vega-lite')).toBe(true);
  });
});
