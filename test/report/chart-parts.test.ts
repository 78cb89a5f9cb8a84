/** The pieces that keep every variant visible and the charts inside their width. */
import { describe, expect, it } from 'vitest';
import { answerStage } from '../../src/report/charts/answer-stage.js';
import { fitToWidth, wrapWords } from '../../src/report/charts/fit.js';
import { dashScale, niceMax, spreadLabels } from '../../src/report/charts/lines.js';
import { fixtureExperiment, TRUTH } from './fixture.js';

describe('end labels and dashes', () => {
  it('spreads coinciding labels at least the gap apart, inside the scale, keeping their order', () => {
    const at = spreadLabels([594, 594, 604, 34_000], 500, 50_000);
    expect(at[3]).toBe(34_000); // far from the others: left where it is
    const low = [at[0]!, at[1]!, at[2]!].sort((a, b) => a - b);
    expect(low[1]! - low[0]!).toBeGreaterThanOrEqual(500 - 1e-9);
    expect(low[2]! - low[1]!).toBeGreaterThanOrEqual(500 - 1e-9);
    expect(at[0]!).toBeLessThan(at[1]!); // ties keep variant order
    expect(Math.min(...at)).toBeGreaterThanOrEqual(0);
    // Crowded at the top: pushed down, not out of the scale.
    const top = spreadLabels([100, 100, 100], 10, 100);
    expect([...top].sort((a, b) => a - b)).toEqual([80, 90, 100]);
  });

  it('gives each variant its own dash pattern', () => {
    const { domain, range } = dashScale(fixtureExperiment());
    expect(domain).toEqual(['base', 'more-scans', 'more-scans-and-treat']);
    expect(new Set(range.map((d) => d.join(','))).size).toBe(3);
  });

  it('rounds an axis top up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([niceMax(34_046), niceMax(401), niceMax(1), niceMax(0), niceMax(2.2)]).toEqual([50_000, 500, 1, 1, 2.5]);
  });
});

describe('the chart that carries the answer', () => {
  it('picks the stage whose end list differs most between the variants other than base', () => {
    // Fixture truth: scan 50 vs 50 between the two variants, treat 400 vs 25.
    expect(TRUTH['more-scans'].lists.treat - TRUTH['more-scans-and-treat'].lists.treat).toBeGreaterThan(300);
    expect(answerStage(fixtureExperiment())).toBe('treat');
  });
});

describe('fitting words to the width', () => {
  it('wraps at word boundaries', () => {
    expect(wrapWords('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
    expect(wrapWords('unbreakableword x', 5)).toEqual(['unbreakableword', 'x']);
  });

  it('wraps subtitles to what Vega measures for the width, and stacks legends on a phone', () => {
    const spec = { title: { text: 'T', subtitle: 'word '.repeat(60).trim() }, width: 300, config: { legend: { orient: 'top' } } } as never;
    const fitted = fitToWidth(spec, 360) as any;
    const lines = fitted.title.subtitle as string[];
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length * 0.8 * 11).toBeLessThanOrEqual(360);
    expect(fitted.config.legend.columns).toBe(1);
    expect(fitted.width).toBe(360);
    expect(fitted.autosize).toEqual({ type: 'fit-x', contains: 'padding' });
  });
});
