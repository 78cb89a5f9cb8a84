/**
 * Schema parts for shared resource pools and finite places: the scenario's `pools` (named
 * units shared by stages: surgeons, scanners), a stage's `uses` (what it takes from a pool for
 * the whole service time) and its `places` (most patients at the stage at once, waiting and
 * in service together: beds, chairs). Rules across fields (a pool that exists, `serve` naming
 * stages that use the pool) live in `validate-pools.ts`; the run-time rules in `run/flow.ts`.
 * @module
 */
import * as z from 'zod'; // the namespace form lets bundlers drop zod's locales (see schema.ts)
import { NAME_PATTERN } from './scenario-names.js';
import { expecting, positiveInt, reference, strict, text } from './schema-parts.js';

/** `serve` of a pool: first come first served across its stages. @internal */
export const FIRST_COME = 'first-come';

/** One pool: `units` identical units (people, machines), and the order its stages are served in. @internal */
export const Pool = strict(
  {
    units: positiveInt().meta({ description: 'Units in the pool (identical; each serves one patient at a time).' }),
    serve: z
      .union(
        [
          z.literal(FIRST_COME),
          z.array(reference('a stage name'), expecting('a list of stage names, highest priority first')).min(1, expecting('at least one stage name')),
        ],
        { error: 'expected "first-come" or a list of stage names (highest priority first)' },
      )
      .optional()
      .meta({
        description:
          'Which waiting patient a freed unit goes to. A list of the stages that use the pool, highest priority first (stages left out follow in scenario order); ' +
          '"first-come": the patient who joined their stage\'s list earliest (every stage of the pool must then have a fifo queue). Default: the stages in scenario order.',
      }),
    description: text().optional().meta({ description: 'What the pool is, for people reading the scenario.' }),
  },
  'a pool { units, serve?, description? }',
).meta({ description: 'A pool of units shared by stages (surgeons, a scanner).' });

/** Named pools at the scenario level. @internal */
export const Pools = z
  .record(z.string().regex(NAME_PATTERN), Pool, expecting('a map of pool names to { units, ... }'))
  .meta({ description: 'Named pools of units that several stages (and pathways) share.' });

/** A stage's `uses`: units of one pool held for the whole service time. @internal */
export const Uses = strict(
  {
    pool: reference('a pool name').meta({ description: 'The pool (a name under `pools`).' }),
    units: positiveInt().optional().meta({ description: 'Units held for the whole service time (default 1).' }),
  },
  'a pool use { pool, units? }',
).meta({
  description:
    'Units of a pool this stage needs: a patient starts only when the stage has capacity and the pool has the units free; they are held for the service time and returned at its end.',
});

/** A stage's `places`. @internal */
export const Places = positiveInt().meta({
  description:
    'Most patients at this stage at once, waiting and in service (and finished but blocked) together: beds, chairs. ' +
    'A patient finishing upstream whose next stage is full waits where they are, holding their server or slot (blocking); an arrival from outside to a full stage is turned away (rejected).',
});
