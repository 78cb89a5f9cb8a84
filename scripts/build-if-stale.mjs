/**
 * Builds the package (`npm run build`) only when dist/ is missing or older than its inputs, so
 * `npm start` does not spend ~20 s rebuilding an unchanged package. Plain Node (no tsx): it
 * must run before anything is built.
 *
 * Run: node scripts/build-if-stale.mjs
 * @module
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the build reads: a change to any of these makes dist/ stale. */
export const INPUTS = ['src', 'package.json', 'package-lock.json', 'tsup.config.ts', 'tsconfig.json'];

/** What the build writes that `npm start` and the package need; any one missing means build. */
export const OUTPUTS = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js', 'dist/worker.js'];

/** Newest modification time (ms) of a file, or of any file below a folder; 0 if absent. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs; // a deleted file shows only as its folder's change
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/**
 * Why dist/ under `root` must be rebuilt, or null when it is current: every output exists and
 * the oldest output is at least as new as the newest input.
 * @param {string} root the package folder
 * @returns {string | null}
 */
export function staleReason(root) {
  let oldestOutput = Infinity;
  for (const output of OUTPUTS) {
    let mtime;
    try {
      mtime = statSync(join(root, output)).mtimeMs;
    } catch {
      return `${output} is missing`;
    }
    oldestOutput = Math.min(oldestOutput, mtime);
  }
  for (const input of INPUTS) {
    if (newest(join(root, input)) > oldestOutput) return `${input} changed since the last build`;
  }
  return null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const reason = staleReason(root);
  if (reason === null) {
    console.log('carepath: dist/ is current; skipping the build');
  } else {
    console.log(`carepath: building (${reason})`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    process.exit(r.status ?? 1);
  }
}
