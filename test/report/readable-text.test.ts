import { describe, expect, it } from 'vitest';
import { readableNumbers } from '../../src/report/readable-text.js';

describe('readableNumbers', () => {
  it('formats the numbers of the issue and leaves short ones as written', () => {
    expect(readableNumbers('its waiting list grew from 3000 to 33561 (293.9 a week)')).toBe('its waiting list grew from 3,000 to 33,561 (293.9 a week)');
    expect(readableNumbers('its list grows by about 0.7506 a week')).toBe('its list grows by about 0.75 a week');
    expect(readableNumbers('demand is 7.332 a week for 7 completions (utilisation 1.047 once upstream keeps up)')).toBe(
      'demand is 7.3 a week for 7 completions (utilisation 105% once upstream keeps up)',
    );
    expect(readableNumbers('12345.5 patients')).toBe('12,345.5 patients');
  });

  it('leaves dates, ids, versions and percentages alone', () => {
    for (const t of ['from 2026-01-05', 'stage ct2000 and x_1234', 'version 1.2.3', 'at 12:30', 'about 85.25%', 'already 1,234']) {
      expect(readableNumbers(t)).toBe(t);
    }
  });
});
