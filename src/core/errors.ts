/**
 * Errors for bad input. Every problem names where it is (`path`), so a planner can find it in
 * the scenario file, and the message shows the value that was given and what was expected.
 * @module
 */

/** One problem with the input: where it is and what is wrong. */
export interface Issue {
  /** Dotted path into the input, e.g. `stages.treatment.capacity.servers`; empty for the root. */
  path: string;
  /** What is wrong, e.g. `expected a positive integer, got -2`. */
  message: string;
}

/**
 * Formats a value for an error message: short, unambiguous (strings quoted).
 * @example
 * ```ts
 * import { describeValue } from 'carepath/kernel';
 * describeValue('3d'); // '"3d"'
 * describeValue(undefined); // 'nothing'
 * describeValue({ slots: 5 }); // '{"slots":5}'
 * ```
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

/**
 * Formats one issue as `path: message`.
 * @example
 * ```ts
 * import { formatIssue } from 'carepath/kernel';
 * formatIssue({ path: 'stages.ct.capacity.servers', message: 'expected a positive integer, got -2' });
 * // 'stages.ct.capacity.servers: expected a positive integer, got -2'
 * ```
 */
export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/**
 * Thrown when input (a scenario, a distribution, an option) is invalid. `issues` lists every
 * problem found, not just the first.
 * @example
 * ```ts
 * import { ValidationError } from 'carepath';
 * import { compileDistribution } from 'carepath/kernel';
 * try { compileDistribution({ dist: 'uniform', min: 5, max: 2 }, 'stages.ct.service'); }
 * catch (e) { if (e instanceof ValidationError) console.log(e.issues); }
 * // [ { path: 'stages.ct.service.max', message: 'expected a value ≥ min (5), got 2' } ]
 * ```
 */
export class ValidationError extends Error {
  /** Every problem found, each with its path and message. */
  readonly issues: Issue[];
  /**
   * Builds the error and its message from the issues.
   * @param issues Every problem found (at least one).
   * @param heading First line of the message when there is more than one problem.
   */
  constructor(issues: Issue[], heading = 'invalid input') {
    super(
      issues.length === 1
        ? formatIssue(issues[0]!)
        : `${heading}: ${issues.length} problems\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`,
    );
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/**
 * Builds a ValidationError for a single problem.
 * @example
 * ```ts
 * import { ValidationError } from 'carepath';
 * import { invalid } from 'carepath/kernel';
 * const e = invalid('stages.ct.capacity.servers', 'expected a positive integer, got -2');
 * e instanceof ValidationError; // true
 * e.message; // 'stages.ct.capacity.servers: expected a positive integer, got -2'
 * ```
 */
export function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }]);
}

/**
 * Extends a dotted path by one step: a field name (`joinPath('stages.ct', 'service')` gives
 * `stages.ct.service`) or an array index (`joinPath('values', 2)` gives `values[2]`). An empty
 * base gives the key alone, so paths never start with a dot.
 * @example
 * ```ts
 * import { joinPath } from 'carepath/kernel';
 * joinPath('stages.ct', 'service'); // 'stages.ct.service'
 * joinPath('values', 2); // 'values[2]'
 * joinPath('', 'stages'); // 'stages'
 * ```
 */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}
