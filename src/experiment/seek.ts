/**
 * `seekCapacity`: the smallest capacity at a stage that meets a waiting-time standard with a
 * stated confidence — "how many surgery slots a week does the AI roll-out need?".
 * @module
 */
import { describeValue, invalid } from '../core/errors.js';
import { capacityEntries, entryCapacity, withCapacity, type SeekableKind } from '../pathway/capacity.js';
import { cloneJson } from '../pathway/scenario-json.js';
import { didYouMean, listNames } from '../pathway/scenario-names.js';
import { parseScenario, type Scenario, type ScenarioInput } from '../pathway/scenario.js';
import { applyVariant } from '../pathway/variants.js';
import { growthSamples, leaversOf, MIN_GROWTH_SAMPLES, upperBound } from './leavers.js';
import { type Executor, WorkerPool } from './pool.js';
import { DEFAULT_REPLICATIONS, resolveWorkers, runExperimentWith } from './run.js';
import { refuseWarnings } from './scenario-paths.js';
import { lowerBound } from './stats.js';
import type { SeekEvaluation, SeekOptions, SeekResult } from './types.js';

type Json = Record<string, unknown>;
type Kind = SeekableKind;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A stage's capacity as goal-seeking sees it: servers, or slots per week. For a list of phases
 * every limited phase takes the same new capacity and `current` is the largest phase's.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { stageCapacity } from 'carepath/analysis';
 * stageCapacity(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), 'surgery'); // { kind: 'slots', current: 7 }
 * ```
 */
export function stageCapacity(scenario: Scenario, stage: string): { kind: Kind; current: number } {
  const stages = (scenario as Json).stages as Json | undefined;
  if (!isObject(stages) || !Object.prototype.hasOwnProperty.call(stages, stage)) {
    const known = isObject(stages) ? Object.keys(stages) : [];
    throw invalid('stage', `unknown stage ${describeValue(stage)}${didYouMean(stage, known)}; the stages are ${listNames(known)}`);
  }
  const found = capacityEntries((stages[stage] as Json).capacity)
    .map(entryCapacity)
    .filter((e): e is { kind: Kind; value: number } => e !== null);
  if (found.length === 0) throw invalid(`stages.${stage}.capacity`, 'is unlimited: there is no capacity to seek');
  const kinds = new Set(found.map((f) => f.kind));
  if (kinds.size > 1) throw invalid(`stages.${stage}.capacity`, 'mixes servers and slots across phases: goal-seeking needs one kind');
  return { kind: found[0]!.kind, current: Math.max(...found.map((f) => f.value)) };
}

/**
 * The scenario with a stage's capacity set to `capacity`: `servers` for server stages; for slot
 * stages `slots` per week (a `per: day` capacity becomes `per: week` with the same days, spread as
 * evenly as possible); every limited phase of a phase list is changed, unlimited phases are kept.
 * The result is re-validated.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { withStageCapacity } from 'carepath/analysis';
 * const more = withStageCapacity(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), 'surgery', 9);
 * more.stages.surgery.capacity; // { slots: 9, per: 'week', days: ['mon', 'wed', 'fri'] }
 * ```
 */
export function withStageCapacity(scenario: Scenario, stage: string, capacity: number): Scenario {
  stageCapacity(scenario, stage);
  const copy = cloneJson(scenario) as Json; // keeps sampler objects (structuredClone cannot)
  const st = (copy.stages as Json)[stage] as Json;
  st.capacity = withCapacity(st.capacity, capacity);
  return parseScenario(copy as ScenarioInput);
}

