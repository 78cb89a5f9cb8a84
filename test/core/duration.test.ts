import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkDuration, DurationSchema, formatDuration, parseDuration } from '../../src/core/duration.js';
import { ValidationError } from '../../src/core/errors.js';

describe('parseDuration', () => {
  it.each([
    [3, 3],
    [0, 0],
    [2.5, 2.5],
    ['15min', 15 / 1440],
    ['90 min', 90 / 1440],
    ['36h', 1.5],
    ['3d', 3],
    ['2.5d', 2.5],
    ['.5d', 0.5],
    ['6w', 42],
    ['1y', 365],
    ['0d', 0],
    [' 4 h ', 4 / 24],
  ])('reads %j as %d days', (input, days) => {
    expect(parseDuration(input, 'x')).toBeCloseTo(days, 12);
  });

  it.each([
    ['3 days', /got "3 days"/],
    ['3m', /"m" is ambiguous: write "min"/],
    ['3', /add a unit/],
    ['-3d', /cannot be negative/],
    ['', /got ""/],
    ['d', /got "d"/],
    ['1e3d', /got "1e3d"/],
    ['3D', /got "3D"/],
  ])('rejects %j', (input, message) => {
    expect(() => parseDuration(input, 'stages.ct.service.mean')).toThrow(message);
    expect(() => parseDuration(input, 'stages.ct.service.mean')).toThrow(/^stages\.ct\.service\.mean: expected a duration/);
  });

  it('rejects negative and non-finite numbers, naming the path and value', () => {
    expect(() => parseDuration(-3, 'stages.ct.service.mean')).toThrow(
      'stages.ct.service.mean: expected a non-negative duration, got -3',
    );
    expect(() => parseDuration(Number.NaN, 'p')).toThrow(/p: expected a finite non-negative duration, got NaN/);
    expect(() => parseDuration(Infinity, 'p')).toThrow(/got Infinity/);
  });

  it('rejects other types', () => {
    for (const v of [true, null, undefined, {}, [3]]) expect(() => parseDuration(v, 'p')).toThrow(ValidationError);
    expect(() => parseDuration(undefined, 'a.b')).toThrow(/a\.b: expected a duration.*got nothing/);
  });

  it('puts the path in the error’s issues', () => {
    try {
      parseDuration('soon', 'horizon');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues).toEqual([{ path: 'horizon', message: expect.stringContaining('"soon"') }]);
    }
  });

  it('checkDuration lists problems without throwing', () => {
    expect(checkDuration('3d', 'x')).toEqual([]);
    expect(checkDuration('3x', 'x')).toHaveLength(1);
  });
});

describe('formatDuration', () => {
  it.each([
    [15 / 1440, '15min'],
    [1.5, '1.5d'],
    [0.25, '6h'],
    [84, '12w'],
    [730, '2y'],
    [0, '0d'],
  ])('formats %d days as %s', (days, text) => {
    expect(formatDuration(days)).toBe(text);
  });

  it('round-trips through parseDuration (to its three significant digits)', () => {
    for (const days of [0.003, 0.07, 0.9, 5, 33.3, 100, 400, 1000]) {
      const back = parseDuration(formatDuration(days), 'x');
      expect(Math.abs(back - days) / days).toBeLessThan(0.005);
    }
  });
});

describe('DurationSchema', () => {
  it('accepts what parseDuration accepts and reports its message', () => {
    expect(DurationSchema.safeParse('36h').success).toBe(true);
    expect(DurationSchema.safeParse(2).success).toBe(true);
    const r = z.object({ horizon: DurationSchema }).safeParse({ horizon: '3 days' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['horizon']);
    expect(r.error!.issues[0]!.message).toMatch(/expected a duration.*got "3 days"/);
  });

  it('publishes a JSON Schema whose pattern matches the accepted strings', () => {
    const schema = z.toJSONSchema(DurationSchema) as { anyOf: { type: string; pattern?: string }[] };
    const str = schema.anyOf.find((s) => s.type === 'string')!;
    const re = new RegExp(str.pattern!);
    for (const ok of ['15min', '90 min', '2.5d', '1y']) expect(re.test(ok)).toBe(true);
    for (const bad of ['3 days', '3m', '-1d']) expect(re.test(bad)).toBe(false);
    expect(schema.anyOf.find((s) => s.type === 'number')).toMatchObject({ minimum: 0 });
  });
});
