/**
 * Schema parts for hospital-side losses at a stage: patients who do not attend (`dna`), slots
 * the hospital cancels (`cancellations`) and the booking lead time (`leadTime`). Which capacity
 * kinds and queues each applies to is a rule across fields, checked in `validate-losses.ts`.
 * @module
 */
import * as z from 'zod'; // the namespace form lets bundlers drop zod's locales (see schema.ts)
import { addIssue, distribution, duration, expecting, positiveInt, strict } from './schema-parts.js';
import { uncertainNumber } from './schema-uncertain.js';

/** A share in [0, 1); may be an uncertain parameter. */
function shareBelowOne(what: string) {
  const e = expecting(`${what} from 0 up to (not including) 1`);
  return uncertainNumber(z.number(e).min(0, e).lt(1, e));
}

const Dna = strict(
  {
    share: shareBelowOne('a share of booked patients who do not attend').meta({
      description: 'Share of patients given a slot (or a server) who do not attend; the slot is used up.',
    }),
    rebookAfter: distribution('Delay before a patient who did not attend rejoins the queue (required unless dischargeAfter is 1).').optional(),
    dischargeAfter: positiveInt()
      .optional()
      .meta({ description: 'Discharge the patient (they leave the pathway; counted as `discharged`) at this many DNAs in a row at the stage (default: never, always rebook).' }),
    clock: z
      .enum(['continue', 'restart'], expecting('"continue" or "restart"'))
      .optional()
      .meta({
        description:
          'RTT clock after a DNA: `continue` (default; the NHS rule after the first appointment) or `restart` from the rebooking (the NHS rule allows a clock to be nullified after a DNA at the first appointment).',
      }),
  },
  'DNAs such as { share: 0.08, rebookAfter: 14d, dischargeAfter: 2 }',
)
  .superRefine((d, ctx) => {
    if (d.dischargeAfter === 1 && d.rebookAfter !== undefined) {
      addIssue(ctx, 'rebookAfter is never used with dischargeAfter: 1 (every patient who does not attend is discharged); remove one', '.rebookAfter');
    }
    if (d.dischargeAfter !== 1 && d.rebookAfter === undefined) {
      addIssue(ctx, 'give rebookAfter (the delay before a patient who did not attend rejoins the queue), or dischargeAfter: 1');
    }
  })
  .meta({ description: 'Patients who do not attend (DNA): rebooked after a delay, or discharged after k DNAs in a row.' });

const Cancellations = strict(
  {
    share: shareBelowOne('a share of slots cancelled').meta({ description: 'Share of each day\'s slots cancelled by the hospital (drawn per slot); the patients stay waiting.' }),
  },
  'cancellations such as { share: 0.05 }',
).meta({ description: 'Slots cancelled by the hospital: lost, counted as `slotsCancelled`.' });

/**
 * The stage fields of hospital-side losses, spread into the stage schema.
 * @internal
 * @example
 * ```ts
 * import { lossFields } from './schema-losses.js';
 * lossFields.leadTime.safeParse('7d').success; // true
 * ```
 */
export const lossFields = {
  dna: Dna.optional(),
  cancellations: Cancellations.optional(),
  leadTime: duration(
    'positive',
    'Booking lead time (slot stages, fifo queue): a slot released on day d goes only to a patient who joined the queue on or before day d − leadTime; if nobody has, the slot is lost.',
  ).optional(),
} as const;
