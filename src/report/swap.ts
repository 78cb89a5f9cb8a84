/**
 * Writing a folder of files as one set: everything goes into a temporary folder beside the
 * target, which then takes the target's place, so a reader never sees the files of two runs
 * side by side (e.g. `results.json` of seed 2 beside `report.html` of seed 1 after a kill).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { syncDirectory } from './atomic.js';
import { ensureDirectory, removeStaleTemps, tempOwner } from '../experiment/dirs.js';

async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(() => true, () => false);
}

/** Copies an entry the new set does not own, hard-linking files where the file system allows. */
async function carryOver(from: string, to: string): Promise<void> {
  const st = await fs.lstat(from);
  if (st.isFile()) {
    try {
      await fs.link(from, to);
      return;
    } catch {
      // Another device or no hard links: copy instead.
    }
  }
  await fs.cp(from, to, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
}

/**
 * Fills a fresh temporary folder with `fill`, then puts it in place of `dir` in two renames
 * (old folder aside, new folder in, old folder removed). Entries of the old folder that are not
 * in `owned` and that `fill` did not write (e.g. a user's own notes, shard files) are carried
 * over; owned entries the new set lacks disappear with the old set. A process killed between
 * the two renames leaves the old folder aside, and the next write puts it back
 * (see {@link removeStaleTemps}).
 * @param field Name of the option for error messages (`out`).
 * @throws ValidationError naming `field` when a file stands where the folder (or a parent) should be.
 * @example await writeDirectoryAtomic('out/lung', ['results.json'], (tmp) => fs.writeFile(join(tmp, 'results.json'), text));
 */
export async function writeDirectoryAtomic(
  dir: string,
  owned: readonly string[],
  fill: (temp: string) => Promise<void>,
  field = 'out',
): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  ensureDirectory(parent, field);
  await removeStaleTemps(parent);
  if (await exists(target)) ensureDirectory(target, field);
  const name = basename(target);
  const temp = join(parent, `.${name}.${tempOwner()}.${randomBytes(6).toString('hex')}.tmp`);
  const aside = join(parent, `.${name}.${tempOwner()}.${randomBytes(6).toString('hex')}.old`);
  await fs.mkdir(temp);
  try {
    await fill(temp);
    if (await exists(target)) {
      const ownedSet = new Set(owned);
      for (const entry of await fs.readdir(target)) {
        if (ownedSet.has(entry) || (await exists(join(temp, entry)))) continue;
        await carryOver(join(target, entry), join(temp, entry));
      }
    }
    await syncDirectory(temp);
  } catch (err) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  const hadTarget = await exists(target);
  if (hadTarget) await fs.rename(target, aside);
  try {
    await fs.rename(temp, target);
  } catch (err) {
    if (hadTarget) await fs.rename(aside, target).catch(() => undefined);
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(parent);
  if (hadTarget) await fs.rm(aside, { recursive: true, force: true });
}
