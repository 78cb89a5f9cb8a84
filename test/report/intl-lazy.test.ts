/**
 * The report's Intl formatters are built on first use (src/report/intl.ts): building them loads
 * ICU's locale data, which cost importing carepath about 15–25 ms. Importing the package must
 * build none; formatting a number builds one (the check that the count can see them).
 */
import { describe, expect, it } from 'vitest';

describe('Intl formatters', () => {
  it('are not built by importing carepath, only when something is formatted', async () => {
    const built: string[] = [];
    const { NumberFormat, DateTimeFormat } = Intl;
    const counting = <T extends new (...a: never[]) => object>(C: T, name: string): T =>
      new Proxy(C, {
        construct(target, args, newTarget) {
          built.push(name);
          return Reflect.construct(target, args, newTarget) as object;
        },
      });
    Intl.NumberFormat = counting(NumberFormat, 'NumberFormat');
    Intl.DateTimeFormat = counting(DateTimeFormat, 'DateTimeFormat');
    try {
      const carepath = await import('../../src/index.js');
      const report = await import('../../src/api/report.js');
      expect(typeof carepath.simulate).toBe('function');
      expect(built).toEqual([]);
      expect(report.formatNumber(12345.6)).toBe('12,346');
      expect(report.formatNumber(1.23456)).toBe('1.23');
      expect(report.formatNumber(54321)).toBe('54,321'); // the whole-number formatter, reused
      expect(built).toEqual(['NumberFormat', 'NumberFormat']);
    } finally {
      Intl.NumberFormat = NumberFormat;
      Intl.DateTimeFormat = DateTimeFormat;
    }
  });
});
