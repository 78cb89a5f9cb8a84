/**
 * Smaller chart SVG that draws the same: every point of every path within 0.05 px of Vega's
 * (relative moves added back up), every position and transform too, the same elements but the
 * invisible ones, the same text, and the font family, written once on the root, the one every
 * text had.
 */
import { describe, expect, it } from 'vitest';
import { reportChartSpecs } from '../../src/report/charts.js';
import { compactSvg } from '../../src/report/compact-svg.js';
import { fixtureAnalyses, fixtureExperiment } from './fixture.js';

/** Vega's SVG as drawn before compaction (the same renderer, without the last step). */
async function rawSvg(spec: unknown): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vl.compile(spec as never).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The absolute points of a path of M/L/Z (either case), in order, `z` as a token; of any other path, its numbers. */
function absolutePoints(d: string): (number | string)[] {
  const out: (number | string)[] = [];
  const tokens = d.match(/[A-Za-z]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  let [x, y, sx, sy] = [0, 0, 0, 0];
  let cmd = '';
  for (let i = 0; i < tokens.length; ) {
    if (/[A-Za-z]/.test(tokens[i]!)) cmd = tokens[i++]!;
    if (cmd === 'z' || cmd === 'Z') {
      [x, y] = [sx, sy];
      out.push('z');
      continue;
    }
    // Not a straight-line path (bars with rounded corners): left absolute, compared number by number.
    if (!'MLml'.includes(cmd)) return (d.match(/-?\d*\.?\d+(?:e-?\d+)?/g) ?? []).map(Number);
    const [a, b] = [Number(tokens[i++]), Number(tokens[i++])];
    [x, y] = cmd === cmd.toLowerCase() ? [x + a, y + b] : [a, b];
    if (cmd === 'M' || cmd === 'm') [sx, sy] = [x, y];
    out.push(x, y);
  }
  return out;
}

const INVISIBLE = /<path\b[^>]*(?:\sdisplay="none"|\sd="M0,0h0v0h0Z")[^>]*\/>/g;
const paths = (svg: string) => [...svg.matchAll(/\sd="([^"]*)"/g)].map((m) => absolutePoints(m[1]!));
const places = (svg: string) => [...svg.matchAll(/\s(?:transform|x|y|x1|x2|y1|y2)="([^"]*)"/g)].flatMap((m) => (m[1]!.match(/-?\d*\.?\d+/g) ?? []).map(Number));
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1]);
const tags = (svg: string) => [...svg.matchAll(/<(\w+)/g)].map((m) => m[1]);

function maxGap(a: (number | string)[][], b: (number | string)[][]): number {
  expect(b.map((p) => p.length)).toEqual(a.map((p) => p.length));
  let gap = 0;
  a.forEach((p, i) =>
    p.forEach((v, j) => {
      if (typeof v === 'string') expect(b[i]![j]).toBe(v);
      else gap = Math.max(gap, Math.abs(v - (b[i]![j] as number)));
    }),
  );
  return gap;
}

describe('compactSvg', () => {
  for (const name of ['waiting-list', 'stage-lists', 'stage-waits']) {
    it(`on the ${name} chart: under two thirds of the bytes, the same drawing within 0.05 px, the same text`, async () => {
      const spec = reportChartSpecs({ experiment: fixtureExperiment(), analyses: fixtureAnalyses(), options: { startDate: '2026-01-05' } })[name];
      const raw = await rawSvg(spec);
      const small = compactSvg(raw);
      const visible = raw.replace(INVISIBLE, '');
      expect(small.length).toBeLessThan((2 / 3) * raw.length);
      expect(tags(small)).toEqual(tags(visible));
      expect(texts(small)).toEqual(texts(raw));
      const [before, after] = [paths(visible), paths(small)];
      expect(before.flat().length).toBeGreaterThan(40); // not vacuous (bars are short paths; lines long ones)
      expect(maxGap(before, after)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(maxGap([places(visible)], [places(small)])).toBeLessThanOrEqual(0.05 + 1e-9);
      const families = new Set([...raw.matchAll(/<text[^>]*font-family="([^"]*)"/g)].map((m) => m[1]));
      expect(families.size).toBe(1);
      expect(small.startsWith(`<svg font-family="${[...families][0]}" `)).toBe(true);
      expect(small.match(/font-family=/g)).toHaveLength(1);
    });
  }
});
