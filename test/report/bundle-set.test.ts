/**
 * The output folder as one set: files of two runs never sit side by side, an interrupted write
 * leaves the previous set whole, stale temporary entries are cleaned up, and a file where a
 * folder is expected is an input error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { HOST_TAG, removeStaleTemps } from '../../src/experiment/dirs.js';
import { writeFileAtomic, writeReportBundle } from '../../src/report/index.js';
import { writeDirectoryAtomic } from '../../src/report/swap.js';
import { fixtureAnalyses, fixtureExperiment, fixtureScenario } from './fixture.js';

const temp = () => mkdtempSync(join(tmpdir(), 'carepath-set-'));

/** The pid of a process that has ended (so no live process owns it, barring reuse within the test). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

describe('writeReportBundle writes one consistent set', () => {
  it('replaces every file of the previous run, keeps files it does not own', async () => {
    const dir = join(temp(), 'out');
    const first = fixtureExperiment();
    await writeReportBundle(dir, { experiment: first, scenario: fixtureScenario() as never, analyses: fixtureAnalyses() });
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'charts', 'retired-chart.vl.json'), '{}');
    // A second run (another seed), this time without a scenario, so without report.html.
    const second = { ...fixtureExperiment(), seed: 99 };
    const files = await writeReportBundle(dir, { experiment: second, analyses: fixtureAnalyses() });
    expect(files.report).toBeUndefined();
    // The old report (of seed 1) must not stay beside the new results (of seed 99).
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(existsSync(join(dir, 'charts', 'retired-chart.vl.json'))).toBe(false);
    expect((JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { seed: number }).seed).toBe(99);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(files.charts.length).toBeGreaterThan(0);
    for (const c of files.charts) expect(existsSync(c)).toBe(true);
    // Nothing temporary is left beside the folder or in it.
    expect(readdirSync(join(dir, '..'))).toEqual(['out']);
    expect(readdirSync(dir).sort()).toEqual(['charts', 'comparisons.csv', 'notes.txt', 'replications.csv', 'results.json', 'series.csv', 'summary.csv']);
  });

  it('a folder with files of its own (as with --out .) stays in place; a killed earlier write is cleaned', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const stale = join(dir, `.set.${deadPid()}-${HOST_TAG}.0123456789ab.tmp`);
    mkdirSync(stale);
    writeFileSync(join(stale, 'results.json'), '{}');
    const before = statSync(dir).ino;
    await writeReportBundle(dir, { experiment: fixtureExperiment() });
    expect(statSync(dir).ino).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['charts', 'comparisons.csv', 'notes.txt', 'replications.csv', 'results.json', 'series.csv', 'summary.csv']);
    expect(readdirSync(join(dir, '..')).filter((n) => n.includes(basename(dir)) && n !== basename(dir))).toEqual([]);
  });

  it('creates missing parent folders', async () => {
    const dir = join(temp(), 'a', 'b', 'c');
    await writeReportBundle(dir, { experiment: fixtureExperiment() });
    expect(existsSync(join(dir, 'results.json'))).toBe(true);
  });

  it('a file where the folder (or a parent) should be is a ValidationError naming out', async () => {
    const root = temp();
    writeFileSync(join(root, 'taken'), 'x');
    for (const dir of [join(root, 'taken'), join(root, 'taken', 'sub')]) {
      const err = await writeReportBundle(dir, { experiment: fixtureExperiment() }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues[0]).toMatchObject({ path: 'out' });
      expect((err as Error).message).toMatch(/taken is a file/);
    }
    expect(readFileSync(join(root, 'taken'), 'utf8')).toBe('x');
  });
});

describe('writeDirectoryAtomic', () => {
  it('leaves the previous set whole when writing fails part-way', async () => {
    const root = temp();
    const dir = join(root, 'out');
    await writeDirectoryAtomic(dir, ['a', 'b'], async (tmp) => {
      writeFileSync(join(tmp, 'a'), 'old a');
      writeFileSync(join(tmp, 'b'), 'old b');
    });
    const err = await writeDirectoryAtomic(dir, ['a', 'b'], async (tmp) => {
      writeFileSync(join(tmp, 'a'), 'new a');
      throw new Error('killed before b');
    }).then(() => null, (e: unknown) => e);
    expect((err as Error).message).toBe('killed before b');
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('old b');
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('after a kill between the two renames, the next write puts the old set back and clears the temp', async () => {
    const root = temp();
    const pid = deadPid();
    // What a process killed mid-swap leaves: the old set moved aside, the new one not yet in place.
    const aside = join(root, `.out.${pid}-${HOST_TAG}.0123456789ab.old`);
    const half = join(root, `.out.${pid}-${HOST_TAG}.ba9876543210.tmp`);
    mkdirSync(aside);
    writeFileSync(join(aside, 'a'), 'old a');
    mkdirSync(half);
    writeFileSync(join(half, 'a'), 'new a');
    const handled = await removeStaleTemps(root);
    expect(handled.sort()).toEqual([`.out.${pid}-${HOST_TAG}.0123456789ab.old`, `.out.${pid}-${HOST_TAG}.ba9876543210.tmp`]);
    expect(readdirSync(root)).toEqual(['out']);
    expect(readFileSync(join(root, 'out', 'a'), 'utf8')).toBe('old a');
  });
});

describe('stale temporary files', () => {
  it('are removed when their process is gone or, for another host, after a day; live ones stay', async () => {
    const dir = temp();
    const dead = deadPid();
    const names = {
      deadHere: `.results.json.${dead}-${HOST_TAG}.aaaaaaaaaaaa.tmp`,
      aliveHere: `.results.json.${process.ppid}-${HOST_TAG}.bbbbbbbbbbbb.tmp`,
      otherHostFresh: `.results.json.${dead}-00000000.cccccccccccc.tmp`,
      otherHostOld: `.results.json.${dead}-00000001.dddddddddddd.tmp`,
      userFile: 'keep.tmp',
    };
    for (const n of Object.values(names)) writeFileSync(join(dir, n), 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(join(dir, names.otherHostOld), twoDaysAgo, twoDaysAgo);
    await writeFileAtomic(join(dir, 'results.json'), '{}');
    expect(readdirSync(dir).sort()).toEqual([names.aliveHere, names.otherHostFresh, 'keep.tmp', 'results.json'].sort());
  });
});