/**
 * Finds the smallest capacity (servers, or slots per week) at `stage` for which the share of
 * `target` meets its goal with one-sided confidence `confidence` (default 0.95): the lower bound
 * mean − t(confidence, n−1)·sd/√n over `replications` replications must be ≥ the goal
 * (`confidence: 0.5` compares the mean). The variant is applied first and the capacity patched
 * in the result; every capacity reuses the same seed and replication indices (common random
 * numbers), so the share moves with the capacity, not with luck.
 *
 * Search: evaluate the current capacity; if it misses the goal, double until it is met (or
 * `max`); if it meets it, halve until it fails (or `min`); then bisect on integers between the
 * last failing and the first passing capacity. This assumes the share does not fall when
 * capacity rises. When even `max` misses the goal, `met` is false and `capacity` is `max`. A
 * scenario with validation warnings is refused unless `allowWarnings` is set.
 *
 * A capacity can meet the goal while patients leave untreated (with `patience`, an overloaded
 * list sheds patients instead of growing, and those served may still be quick): every
 * evaluation, and the result, state the leavers and those still waiting at the end
 * (`leavers`, see {@link leaversOf}). `maxLeft` (the share who leave untreated) and `noGrowth`
 * (the stage's list does not grow) add constraints that the capacity must also meet, with the
 * same confidence; both fall as capacity rises, so the search stays a bisection.
 * @example
 * ```ts
 * import { loadScenario, seekCapacity } from 'carepath';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const s = await seekCapacity(scenario, { stage: 'surgery', target: 'treatment-31d', variant: 'ai-reporting', replications: 3, workers: 1 });
 * console.log(`${s.capacity} ${s.unit} give ${s.share.mean} (goal ${s.goal})`);
 * ```
 */
