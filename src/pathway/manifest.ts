/**
 * The manifest of a result: what its numbers are — stages with their capacity kinds, targets with
 * goal and window, the calendar, and for every metric key its unit, label and which direction is
 * better. Built once from the resolved {@link Model}, so reports, CSV and tables read meaning from
 * here instead of guessing it from key names.
 * @module
 */
import type { Model } from './model.js';
import { lossResultFields } from './losses.js';
import { hasPlaces, manifestPools, PLACES_PATIENT_FIELDS, PLACES_STAGE_FIELDS, POOL_FIELDS, type ManifestPool } from './manifest-pools.js';

export type { ManifestPool } from './manifest-pools.js';

/** Unit of a metric's values. */
export type MetricUnit = 'patients' | 'days' | 'share' | 'patients per day' | 'events' | 'server-days' | 'cost' | 'QALYs';

/** Which direction of change is an improvement for a metric. */
export type BetterDirection = 'lower' | 'higher' | 'neither';

/** What one metric key means. */
export interface MetricInfo {
  /** Unit of the values (`share` is a fraction in [0, 1]). */
  unit: MetricUnit;
  /** Human label, e.g. `surgery: mean wait`. */
  label: string;
  /** Which direction is better, for colouring changes; `neither` when it depends. */
  better: BetterDirection;
}

/** A stage as the manifest describes it. */
export interface ManifestStage {
  /** The stage id. */
  id: string;
  /** Capacity kinds over its phases, in order of first use (one entry unless the capacity changes kind). */
  capacity: ('servers' | 'slots' | 'unlimited')[];
  /** Most patients at the stage at once (`places`); absent when unlimited. */
  places?: number;
  /** The pool the stage takes units from; absent when none. */
  pool?: string;
}

/** A waiting-time standard as the manifest describes it. */
export interface ManifestTarget {
  /** The target id. */
  id: string;
  /** Share of patients that should meet it, in [0, 1]. */
  goal: number;
  /** The window: the clock must stop within this many days. */
  within: number;
  /** The scenario's description of the target (empty when it has none). */
  description: string;
}

/** What a result's numbers mean: carried by every {@link RunResult} and experiment result. */
export interface ResultManifest {
  /** ISO date of day 0. */
  startDate: string;
  /** Days between samples of the time series. */
  sampleEvery: number;
  /** Class names (the implicit one is `default`). */
  classes: string[];
  /** Condition names. */
  conditions: string[];
  /** Stages in scenario order. */
  stages: ManifestStage[];
  /** Targets in scenario order. */
  targets: ManifestTarget[];
  /** Metric key (as in an experiment's `metrics`) → its unit, label and better direction, in result order. */
  metrics: Record<string, MetricInfo>;
  /** Pools shared by stages; absent when the scenario has none. */
  pools?: ManifestPool[];
}

type Field = readonly [key: string, unit: MetricUnit, label: string, better: BetterDirection];

/** The fields of a wait summary; `%` stands for what is waited (`wait`, `time in the pathway`). */
const WAIT: readonly Field[] = [
  ['mean', 'days', 'mean %', 'lower'],
  ['median', 'days', 'median %', 'lower'],
  ['p92', 'days', '92nd percentile %', 'lower'],
  ['max', 'days', 'longest %', 'lower'],
  ['n', 'patients', 'patients counted in the %', 'neither'],
];

const waitFields = (prefix: string, what: string): Field[] => WAIT.map(([k, u, l, b]) => [`${prefix}${k}`, u, l.replace('%', what), b]);

const PATIENT_FIELDS: readonly Field[] = [
  ['arrived', 'patients', 'patients arrived', 'neither'],
  ['initial', 'patients', 'patients waiting at the start', 'neither'],
  ['exited', 'patients', 'patients who left the pathway', 'neither'],
  ['abandoned', 'patients', 'patients who gave up waiting', 'lower'],
  ['inSystem', 'patients', 'patients in the pathway at the end', 'lower'],
  ['waiting', 'patients', 'waiting list at the end (all stages)', 'lower'],
  ['inService', 'patients', 'patients in service at the end', 'neither'],
  ['away', 'patients', 'missed patients not yet back', 'lower'],
];

