/**
 * `carepath merge` prints the same economics rows as `carepath run`: both pass the scenario's
 * `economics:` settings (comparator, effect, thresholds) to the terminal summary.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), errIsTTY: false });
  return { code, stdout, stderr };
}

/** The summary from the economics sections on (they come after the stage tables). */
const economicsPart = (text: string) => text.slice(text.indexOf('Harm, cost and value'));

describe('carepath merge with --scenario', () => {
  it('prints the economics rows against the comparator, as run does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-merge-econ-'));
    const yaml = readFileSync(join(ROOT, 'examples/scenarios/lung-cancer-ai-costed.yaml'), 'utf8');
    expect(yaml).toMatch(/^horizon: 104w/m);
    expect(yaml).toMatch(/^  thresholds: \[20000, 30000\]/m);
    const file = join(dir, 'costed.yaml');
    // A threshold other than the default £20,000 and £30,000, so only the scenario's settings show it.
    writeFileSync(file, yaml.replace(/^horizon: 104w/m, 'horizon: 4w').replace(/^  thresholds: \[20000, 30000\]/m, '  thresholds: [25000]'));
    const common = ['run', file, '-r', '2', '-w', '1', '--variant', 'ai-reporting'];
    const whole = await cli([...common, '--out', join(dir, 'whole')]);
    expect(whole.code).toBe(0);
    const parts = join(dir, 'parts');
    for (const shard of ['0/2', '1/2']) expect((await cli([...common, '--out', parts, '--quiet', '--shard', shard])).code).toBe(0);
    const files = readdirSync(parts).filter((f) => f.startsWith('results-shard-')).map((f) => join(parts, f));
    expect(files).toHaveLength(2);
    const merged = await cli(['merge', ...files, '--scenario', file, '--out', join(dir, 'merged')]);
    expect(merged.stderr).not.toMatch(/carepath:/);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('Harm, cost and value');
    expect(merged.stdout).toContain('Against base (paired)');
    expect(merged.stdout).toMatch(/25,000/);
    expect(merged.stdout).not.toMatch(/30,000/);
    expect(economicsPart(merged.stdout)).toBe(economicsPart(whole.stdout));
  });
});
