/**
 * The pathway diagram of a small scenario against hand-computed flows:
 * 10 a day arrive at A (2 servers × 10 a day each: 50% busy); 60% go on to B, the rest leave;
 * B has 21 slots a week for 42 a week (200%, the bottleneck) so it passes on only 21 a week to C
 * (no limit), from which everyone leaves; a variant of it sends a quarter of C back to A.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.js';
import { parseScenario, resolveScenario } from '../../src/pathway/index.js';
import { pathwayDiagramSvg, pathwayFlows } from '../../src/report/diagram/index.js';

function scenario(extra: Record<string, unknown> = {}) {
  return parseScenario({
    version: 1,
    name: 'Diagram test',
    startDate: '2026-01-05',
    horizon: '10w',
    arrivals: { gp: { to: 'a', rate: { perDay: 10 } } },
    stages: {
      a: { capacity: 2, service: { dist: 'exponential', mean: 0.1 }, next: [{ to: 'b', p: 0.6 }, { to: 'exit' }] },
      b: { capacity: { slots: 21, per: 'week' }, next: [{ to: 'c' }] },
      c: { capacity: 'unlimited', service: 1, next: [{ to: 'exit' }] },
      ...extra,
    },
  } as never);
}

function attrs(svg: string, cls: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<g class="${cls}"([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/data-([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}

describe('pathway diagram', () => {
  const model = resolveScenario(scenario());
  const analysis = analyse(model);
  const flows = pathwayFlows(model, analysis);
  const svg = pathwayDiagramSvg(flows);

  it('computes the weekly flows and branch shares by hand', () => {
    const by = Object.fromEntries(flows.stages.map((s) => [s.id, s]));
    expect(by.a!.arrivalsPerWeek).toBeCloseTo(70, 9);
    expect(by.a!.utilisation).toBeCloseTo(70 / 140, 9);
    expect(by.a!.exitPerWeek).toBeCloseTo(28, 9);
    expect(by.a!.exitShare).toBeCloseTo(0.4, 9);
    expect(by.b!.arrivalsPerWeek).toBeCloseTo(42, 9);
    expect(by.b!.utilisation).toBeCloseTo(2, 9);
    expect(by.c!.arrivalsPerWeek).toBeCloseTo(21, 9); // B passes on only its capacity
    expect(flows.bottleneck).toBe('b');
    expect(flows.edges.map((e) => [e.from, e.to, Number(e.perWeek.toFixed(9)), Number(e.share.toFixed(9))])).toEqual([
      ['a', 'b', 42, 0.6],
      ['b', 'c', 21, 1],
    ]);
  });

  it('draws one box per stage, one arrow per flow, with the numbers', () => {
    expect(attrs(svg, 'stage').map((a) => a.stage)).toEqual(['a', 'b', 'c']);
    expect(attrs(svg, 'flow').map((a) => `${a.from}>${a.to}`)).toEqual(['a>b', 'b>c']);
    expect(svg).toContain('42/wk · 60%');
    expect(svg).toContain('21/wk · 100%');
    expect(svg).toContain('new 70/wk');
    expect(svg).toContain('leave 28/wk · 40%');
    expect(svg).toContain('50% of 140/wk');
    expect(svg).toContain('200% of 21/wk');
    expect(svg).toContain('no capacity limit');
  });

  it('colours by utilisation and marks the bottleneck', () => {
    const fill = (stage: string) => new RegExp(`data-stage="${stage}"[^]*?<rect[^>]*fill="([^"]+)"`).exec(svg)![1];
    expect(fill('a')).toBe('#d9efdc'); // under 85%
    expect(fill('b')).toBe('#d9534f'); // over capacity
    expect(fill('c')).toBe('#eef0f2'); // no limit
    expect(attrs(svg, 'stage').filter((a) => a.bottleneck === 'true').map((a) => a.stage)).toEqual(['b']);
    expect(svg.match(/BOTTLENECK/g)).toHaveLength(1);
  });

  it('draws a loop back to an earlier stage under the boxes, and is deterministic', () => {
    const loop = scenario({ c: { capacity: 'unlimited', service: 1, next: [{ to: 'a', p: 0.25 }, { to: 'exit' }] } });
    const m = resolveScenario(loop);
    const f = pathwayFlows(m, analyse(m));
    // A gets 70 new + 0.25 × 21 back = 75.25 a week; B still passes on 21 (its capacity).
    expect(f.stages[0]!.arrivalsPerWeek).toBeCloseTo(75.25, 9);
    const back = f.edges.find((e) => e.from === 'c' && e.to === 'a')!;
    expect(back.perWeek).toBeCloseTo(5.25, 9);
    expect(back.share).toBeCloseTo(0.25, 9);
    const s = pathwayDiagramSvg(f);
    expect(s).toContain('5.3/wk · 25%');
    expect(pathwayDiagramSvg(f)).toBe(s);
  });
});
