/**
 * The command line end to end, in this process: `runCli(argv, io)` parses with commander and runs
 * the command exactly as `carepath` does, with stdout and stderr captured and the exit code
 * returned. Paths are absolute (each test has its own directory), so tests can run concurrently
 * without changing the working directory. A few tests at the end spawn the real command
 * (`node --import tsx src/cli/main.ts`, what the `carepath` bin runs) for what only a process
 * shows: the exit status, the default output folder under the working directory, and stack traces.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

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

/** Runs the command line in this process, capturing what it writes. */
async function cli(args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), errIsTTY: false });
  return { code, stdout, stderr };
}

/** Runs the real command in a child process, in `cwd`. */
function spawnCli(args: string[], cwd: string): Promise<Result> {
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

/** A directory holding the starter scenario as `s.yaml`; returns the directory and the file. */
async function starter(): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  const file = join(dir, 's.yaml');
  expect((await cli(['init', file])).code).toBe(0);
  return { dir, file };
}

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
    const file = join(tempDir(), 'broken.yaml');
    writeFileSync(file, BROKEN);
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carepath: /);
    expect(r.stderr).toMatch(/^ {2}stages\.clinic\.capacity\.servers: .*-2/m);
    expect(r.stderr).toMatch(/^ {2}stages\.clinic\.servce: /m);
    expect(r.stderr).toMatch(/^ {2}arrivals\.a\.to: .*clinc/m);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe.concurrent('invalid input exits 2 with a one-line cause', () => {
  const lung = join(SCENARIOS, 'lung-cancer-ai.yaml');
  const missing = join(tmpdir(), 'no-such-dir-carepath', 'no-such-file.yaml');
  it.for([
    ['an unknown flag', ['run', lung, '--bogus'], /unknown option '--bogus'/],
    ['a missing file', ['run', missing], /no-such-file\.yaml.*no such file/],
    ['a missing file to validate', ['validate', missing], /no such file/],
    ['zero replications', ['run', lung, '--replications', '0'], /replications.*positive integer/],
    ['replications that are not a number', ['run', lung, '--replications', 'abc'], /replications.*positive integer/],
    ['a seed that is not an integer', ['run', lung, '--seed', '1.5'], /seed.*integer/],
    ['a shard index out of range', ['run', lung, '--shard', '4/4'], /shard index from 0 to 3/],
    ['an unknown variant', ['run', lung, '--variant', 'ai-reporitng'], /unknown variant "ai-reporitng"/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['a missing argument', ['run'], /missing required argument 'scenario'/],
    ['a sweep without values', ['sweep', lung, '--set', 'stages.surgery.capacity.slots='], /expected at least one value/],
    ['a sweep path with a typo in a stage id', ['sweep', lung, '--set', 'stages.surgry.capacity.slots=7,9'], /unknown stage "surgry".*did you mean "surgery"/],
    ['a sweep path through a prototype', ['sweep', lung, '--set', '__proto__.polluted=1'], /"__proto__" is not allowed in a path/],
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
    const { file } = await starter();
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# /); // commented
    // Outside the project holding carepath (a temp folder), editors get the versioned schema URL.
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/carepath@\d+\.\d+\.\d+\/schema\/scenario\.schema\.json$/);
    expect(text).toMatch(/variants:/);
    const check = await cli(['validate', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/2 variants/);

    writeFileSync(file, 'mine');
    const again = await cli(['init', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });
});

describe('carepath run', () => {
  it('runs a small scenario and writes report.html, summary.csv, series.csv and results.json', async () => {
    const { dir, file } = await starter();
    const out = join(dir, 'out');
    const r = await cli(['run', file, '--replications', '2', '--workers', '1', '--out', out]);
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    for (const f of ['report.html', 'summary.csv', 'comparisons.csv', 'replications.csv', 'series.csv', 'results.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.replicationIndices).toEqual([0, 1]);
    expect(results.variantNames).toEqual(['base', 'more-scans', 'more-scans-and-treatment']);
    expect(results.manifest.stages.map((s: { id: string }) => s.id)).toEqual(Object.keys(results.variants.base.series.byStage));
    // the summary table: one column per variant, the waiting list, target shares, bottleneck
    expect(r.stdout).toMatch(/base\s+more-scans\s+more-scans-and-treatment/);
    expect(r.stdout).toMatch(/Waiting list at the end/);
    expect(r.stdout).toMatch(/Diagnosed or ruled out within 28 days of referral \(goal 80%\)/);
    expect(r.stdout).toMatch(/Bottleneck \(theory\)/);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints harm, cost and value rows (and the ICER and net benefit against base) when the scenario is costed', async () => {
    const dir = tempDir();
    const file = join(dir, 'costed.yaml');
    const text = readFileSync(join(SCENARIOS, 'lung-cancer-ai-costed.yaml'), 'utf8');
    writeFileSync(file, text.replace(/^horizon: 104w/m, 'horizon: 4w'));
    const r = await cli(['run', file, '-r', '2', '--workers', '1', '--variant', 'ai-reporting', '--out', join(dir, 'o')]);
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Harm, cost and value \(per run, mean\)\n\s+Cost\s+£[\d.,]+( million)?\s+£[\d.,]+( million)?\n\s+QALYs\s/);
    expect(r.stdout).toMatch(/Deaths while waiting/);
    expect(r.stdout).toMatch(/Upstaged by delay/);
    expect(r.stdout).toMatch(/Against base \(paired\)\n\s+ICER\s+comparator\s+\S/);
    expect(r.stdout).toMatch(/NMB at £20,000\/QALY\s+comparator\s+[+−]£/);
  });

  it('--patients streams every run\'s patient records as JSON Lines, one per patient', async () => {
    const { dir, file } = await starter();
    const records = join(dir, 'patients.jsonl');
    const r = await cli(['run', file, '-r', '2', '--variant', 'more-scans', '--patients', records, '--json', '--out', join(dir, 'o')]);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    const lines = readFileSync(records, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    for (const v of ['base', 'more-scans']) {
      for (const run of results.variants[v].replications) {
        const mine = lines.filter((l) => l.variant === v && l.replication === run.replication);
        expect(mine.length).toBe(run.patients.initial + run.patients.arrived); // every patient once
      }
    }
    const sampled = join(dir, 'some.jsonl');
    expect((await cli(['run', file, '-r', '1', '--variant', 'more-scans', '--patients', sampled, '--patients-sample', '0', '--json', '--out', join(dir, 'p')])).code).toBe(0);
    expect(readFileSync(sampled, 'utf8')).toBe('');
    const rounded = join(dir, 'rounded.jsonl');
    expect((await cli(['run', file, '-r', '1', '--variant', 'more-scans', '--patients', rounded, '--patients-decimals', '2', '--json', '--out', join(dir, 'q')])).code).toBe(0);
    expect(readFileSync(rounded, 'utf8').split('\n')[0]).toMatch(/"arrival":-?\d+\.\d\d,/);
    const bad = await cli(['run', file, '--patients', join(dir, 'x.jsonl'), '--patients-decimals', '12']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--patients-decimals.*12.*from 0 to 9/);
  });

  it('--patients FILE.arrow writes an Arrow IPC file, one row per patient of every run', async () => {
    const { dir, file } = await starter();
    const records = join(dir, 'patients.arrow');
    const r = await cli(['run', file, '-r', '1', '--variant', 'more-scans', '--patients', records, '--json', '--out', join(dir, 'o')]);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    const { tableFromIPC } = await import('apache-arrow');
    const rows = tableFromIPC(readFileSync(records)).toArray().map((row) => row.toJSON());
    let total = 0;
    for (const v of ['base', 'more-scans']) {
      for (const run of results.variants[v].replications) {
        const n = run.patients.initial + run.patients.arrived;
        expect(rows.filter((l) => l.variant === v && l.replication === run.replication).length).toBe(n); // every patient once
        total += n;
      }
    }
    expect(rows.length).toBe(total);
  });

  it('--json prints the results as JSON on stdout; --variant limits the variants', async () => {
    const { dir, file } = await starter();
    const r = await cli(['run', file, '-r', '2', '-w', '1', '--variant', 'more-scans', '--json', '--out', join(dir, 'o')]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.variantNames).toEqual(['base', 'more-scans']);
    expect(existsSync(join(dir, 'o', 'report.html'))).toBe(true);
  });

  it('shards merge back into one result and report', async () => {
    const { dir, file } = await starter();
    const parts = join(dir, 'parts');
    const common = ['run', file, '-r', '4', '-w', '1', '--variant', 'more-scans', '--out', parts, '--quiet'];
    const [a, b] = await Promise.all([cli([...common, '--shard', '0/2']), cli([...common, '--shard', '1/2'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const files = readdirSync(parts).filter((f) => f.startsWith('results-shard-')).sort();
    expect(files).toEqual(['results-shard-0-of-2.json', 'results-shard-1-of-2.json']);
    const m = await cli(['merge', ...files.map((p) => join(parts, p)), '--scenario', file, '--out', join(dir, 'merged'), '--json']);
    expect(m.stderr).not.toMatch(/carepath:/);
    expect(m.code).toBe(0);
    const merged = JSON.parse(m.stdout);
    expect(merged.replicationIndices).toEqual([0, 1, 2, 3]);
    expect(merged.manifest.targets.map((t: { id: string }) => t.id)).toEqual(['diagnosis-28d', 'treatment-62d']);
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
    const { file } = await starter();
    const r = await cli(['sweep', file, '--set', 'stages.treatment.capacity.slots=6,9', '-r', '2', '-w', '1']);
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n\n')[0]!.split('\n').filter((l) => /^\s*(6|9)\s+base\b/.test(l));
    expect(lines).toHaveLength(2);
  });

  it('sweep refuses a point with validation warnings (exit 2) unless --allow-warnings', async ({ expect }) => {
    const { file } = await starter();
    // Sending every scanned patient to exit leaves the later stages unreachable: a warning.
    const args = ['sweep', file, '--set', 'stages.scan.next=[{"to":"exit"}]', '-r', '1', '-w', '1'];
    const refused = await cli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/stages\.scan\.next=\[\{"to":"exit"\}\]: stages\.\w+/);
    expect(refused.stderr).toMatch(/--allow-warnings/);
    expect(refused.stdout).toBe('');
    const allowed = await cli([...args, '--allow-warnings']);
    expect(allowed.stderr).not.toMatch(/carepath:/);
    expect(allowed.code).toBe(0);
  });

  it('seek reports the capacity found', async ({ expect }) => {
    const { file } = await starter();
    const r = await cli(['seek', file, '--stage', 'scan', '--target', 'diagnosis-28d', '--goal', '0.95', '-r', '2', '-w', '1', '--json']);
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.stage).toBe('scan');
    expect(typeof result.capacity).toBe('number');
    expect(result.evaluations.length).toBeGreaterThan(0);
  });

  it('seek and sweep state leavers and the unfinished; seek takes --max-left and --no-growth', async ({ expect }) => {
    const file = join(tempDir(), 'clinic.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'name: clinic with patience',
        'seed: 11',
        'horizon: 100',
        'arrivals: { referrals: { to: clinic, rate: { perDay: 10 } } }',
        'stages:',
        '  clinic: { capacity: 9, service: { dist: exponential, mean: 1 }, patience: { dist: exponential, mean: 2 } }',
        'targets: { seen: { until: [clinic.start], within: 14, goal: 0.9 } }',
      ].join('\n'),
    );
    const seek = await cli(['seek', file, '--stage', 'clinic', '--target', 'seen', '-r', '3', '-w', '1', '--max-left', '5%', '--no-growth']);
    expect(seek.stderr).not.toMatch(/carepath:/);
    expect(seek.code).toBe(0);
    expect(seek.stdout).toMatch(/with at most 5\.0% leaving untreated and no growth of the clinic list/);
    expect(seek.stdout).toMatch(/patients left untreated and [\d,]+ were still waiting at the end/);
    expect(seek.stdout).toMatch(/left, upper bound/);
    const json = JSON.parse((await cli(['seek', file, '--stage', 'clinic', '--target', 'seen', '-r', '3', '-w', '1', '--max-left', '0.05', '--json'])).stdout);
    expect(json.constraints).toEqual({ maxLeft: 0.05 });
    expect(json.capacity).toBeGreaterThan(10); // Erlang-A: more than the arrival rate for ≤ 5% leaving
    expect(json.leavers.leftShare.mean).toBeLessThanOrEqual(0.05);
    const sweep = await cli(['sweep', file, '--set', 'stages.clinic.capacity=8,12', '-r', '2', '-w', '1']);
    expect(sweep.code).toBe(0);
    expect(sweep.stdout).toMatch(/left untreated/);
    expect(sweep.stdout).toMatch(/By stage: left untreated \/ still waiting at the end/);
    const left = sweep.stdout.split('\n').filter((l) => /^(8|12)\s+base\b.*\(\d/.test(l)).map((l) => Number(/([\d,]+) \(\d/.exec(l)![1]!.replace(/,/g, '')));
    expect(left).toHaveLength(2);
    expect(left[0]!).toBeGreaterThan(left[1]!);
  });

  it('--help of a command shows examples', async ({ expect }) => {
    const r = await cli(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/default 20/);
  });
});

describe.concurrent('the real command (child processes)', () => {
  it('exit status 2 for a broken scenario, the stack trace only with --debug', async ({ expect }) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    const plain = await spawnCli(['validate', 'broken.yaml'], dir);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^carepath: /);
    expect(plain.stderr).not.toMatch(STACK);
    const debug = await spawnCli(['validate', 'broken.yaml', '--debug'], dir);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK);
  });

  it('exit status 0, and the report in carepath-out/<name> under the working directory', async ({ expect }) => {
    const dir = tempDir();
    expect((await spawnCli(['init', 'starter.yaml'], dir)).code).toBe(0);
    const r = await spawnCli(['run', 'starter.yaml', '--replications', '2', '--workers', '1', '--quiet'], dir);
    expect(r.stderr).not.toMatch(/carepath:/);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'carepath-out', 'my-pathway', 'report.html'))).toBe(true);
  });

  it('exit status 2 for an unknown command, 0 for --version', async ({ expect }) => {
    const dir = tempDir();
    expect((await spawnCli(['frobnicate'], dir)).code).toBe(2);
    const v = await spawnCli(['--version'], dir);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
