/**
 * Folders for output: created as needed, and a clear input error when a file stands where a
 * folder is expected (instead of an engine `EEXIST` that reads like a carepath bug). Also the
 * cleanup of temporary files and folders that a killed run left behind.
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, promises as fs, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { invalid } from '../core/errors.js';

/** The first existing ancestor of `path` (itself included) that is not a folder, if any. */
function fileInTheWay(path: string): string | undefined {
  let p = path;
  for (;;) {
    try {
      return statSync(p).isDirectory() ? undefined : p;
    } catch {
      const up = dirname(p);
      if (up === p) return undefined;
      p = up;
    }
  }
}

/**
 * Checks, without creating anything, that folder `dir` could be created or used: throws a
 * ValidationError naming `field` when `dir` or one of its parents is an existing file. Lets a
 * command refuse a bad `--out` before a long run rather than after it.
 * @example checkDirectory('carepath-out/lung', 'out');
 */
export function checkDirectory(dir: string, field: string): void {
  const blocker = fileInTheWay(dir);
  if (blocker !== undefined) {
    throw invalid(field, `expected a folder at ${dir}, but ${blocker} is a file; choose another path or move the file`);
  }
}

/**
 * Creates folder `dir` (and its parents) if needed. Throws a ValidationError naming `field` when
 * `dir` or one of its parents is an existing file.
 * @example ensureDirectory('carepath-out/lung', 'out');
 */
export function ensureDirectory(dir: string, field: string): void {
  checkDirectory(dir, field);
  mkdirSync(dir, { recursive: true });
}

/** A short tag of this machine, so a temp name says which host's process wrote it. */
export const HOST_TAG: string = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** The infix of every temporary name carepath writes: `<pid>-<host tag>`. */
export function tempOwner(): string {
  return `${process.pid}-${HOST_TAG}`;
}

/**
 * Temp entries carepath writes: `.<name>.<pid>-<host>.<hex>.tmp` (a file or folder being written)
 * and `.<name>.<pid>-<host>.<hex>.old` (the previous folder during a swap).
 */
const TEMP_NAME = /^\.(.+)\.(\d+)-([0-9a-f]{8})\.[0-9a-f]{12}\.(tmp|old)$/;

/** A temp entry of another host is only removed once it is this old (its writer may still be alive). */
export const FOREIGN_TEMP_AGE_MS = 24 * 3600 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans up after carepath processes that died before their last rename, in folder `dir`: their
 * temporary files and folders are removed, and a folder they had moved aside to swap in a new
 * one (`.old`) is put back when the new one never arrived, so the previous whole output returns.
 * An entry counts as abandoned when its process (on this host) is gone, or when it is a day
 * old (another host's). Best effort: an entry that cannot be removed is left.
 * @returns the names removed or put back.
 * @example await removeStaleTemps('carepath-out');
 */
export async function removeStaleTemps(dir: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const handled: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const [, target, pidText, host, kind] = m;
    const pid = Number(pidText);
    if (host === HOST_TAG && pid === process.pid) continue;
    const path = join(dir, name);
    let stale = host === HOST_TAG && !processAlive(pid);
    if (!stale) {
      const st = await fs.stat(path).catch(() => undefined);
      stale = st !== undefined && now - st.mtimeMs > FOREIGN_TEMP_AGE_MS;
    }
    if (!stale) continue;
    try {
      const home = join(dir, target!);
      if (kind === 'old' && !(await fs.stat(home).then(() => true, () => false))) await fs.rename(path, home);
      else await fs.rm(path, { recursive: true, force: true });
      handled.push(name);
    } catch {
      // Someone else may be cleaning up at the same time.
    }
  }
  return handled;
}
