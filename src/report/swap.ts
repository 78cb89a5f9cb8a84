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

/**
 * Puts the new set in place entry by entry, for a folder that also holds other files (`--out .`
 * must not move the user's whole folder): every old entry of the set is first moved into one
 * aside folder, then each new entry is renamed in, then the aside folder is removed. At no moment
 * do old and new files sit side by side; a kill part-way leaves an incomplete new set (or none),
 * never a mixed one, and the next write clears the aside folder.
 */
async function replaceEntries(target: string, temp: string, owned: readonly string[], aside: string): Promise<void> {
  await fs.mkdir(aside);
  for (const entry of owned) {
    if (await exists(join(target, entry))) await fs.rename(join(target, entry), join(aside, entry));
  }
  await syncDirectory(target);
  for (const entry of await fs.readdir(temp)) await fs.rename(join(temp, entry), join(target, entry));
  await syncDirectory(target);
  await fs.rm(aside, { recursive: true, force: true });
  await fs.rm(temp, { recursive: true, force: true });
}

/**
 * Fills a fresh temporary folder with `fill`, then puts it in place of `dir`. When `dir` holds
 * only entries of the set (`owned`) or does not exist, in two renames (old folder aside, new
 * folder in, old folder removed); a process killed between them leaves the old folder aside and
 * the next write puts it back (see {@link removeStaleTemps}). When `dir` also holds other files
 * (your notes, shard files, `--out .`), they stay where they are and the set is replaced entry by
 * entry, old entries all moved out before new ones move in, so files of two runs never mix.
 * Owned entries the new set lacks disappear with the old set.
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
  const hadTarget = await exists(target);
  if (hadTarget) {
    ensureDirectory(target, field);
    await removeStaleTemps(target);
  }
  const ownedSet = new Set(owned);
  const foreign = hadTarget ? (await fs.readdir(target)).filter((e) => !ownedSet.has(e)) : [];
  const name = basename(target);
  // With other files in the folder, everything happens inside it (its parent may not even be
  // writable, as for `--out .`); the temp names match removeStaleTemps, so a kill leaves nothing for good.
  const inside = foreign.length > 0;
  const tempName = (kind: string) => `.${inside ? 'set' : name}.${tempOwner()}.${randomBytes(6).toString('hex')}.${kind}`;
  const temp = join(inside ? target : parent, tempName('tmp'));
  await fs.mkdir(temp);
  try {
    await fill(temp);
    await syncDirectory(temp);
  } catch (err) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  if (inside) {
    await replaceEntries(target, temp, owned, join(target, tempName('tmp')));
    return;
  }
  const aside = join(parent, `.${name}.${tempOwner()}.${randomBytes(6).toString('hex')}.old`);
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
