import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/pathway/load.js';
import { PatientStore } from '../../src/pathway/patients.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { TargetClocks } from '../../src/pathway/run/clocks.js';
import { needsRowTail } from '../../src/pathway/run/row-tail.js';
import { parseScenario } from '../../src/pathway/scenario.js';

describe('patient rows without the tail', () => {
  it('are 16 bytes shorter; first is start; diagnosed and treated read 0 and write nothing', () => {
    const full = new PatientStore(1, 16);
    const short = new PatientStore(1, 16, false);
    expect(full.rowBytes - short.rowBytes).toBe(16);
    expect(short.rowBytes).toBe(64); // 56 fixed + 8 for one `from` clock
    const p = short.allocate(0, 0);
    const q = short.allocate(0, 0);
    short.setKey(p, 11, 22);
    short.setKey(q, 33, 44);
    short.setStart(p, 5);
    expect(short.first(p)).toBe(5);
    short.setFirst(p, -7);
    expect(short.start(p)).toBe(-7);
    short.setDiagnosed(p, -1);
    short.setTreated(p, -1);
    expect([short.diagnosed(p), short.treated(p)]).toEqual([0, 0]);
    // Nothing else in either row moved (the tail's old place is the next row's key).
    expect([short.keyA(p), short.keyB(p), short.keyA(q), short.keyB(q), short.start(q)]).toEqual([11, 22, 33, 44, 0]);
  });

  it('are used only when nothing reads the tail', () => {
    const xray = resolveScenario(
      parseScenario({ version: 1, name: 'x', horizon: 5, arrivals: { gp: { to: 'xray', rate: { perDay: 5 } } }, stages: { xray: { capacity: 'unlimited' } } }),
    );
    expect(needsRowTail(xray, new TargetClocks(xray), undefined)).toBe(false);
    expect(needsRowTail(xray, new TargetClocks(xray), { write: () => {} } as never)).toBe(true); // records read first presentation
    const lung = resolveScenario(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
    expect(needsRowTail(lung, new TargetClocks(lung), undefined)).toBe(true); // conditions
    const england = resolveScenario(loadScenario('examples/scenarios/england-elective.yaml'));
    expect(needsRowTail(england, new TargetClocks(england), undefined)).toBe(false);
  });
});
