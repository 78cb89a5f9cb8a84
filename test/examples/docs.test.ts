/**
 * The guide stays true to the code: the generated field reference is current, every relative
 * link (and #anchor) in the guide points somewhere, every complete scenario shown in the guide
 * is valid (and the broken one fails with exactly the messages shown), and the `analyse` output
 * quoted in cli.md is what the command prints today.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FILE, renderScenarioReference } from '../../scripts/scenario-reference.js';
import { runCli } from '../../src/cli/program.js';
import { parseScenarioText, ScenarioError } from '../../src/index.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const GUIDE = join(ROOT, 'docs', 'guide');
const PAGES = [join(ROOT, 'docs', 'index.md'), ...readdirSync(GUIDE).filter((f) => f.endsWith('.md')).map((f) => join(GUIDE, f))];

/** Fenced code blocks of a markdown text: language and body. */
function codeBlocks(markdown: string): { lang: string; body: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchor(m[1]!)));
}

describe('docs', () => {
  it('scenario-reference.md is what scripts/scenario-reference.ts renders from the schema', () => {
    expect(readFileSync(REFERENCE_FILE, 'utf8')).toBe(renderScenarioReference());
  });

  it('the reference lists every top-level field of the schema', () => {
    const text = readFileSync(REFERENCE_FILE, 'utf8');
    for (const field of ['version', 'name', 'horizon', 'arrivals', 'initial', 'stages', 'targets', 'variants', 'classes']) {
      expect(text).toContain(`| \`${field}\` |`);
    }
  });

  it.each(PAGES.map((p) => [p.slice(ROOT.length + 1), p]))('links in %s resolve', (_, page) => {
    const text = readFileSync(page, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
    const broken: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const href = m[1]!;
      if (/^[a-z]+:/i.test(href)) continue; // external
      const [path, hash] = href.split('#') as [string, string | undefined];
      const target = path === '' ? page : resolve(dirname(page), path);
      if (!existsSync(target)) {
        broken.push(href);
        continue;
      }
      if (hash && target.endsWith('.md') && !anchorsOf(target).has(hash)) broken.push(href);
    }
    expect(broken).toEqual([]);
  });

  it('every complete scenario in the guide is valid, and the broken one fails as shown', () => {
    let checked = 0;
    for (const page of PAGES) {
      const blocks = codeBlocks(readFileSync(page, 'utf8'));
      blocks.forEach((b, i) => {
        if (b.lang !== 'yaml' || !/^version: 1$/m.test(b.body)) return;
        checked++;
        if (!/^name: Broken$/m.test(b.body)) {
          expect(() => parseScenarioText(b.body, page), `${page} block ${i}`).not.toThrow();
          return;
        }
        // The documented error output follows the broken file: each problem line must be produced.
        const shown = blocks.slice(i + 1).find((x) => x.lang === 'text')!.body;
        let error: unknown;
        try {
          parseScenarioText(b.body, 'broken.yaml');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ScenarioError);
        const problems = shown.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
        expect(problems.length).toBe((error as ScenarioError).issues.length);
        for (const issue of (error as ScenarioError).issues) {
          expect(problems.some((p) => p.startsWith(`${issue.path}: ${issue.message}`))).toBe(true);
        }
      });
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('the analyse output quoted in cli.md is what `carepath analyse` prints', async () => {
    let stdout = '';
    const io = { out: (t: string) => void (stdout += t), err: () => undefined, errIsTTY: false };
    const code = await runCli(['analyse', join(ROOT, 'examples/scenarios/lung-cancer-ai.yaml'), '--variant', 'ai-reporting'], io);
    expect(code).toBe(0);
    expect(readFileSync(join(GUIDE, 'cli.md'), 'utf8')).toContain(stdout.trimEnd());
  });
});
