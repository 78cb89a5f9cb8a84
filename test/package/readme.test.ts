/**
 * The README quick-start runs as written when carepath is a dependency: its code block, with
 * `'carepath'` pointed at the source and fewer replications, runs in a child process from a
 * folder that holds no examples.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TSX = import.meta.resolve('tsx');

function quickStart(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README has no ts block under "## Quick start"');
  return block[1]!;
}

describe('README quick-start', () => {
  it('loads the bundled example by name (not a path relative to the user\'s folder)', () => {
    const code = quickStart();
    expect(code).toContain("from 'carepath'");
    expect(code).toContain("loadExample('lung-cancer-ai')");
    expect(code).not.toMatch(/examples\/scenarios/);
  });

  it('runs from an empty folder and prints the bottleneck and the surgery list change', () => {
    const src = pathToFileURL(join(ROOT, 'src', 'index.ts')).href;
    const code = quickStart()
      .replace("from 'carepath'", `from '${src}'`)
      .replace('replications: 20', 'replications: 3');
    expect(code).toContain('replications: 3');
    const dir = mkdtempSync(join(tmpdir(), 'carepath-readme-'));
    writeFileSync(join(dir, 'quick-start.mts'), code);
    const out = execFileSync(process.execPath, ['--import', TSX, 'quick-start.mts'], { cwd: dir, encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('surgery');
    // The surgery list grows by tens of patients with AI (about 6 to about 78, README).
    const added = Number(/^AI adds (-?\d+) patients to the surgery list/.exec(lines[1]!)?.[1]);
    expect(added).toBeGreaterThan(20);
  });
});
