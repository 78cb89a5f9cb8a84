/**
 * The calendar: built-in bank holidays against GOV.UK's published dates, dates in `from`,
 * closed days, slots per weekday and sessions, each against a hand count.
 */
import { describe, expect, it } from 'vitest';
import { easterSunday, englandAndWalesBankHolidays, ENGLAND_AND_WALES } from '../../src/pathway/bank-holidays.js';
import { expandCalendar, SESSION_EARLY } from '../../src/pathway/calendar.js';
import { parseScenario, resolveScenario, simulate } from '../../src/index.js';

// Copied from https://www.gov.uk/bank-holidays (England and Wales), not computed.
const GOV_UK: Record<number, string[]> = {
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
};

describe('bank holidays', () => {
  it('Easter by the Anonymous Gregorian algorithm matches the published dates', () => {
    expect([2024, 2025, 2026].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05']);
  });
  it('2024–2026 equal GOV.UK’s list; 2024–2030 hold eight a year on weekdays', () => {
    for (const y of [2024, 2025, 2026]) expect(englandAndWalesBankHolidays(y)).toEqual(GOV_UK[y]);
    expect(ENGLAND_AND_WALES).toHaveLength(56);
    for (const d of ENGLAND_AND_WALES) expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(new Set(ENGLAND_AND_WALES).size).toBe(56);
  });
});

const base = {
  version: 1 as const,
  name: 'calendar',
  seed: 3,
  arrivals: { gp: { to: 'clinic', rate: { perDay: 0 } } },
};

describe('closed days and slots per weekday', () => {
  it('10 slots a weekday over a fortnight with one bank holiday release exactly 90', () => {
    // 2024-05-20 is a Monday; 2024-05-27 is the spring bank holiday.
    const s = parseScenario({
      ...base,
      startDate: '2024-05-20',
      horizon: '14d',
      calendar: {},
      initial: { clinic: { count: 500 } },
      stages: { clinic: { capacity: { slots: { mon: 10, tue: 10, wed: 10, thu: 10, fri: 10 } } } },
    });
    const r = simulate(s);
    expect(r.stages.clinic!.started).toBe(90);
    expect(r.stages.clinic!.utilisation).toBe(1);
    // Opting out, or no calendar: 100.
    const open = simulate(parseScenario({ ...s, stages: { clinic: { ...s.stages.clinic!, calendar: 'none' } } }));
    expect(open.stages.clinic!.started).toBe(100);
    const { calendar: _, ...noCalendar } = s;
    expect(simulate(parseScenario(noCalendar)).stages.clinic!.started).toBe(100);
  });

  it('closures add to bank holidays, or replace them with bankHolidays: none', () => {
    const mk = (calendar: object) =>
      simulate(
        parseScenario({
          ...base,
          startDate: '2024-05-20',
          horizon: '14d',
          calendar,
          initial: { clinic: { count: 500 } },
          stages: { clinic: { capacity: { slots: 3, per: 'day' } } },
        }),
      ).stages.clinic!.started;
    expect(mk({ closures: ['2024-05-21', '2024-05-22'] })).toBe(3 * 11);
    expect(mk({ bankHolidays: 'none', closures: ['2024-05-21'] })).toBe(3 * 13);
  });

  it('a date in `from` counts from startDate', () => {
    const m = resolveScenario(
      parseScenario({
        ...base,
        startDate: '2025-01-06',
        horizon: '10w',
        stages: { clinic: { capacity: [{ from: '2025-01-06', servers: 1 }, { from: '2025-02-03', servers: 3 }] } },
      }),
    );
    expect(m.stages[0]!.capacity.map((p) => p.from)).toEqual([0, 28]);
    expect(() =>
      resolveScenario(
        parseScenario({ ...base, startDate: '2025-01-06', horizon: '10w', stages: { clinic: { capacity: [{ from: 0, servers: 1 }, { from: '2025-01-01', servers: 3 }] } } }),
      ),
    ).toThrow(/stages\.clinic\.capacity\[1\]\.from.*on or after startDate \(2025-01-06\), got "2025-01-01"/);
  });
});

describe('sessions', () => {
  it('09:00–17:00 on weekdays with a 1-hour service start exactly 8 patients a day', () => {
    const r = simulate(
      parseScenario({
        ...base,
        startDate: '2025-01-06',
        horizon: '14d',
        initial: { clinic: { count: 1000 } },
        stages: {
          clinic: {
            capacity: 1,
            service: '1h',
            sessions: { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' },
          },
        },
      }),
    );
    expect(r.stages.clinic!.started).toBe(80);
    // Closing SESSION_EARLY early: the last patient of each of the 10 sessions works that long over.
    expect(r.stages.clinic!.overtime).toBeLessThan(10 * SESSION_EARLY + 1e-12);
    expect(r.stages.clinic!.utilisation).toBeCloseTo(1, 9);
  });

  it('a 1.5-hour service starting at 16:59 finishes after closing: overtime 89 minutes (in server-days)', () => {
    const r = simulate(
      parseScenario({
        ...base,
        startDate: '2025-01-06',
        horizon: '2d',
        initial: { travel: { count: 1 } },
        stages: {
          travel: { capacity: 'unlimited', service: '1019min', next: [{ to: 'clinic' }] },
          clinic: { capacity: 1, service: '90min', sessions: { mon: '09:00-17:00' } },
        },
      }),
    );
    expect(r.stages.clinic!.started).toBe(1);
    expect(r.stages.clinic!.overtime).toBeCloseTo(89 / 1440, 9);
  });

  it('expands a two-year daily-session stage into one phase per opening and closing', () => {
    const none = { closed: new Set<number>(), byDate: new Map<number, number>(), byWeekday: [-1, -1, -1, -1, -1, -1, -1] };
    const open: [number, number] = [0.375, 0.75];
    const phases = expandCalendar([{ from: 0, kind: 'servers', servers: 2 }], { ...none, sessions: [open, open, open, open, open, open, open] }, 0, 730);
    expect(phases).toHaveLength(1 + 2 * 730);
    expect(phases.slice(0, 3)).toEqual([
      { from: 0, kind: 'servers', servers: 0 },
      { from: 0.375, kind: 'servers', servers: 2 },
      { from: 0.75 - SESSION_EARLY, kind: 'servers', servers: 0 },
    ]);
  });
});

describe('goal-seeking reads slots per weekday', () => {
  it('as their weekly total, and writes a weekly number over the same weekdays', async () => {
    const { entryCapacity, withEntryCapacity } = await import('../../src/pathway/capacity.js');
    expect(entryCapacity({ slots: { mon: 12, wed: 6 } })).toEqual({ kind: 'slots', value: 18 });
    expect(withEntryCapacity({ slots: { mon: 12, wed: 6 } }, 20)).toEqual({ slots: 20, per: 'week', days: ['mon', 'wed'] });
  });
});
