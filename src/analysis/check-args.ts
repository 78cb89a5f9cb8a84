/**
 * Argument checks shared by the formula modules: a bad argument throws a `ValidationError`
 * naming the argument, the value and what was expected (never a NaN result).
 * @module
 */
import { describeValue, invalid } from '../core/errors.js';

/** A finite number (any sign). @internal */
export function finiteArg(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(name, `expected a finite number, got ${describeValue(value)}`);
  }
  return value;
}

/** A finite number ≥ 0. @internal */
export function nonNegativeArg(name: string, value: unknown): number {
  const v = finiteArg(name, value);
  if (v < 0) throw invalid(name, `expected a number ≥ 0, got ${describeValue(value)}`);
  return v;
}

/** A finite number > 0. @internal */
export function positiveArg(name: string, value: unknown): number {
  const v = finiteArg(name, value);
  if (v <= 0) throw invalid(name, `expected a positive number, got ${describeValue(value)}`);
  return v;
}

/** A positive integer (a number of servers). @internal */
export function positiveIntegerArg(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw invalid(name, `expected a positive integer, got ${describeValue(value)}`);
  }
  return value;
}
