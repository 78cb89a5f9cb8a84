/** `analyse` on the reference scenarios (examples/scenarios, copies of ../shared/scenarios), resolved by the pathway layer. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse, analyseAt, analyseVariants, weekPassing } from '../../src/analysis/analyse.js';
import { loadScenario } from '../../src/pathway/load.js';
import { resolveScenario } from '../../src/pathway/resolve.js';

const dir = new URL('../../examples/scenarios/', import.meta.url);
const load = (name: string) => loadScenario(fileURLToPath(new URL(name, dir)));

describe('mm1.yaml and tandem.yaml: the values in their comments', () => {
  it('mm1: ρ = 0.9, Wq = 9 days, exact', () => {
    const a = analyse(load('mm1.yaml'));
    expect(a.stages.clinic!.utilisation).toBeCloseTo(0.9, 12);
    expect(a.stages.clinic!.wait).toMatchObject({ method: 'erlang-c', exact: true });
    expect(a.stages.clinic!.wait.mean).toBeCloseTo(9, 10);
  });

  it('tandem: diagnosis ρ 0.833, Wq 0.3511 d; treatment λ 6/day, ρ 0.9, Wq 1.2789 d', () => {
    const a = analyse(load('tandem.yaml'));
    expect(a.stages.diagnosis!.utilisation).toBeCloseTo(0.8333, 4);
    expect(a.stages.diagnosis!.wait.mean).toBeCloseTo(0.3511, 4);
    expect(a.stages.treatment!.arrivalRate).toBeCloseTo(6, 10);
    expect(a.stages.treatment!.utilisation).toBeCloseTo(0.9, 10);
    expect(a.stages.treatment!.wait.mean).toBeCloseTo(1.2789, 4);
    expect(a.bottleneck).toBeNull();
  });
});

describe('lung-cancer-ai.yaml: relieve diagnosis and the surplus queues at treatment', () => {
  const scenario = load('lung-cancer-ai.yaml');

  it('base: reporting cannot keep up (2,100 X-rays a week for 1,800 slots): the bottleneck', () => {
    const a = analyse(scenario);
    expect(a.variant).toBe('base');
    expect(a.bottleneck).toBe('reporting');
    expect(a.stages.reporting!.utilisation).toBeCloseTo(2100 / 1800, 10);
    expect(a.stages.reporting!.growthPerWeek).toBeCloseTo(300, 8);
    // Reporting passes on 1,800 a week; positives: 1.4% × 75% + 98.6% × 5%; missed returns:
    // half of the 1.4% × 25% false negatives come back to CT.
    const toCt = 1800 * (0.014 * 0.75 + 0.986 * 0.05 + 0.014 * 0.25 * 0.5);
    expect(a.stages.ct!.arrivalRate * 7).toBeCloseTo(toCt, 8);
    // Surgery would be over capacity if reporting kept up: a hidden bottleneck.
    const cancerToCt = 2100 * 0.014 * (0.75 + 0.25 * 0.5);
    expect(a.stages.surgery!.demandRate * 7).toBeCloseTo(cancerToCt * 0.95 * 0.3, 8);
    expect(a.stages.surgery!.stable).toBe(true);
    expect(a.hiddenBottlenecks).toEqual(['surgery']);
    expect(weekPassing(a, 'reporting', 6000)).toBe(10); // 3,000 waiting, +300 a week
  });

  it('ai-reporting: reporting keeps up, and surgery becomes the bottleneck', () => {
    const a = analyse(scenario, { variant: 'ai-reporting' });
    expect(a.stages.reporting!.stable).toBe(true);
    expect(a.bottleneck).toBe('surgery');
    const cancerToCt = 2100 * 0.014 * (0.85 + 0.15 * 0.5);
    expect(a.stages.surgery!.arrivalRate * 7).toBeCloseTo(cancerToCt * 0.95 * 0.3, 8);
    expect(a.stages.surgery!.growthPerWeek).toBeCloseTo(cancerToCt * 0.95 * 0.3 - 7, 8);
    expect(a.stages.radiotherapy!.stable).toBe(true);
    expect(a.stages.sact!.stable).toBe(true);
  });

  it('ai-reporting-and-treatment: every stage is stable', () => {
    const a = analyse(scenario, { variant: 'ai-reporting-and-treatment' });
    expect(a.bottleneck).toBeNull();
    expect(a.hiddenBottlenecks).toEqual([]);
    for (const st of Object.values(a.stages)) expect(st.stable).toBe(true);
  });

  it('analyseVariants: the bottleneck moves from reporting to surgery, then disappears', () => {
    const all = analyseVariants(scenario);
    expect(Object.keys(all)).toEqual(['base', 'ai-reporting', 'ai-reporting-and-treatment', 'ai-lower-sensitivity']);
    expect(Object.values(all).map((a) => a.bottleneck).slice(0, 3)).toEqual(['reporting', 'surgery', null]);
  });

  it('ai-lower-sensitivity: fewer cancers found, so less reaches surgery than with ai-reporting', () => {
    const low = analyse(scenario, { variant: 'ai-lower-sensitivity' });
    const ai = analyse(scenario, { variant: 'ai-reporting' });
    expect(low.stages.reporting!.stable).toBe(true);
    // The X-ray finds 0.65 rather than 0.85 of cancers; the rest reach CT only through missed returns.
    expect(low.stages.surgery!.arrivalRate).toBeLessThan(ai.stages.surgery!.arrivalRate);
    expect(low.stages.surgery!.arrivalRate).toBeGreaterThan(0);
  });

  it('a resolved model is accepted directly, and a mismatched variant is refused', () => {
    const model = resolveScenario(scenario, 'ai-reporting');
    expect(analyse(model).bottleneck).toBe('surgery');
    expect(() => analyse(model, { variant: 'base' })).toThrow(/variant: the model was resolved for variant "ai-reporting"/);
  });

  it('staging is a delay and the slot stages have no wait formula', () => {
    const a = analyse(scenario);
    expect(a.stages.staging!.capacityRate).toBe(Infinity);
    expect(a.stages.staging!.wait.note).toBe('a delay, no queue');
    expect(a.stages.reporting!.wait.method).toBe('none');
  });
});

describe('england-elective.yaml', () => {
  it('outpatients cannot keep up; abandonment settles the list below today’s 5.5 million', () => {
    const a = analyse(load('england-elective.yaml'));
    const op = a.stages.outpatients!;
    expect(a.bottleneck).toBe('outpatients');
    expect(op.growthPerWeek).toBeCloseTo(10000, 6);
    expect(op.listSettlesAt).toBeCloseTo((10000 / 7) * 900, 4);
    expect(op.initialWaiting).toBe(5_500_000);
    expect(weekPassing(a, 'outpatients', 6_000_000)).toBeNull();
    // Admitted gets a quarter of what outpatients completes.
    expect(a.stages.admitted!.arrivalRate * 7).toBeCloseTo(0.25 * 405000, 6);
    expect(analyseAt(load('england-elective.yaml'), 100).day).toBe(100);
  });
});
