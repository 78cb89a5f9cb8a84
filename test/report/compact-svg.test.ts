/**
 * Smaller chart SVG that draws the same: every geometry number moves by at most 0.05 px, the
 * elements and their text are unchanged, and the font family, written once on the root, is the
 * one every text had.
 */
import { describe, expect, it } from 'vitest';
import { reportChartSpecs } from '../../src/report/charts.js';
import { compactSvg } from '../../src/report/render-svg.js';
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

const numbers = (svg: string) => [...svg.matchAll(/\s(?:d|transform|x|y|x1|x2|y1|y2)="([^"]*)"/g)].flatMap((m) => (m[1]!.match(/-?\d*\.?\d+(?:e-?\d+)?/g) ?? []).map(Number));
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1]);
const tags = (svg: string) => [...svg.matchAll(/<(\w+)/g)].map((m) => m[1]);

describe('compactSvg', () => {
  it('on the waiting-list chart: fewer bytes, the same marks within 0.05 px, the same text', async () => {
    const spec = reportChartSpecs({ experiment: fixtureExperiment(), analyses: fixtureAnalyses(), options: { startDate: '2026-01-05' } })['waiting-list'];
    const raw = await rawSvg(spec);
    const small = compactSvg(raw);
    expect(small.length).toBeLessThan(0.85 * raw.length); // 19.4 KB of 24.9 KB for this small fixture
    expect(tags(small)).toEqual(tags(raw));
    expect(texts(small)).toEqual(texts(raw));
    const [a, b] = [numbers(raw), numbers(small)];
    expect(b).toHaveLength(a.length);
    expect(a.length).toBeGreaterThan(100);
    expect(Math.max(...a.map((x, i) => Math.abs(x - b[i]!)))).toBeLessThanOrEqual(0.05 + 1e-9);
    const families = new Set([...raw.matchAll(/<text[^>]*font-family="([^"]*)"/g)].map((m) => m[1]));
    expect(families.size).toBe(1);
    expect(small.startsWith(`<svg font-family="${[...families][0]}" `)).toBe(true);
    expect(small.match(/font-family=/g)).toHaveLength(1);
  });
});
