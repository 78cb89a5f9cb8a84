import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { csvField, toCsv } from '../../src/report/csv.js';
import { spreadsheetSafe, terminalSafe } from '../../src/report/safe-text.js';
import { formatTextTable } from '../../src/report/text-table.js';

const ESC = '\u001b';
const HOSTILE = `${ESC}]0;pwned\u0007${ESC}[2J${ESC}[31mred\u009b1m\rover\u202eevil`;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), errIsTTY: false });
  return { code, out, err };
}

function scenarioFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'carepath-safe-'));
  const file = join(dir, 's.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      name,
      horizon: 100,
      arrivals: { gp: { to: 'clinic', rate: { perDay: 0.5 } } },
      stages: { clinic: { capacity: 1, service: 1 } },
    }),
  );
  return file;
}

describe('terminalSafe', () => {
  it('writes every control character out as a visible escape and keeps newlines and tabs', () => {
    const safe = terminalSafe(`${HOSTILE}\n\tok`);
    expect(safe).not.toMatch(CONTROL);
    expect(safe).toBe(
      '\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31mred\\u009b1m\\u000dover\\u202eevil\n\tok',
    );
    expect(terminalSafe('Clinic — 90% ✓')).toBe('Clinic — 90% ✓');
  });

  it('keeps JSON equivalent', () => {
    const json = JSON.stringify({ name: 'a\u009bb\u202ec' });
    expect(JSON.parse(terminalSafe(json))).toEqual({ name: 'a\u009bb\u202ec' });
  });
});

describe('the CLI prints user text, never obeys it', () => {
  it('validate and analyse with a scenario name full of escape sequences', async () => {
    const file = scenarioFile(HOSTILE);
    for (const args of [['validate', file], ['analyse', file], ['validate', file, '--json']]) {
      const r = await cli(args);
      expect(r.code, r.err).toBe(0);
      expect(r.out + r.err).not.toMatch(CONTROL);
      if (!args.includes('--json')) expect(r.out).toContain('\\u001b]0;pwned');
    }
  });

  it('an error message quoting a hostile value', async () => {
    const file = scenarioFile('n');
    const r = await cli(['run', file, '--variant', `x${ESC}[2J`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('\\u001b[2J');
    expect(r.err).not.toMatch(CONTROL);
  });
});

describe('text tables', () => {
  it('escape control characters in cells and headers, and align on what is shown', () => {
    const t = formatTextTable([[`a${ESC}[2J`, '1'], ['bb', '22']], { header: [`h${ESC}`, 'n'] });
    expect(t).not.toMatch(CONTROL);
    const lines = t.split('\n');
    expect(lines[2]).toBe('a\\u001b[2J   1');
    expect(lines[3]).toBe('bb          22');
  });
});

describe('CSV cells a spreadsheet would run as formulas', () => {
  it('get a leading quote', () => {
    for (const cell of ['=1+1', '+A1', '-A1-B1', '@SUM(A1)', '\tx', '=HYPERLINK("http://evil","x")']) {
      expect(spreadsheetSafe(cell), cell).toBe(`'${cell}`);
    }
    expect(csvField('-A1-B1')).toBe("'-A1-B1");
    expect(csvField('=HYPERLINK("a")')).toBe('"\'=HYPERLINK(""a"")"');
    expect(csvField('\rx')).toBe('"\'\rx"');
  });

  it('leave plain numbers, numbers and ordinary text alone', () => {
    for (const cell of ['-1.5', '+3', '-2e-3', '.5', 'clinic', 'a-b', 'a=b', '']) expect(spreadsheetSafe(cell), cell).toBe(cell);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(toCsv(['stage', 'n'], [['-x', -2], ['ct', 3]])).toBe("stage,n\n'-x,-2\nct,3\n");
  });
});
