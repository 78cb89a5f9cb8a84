/**
 * `fixed`: always `value`. A bare number or duration string (`3`, `"36h"`) is this too.
 * @module
 */
import { fixedSampler } from './kernel.js';
import { defineDistribution } from './types.js';

/**
 * Always `value`; no uniform is drawn.
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'fixed', value: '36h' }, 'delay').mean; // 1.5
 * ```
 */
export const fixed = defineDistribution({
  name: 'fixed',
  forms: [{ required: { value: 'duration' }, description: 'Always `value`.' }],
  compile: ({ num }) => fixedSampler(num.value!),
  // A constant service time is the M/D/c queue: its SCV of 0 goes into the approximations.
  treatment: () => 'approximation',
});
