/**
 * The command line end to end: each test spawns `node --import tsx src/cli/main.ts …` in a
 * fresh directory and checks the exit code and what reaches stdout and stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const TSX = import.meta.resolve('tsx');
const SCENARIOS = join(ROOT, 'examples', 'scenarios');
const CANONICAL = ['mm1.yaml', 'tandem.yaml', 'lung-cancer-ai.yaml', 'england-elective.yaml'];

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string = mkdtempSync(join(tmpdir(), 'carepath-cli-'))): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'carepath-cli-'));

/** A stack trace line, as Node prints them. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

const BROKEN = `version: 1
name: Broken
horizon: 100
arrivals:
  a: { to: clinc, rate: { perDay: 2 } }
stages:
  clinic:
    capacity: { servers: -2 }
    servce: 1
`;

describe.concurrent('carepath validate', () => {
  it.for(CANONICAL)('accepts the reference scenario %s (exit 0)', async (file, { expect }) => {
    const r = await cli(['validate', join(SCENARIOS, file)]);
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid');
  });

  it('rejects a broken scenario with exit 2, listing every problem by path, without a stack trace', async ({ expect }) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    const r = await cli(['validate', 'broken.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carepath: /);
    expect(r.stderr).toMatch(/^ {2}stages\.clinic\.capacity\.servers: .*-2/m);
    expect(r.stderr).toMatch(/^ {2}stages\.clinic\.servce: /m);
    expect(r.stderr).toMatch(/^ {2}arrivals\.a\.to: .*clinc/m);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('shows the stack trace with --debug', async ({ expect }) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    const r = await cli(['validate', 'broken.yaml', '--debug'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(STACK);
  });
});

describe.concurrent('invalid input exits 2 with a one-line cause', () => {
  const lung = join(SCENARIOS, 'lung-cancer-ai.yaml');
  it.for([
    ['an unknown flag', ['run', lung, '--bogus'], /unknown option '--bogus'/],
    ['a missing file', ['run', 'no-such-file.yaml'], /no-such-file\.yaml.*no such file/],
    ['a missing file to validate', ['validate', 'no-such-file.yaml'], /no such file/],
    ['zero replications', ['run', lung, '--replications', '0'], /replications.*positive integer/],
    ['replications that are not a number', ['run', lung, '--replications', 'abc'], /replications.*positive integer/],
    ['a seed that is not an integer', ['run', lung, '--seed', '1.5'], /seed.*integer/],
    ['a shard index out of range', ['run', lung, '--shard', '4/4'], /shard index from 0 to 3/],
    ['an unknown variant', ['run', lung, '--variant', 'ai-reporitng'], /unknown variant "ai-reporitng"/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['a missing argument', ['run'], /missing required argument 'scenario'/],
    ['a sweep without values', ['sweep', lung, '--set', 'stages.surgery.capacity.slots='], /expected at least one value/],
  ] as [string, string[], RegExp][])('%s', async ([, args, message], { expect }) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carepath: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});

describe('carepath init', () => {
  it('writes a starter that validates, and refuses to overwrite it', async () => {
    const dir = tempDir();
    const first = await cli(['init', 'my.yaml'], dir);
    expect(first.code).toBe(0);
    const text = readFileSync(join(dir, 'my.yaml'), 'utf8');
    expect(text).toMatch(/^# /); // commented
    // Outside the project holding carepath (a temp folder), editors get the versioned schema URL.
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/carepath@\d+\.\d+\.\d+\/schema\/scenario\.schema\.json$/);
    expect(text).toMatch(/variants:/);
    const check = await cli(['validate', 'my.yaml'], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/2 variants/);

    writeFileSync(join(dir, 'my.yaml'), 'mine');
    const again = await cli(['init', 'my.yaml'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(join(dir, 'my.yaml'), 'utf8')).toBe('mine');
  });
});

describe('carepath run', () => {
  it('runs a small scenario and writes report.html, summary.csv, series.csv and results.json', async () => {
    const dir = tempDir();
    expect((await cli(['init', 'starter.yaml'], dir)).code).toBe(0);
    const r = await cli(['run', 'starter.yaml', '--replications', '2', '--workers', '1'], dir);
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    const out = join(dir, 'carepath-out', 'my-pathway');
    for (const f of ['report.html', 'summary.csv', 'comparisons.csv', 'replications.csv', 'series.csv', 'results.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.replicationIndices).toEqual([0, 1]);
    expect(results.variantNames).toEqual(['base', 'more-scans', 'more-scans-and-treatment']);
    // the summary table: one column per variant, the waiting list, target shares, bottleneck
    expect(r.stdout).toMatch(/base\s+more-scans\s+more-scans-and-treatment/);
    expect(r.stdout).toMatch(/Waiting list at the end/);
    expect(r.stdout).toMatch(/Diagnosis 28d \(goal 80%\)/);
    expect(r.stdout).toMatch(/Bottleneck \(theory\)/);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--json prints the results as JSON on stdout; --variant limits the variants', async () => {
    const dir = tempDir();
    await cli(['init', 's.yaml'], dir);
    const r = await cli(['run', 's.yaml', '-r', '2', '-w', '1', '--variant', 'more-scans', '--json', '--out', 'o'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.variantNames).toEqual(['base', 'more-scans']);
    expect(existsSync(join(dir, 'o', 'report.html'))).toBe(true);
  });

  it('shards merge back into one result and report', async () => {
    const dir = tempDir();
    await cli(['init', 's.yaml'], dir);
    const common = ['run', 's.yaml', '-r', '4', '-w', '1', '--variant', 'more-scans', '--out', 'parts', '--quiet'];
    const [a, b] = await Promise.all([cli([...common, '--shard', '0/2'], dir), cli([...common, '--shard', '1/2'], dir)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const parts = readdirSync(join(dir, 'parts')).filter((f) => f.startsWith('results-shard-')).sort();
    expect(parts).toEqual(['results-shard-0-of-2.json', 'results-shard-1-of-2.json']);
    const m = await cli(['merge', ...parts.map((p) => join('parts', p)), '--scenario', 's.yaml', '--out', 'merged', '--json'], dir);
    expect(m.stderr).not.toMatch(/carepath:/);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).replicationIndices).toEqual([0, 1, 2, 3]);
    expect(existsSync(join(dir, 'merged', 'report.html'))).toBe(true);
  });
});

describe.concurrent('other commands', () => {
  it('analyse prints the bottleneck per variant', async ({ expect }) => {
    const r = await cli(['analyse', join(SCENARIOS, 'lung-cancer-ai.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/== base ==[\s\S]*Bottleneck: reporting/);
    expect(r.stdout).toMatch(/== ai-reporting ==[\s\S]*Bottleneck: surgery/);
    expect(r.stdout).toMatch(/== ai-reporting-and-treatment ==[\s\S]*Bottleneck: none/);
  });

  it('schema prints JSON Schema', async ({ expect }) => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.type === 'object' || typeof schema.$schema === 'string').toBe(true);
  });

  it('sweep prints a row per grid point', async ({ expect }) => {
    const dir = tempDir();
    await cli(['init', 's.yaml'], dir);
    const r = await cli(['sweep', 's.yaml', '--set', 'stages.treatment.capacity.slots=6,9', '-r', '2', '-w', '1'], dir);
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => /^\s*(6|9)\s+base\b/.test(l));
    expect(lines).toHaveLength(2);
  });

  it('seek reports the capacity found', async ({ expect }) => {
    const dir = tempDir();
    await cli(['init', 's.yaml'], dir);
    const r = await cli(
      ['seek', 's.yaml', '--stage', 'scan', '--target', 'diagnosis-28d', '--goal', '0.95', '-r', '2', '-w', '1', '--json'],
      dir,
    );
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.stage).toBe('scan');
    expect(typeof result.capacity).toBe('number');
    expect(result.evaluations.length).toBeGreaterThan(0);
  });

  it('--help of a command shows examples', async ({ expect }) => {
    const r = await cli(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/default 20/);
  });
});