const STAGE_FIELDS: readonly Field[] = [
  ['entered', 'patients', 'entered', 'neither'],
  ['started', 'patients', 'started', 'neither'],
  ['completed', 'patients', 'completed', 'neither'],
  ['abandoned', 'patients', 'gave up waiting', 'lower'],
  ['waitingAtEnd', 'patients', 'waiting list at the end', 'lower'],
  ...waitFields('wait.', 'wait'),
  ['utilisation', 'share', 'utilisation', 'neither'],
  ['overtime', 'server-days', 'overtime beyond the capacity offered', 'lower'],
  ['meanQueueLength', 'patients', 'mean list length', 'lower'],
  ['throughputPerDay', 'patients per day', 'completions per day', 'neither'],
];

const TARGET_FIELDS: readonly Field[] = [
  ['met', 'patients', 'met', 'higher'],
  ['breached', 'patients', 'breached', 'lower'],
  ['share', 'share', 'share within the standard', 'higher'],
  ['goal', 'share', 'goal', 'neither'],
  ['breachedStillWaiting', 'patients', 'still waiting past the standard', 'lower'],
  ['counted', 'patients', 'patients counted', 'neither'],
];

const CONDITION_FIELDS: readonly Field[] = [
  ['diagnosed', 'patients', 'true cases diagnosed', 'neither'],
  ['undiagnosed', 'patients', 'true cases who left undiagnosed', 'lower'],
  ['undiagnosedInPathway', 'patients', 'true cases undiagnosed in the pathway at the end', 'lower'],
  ...waitFields('diagnosis.', 'time from first presentation to diagnosis'),
  ['diagnosisOver28', 'share', 'true cases not diagnosed within 28 days', 'lower'],
  ['diagnosisOver62', 'share', 'true cases not diagnosed within 62 days', 'lower'],
  ['treated', 'patients', 'true cases treated', 'neither'],
  ['untreated', 'patients', 'true cases who left untreated', 'lower'],
  ['untreatedInPathway', 'patients', 'true cases untreated in the pathway at the end', 'lower'],
  ...waitFields('treatment.', 'time from first presentation to first treatment'),
  ['treatmentOver28', 'share', 'true cases not treated within 28 days', 'lower'],
  ['treatmentOver62', 'share', 'true cases not treated within 62 days', 'lower'],
];

/** Per condition with a progression model; `%` stands for the state id. */
const PROGRESSION_STATE_FIELDS: readonly Field[] = [
  ['atPresentation', 'patients', 'true cases in state % at presentation', 'neither'],
  ['atDiagnosis', 'patients', 'true cases in state % at diagnosis', 'neither'],
  ['atTreatment', 'patients', 'true cases in state % at treatment', 'neither'],
];

const PROGRESSION_FIELDS: readonly Field[] = [
  ['treated', 'patients', 'true cases treated alive', 'neither'],
  ['upstaged', 'patients', 'true cases treated in a later state than at presentation', 'lower'],
  ['deathsWhileWaiting', 'patients', 'deaths while waiting', 'lower'],
  ['qalys', 'QALYs', 'QALYs expected (untreated valued at their state at the end)', 'higher'],
  ['qalysTreated', 'QALYs', 'QALYs of the patients treated', 'higher'],
];

