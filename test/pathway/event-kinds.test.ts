import { describe, expect, it } from 'vitest';
import * as events from '../../src/pathway/run/events.js';
import { FIRST_COUNTDOWN, ProgressReports } from '../../src/pathway/run/progress.js';

describe('event kinds', () => {
  it('keeps every kind but abandonment below K_ABANDON_AT, and the kinds distinct', () => {
    // The engine reads any kind at or above K_ABANDON_AT as an abandonment at stage kind − K_ABANDON_AT.
    const kinds = Object.entries(events).filter(([name, v]) => name.startsWith('K_') && name !== 'K_ABANDON_AT' && typeof v === 'number');
    expect(kinds.length).toBeGreaterThanOrEqual(10);
    for (const [name, v] of kinds) expect(v, name).toBeLessThan(events.K_ABANDON_AT);
    expect(new Set(kinds.map(([, v]) => v)).size).toBe(kinds.length);
  });
});

describe('ProgressReports', () => {
  it('passes the warming event silently, then reports the fraction done every 65,536 events', () => {
    const seen: number[] = [];
    const reports = new ProgressReports((f) => seen.push(f), 200);
    expect(reports.next(FIRST_COUNTDOWN, 1)).toBe(65_536 - FIRST_COUNTDOWN); // the next report falls at event 65,536
    expect(seen).toEqual([]);
    expect(reports.next(65_536, 50)).toBe(65_536);
    expect(reports.next(131_072, 200)).toBe(65_536);
    expect(seen).toEqual([0.25, 1]);
    expect(new ProgressReports((f) => seen.push(f), 0).next(65_536, 0)).toBe(65_536);
    expect(seen).toEqual([0.25, 1, 1]); // a zero-length run is done
  });
});
