/**
 * The front of a first-come queue, cleared of patients who gave up. A patient who abandons stays
 * on their ring until its front reaches them (nothing removes an entry from the middle), which is
 * fine for serving, since `takeNext` skips them; but a booking lead time judges the front entry
 * before anyone is taken, and judging a patient who gave up let the live patient behind them,
 * who joined later, take a slot inside their lead time.
 * @module
 */
import { ABANDONED, type PatientStore } from '../patients.js';
import type { FifoQueue } from '../queues.js';
import type { GoneRows } from './gone-rows.js';

/**
 * Frees the patients at the front of `fifo` who gave up, so that its front is a patient still
 * waiting (or the ring is empty). `gone` is the run's bitmap of patients who gave up, when it
 * keeps them there (run/gone-rows.ts), else null: their rows say ABANDONED.
 * @internal
 * @example
 * ```ts
 * import { ABANDONED, PatientStore, WAITING } from '../patients.js';
 * import { FifoQueue } from '../queues.js';
 * import { dropAbandonedFront } from './queue-front.js';
 * const store = new PatientStore(0, 8, false, 'sweep', true, true);
 * const ring = new FifoQueue();
 * const [a, b] = [store.allocate(0, 0), store.allocate(0, 0)];
 * store.setState(a, ABANDONED);
 * store.setState(b, WAITING);
 * ring.push(a);
 * ring.push(b);
 * dropAbandonedFront(ring, store, null);
 * ring.peek() === b; // true: a's row is free again
 * ```
 */
export function dropAbandonedFront(fifo: FifoQueue, store: PatientStore, gone: GoneRows | null): void {
  for (;;) {
    const p = fifo.peek();
    if (p < 0) return;
    if (gone !== null) {
      if (!gone.take(p)) return; // take frees a marked row
    } else if (store.state(p) === ABANDONED) store.release(p);
    else return;
    fifo.shift();
  }
}