/** Metric keys of `economics` (after `events`, where the run puts it). */
function addEconomics(out: Record<string, MetricInfo>, model: Model): void {
  if (model.economics === undefined && model.progression === undefined) return;
  const currency = model.economics?.currency ?? 'GBP';
  out['economics.cost'] = { unit: 'cost', label: `total cost (${currency})`, better: 'lower' };
  out['economics.costPerPatient'] = { unit: 'cost', label: `cost per patient (${currency})`, better: 'lower' };
  for (const c of model.economics?.costs ?? []) out[`economics.costs.${c.id}`] = { unit: 'cost', label: `cost: ${c.id} (${currency})`, better: 'lower' };
  out['economics.qalys'] = { unit: 'QALYs', label: 'QALYs expected (untreated valued at their state at the end)', better: 'higher' };
  out['economics.deathsWhileWaiting'] = { unit: 'patients', label: 'deaths while waiting', better: 'lower' };
  out['economics.upstaged'] = { unit: 'patients', label: 'patients upstaged while waiting', better: 'lower' };
  for (const p of model.progression ?? []) {
    const name = model.conditions[p.condition]!;
    const prefix = `economics.conditions.${name}`;
    const byState = (fields: readonly Field[]) => {
      for (const [key, unit, label, better] of fields) {
        for (const st of p.states) out[`${prefix}.${key}.${st}`] = { unit, label: `${name}: ${label.replace('%', st)}`, better };
      }
    };
    byState(PROGRESSION_STATE_FIELDS);
    add(out, prefix, `${name}: `, PROGRESSION_FIELDS);
    byState([['waitingAtEnd', 'patients', 'true cases untreated at the end in state %', 'lower']]);
  }
}

const GROUP_STAGE_FIELDS: readonly Field[] = [
  ['started', 'patients', 'started', 'neither'],
  ['waitMean', 'days', 'mean wait', 'lower'],
  ['abandoned', 'patients', 'gave up waiting', 'lower'],
  ['waitingAtEnd', 'patients', 'waiting list at the end', 'lower'],
];

const GROUP_TARGET_FIELDS: readonly Field[] = [
  ['met', 'patients', 'met', 'higher'],
  ['breached', 'patients', 'breached', 'lower'],
  ['share', 'share', 'share within the standard', 'higher'],
  ['counted', 'patients', 'patients counted', 'neither'],
];

/** Metric keys of one stage's or target's breakdown by class and condition. */
function addGroups(out: Record<string, MetricInfo>, model: Model, prefix: string, id: string, fields: readonly Field[]): void {
  for (const k of model.classes) add(out, `${prefix}.byClass.${k}`, `${id} (${k}): `, fields);
  for (const c of model.conditions) {
    add(out, `${prefix}.byCondition.${c}.has`, `${id} (${c}): `, fields);
    add(out, `${prefix}.byCondition.${c}.hasNot`, `${id} (no ${c}): `, fields);
  }
}

function add(out: Record<string, MetricInfo>, prefix: string, labelPrefix: string, fields: readonly Field[]): void {
  for (const [key, unit, label, better] of fields) out[`${prefix}.${key}`] = { unit, label: `${labelPrefix}${label}`, better };
}

/**
 * The manifest of the results a model produces: the same metric keys, in the same order, as
 * the numeric fields of its `RunResult`.
 * @example
 * ```ts
 * import { loadScenario, resolveScenario } from 'carepath';
 * import { resultManifest } from 'carepath/kernel';
 * const m = resultManifest(resolveScenario(loadScenario('examples/scenarios/mm1.yaml')));
 * m.stages; // [ { id: 'clinic', capacity: [ 'servers' ] } ]
 * m.metrics['stages.clinic.wait.mean']; // { unit: 'days', label: 'clinic: mean wait', better: 'lower' }
 * ```
 */
