/**
 * Rules for hospital-side losses (see `losses.ts`) that relate a stage's `dna`, `cancellations`
 * and `leadTime` to its capacity and queue. Shapes are the schema's job; this reads the raw
 * scenario and skips what the schema already refuses.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { isObject, joinPath, keysOf, own } from './scenario-json.js';

/** The capacity kinds a raw `capacity` value uses (empty when it is malformed). */
function capacityKinds(cap: unknown): Set<string> {
  const kinds = new Set<string>();
  const one = (c: unknown) => {
    if (typeof c === 'number') kinds.add('servers');
    else if (c === 'unlimited') kinds.add('unlimited');
    else if (isObject(c)) {
      for (const k of ['servers', 'slots', 'unlimited']) if (own(c, k) !== undefined && own(c, k) !== null) kinds.add(k);
    }
  };
  if (Array.isArray(cap)) cap.forEach(one);
  else one(cap);
  return kinds;
}

/**
 * Errors for losses on stages where they cannot apply: DNAs at a delay, cancellations without
 * slots, a lead time without slots all the time or without a fifo queue.
 * @internal
 * @example
 * ```ts
 * import { checkLosses } from './validate-losses.js';
 * checkLosses({ stages: { scan: { capacity: 2, cancellations: { share: 0.05 } } } })[0]?.path; // 'stages.scan.cancellations'
 * ```
 */
export function checkLosses(scenario: unknown): Issue[] {
  const issues: Issue[] = [];
  const stages = own(scenario, 'stages');
  for (const id of keysOf(stages)) {
    const st = own(stages, id);
    if (!isObject(st)) continue;
    const path = joinPath('stages', id);
    const kinds = capacityKinds(own(st, 'capacity'));
    if (kinds.size === 0) continue;
    const named = [...kinds].join(' and ');
    if (own(st, 'dna') !== undefined && kinds.size === 1 && kinds.has('unlimited')) {
      issues.push({ path: joinPath(path, 'dna'), message: 'DNAs need servers or slots, but this stage is unlimited (a delay, with no appointment to miss)' });
    }
    if (own(st, 'cancellations') !== undefined && !kinds.has('slots')) {
      issues.push({
        path: joinPath(path, 'cancellations'),
        message: `cancellations apply to slots, but this stage has ${named} (for servers, close days with the calendar or use sessions)`,
      });
    }
    if (own(st, 'leadTime') !== undefined) {
      if (kinds.size !== 1 || !kinds.has('slots')) {
        issues.push({ path: joinPath(path, 'leadTime'), message: `a booking lead time needs slots all the time, but this stage has ${named}` });
      }
      const queue = own(st, 'queue');
      if (queue !== undefined && queue !== 'fifo') {
        issues.push({ path: joinPath(path, 'leadTime'), message: `a booking lead time needs queue: fifo (the first patient on the queue is the longest booked), got queue: ${JSON.stringify(queue)}` });
      }
    }
  }
  return issues;
}