export async function seekCapacity(scenario: Scenario, options: SeekOptions): Promise<SeekResult> {
  const variant = options.variant ?? 'base';
  const patched = applyVariant(scenario, variant);
  const { kind, current } = stageCapacity(patched, options.stage);
  if (!options.allowWarnings) refuseWarnings(patched, variant === 'base' ? '' : `variant ${variant}`);
  const targets = (patched as Json).targets;
  if (!isObject(targets) || !Object.prototype.hasOwnProperty.call(targets, options.target) || !isObject(targets[options.target])) {
    const known = isObject(targets) ? Object.keys(targets) : [];
    throw invalid('target', `unknown target ${describeValue(options.target)}${didYouMean(options.target, known)}; the targets are ${listNames(known)}`);
  }
  const goal = options.goal ?? (targets[options.target] as Json).goal;
  if (typeof goal !== 'number' || !(goal >= 0 && goal <= 1)) throw invalid('goal', `expected a share between 0 and 1, got ${describeValue(goal)}`);
  const confidence = options.confidence ?? 0.95;
  if (!(confidence >= 0.5 && confidence < 1)) throw invalid('confidence', `expected a number from 0.5 (compare the mean) to below 1, got ${describeValue(confidence)}`);
  const min = options.min ?? 1;
  if (!(Number.isInteger(min) && min >= (kind === 'servers' ? 1 : 0))) {
    throw invalid('min', `expected an integer of at least ${kind === 'servers' ? 1 : 0}, got ${describeValue(options.min)}`);
  }
  const max = options.max ?? Math.max(100, 100 * current);
  if (!(Number.isInteger(max) && max >= min)) throw invalid('max', `expected an integer of at least min (${min}), got ${describeValue(options.max)}`);
  const replications = options.replications ?? DEFAULT_REPLICATIONS;
  const seed = options.seed ?? (typeof (scenario as Json).seed === 'number' ? ((scenario as Json).seed as number) : undefined);
  const metric = `targets.${options.target}.share`;
  const { maxLeft, noGrowth } = options;
  if (maxLeft !== undefined && !(typeof maxLeft === 'number' && maxLeft >= 0 && maxLeft <= 1)) {
    throw invalid('maxLeft', `expected a share between 0 and 1 (0.05: no more than 5% leave untreated), got ${describeValue(maxLeft)}`);
  }
  if (noGrowth !== undefined && typeof noGrowth !== 'boolean') throw invalid('noGrowth', `expected true or false, got ${describeValue(noGrowth)}`);
  const constraints = { ...(maxLeft !== undefined ? { maxLeft } : {}), ...(noGrowth ? { noGrowth } : {}) };

  const workers = resolveWorkers(options, patched);
  const pool: Executor | undefined = workers > 1 ? new WorkerPool(workers) : undefined;
  const evaluations: SeekEvaluation[] = [];
  const cache = new Map<number, SeekEvaluation>();
  const evaluate = async (capacity: number): Promise<SeekEvaluation> => {
    const known = cache.get(capacity);
    if (known) return known;
    const result = await runExperimentWith(
      withStageCapacity(patched, options.stage, capacity),
      {
        replications,
        variants: [],
        workers,
        ...(seed !== undefined ? { seed } : {}),
        ...(options.simulate ? { simulate: options.simulate } : {}),
        ...(options.simulateModule ? { simulateModule: options.simulateModule } : {}),
      },
      pool,
    );
    const share = result.variants.base!.metrics[metric];
    if (!share) throw invalid('target', `the runs report no ${metric}`);
    const lower = lowerBound(share, confidence);
    const runs = result.variants.base!.replications;
    if (noGrowth && growthSamples(runs[0]!) < MIN_GROWTH_SAMPLES) {
      throw invalid('noGrowth', `needs at least ${MIN_GROWTH_SAMPLES} samples of the list in the second half of the measured period, the runs have ${growthSamples(runs[0]!)}: lower sampleEvery or lengthen the horizon`);
    }
    const leavers = leaversOf(runs);
    const leftUpper = maxLeft === undefined ? undefined : upperBound(leavers.leftShare, confidence);
    const growth = leavers.stages[options.stage]?.growthPerWeek;
    const growthLower = noGrowth && growth ? lowerBound(growth, confidence) : undefined;
    const met = lower >= goal && (leftUpper === undefined || leftUpper <= maxLeft!) && (growthLower === undefined || growthLower <= 0);
    const e: SeekEvaluation = {
      capacity,
      share,
      lower,
      met,
      leavers,
      ...(leftUpper !== undefined ? { leftUpper } : {}),
      ...(growthLower !== undefined ? { growthLower } : {}),
    };
    cache.set(capacity, e);
    evaluations.push(e);
    options.onEvaluation?.(e);
    return e;
  };

  try {
    const start = Math.min(max, Math.max(min, current));
    let lo: number; // largest capacity known to miss the goal (min − 1 when none is known)
    let hi: number; // smallest capacity known to meet it
    if ((await evaluate(start)).met) {
      hi = start;
      lo = min - 1;
      let c = Math.floor(start / 2);
      while (c >= min) {
        if ((await evaluate(c)).met) {
          hi = c;
          c = c === min ? min - 1 : Math.max(min, Math.floor(c / 2));
        } else {
          lo = c;
          break;
        }
      }
    } else {
      lo = start;
      hi = NaN;
      while (lo < max) {
        const c = Math.min(max, Math.max(lo + 1, lo * 2));
        if ((await evaluate(c)).met) {
          hi = c;
          break;
        }
        lo = c;
      }
      if (Number.isNaN(hi)) {
        const last = cache.get(lo)!;
        return { stage: options.stage, target: options.target, variant, unit: unit(kind), capacity: lo, current, goal, confidence, share: last.share, evaluations, met: false, leavers: last.leavers, constraints };
      }
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await evaluate(mid)).met) hi = mid;
      else lo = mid;
    }
    const best = cache.get(hi)!;
    return { stage: options.stage, target: options.target, variant, unit: unit(kind), capacity: hi, current, goal, confidence, share: best.share, evaluations, met: true, leavers: best.leavers, constraints };
  } finally {
    await pool?.close();
  }
}

function unit(kind: Kind): SeekResult['unit'] {
  return kind === 'servers' ? 'servers' : 'slots per week';
}
