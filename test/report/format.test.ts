import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/report/csv.js';
import { dayToDate, formatNumber, formatTextTable, slugify, writeFileAtomic } from '../../src/report/index.js';
import { summarise } from '../../src/experiment/stats.js';

describe('writeFileAtomic', () => {
  const fresh = () => mkdtempSync(join(tmpdir(), 'carepath-atomic-'));

  it('writes text, bytes and chunks whole, creating the directory', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'a', 'b.txt'), 'hello');
    await writeFileAtomic(join(dir, 'c.bin'), new Uint8Array([1, 2, 3]));
    await writeFileAtomic(join(dir, 'd.txt'), ['x', 'y', new TextEncoder().encode('z')]);
    expect(readFileSync(join(dir, 'a', 'b.txt'), 'utf8')).toBe('hello');
    expect([...readFileSync(join(dir, 'c.bin'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, 'd.txt'), 'utf8')).toBe('xyz');
  });

  it('leaves no partial file when writing fails mid-way (and keeps an existing file as it was)', async () => {
    const dir = fresh();
    async function* failing() {
      yield 'first half of the file, ';
      throw new Error('disk on fire');
    }
    const target = join(dir, 'report.html');
    await expect(writeFileAtomic(target, failing())).rejects.toThrow('disk on fire');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);

    writeFileSync(target, 'old report');
    await expect(writeFileAtomic(target, failing())).rejects.toThrow('disk on fire');
    expect(readFileSync(target, 'utf8')).toBe('old report');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });
});

describe('formatting', () => {
  it('dayToDate counts calendar days from the start date', () => {
    expect(dayToDate('2026-01-05', 0)).toBe('2026-01-05');
    expect(dayToDate('2026-01-05', 7)).toBe('2026-01-12');
    expect(dayToDate('2026-01-05', 365.9)).toBe('2027-01-05');
    expect(() => dayToDate('5 Jan', 1)).toThrow(/startDate/);
  });

  it('slugify makes a file-system friendly name', () => {
    expect(slugify('Lung cancer — AI chest X-ray reporting')).toBe('lung-cancer-ai-chest-x-ray-reporting');
    expect(slugify('Ünïcode Café')).toBe('unicode-cafe');
    expect(slugify('***')).toBe('scenario');
    expect(slugify('a'.repeat(30) + ' ' + 'b'.repeat(40)).length).toBeLessThanOrEqual(60);
  });

  it('formatNumber separates thousands and keeps three significant digits for small values', () => {
    expect(formatNumber(34049.2)).toBe('34,049');
    expect(formatNumber(2.8)).toBe('2.8');
    expect(formatNumber(0.7506)).toBe('0.751');
    expect(formatNumber(Number.NaN)).toBe('–');
  });

  it('toCsv quotes fields with commas, quotes and newlines, and leaves non-finite numbers empty', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [Number.NaN, 1.5]])).toBe('a,b\n"x,y","say ""hi"""\n,1.5\n');
  });

  it('formatTextTable aligns columns, left for the first and right for the rest', () => {
    const text = formatTextTable([['base', '12'], ['ai-reporting', '3']], { header: ['variant', 'n'] });
    expect(text.split('\n')).toEqual(['variant        n', '------------  --', 'base          12', 'ai-reporting   3']);
  });
});

describe("summarise (the experiment layer's, also the report's fallback)", () => {
  it('gives the Student t interval', () => {
    // mean 2, sd 1, n 3: half-width = t(0.975, 2) × 1 / √3, t(0.975, 2) = 4.30265 (tables)
    const s = summarise([1, 2, 3]);
    expect(s.mean).toBe(2);
    expect(s.sd).toBe(1);
    expect(s.ci95[1] - s.mean).toBeCloseTo(4.302652729911275 / Math.sqrt(3), 6);
  });
});
