/**
 * Hospital-side losses in the instant answer (rules in src/pathway/losses.ts): DNAs and
 * cancelled slots shrink the capacity that serves patients, and a booking lead time lengthens
 * the wait. No queueing formula covers rebooked DNAs or random slot counts, so the wait of such
 * a stage is left to simulation; only capacity, load and utilisation use the losses.
 * @module
 */
import type { ModelStage } from '../pathway/model.js';
import type { StageWait } from './types.js';

/**
 * The share of a stage's capacity that serves patients who attend: (1 − cancellations) × (1 − DNA share).
 * @internal
 * @example
 * ```ts
 * import { lossFactor } from './losses.js';
 * const st = { losses: { dna: { share: 0.1, rebookAfter: 14, dischargeAfter: 0, clock: 'continue' as const }, cancellations: 0.05, leadTime: 0 } };
 * lossFactor(st); // 0.855 (= 0.95 × 0.9)
 * ```
 */
export function lossFactor(st: Pick<ModelStage, 'losses'>): number {
  const l = st.losses;
  if (!l) return 1;
  return (1 - l.cancellations) * (1 - (l.dna?.share ?? 0));
}

/**
 * The share of the patients reaching a stage who are eventually seen there: 1 − p^k when DNAs
 * (share p) are discharged at the k-th DNA in a row (each visit is missed independently, and a
 * patient is discharged exactly when their first k visits are all missed); 1 otherwise.
 * @internal
 * @example
 * ```ts
 * import { attendShare } from './losses.js';
 * attendShare({ losses: { dna: { share: 0.1, rebookAfter: 14, dischargeAfter: 2, clock: 'continue' as const }, cancellations: 0, leadTime: 0 } }); // 0.99
 * attendShare({}); // 1
 * ```
 */
export function attendShare(st: Pick<ModelStage, 'losses'>): number {
  const dna = st.losses?.dna;
  if (!dna || dna.dischargeAfter <= 0) return 1;
  return 1 - dna.share ** dna.dischargeAfter;
}

/**
 * The wait of a stage with losses: simulate only with DNAs or cancellations; with a lead time
 * alone, the queue's own wait plus the lead time (an approximation, and an upper bound when the
 * list is longer than the lead time's worth of slots).
 * @internal
 * @example
 * ```ts
 * import { withLosses } from './losses.js';
 * const wait = { mean: 2, method: 'slots-chain' as const, exact: true, discipline: 'fifo', exactFor: 'each-patient' as const, note: 'exact' };
 * withLosses({ losses: { dna: null, cancellations: 0, leadTime: 7 } }, wait).mean; // 9
 * ```
 */
export function withLosses(st: Pick<ModelStage, 'losses'>, wait: StageWait): StageWait {
  const l = st.losses;
  if (!l) return wait;
  if (l.dna || l.cancellations > 0) {
    return {
      discipline: wait.discipline,
      mean: null,
      method: 'none',
      exact: false,
      note: 'DNAs or cancelled slots: capacity and utilisation use the effective capacity; simulate for waits',
    };
  }
  if (wait.mean === null) return wait;
  const { exactFor: _exact, byClass: _byClass, ...rest } = wait;
  return { ...rest, mean: wait.mean + l.leadTime, exact: false, note: `${wait.note}; plus the booking lead time of ${l.leadTime} days (approximation: at most this much more)` };
}

/**
 * Notes on the stages with losses, for the analysis's notes.
 * @internal
 * @example
 * ```ts
 * import { lossNotes } from './losses.js';
 * lossNotes([]); // []
 * ```
 */
export function lossNotes(stages: readonly ModelStage[]): string[] {
  const notes: string[] = [];
  for (const st of stages) {
    const l = st.losses;
    if (!l) continue;
    if (l.dna || l.cancellations > 0) {
      const pct = (x: number) => `${Number((x * 100).toPrecision(6))}%`;
      const parts = [l.cancellations > 0 ? `${pct(l.cancellations)} of slots cancelled` : '', l.dna ? `${pct(l.dna.share)} DNAs` : ''].filter((x) => x !== '');
      notes.push(
        `${st.id}: effective capacity = capacity × ${lossFactor(st).toPrecision(4)} (${parts.join(', ')}); ` +
          (l.dna && l.dna.dischargeAfter > 0 ? `a share ${(l.dna.share ** l.dna.dischargeAfter).toPrecision(3)} of its patients is discharged after ${l.dna.dischargeAfter} DNAs in a row, so its load and the flow it sends on are its arrivals × ${attendShare(st).toPrecision(4)}; ` : '') +
          'waits: simulate.',
      );
    }
    if (l.leadTime > 0) notes.push(`${st.id}: a booking lead time of ${l.leadTime} days: nobody is seen sooner; the wait shown adds it (at most).`);
  }
  return notes;
}
