import { CommanderError, InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { exitCodeFor, formatError, UsageError } from '../../src/cli/errors.js';
import { collectList, collectSet, positiveInt, shard, share, sweepValue } from '../../src/cli/options.js';
import { runCli } from '../../src/cli/program.js';

describe('exit codes and error lines', () => {
  it('maps invalid input to 2, help to 0 and anything else to 1', () => {
    expect(exitCodeFor(new ValidationError([{ path: 'a', message: 'bad' }]))).toBe(2);
    expect(exitCodeFor(new UsageError('bad flag'))).toBe(2);
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(2);
    expect(exitCodeFor(new CommanderError(1, 'commander.unknownOption', 'x'))).toBe(2);
    expect(exitCodeFor(new CommanderError(0, 'commander.helpDisplayed', 'x'))).toBe(0);
    expect(exitCodeFor(new TypeError('boom'))).toBe(1);
  });

  it('prints each issue of a validation error on its own line, and the stack only with debug', () => {
    const err = new ValidationError(
      [
        { path: 'stages.a.capacity', message: 'expected a positive integer, got -2' },
        { path: 'arrivals.x.to', message: 'unknown stage "b"' },
      ],
      'invalid scenario',
    );
    expect(formatError(err)).toEqual([
      'carepath: invalid scenario: 2 problems',
      '  stages.a.capacity: expected a positive integer, got -2',
      '  arrivals.x.to: unknown stage "b"',
    ]);
    const crash = formatError(new TypeError('boom'));
    expect(crash[0]).toBe('carepath: boom');
    expect(crash.join('\n')).not.toMatch(/\n\s+at /);
    expect(formatError(new TypeError('boom'), true).join('\n')).toMatch(/\n\s+at /);
  });
});

describe('option parsers', () => {
  it('reject values that are not what the option needs', () => {
    expect(positiveInt('20')).toBe(20);
    for (const bad of ['0', '-3', '1.5', 'abc', '']) expect(() => positiveInt(bad)).toThrow(InvalidArgumentError);
    expect(shard('3/4')).toEqual({ index: 3, count: 4 });
    expect(() => shard('4/4')).toThrow(/0 to 3/);
    expect(() => shard('1-4')).toThrow(InvalidArgumentError);
    expect(share('85%')).toBeCloseTo(0.85, 12);
    expect(() => share('1.2')).toThrow(InvalidArgumentError);
  });

  it('collect repeatable and comma-separated lists', () => {
    expect(collectList('b', collectList('a'))).toEqual(['a', 'b']);
    expect(collectList('a, b')).toEqual(['a', 'b']);
  });

  it('read sweep values as numbers, booleans, JSON or text, splitting only top-level commas', () => {
    expect(collectSet('stages.s.capacity.slots=7,9,11')).toEqual({ 'stages.s.capacity.slots': [7, 9, 11] });
    expect(collectSet('stages.s.capacity=unlimited,{"slots":9,"per":"week"}')).toEqual({
      'stages.s.capacity': ['unlimited', { slots: 9, per: 'week' }],
    });
    expect(sweepValue('true')).toBe(true);
    expect(sweepValue('12w')).toBe('12w');
    expect(sweepValue('-0.5')).toBe(-0.5);
    expect(() => collectSet('nothing')).toThrow(/PATH=/);
    expect(() => collectSet('a=1', collectSet('a=2'))).toThrow(/twice/);
  });
});

describe('runCli in process', () => {
  it('returns the exit code and writes through the given io', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), errIsTTY: false };
    expect(await runCli(['--version'], io)).toBe(0);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+/);
    expect(await runCli(['validate'], io)).toBe(2);
    expect(err.join('')).toMatch(/^carepath: missing required argument 'scenario'/m);
  });
});
