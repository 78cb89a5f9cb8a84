/**
 * docs/scale.md: every cluster recipe pins the carepath version (the one in package.json), so
 * the shards of one experiment and their merge run the same simulator.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../docs/scale.md', import.meta.url), 'utf8');
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The body of the section under a `## title` heading. */
function section(title: string): string {
  const start = doc.indexOf(`## ${title}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 3);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe('docs/scale.md recipes', () => {
  it.for(['Kubernetes', 'Slurm'])('the %s recipe runs and merges with a pinned carepath version', (name) => {
    const text = section(name);
    const invocations = [...text.matchAll(/carepath(@[\w.-]+)? (run|merge)\b/g)];
    const runs = [...text.matchAll(/\brun scenarios\//g)].length;
    const merges = [...text.matchAll(/\bmerge (?:\/work\/)?out\//g)].length;
    expect(runs).toBeGreaterThan(0);
    expect(merges).toBeGreaterThan(0);
    // Every carepath invocation, direct or through $CAREPATH, names the package version.
    for (const m of invocations) expect(m[1], m[0]).toBe(`@${version}`);
    const viaVariable = /CAREPATH="npx --yes carepath@([\w.-]+)"/.exec(text);
    expect(invocations.length + (viaVariable ? 1 : 0)).toBeGreaterThanOrEqual(2);
    if (viaVariable) expect(viaVariable[1]).toBe(version);
    // No bare `--json > file` part: a killed task would leave half a JSON file.
    expect(text).not.toMatch(/--json > "?out\//);
  });
});
