/**
 * Hospital-side losses at a stage, resolved (which capacity kinds and queues each needs is
 * checked in `validate-losses.ts`; a timetable cannot change a stage's kind): patients who do not attend (DNA), slots the
 * hospital cancels, and the booking lead time. The rules, stated once:
 *
 * - **DNA.** A patient given a slot (or a server) does not attend with probability `share`,
 *   drawn from the patient's own random numbers (stream `dna/<stage>`), so variants pair. The
 *   capacity is used up: the slot is gone; a server stays idle for the service time the patient
 *   would have had. The patient does not start (no `started`, no wait, no clock event), and is
 *   either rebooked (away for `rebookAfter`, then back on the queue as newly joined; counted as
 *   `rebooked`) or, at the `dischargeAfter`-th DNA in a row at the stage, discharged: they leave
 *   the pathway (`discharged`, per stage and in the patient counts). Attending resets the count.
 * - **RTT clock.** `clock: continue` (default): the pathway clock keeps running through a DNA
 *   (the NHS rule for DNAs after the first appointment). `clock: restart`: the pathway clock
 *   restarts when the patient rejoins the queue (the NHS rule lets a DNA at the *first*
 *   appointment nullify the clock; put `restart` on the first-appointment stage). Targets on
 *   the first-presentation clock (`clock: first`) and targets with a `from` event never restart.
 *   While away for rebooking a patient whose clock runs stays on the list (the incomplete-pathway
 *   measure and still-waiting breaches count them); one whose clock restarts is off it until they
 *   rejoin. Both count in `patients.away`.
 *   A discharge stops the clock, as the NHS rules do: the patient leaves the list (so also the
 *   incomplete-pathway measure) and counts as neither met nor breached on clock-stop targets,
 *   except that a true case who leaves undiagnosed is a breach of a true-case target (as for
 *   anyone leaving the pathway).
 * - **Cancellations** (slot phases): each slot released on a day is cancelled with probability
 *   `share` (a stage stream `cancellations/<stage>`), lost and counted as `slotsCancelled`; the
 *   slots that remain are the ones offered (utilisation = used ÷ offered after cancellation).
 * - **Lead time** (stages whose every phase is slots, fifo queue): a slot released on day d goes
 *   only to a patient who joined the queue on or before day d − leadTime. Later joiners wait for
 *   a later day; a slot nobody is eligible for is lost at midnight, like any unused slot.
 * @module
 */
import type { DistributionSpec } from '../core/distributions.js';
import { parseDuration } from '../core/duration.js';
import { joinPath } from '../core/errors.js';
import { cloneJson } from './scenario-json.js';
import type { DrawnStage } from './schema.js';

/** A stage's hospital-side losses (see the module's rules). */
export interface StageLosses {
  /** Patients who do not attend, or null. */
  dna: {
    /** Probability that a patient given capacity does not attend, in [0, 1). */
    share: number;
    /** Delay before rebooking (days), or null when every DNA is discharged. */
    rebookAfter: DistributionSpec | null;
    /** Discharge at this many DNAs in a row at the stage; 0 = never. */
    dischargeAfter: number;
    /** Whether the pathway clock keeps running or restarts at the rebooking. */
    clock: 'continue' | 'restart';
  } | null;
  /** Share of released slots the hospital cancels, in [0, 1); 0 for none. */
  cancellations: number;
  /** Booking lead time in days; 0 for none. */
  leadTime: number;
}

/**
 * The resolved losses of a scenario stage, or undefined when it has none (so a model without
 * them reads exactly as before).
 * @internal
 * @example
 * ```ts
 * import { stageLosses } from './losses.js';
 * const l = stageLosses({ capacity: { slots: 5, per: 'day' }, dna: { share: 0.1, dischargeAfter: 1 } }, 'stages.clinic');
 * l?.dna?.dischargeAfter; // 1
 * ```
 */
export function stageLosses(st: DrawnStage, path: string): StageLosses | undefined {
  if (st.dna === undefined && st.cancellations === undefined && st.leadTime === undefined) return undefined;
  const leadTime = st.leadTime === undefined ? 0 : parseDuration(st.leadTime, joinPath(path, 'leadTime'));
  const d = st.dna;
  return {
    dna:
      d === undefined
        ? null
        : {
            share: d.share,
            rebookAfter: d.rebookAfter === undefined ? null : (cloneJson(d.rebookAfter) as DistributionSpec),
            dischargeAfter: d.dischargeAfter ?? 0,
            clock: d.clock ?? 'continue',
          },
    cancellations: st.cancellations?.share ?? 0,
    leadTime,
  };
}

/** A result field of hospital-side losses: key, unit (a slot is one patient's appointment), label, better direction (as the manifest's). */
export type LossField = readonly [key: string, unit: 'patients', label: string, better: 'lower' | 'neither'];

/**
 * The stage result fields a stage's losses add, in result order (none for a stage without them).
 * @internal
 * @example
 * ```ts
 * import { lossResultFields } from './losses.js';
 * lossResultFields(undefined); // []
 * ```
 */
export function lossResultFields(losses: StageLosses | undefined): LossField[] {
  const out: LossField[] = [];
  if (losses?.dna) {
    out.push(['dna', 'patients', 'did not attend (DNA)', 'lower'], ['rebooked', 'patients', 'rebooked after a DNA', 'neither'], [
      'discharged',
      'patients',
      'discharged after DNAs',
      'lower',
    ]);
  }
  if (losses && losses.cancellations > 0) out.push(['slotsCancelled', 'patients', 'slots cancelled by the hospital', 'lower']);
  return out;
}
