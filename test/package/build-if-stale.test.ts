/**
 * `npm start` builds only when dist/ is stale: the decision of scripts/build-if-stale.mjs on a
 * fixture folder whose file times are set by hand.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUTS, OUTPUTS, staleReason } from '../../scripts/build-if-stale.mjs';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function touch(root: string, path: string, when: Date): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  utimesSync(file, when, when);
}

/** A package folder: inputs at minute 0, outputs at minute `built` (or none). */
function fixture(built: number | null): string {
  const root = mkdtempSync(join(tmpdir(), 'carepath-stale-'));
  for (const input of INPUTS) {
    if (input === 'src') {
      touch(root, 'src/core/a.ts', T0);
      utimesSync(join(root, 'src', 'core'), T0, T0);
      utimesSync(join(root, 'src'), T0, T0);
    } else {
      touch(root, input, T0);
    }
  }
  if (built !== null) {
    for (const output of OUTPUTS) touch(root, output, at(built));
    utimesSync(root, T0, T0);
  }
  return root;
}

describe('build-if-stale', () => {
  it('builds a clean clone (no dist/)', () => {
    const root = fixture(null);
    expect(staleReason(root)).toBe('dist/index.js is missing');
    rmSync(root, { recursive: true });
  });

  it('skips the build when every output is newer than every input', () => {
    const root = fixture(5);
    expect(staleReason(root)).toBeNull();
    rmSync(root, { recursive: true });
  });

  it('builds when a source file deep in src/ changed after the build', () => {
    const root = fixture(5);
    utimesSync(join(root, 'src/core/a.ts'), at(6), at(6));
    expect(staleReason(root)).toBe('src changed since the last build');
    rmSync(root, { recursive: true });
  });

  it('builds when the build config changed, or one output is missing or older', () => {
    const root = fixture(5);
    utimesSync(join(root, 'tsup.config.ts'), at(6), at(6));
    expect(staleReason(root)).toBe('tsup.config.ts changed since the last build');
    utimesSync(join(root, 'tsup.config.ts'), T0, T0);
    expect(staleReason(root)).toBeNull();
    utimesSync(join(root, 'dist/worker.js'), at(-1), at(-1)); // older than the sources
    expect(staleReason(root)).toBe('src changed since the last build');
    rmSync(join(root, 'dist/cli.js'));
    expect(staleReason(root)).toBe('dist/cli.js is missing');
    rmSync(root, { recursive: true });
  });

  it('a file deleted from src/ counts as a change (its folder is newer)', () => {
    const root = fixture(5);
    touch(root, 'src/core/b.ts', T0);
    utimesSync(join(root, 'src', 'core'), at(7), at(7)); // what deleting a file does
    rmSync(join(root, 'src/core/b.ts'));
    utimesSync(join(root, 'src', 'core'), at(7), at(7));
    expect(staleReason(root)).toBe('src changed since the last build');
    rmSync(root, { recursive: true });
  });
});
