/**
 * The "Done when" of the package: `npm pack` of a clean clone, installed into an empty project,
 * runs the README quick-start in ESM and CommonJS, and its types reject a misspelt distribution
 * name. scripts/pack-check.mjs does it; it builds the package (about a minute of CPU), so here it
 * runs only when CAREPATH_PACK_CHECK=1 (CI runs the script itself, after the build, in .ci/run).
 * It works offline too: without the registry it links the dependencies from this checkout.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const enabled = process.env.CAREPATH_PACK_CHECK === '1';
const hasGit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).status === 0;

describe.skipIf(!enabled || !hasGit)('npm pack of a clean clone (skipped: set CAREPATH_PACK_CHECK=1 in a git checkout; it builds the package)', () => {
  it('installs into an empty project: quick-start in ESM and CommonJS, a misspelt dist a type error', () => {
    const r = spawnSync(process.execPath, ['scripts/pack-check.mjs', '--quick'], { cwd: ROOT, encoding: 'utf8', timeout: 900_000 });
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ok: boolean; steps: Record<string, { ok: boolean; error?: string }> };
    for (const [name, s] of Object.entries(summary.steps)) expect(s.ok, `${name}: ${s.error ?? ''}`).toBe(true);
    expect(Object.keys(summary.steps)).toHaveLength(7);
    expect(r.status).toBe(0);
  }, 900_000);
});
