/**
 * `runExperiment`: replications of a scenario's variants, in one thread or on worker threads,
 * optionally a shard of them, resumable from a checkpoint, with the number of replications fixed
 * or chosen by a precision target.
 *
 * Replication r of every variant is seeded by (seed, r), so variants see the same random streams
 * (common random numbers) and any replication can run anywhere: the result depends only on the
 * set of (variant, replication) runs, never on where or in which order they ran.
 * @module
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { describeValue, invalid, type Issue, ValidationError } from '../core/errors.js';
import type { RunResult } from '../pathway/result.js';
import type { Scenario } from '../pathway/scenario.js';
import { BASE_VARIANT, didYouMean, listNames } from '../pathway/scenario-names.js';
import { variantNames as declaredVariants } from '../pathway/variants.js';
import { aggregate, type RunSet } from './aggregate.js';
import { Checkpoint, runKey } from './checkpoint.js';
import { scenarioDigest } from './digest.js';
import { metricValue, runMetrics } from './metrics.js';
import { type Executor, WorkerPool } from './pool.js';
import { summarise, halfWidth95 } from './stats.js';
import { simulate as defaultSimulate } from './simulator.js';
import type { ExperimentOptions, ExperimentResult, PrecisionOutcome, SimulateFn } from './types.js';
import { CAREPATH_VERSION } from './version.js';

/** Default number of replications. */
export const DEFAULT_REPLICATIONS = 10;
/** Default minimum replications of the sequential (precision) procedure. */
export const DEFAULT_PRECISION_MIN = 5;
/** Seed used when neither the options nor the scenario give one (the scenario format's default). */
export const DEFAULT_SEED = 1;

type AnyScenario = { name?: unknown; seed?: unknown; variants?: unknown };

interface Job {
  variant: string;
  replication: number;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Checks the options and lists every problem, each named by its option path. */
function checkOptions(scenario: AnyScenario, o: ExperimentOptions): Issue[] {
  const issues: Issue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message });
  if (o.replications !== undefined && !isPositiveInt(o.replications)) {
    bad('replications', `expected a positive integer, got ${describeValue(o.replications)}`);
  }
  if (o.precision !== undefined) {
    const p = o.precision;
    if (o.replications !== undefined) bad('replications', 'give either replications or precision (whose max bounds the replications), not both');
    if (typeof p.metric !== 'string' || p.metric === '') bad('precision.metric', `expected a metric path such as stages.surgery.wait.mean, got ${describeValue(p.metric)}`);
    if (!(typeof p.halfWidth === 'number' && p.halfWidth > 0 && Number.isFinite(p.halfWidth))) {
      bad('precision.halfWidth', `expected a positive number, got ${describeValue(p.halfWidth)}`);
    }
    const min = p.min ?? DEFAULT_PRECISION_MIN;
    if (!(Number.isInteger(min) && min >= 2)) bad('precision.min', `expected an integer of 2 or more (a CI needs two replications), got ${describeValue(p.min)}`);
    if (!isPositiveInt(p.max)) bad('precision.max', `expected a positive integer, got ${describeValue(p.max)}`);
    else if (Number.isInteger(min) && p.max < min) bad('precision.max', `expected at least precision.min (${min}), got ${p.max}`);
    if (o.shard !== undefined) bad('shard', 'a shard cannot decide when to stop: use a fixed number of replications with shards');
  }
  if (o.seed !== undefined && !(typeof o.seed === 'number' && Number.isInteger(o.seed))) bad('seed', `expected an integer, got ${describeValue(o.seed)}`);
  if (o.workers !== undefined && !isPositiveInt(o.workers)) bad('workers', `expected a positive integer, got ${describeValue(o.workers)}`);
  if (o.shard !== undefined) {
    const { index, count } = o.shard;
    if (!isPositiveInt(count)) bad('shard.count', `expected a positive integer, got ${describeValue(count)}`);
    else if (!(Number.isInteger(index) && index >= 0 && index < count)) {
      bad('shard.index', `expected an integer from 0 to ${count - 1}, got ${describeValue(index)}`);
    }
  }
  if (o.variants !== undefined) {
    if (!Array.isArray(o.variants)) bad('variants', `expected a list of variant names, got ${describeValue(o.variants)}`);
    else {
      const known = declaredVariants(scenario as never);
      o.variants.forEach((v, i) => {
        if (v !== BASE_VARIANT && !known.includes(v)) {
          bad(`variants[${i}]`, `unknown variant ${describeValue(v)}${didYouMean(String(v), known)}; the variants are ${listNames([BASE_VARIANT, ...known])}`);
        }
      });
    }
  }
  if (o.simulate !== undefined && typeof o.simulate !== 'function') bad('simulate', `expected a function, got ${describeValue(o.simulate)}`);
  if (o.simulate !== undefined && o.simulateModule === undefined && o.workers !== undefined && o.workers > 1) {
    bad('workers', 'a simulate function cannot be sent to worker threads: give simulateModule (a module exporting simulate) to run it in parallel');
  }
  return issues;
}

