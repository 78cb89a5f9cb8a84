/**
 * Every notebook-style example runs to the end in its quick mode (CAREPATH_EXAMPLE_QUICK=1):
 * each test spawns `node --import tsx examples/NAME.ts` (what `npx tsx examples/NAME.ts` does)
 * with its output directory redirected to a temporary folder, and checks the exit code, the
 * lines that carry the example's answer, and the chart files (Vega-Lite spec + SVG).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TSX = import.meta.resolve('tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

function runExample(name: string): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), `carepath-example-${name}-`));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'examples', `${name}.ts`)], {
      cwd: ROOT,
      env: { ...process.env, CAREPATH_EXAMPLE_QUICK: '1', CAREPATH_EXAMPLE_OUT: out, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, out }));
  });
}

/** A chart pair as the examples write them: a Vega-Lite spec and its SVG drawing. */
function expectChart(dir: string, name: string): void {
  const spec = JSON.parse(readFileSync(join(dir, `${name}.vl.json`), 'utf8')) as Record<string, unknown>;
  expect(String(spec.$schema)).toContain('vega-lite');
  const svg = readFileSync(join(dir, `${name}.svg`), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('</svg>');
}

/** Example name → checks of its output (beyond a zero exit code). */
const EXAMPLES: Record<string, (r: Run) => void> = {
  'quick-start': (r) => {
    expect(r.stdout).toMatch(/mean wait in queue \(days\)\s+1\.4045\s+\d/); // Erlang C's Wq for M/M/3 at λ 2.5, μ 1
    expect(r.stdout).toContain('CI holds theory?');
    expectChart(join(r.out, 'quick-start'), 'waiting-list');
  },
  'lung-cancer-ai': (r) => {
    expect(r.stdout).toMatch(/base\s+reporting \(\d+%\)/);
    expect(r.stdout).toContain('surgery list at the end');
    expect(r.stdout).toContain('treated within 62 days of referral');
    expect(r.stdout).toContain('With AI reporting and treatment capacity unchanged, the surgery waiting list ends at');
    const dir = join(r.out, 'lung-cancer-ai');
    expectChart(dir, 'waiting-list');
    expectChart(dir, 'surgery-list');
    expect(readFileSync(join(dir, 'report', 'report.html'), 'utf8')).toContain('<svg');
  },
  'treatment-capacity': (r) => {
    expect(r.stdout).toMatch(/tried \d+ slots\/week/);
    expect(r.stdout).toMatch(/surgery needs \d+ slots per week|do not reach the goal/);
    const dir = join(r.out, 'treatment-capacity');
    expectChart(dir, 'seek');
    const seek = JSON.parse(readFileSync(join(dir, 'seek.json'), 'utf8')) as { stage: string; evaluations: unknown[] };
    expect(seek.stage).toBe('surgery');
    expect(seek.evaluations.length).toBeGreaterThan(1);
  },
  'demand-growth': (r) => {
    expect(r.stdout).toContain('demand of referrals'); // the step change starts a phase in `analyse`
    expect(r.stdout).toMatch(/date \(median list\)\s+base\s+growth\s+seasons\s+step-july/);
    expectChart(join(r.out, 'demand-growth'), 'waiting-list');
  },
  'custom-pathway': (r) => {
    expect(r.stdout).toMatch(/patients sent to the fast track\s+0\s+[1-9]/); // only the route hook uses the stage
    expectChart(join(r.out, 'custom-pathway'), 'lists');
  },
  'national-scale': (r) => {
    expect(r.stdout).toMatch(/waiting list at the start\s+7,400,000/);
    expect(r.stdout).toMatch(/speed\s+[\d,]+ patients\/s/);
    expectChart(join(r.out, 'national-scale'), 'waiting-list');
  },
};

describe.concurrent('examples (quick mode)', () => {
  it('covers every example script', () => {
    const scripts = readdirSync(join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(scripts).toEqual(Object.keys(EXAMPLES).sort());
  });

  for (const [name, check] of Object.entries(EXAMPLES)) {
    it(`${name} runs and writes its charts`, async () => {
      const r = await runExample(name);
      expect(r.code, r.stderr).toBe(0);
      check(r);
      expect(existsSync(r.out)).toBe(true);
    });
  }
});
