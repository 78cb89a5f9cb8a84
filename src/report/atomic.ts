/**
 * Writing files whole or not at all: data goes to a temporary file in the same directory, is
 * flushed to disk, and only then renamed over the target (an atomic step on POSIX file systems).
 * A crash or an error mid-way leaves the old file (or no file), never half a file.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensureDirectory, removeStaleTemps, tempOwner } from '../experiment/dirs.js';

/** What {@link writeFileAtomic} accepts: text, bytes, or chunks of either (streamed, e.g. a large JSON). */
export type AtomicData =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

function isChunks(data: AtomicData): data is Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> {
  return typeof data !== 'string' && !(data instanceof Uint8Array);
}

/**
 * Writes `data` to `path` atomically: temp file in the same directory → fsync → rename. Creates
 * the directory if needed (a file where a folder is expected is a ValidationError naming `path`).
 * On any error the temp file is removed and the target is untouched; temp files that killed
 * processes left in the directory are removed first.
 *
 * @example await writeFileAtomic('out/report.html', html);
 */
export async function writeFileAtomic(path: string, data: AtomicData): Promise<void> {
  const dir = dirname(path);
  ensureDirectory(dir, 'path');
  await removeStaleTemps(dir);
  const temp = join(dir, `.${basename(path)}.${tempOwner()}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx');
  let closed = false;
  try {
    if (isChunks(data)) {
      for await (const chunk of data) {
        if (typeof chunk === 'string') await handle.write(chunk);
        else await handle.write(chunk);
      }
    } else {
      await handle.writeFile(data);
    }
    await handle.sync();
    await handle.close();
    closed = true;
    await fs.rename(temp, path);
  } catch (err) {
    if (!closed) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
}

/** Flushes the directory entry of the rename (best effort: not every platform allows it). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some file systems cannot open or fsync a directory; the rename itself is done.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
