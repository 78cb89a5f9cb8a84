/**
 * The shipped notebooks: valid nbformat 4 JSON for Deno's kernel, and their code cells run in
 * order as one module with tsx (carepath imported from this checkout, `Deno.jupyter.display`
 * stubbed to record what would show inline). Executing through a real kernel needs `jupyter`
 * and `deno` on the PATH; without them that part is skipped with a message.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = resolve('examples/notebooks');
const notebooks = readdirSync(DIR).filter((f) => f.endsWith('.ipynb'));
const SRC = resolve('src');

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
}
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);

const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const haveKernel = onPath('jupyter') && onPath('deno');

/** What each notebook must print: its story's answer, worked out by hand from the scenario. */
const EXPECTED: Record<string, RegExp[]> = {
  'lung-cancer-ai.ipynb': [/base: bottleneck reporting/],
  // Clinic: 110 referrals a week for 100 slots, the bottleneck; imaging behind it gets 0.6 × 100 =
  // 60 a week for 60 slots, but 0.6 × 110 = 66 once the clinic has 120 slots: the bottleneck moves
  // to imaging, and 72 imaging slots clear it (surgery: 66 × (0.07 × 0.9 + 0.93 × 0.08) ≈ 9.1 a week for 12).
  'custom-pathway.ipynb': [/base: bottleneck clinic;/, /extra-clinic: bottleneck imaging/, /extra-clinic-and-imaging: bottleneck none/, /seen within 14 days/],
};

describe('notebooks', () => {
  it('ships the lung story and a custom pathway', () => {
    expect(notebooks).toEqual(expect.arrayContaining(['lung-cancer-ai.ipynb', 'custom-pathway.ipynb']));
  });

  for (const file of notebooks) {
    const nb = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { nbformat: number; metadata: any; cells: Cell[] };

    it(`${file} is nbformat 4 for the Deno kernel, saved without outputs`, () => {
      expect(nb.nbformat).toBe(4);
      expect(nb.metadata.kernelspec.name).toBe('deno');
      expect(nb.metadata.language_info.name).toBe('typescript');
      expect(nb.cells.length).toBeGreaterThan(3);
      for (const c of nb.cells) {
        expect(['markdown', 'code']).toContain(c.cell_type);
        expect(text(c).trim().length).toBeGreaterThan(0);
        if (c.cell_type === 'code') expect(c.outputs).toEqual([]);
      }
    });

    it(`${file}: its code cells run in order with tsx and show charts`, () => {
      const code = nb.cells
        .filter((c) => c.cell_type === 'code')
        .map(text)
        .join('\n;\n')
        .replace(/'npm:carepath\/report'/g, JSON.stringify(join(SRC, 'api/report.ts')))
        .replace(/'npm:carepath'/g, JSON.stringify(join(SRC, 'index.ts')));
      const shim = `const shown = [];
globalThis.Deno = { jupyter: { display: (bundle) => { shown.push(Object.keys(bundle)[0]); } } };
process.on('beforeExit', () => { console.log('SHOWN ' + JSON.stringify(shown)); });
`;
      const tmp = mkdtempSync(join(tmpdir(), 'carepath-notebook-'));
      const script = join(tmp, 'notebook.mts');
      writeFileSync(script, `${shim}\n${code}\n`);
      const out = execFileSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), script], { cwd: DIR, encoding: 'utf8', timeout: 240_000 });
      const shown = JSON.parse(/SHOWN (.*)/.exec(out)![1]!) as string[];
      expect(shown).toContain('application/vnd.vegalite.v5+json');
      expect(shown).toContain('image/svg+xml');
      expect(EXPECTED[file], `no expected output for ${file}`).toBeDefined();
      for (const pattern of EXPECTED[file]!) expect(out).toMatch(pattern);
    }, 300_000);

    it.skipIf(!haveKernel)(`${file} runs in Deno's Jupyter kernel (skipped: needs jupyter and deno on the PATH)`, () => {
      const tmp = mkdtempSync(join(tmpdir(), 'carepath-nbexec-'));
      execFileSync('jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--output-dir', tmp, join(DIR, file)], { cwd: DIR, timeout: 600_000 });
    }, 600_000);
  }
});
