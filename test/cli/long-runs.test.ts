/**
 * Long runs from the command line (in-process): output and checkpoint folders created as
 * needed, a file in their way is an input error (exit 2) found before the run, merges refuse a
 * missing shard unless `--partial`, and `--reproducible` / SOURCE_DATE_EPOCH give byte-identical files.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

const SCENARIO = `version: 1
name: Small clinic
horizon: 60
seed: 3
arrivals:
  referrals: { to: clinic, rate: { perDay: 0.8 } }
stages:
  clinic:
    capacity: 1
    service: { dist: exponential, mean: 1 }
`;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), errIsTTY: false });
  return { code, out, err };
}

function setup(): { dir: string; scenario: string } {
  const dir = mkdtempSync(join(tmpdir(), 'carepath-long-'));
  const scenario = join(dir, 's.yaml');
  writeFileSync(scenario, SCENARIO);
  return { dir, scenario };
}

/** Every file under `dir` (relative path → bytes as text). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('output and checkpoint folders', () => {
  it('an existing file given as --out is exit 2 naming out, before any simulation', async () => {
    const { dir, scenario } = setup();
    writeFileSync(join(dir, 'taken'), 'x');
    for (const out of [join(dir, 'taken'), join(dir, 'taken', 'deeper')]) {
      const r = await cli(['run', scenario, '-r', '2', '-w', '1', '-q', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^carepath: out: expected a folder at .*taken is a file/);
      expect(r.out).toBe('');
    }
  });

  it('creates missing checkpoint folders; a file in their way is exit 2 naming checkpoint', async () => {
    const { dir, scenario } = setup();
    const cp = join(dir, 'new', 'sub', 'cp.jsonl');
    const ok = await cli(['run', scenario, '-r', '2', '-w', '1', '-q', '--out', join(dir, 'out'), '--checkpoint', cp]);
    expect(ok.code).toBe(0);
    expect(readFileSync(cp, 'utf8').trim().split('\n')).toHaveLength(2);
    writeFileSync(join(dir, 'plain'), 'x');
    const bad = await cli(['run', scenario, '-r', '2', '-w', '1', '-q', '--out', join(dir, 'out'), '--checkpoint', join(dir, 'plain', 'cp.jsonl')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^carepath: checkpoint: expected a folder at .*plain is a file/);
    const isDir = await cli(['run', scenario, '-r', '2', '-w', '1', '-q', '--out', join(dir, 'out'), '--checkpoint', join(dir, 'new')]);
    expect(isDir.code).toBe(2);
    expect(isDir.err).toMatch(/^carepath: checkpoint: expected a file at .*new, but it is a folder/);
  });
});

describe('merge from the command line', () => {
  it('a missing shard is exit 2 naming it; --partial merges and says PARTIAL', async () => {
    const { dir, scenario } = setup();
    for (const s of ['0/3', '1/3', '2/3']) {
      const r = await cli(['run', scenario, '-r', '6', '-w', '1', '-q', '--shard', s, '--out', join(dir, 'parts')]);
      expect(r.code).toBe(0);
    }
    const two = ['results-shard-0-of-3.json', 'results-shard-2-of-3.json'].map((f) => join(dir, 'parts', f));
    const refused = await cli(['merge', ...two, '--out', join(dir, 'merged'), '-q']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/4 of 6 planned replications are here: replications 1, 4 are missing \(missing shard 1\/3\)/);
    const partial = await cli(['merge', ...two, '--out', join(dir, 'merged'), '--partial', '--json']);
    expect(partial.code).toBe(0);
    expect(partial.err).toMatch(/PARTIAL: 2 planned replications missing/);
    expect((JSON.parse(partial.out) as { meta: { partial: unknown } }).meta.partial).toEqual({ expected: 6, present: 4, missing: [1, 4] });
  });
});

describe('--reproducible', () => {
  it('two runs give byte-identical output folders (and SOURCE_DATE_EPOCH sets the recorded time)', async () => {
    const { dir, scenario } = setup();
    const a = await cli(['run', scenario, '-r', '3', '-w', '1', '-q', '--reproducible', '--out', join(dir, 'a')]);
    await new Promise((r) => setTimeout(r, 20));
    const b = await cli(['run', scenario, '-r', '3', '-w', '1', '-q', '--reproducible', '--out', join(dir, 'b')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const ta = tree(join(dir, 'a'));
    expect(Object.keys(ta)).toContain('report.html');
    expect(tree(join(dir, 'b'))).toEqual(ta);
    expect(ta['results.json']).toContain('"startedAt": "1970-01-01T00:00:00.000Z"');
    // Without it, the recorded time differs: the test would see it.
    const c = await cli(['run', scenario, '-r', '3', '-w', '1', '-q', '--out', join(dir, 'c')]);
    expect(c.code).toBe(0);
    expect(tree(join(dir, 'c'))['results.json']).not.toBe(ta['results.json']);
    process.env.SOURCE_DATE_EPOCH = '1767225600';
    try {
      const d = await cli(['run', scenario, '-r', '3', '-w', '1', '-q', '--out', join(dir, 'd')]);
      expect(d.code).toBe(0);
      expect(tree(join(dir, 'd'))['results.json']).toContain('"startedAt": "2026-01-01T00:00:00.000Z"');
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });
});