export function resultManifest(model: Model): ResultManifest {
  const metrics: Record<string, MetricInfo> = {};
  const places = hasPlaces(model);
  add(metrics, 'patients', '', places ? [...PATIENT_FIELDS, ...PLACES_PATIENT_FIELDS] : PATIENT_FIELDS);
  if (model.stages.some((st) => st.losses?.dna)) add(metrics, 'patients', '', [['discharged', 'patients', 'patients discharged after DNAs', 'lower']]);
  for (const st of model.stages) add(metrics, `stages.${st.id}`, `${st.id}: `, [...STAGE_FIELDS, ...(places ? PLACES_STAGE_FIELDS : []), ...lossResultFields(st.losses)]);
  add(metrics, 'timeInSystem', '', waitFields('', 'time in the pathway'));
  for (const t of model.targets) add(metrics, `targets.${t.id}`, `${t.id}: `, TARGET_FIELDS);
  for (const c of model.conditions) add(metrics, `conditions.${c}`, `${c}: `, CONDITION_FIELDS);
  for (const st of model.stages) addGroups(metrics, model, `breakdown.stages.${st.id}`, st.id, GROUP_STAGE_FIELDS);
  for (const t of model.targets) addGroups(metrics, model, `breakdown.targets.${t.id}`, t.id, GROUP_TARGET_FIELDS);
  metrics.events = { unit: 'events', label: 'events simulated', better: 'neither' };
  addEconomics(metrics, model);
  const pools = manifestPools(model);
  for (const p of pools) add(metrics, `pools.${p.id}`, `pool ${p.id}: `, POOL_FIELDS);
  return {
    startDate: model.startDate,
    sampleEvery: model.sampleEvery,
    classes: [...model.classes],
    conditions: [...model.conditions],
    stages: model.stages.map((st) => ({
      id: st.id,
      capacity: [...new Set(st.capacity.map((p) => p.kind))],
      ...(st.places === undefined ? {} : { places: st.places }),
      ...(st.uses === undefined ? {} : { pool: model.pools![st.uses.pool]!.id }),
    })),
    targets: model.targets.map((t) => ({ id: t.id, goal: t.goal, within: t.within, description: t.description })),
    metrics,
    ...(pools.length > 0 ? { pools } : {}),
  };
}

/**
 * One manifest covering several (e.g. the variants of an experiment): the first one's calendar,
 * goals and labels, with the stages, targets, classes, conditions and metrics that only later
 * ones have added after them (a stage's capacity kinds are the union over all).
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { mergeManifests } from 'carepath/kernel';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const base = simulate(scenario);
 * const ai = simulate(scenario, { variant: 'ai-reporting' });
 * const both = mergeManifests([base.manifest, ai.manifest]);
 * ```
 */
export function mergeManifests(manifests: readonly ResultManifest[]): ResultManifest | undefined {
  const [first, ...rest] = manifests;
  if (!first) return undefined;
  const out: ResultManifest = {
    ...first,
    classes: [...first.classes],
    conditions: [...first.conditions],
    stages: first.stages.map((s) => ({ ...s, capacity: [...s.capacity] })),
    targets: first.targets.map((t) => ({ ...t })),
    metrics: { ...first.metrics },
    ...(first.pools ? { pools: first.pools.map((p) => ({ ...p, stages: [...p.stages] })) } : {}),
  };
  for (const m of rest) {
    for (const c of m.classes) if (!out.classes.includes(c)) out.classes.push(c);
    for (const c of m.conditions) if (!out.conditions.includes(c)) out.conditions.push(c);
    for (const s of m.stages) {
      const known = out.stages.find((x) => x.id === s.id);
      if (!known) out.stages.push({ ...s, capacity: [...s.capacity] });
      else for (const k of s.capacity) if (!known.capacity.includes(k)) known.capacity.push(k);
    }
    for (const t of m.targets) if (!out.targets.some((x) => x.id === t.id)) out.targets.push({ ...t });
    for (const p of m.pools ?? []) if (!out.pools?.some((x) => x.id === p.id)) (out.pools ??= []).push({ ...p, stages: [...p.stages] });
    for (const [key, info] of Object.entries(m.metrics)) if (!Object.prototype.hasOwnProperty.call(out.metrics, key)) out.metrics[key] = info;
  }
  return out;
}
