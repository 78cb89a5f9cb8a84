/**
 * Abandonment deadlines told live by the patient's place in a first-come first-served queue.
 *
 * Why: `deadlines.ts` tells a deadline whose patient was treated meanwhile by a tag per row and
 * then the patient's row, which holds the order the deadline reserved. At national scale the
 * row is cold (the patient joined months ago), the tags are one more array read at random, and
 * the row's 8-byte handle is kept for each of millions of waiting patients. Where every stage
 * with patience serves first come first served, a ring (`FifoQueue`) says all of that exactly
 * and reads nothing per patient: the entry pushed n-th is still on the ring iff n ≥ the number
 * of entries ever shifted off it. Its patient still waits for this deadline, since nothing
 * takes a patient off a ring but `shift` (served in joining order, or discarded at the front
 * after abandoning, when the one deadline of that place has already fired), and a patient who
 * joins again gets a new place. So the row keeps no handle (`PatientStore`, 40-byte compact
 * rows), treatment calls nothing here, and neither the day's check nor compaction reads a row.
 *
 * An entry is (patient, place, reserved order, deadline): 32 bytes, where the place is
 * `n * STAGE_SLOTS + s` (exact: n < 2^38). Since telling live from stale costs no row, a full
 * list is compacted until it is seven eighths live, and grows by a quarter only then: the lists
 * stay close to the live deadlines (each compaction frees an eighth of a list or grows it, so
 * O(1) amortised per deadline).
 * @module
 */
import type { Model } from '../model.js';
import { disciplineEntry } from '../parts/disciplines.js';
import type { FifoQueue } from '../queues.js';
import { DayLists } from './day-lists.js';

/** Multiplier packing a stage into a place (stages are below 2^15: `MAX_STAGES`). @internal */
export const STAGE_SLOTS = 32768;

/** Places a new day list holds (64 entries). */
const FIRST_LENGTH = 256;

/**
 * Per-day lists of (patient, place, reserved order, deadline) for deadlines at or after
 * `horizon`, each told live by its place on its stage's ring: four places per deadline.
 * @internal
 * @example
 * ```ts
 * import { FifoQueue } from '../queues.js';
 * import { QueuedDeadlines, STAGE_SLOTS } from './queued-deadlines.js';
 * const ring = new FifoQueue();
 * const dl = new QueuedDeadlines(30, [ring]);
 * ring.push(7); // patient 7 joins stage 0: the 0-th place
 * dl.add(7, 0 * STAGE_SLOTS + 0, 0, 12.5); // order 0, deadline day 12.5
 * dl.live(dl.list(12)![1]!); // true
 * ring.shift(); // patient 7 is served
 * dl.live(dl.list(12)![1]!); // false
 * ```
 */
export class QueuedDeadlines extends DayLists {
  /**
   * Lists for the days 0 ..< ceil(end) + 1 (deadlines after `end` are never kept).
   * @param rings Each stage's ring (null where a stage has none: no stage with patience).
   */
  constructor(
    end: number,
    private readonly rings: (FifoQueue | null)[],
  ) {
    super(end);
  }

  /** Whether the patient at `place` (`n * STAGE_SLOTS + s`) is still on stage s's ring. */
  live(place: number): boolean {
    const n = Math.floor(place / STAGE_SLOTS); // exact: a power of two
    return n >= this.rings[place - n * STAGE_SLOTS]!.shifted;
  }

  /** Keeps the deadline `at` (horizon ≤ at ≤ end) of patient p at `place`, with the order it reserved. */
  add(p: number, place: number, order: number, at: number): void {
    const d = Math.floor(at);
    let list = this.lists[d] ?? null;
    let k = this.lengths[d]!;
    if (list === null || k + 4 > list.length) {
      if (list !== null) k = this.compact(list, k);
      if (list === null || 8 * k > 7 * list.length) {
        const grown = new Float64Array(list === null ? FIRST_LENGTH : list.length + 4 * Math.ceil(list.length / 16));
        if (list !== null) grown.set(list.subarray(0, k));
        list = this.lists[d] = grown;
      }
    }
    list[k] = p;
    list[k + 1] = place;
    list[k + 2] = order;
    list[k + 3] = at;
    this.lengths[d] = k + 4;
  }

  /** Drops, in place, the entries whose patients have left their ring, keeping the rest in order; returns the places now used. */
  private compact(list: Float64Array, n: number): number {
    let k = 0;
    for (let i = 0; i < n; i += 4) {
      if (!this.live(list[i + 1]!)) continue;
      if (k !== i) {
        list[k] = list[i]!;
        list[k + 1] = list[i + 1]!;
        list[k + 2] = list[i + 2]!;
        list[k + 3] = list[i + 3]!;
      }
      k += 4;
    }
    return k;
  }
}

/**
 * Whether a run can tell every deadline live from the queue: each stage with patience serves
 * first come first served (its queue is a ring, as `run/queueing.ts` decides). Then rows need
 * no abandonment handle.
 * @internal
 * @example
 * ```ts
 * import { resolveScenario } from '../resolve.js';
 * import { parseScenario } from '../scenario.js';
 * import { queuedPatience } from './queued-deadlines.js';
 * const clinic = (queue: 'fifo' | 'priority') =>
 *   resolveScenario(
 *     parseScenario({ version: 1, name: 'clinic', horizon: 10, arrivals: { gp: { to: 'clinic', rate: { perDay: 5 } } },
 *       stages: { clinic: { queue, capacity: { servers: 1 }, patience: { dist: 'fixed', value: 3 } } } }),
 *   );
 * queuedPatience(clinic('fifo')); // true
 * queuedPatience(clinic('priority')); // false
 * ```
 */
export function queuedPatience(model: Model): boolean {
  return model.stages.every((st) => st.patience === null || disciplineEntry(st.queue)?.order === 'arrival');
}