/** The experiment being run: what is planned, what is done, and when to stop. */
class ExperimentState {
  readonly variants: string[];
  readonly seed: number;
  readonly digest: string;
  readonly total: number;
  readonly runs = new Map<string, RunResult>();
  resumed = 0;
  private readonly fixed: number[] | null;
  private readonly maxReplications: number;
  private readonly checkpoint: Checkpoint | null;
  private finalCount: number | null = null;
  private checkedUpTo = 0;
  private precisionOutcome: PrecisionOutcome | undefined;
  private metricChecked = false;

  constructor(
    readonly scenario: AnyScenario,
    readonly options: ExperimentOptions,
  ) {
    const issues = checkOptions(scenario, options);
    if (issues.length) throw new ValidationError(issues, 'invalid experiment options');
    this.seed = options.seed ?? (typeof scenario.seed === 'number' ? scenario.seed : DEFAULT_SEED);
    const chosen = options.variants ?? declaredVariants(scenario as never);
    this.variants = [BASE_VARIANT, ...new Set(chosen.filter((v) => v !== BASE_VARIANT))];
    this.digest = scenarioDigest(scenario);
    if (options.precision) {
      this.fixed = null;
      this.maxReplications = options.precision.max;
    } else {
      const n = options.replications ?? DEFAULT_REPLICATIONS;
      const shard = options.shard;
      this.fixed = Array.from({ length: n }, (_, r) => r).filter((r) => !shard || r % shard.count === shard.index);
      this.maxReplications = n;
    }
    this.total = (this.fixed ? this.fixed.length : this.maxReplications) * this.variants.length;
    this.checkpoint = options.checkpoint ? Checkpoint.open(options.checkpoint, this.digest, this.seed) : null;
    if (this.checkpoint) {
      for (const r of this.planned()) {
        for (const v of this.variants) {
          const found = this.checkpoint.done.get(runKey(v, r));
          if (found) {
            this.runs.set(runKey(v, r), found);
            this.resumed++;
          }
        }
      }
    }
  }

  /** Replication indices that may run (all of them up to `max` with precision). */
  private planned(): number[] {
    return this.fixed ?? Array.from({ length: this.maxReplications }, (_, r) => r);
  }

  private replicationDone(r: number): boolean {
    return this.variants.every((v) => this.runs.has(runKey(v, r)));
  }

  /** True once the experiment has all the runs it needs. */
  finished(): boolean {
    if (this.fixed) return this.fixed.every((r) => this.replicationDone(r));
    return this.decidePrecision();
  }

  /**
   * Law & Kelton's sequential procedure, evaluated replication by replication in index order
   * whatever order the runs finished in, so every worker count stops at the same n.
   */
  private decidePrecision(): boolean {
    if (this.finalCount !== null) return true;
    const p = this.options.precision!;
    const min = p.min ?? DEFAULT_PRECISION_MIN;
    let contiguous = 0;
    while (contiguous < this.maxReplications && this.replicationDone(contiguous)) contiguous++;
    if (contiguous > 0 && !this.metricChecked) {
      const first = this.runs.get(runKey(BASE_VARIANT, 0))!;
      if (metricValue(first, p.metric) === undefined) {
        const known = [...runMetrics(first).keys()];
        throw invalid('precision.metric', `unknown metric ${describeValue(p.metric)}${didYouMean(p.metric, known)}`);
      }
      this.metricChecked = true;
    }
    for (let n = Math.max(min, this.checkedUpTo + 1); n <= contiguous; n++) {
      this.checkedUpTo = n;
      const achieved: Record<string, number> = {};
      let met = true;
      for (const v of this.variants) {
        const values: number[] = [];
        for (let r = 0; r < n; r++) values.push(metricValue(this.runs.get(runKey(v, r))!, p.metric) ?? NaN);
        const s = summarise(values);
        const h = halfWidth95(s.sd, n);
        achieved[v] = h;
        const target = p.relative ? p.halfWidth * Math.abs(s.mean) : p.halfWidth;
        if (!(h <= target)) met = false;
      }
      if (met || n === this.maxReplications) {
        this.finalCount = n;
        this.precisionOutcome = { metric: p.metric, halfWidth: p.halfWidth, relative: p.relative ?? false, met, achieved };
        return true;
      }
    }
    return false;
  }

  /**
   * Runs still to do for the next `replications` replication indices that are not finished
   * (all remaining ones with a fixed number of replications).
   */
  nextJobs(replications: number): Job[] {
    const jobs: Job[] = [];
    let taken = 0;
    for (const r of this.planned()) {
      if (this.fixed === null && taken >= replications) break;
      if (this.replicationDone(r)) continue;
      taken++;
      for (const v of this.variants) if (!this.runs.has(runKey(v, r))) jobs.push({ variant: v, replication: r });
    }
    return jobs;
  }

  record(job: Job, result: RunResult): void {
    const key = runKey(job.variant, job.replication);
    if (this.runs.has(key)) return;
    this.runs.set(key, result);
    this.checkpoint?.append(job.variant, job.replication, result);
    this.options.onProgress?.({
      done: Math.min(this.runs.size, this.total),
      total: this.total,
      variant: job.variant,
      replication: job.replication,
    });
  }

  close(): void {
    this.checkpoint?.close();
  }

  runSet(): RunSet {
    const indices = this.fixed ?? Array.from({ length: this.finalCount ?? 0 }, (_, r) => r);
    const runs: Record<string, RunResult[]> = {};
    for (const v of this.variants) runs[v] = indices.map((r) => this.runs.get(runKey(v, r))!);
    const set: RunSet = {
      scenario: typeof this.scenario.name === 'string' ? this.scenario.name : '',
      scenarioDigest: this.digest,
      seed: this.seed,
      variantNames: this.variants,
      replicationIndices: indices,
      runs,
    };
    if (this.precisionOutcome) set.precision = this.precisionOutcome;
    return set;
  }

  /** Replications still possible to run (upper bound), to size the worker pool. */
  remainingRuns(): number {
    return this.nextJobs(this.maxReplications).length;
  }
}

function finish(state: ExperimentState, started: { at: Date; t0: number }, workers: number): ExperimentResult {
  const body = aggregate(state.runSet());
  const meta: ExperimentResult['meta'] = {
    startedAt: started.at.toISOString(),
    wallSeconds: (performance.now() - started.t0) / 1000,
    workers,
    carepathVersion: CAREPATH_VERSION,
    nodeVersion: process.version,
  };
  if (state.options.shard) meta.shard = { ...state.options.shard };
  if (state.resumed) meta.resumed = state.resumed;
  return { meta, ...body };
}

function runInThread(state: ExperimentState, simulate: SimulateFn): void {
  while (!state.finished()) {
    for (const job of state.nextJobs(1)) {
      state.record(job, simulate(state.scenario, { seed: state.seed, replication: job.replication, variant: job.variant }));
    }
  }
}

async function runOnExecutor(state: ExperimentState, executor: Executor, simulateModule: string | undefined): Promise<void> {
  let failed = false;
  // With a precision target, run a few replications ahead (one round of work for every thread);
  // runs beyond the stopping point are discarded, so the answer does not depend on the threads.
  const ahead = Math.max(1, Math.ceil(executor.threads / state.variants.length));
  while (!state.finished()) {
    const jobs = state.nextJobs(ahead);
    await Promise.all(
      jobs.map(async (job) => {
        const result = await executor.run({
          scenario: state.scenario,
          seed: state.seed,
          replication: job.replication,
          variant: job.variant,
          ...(simulateModule ? { simulateModule } : {}),
        });
        if (!failed) state.record(job, result);
      }),
    ).catch((e: unknown) => {
      failed = true;
      throw e;
    });
  }
}

/** A module path or file URL as a URL string a worker can import. */
function moduleSpecifier(m: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(m) && !/^[a-z]:[\\/]/i.test(m)) return m;
  return new URL(m, `file://${process.cwd()}/`).href;
}

/**
 * Runs an experiment in the calling thread (no worker threads). Same result as
 * {@link runExperiment}; `simulateModule` is not supported here (it needs an asynchronous import).
 */
export function runExperimentSync(scenario: Scenario, options: ExperimentOptions = {}): ExperimentResult {
  const started = { at: new Date(), t0: performance.now() };
  if (options.simulateModule !== undefined && options.simulate === undefined) {
    throw invalid('simulateModule', 'runExperimentSync cannot import a module: pass simulate, or use runExperiment');
  }
  const state = new ExperimentState(scenario as AnyScenario, options);
  try {
    runInThread(state, options.simulate ?? (defaultSimulate as SimulateFn));
  } finally {
    state.close();
  }
  return finish(state, started, 1);
}

/**
 * Internal form of {@link runExperiment} that can borrow an executor (a worker pool shared by the
 * points of a sweep or the capacities of a goal-seek); a borrowed executor is not closed.
 */
export async function runExperimentWith(
  scenario: Scenario,
  options: ExperimentOptions,
  shared?: Executor,
): Promise<ExperimentResult> {
  const started = { at: new Date(), t0: performance.now() };
  const state = new ExperimentState(scenario as AnyScenario, options);
  try {
    if (shared && shared.threads > 1) {
      await runOnExecutor(state, shared, options.simulateModule && moduleSpecifier(options.simulateModule));
      return finish(state, started, shared.threads);
    }
    const workers = Math.min(resolveWorkers(options), Math.max(1, state.remainingRuns()));
    if (workers <= 1) {
      const simulate = options.simulate ?? (options.simulateModule ? await importSimulate(options.simulateModule) : (defaultSimulate as SimulateFn));
      runInThread(state, simulate);
      return finish(state, started, 1);
    }
    const pool = new WorkerPool(workers);
    try {
      await runOnExecutor(state, pool, options.simulateModule && moduleSpecifier(options.simulateModule));
    } finally {
      await pool.close();
    }
    return finish(state, started, workers);
  } finally {
    state.close();
  }
}

/** Worker threads to use: the option, else the machine's cores (1 for an in-thread simulate function). */
export function resolveWorkers(options: { workers?: number; simulate?: SimulateFn; simulateModule?: string }): number {
  if (options.workers !== undefined) return options.workers;
  if (options.simulate !== undefined && options.simulateModule === undefined) return 1;
  return availableParallelism();
}

/** Imports a module's `simulate` (for a custom simulator run in the calling thread). */
export async function importSimulate(module: string): Promise<SimulateFn> {
  const m = (await import(moduleSpecifier(module))) as { simulate?: unknown };
  if (typeof m.simulate !== 'function') throw invalid('simulateModule', `${module} does not export a simulate function`);
  return m.simulate as SimulateFn;
}

/**
 * Runs replications of a scenario's variants and summarises them: per-variant metric summaries
 * with Student t 95% CIs, time-series bands, per-replication results, and paired comparisons of
 * each variant with `base` (common random numbers: replication r of every variant uses the same
 * random streams).
 *
 * The result is identical (everything but `meta`) for any number of workers, for a resumed run,
 * and for shards merged with {@link mergeExperiments}.
 *
 * @example
 * ```ts
 * const scenario = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * const result = await runExperiment(scenario, { replications: 50 });
 * const d = result.comparisons['ai-reporting']['stages.surgery.waitingAtEnd'];
 * console.log(d.meanDiff, d.ci95); // paired difference and its 95% CI
 * ```
 * @throws ValidationError for bad options (each problem named by its option path).
 */
export function runExperiment(scenario: Scenario, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  return runExperimentWith(scenario, options);
}
