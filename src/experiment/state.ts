/**
 * The state of an experiment while it runs: what is planned, what is done (including runs read
 * back from a checkpoint), and when to stop.
 * @module
 */
import { describeValue, invalid, ValidationError } from '../core/errors.js';
import type { RunResult } from '../pathway/result.js';
import { BASE_VARIANT, didYouMean } from '../pathway/scenario-names.js';
import { variantNames as declaredVariants } from '../pathway/variants.js';
import type { RunSet } from './aggregate.js';
import type { Checkpoint } from './checkpoint.js';
import { runKey } from './run-key.js';
import { scenarioDigest } from './digest.js';
import { metricValue, runMetrics } from './metrics.js';
import { type AnyScenario, checkOptions, DEFAULT_PRECISION_MIN, DEFAULT_REPLICATIONS, DEFAULT_SEED, type Job } from './options.js';
import { halfWidth95, summarise } from './stats.js';
import type { ExperimentOptions, PrecisionOutcome } from './types.js';
import { checkExperimentWork } from './work.js';

/**
 * What the experiment state needs from its host: the machine's memory when known, and how to
 * open a checkpoint file (Node only; a browser has no files). @internal
 */
export interface StateHost {
  machineBytes?: number;
  openCheckpoint?: (path: string, digest: string, seed: number) => Pick<Checkpoint, 'done' | 'append' | 'close'>;
}

/** The experiment being run: what is planned, what is done, and when to stop. @internal */
export class ExperimentState {
  readonly variants: string[];
  readonly seed: number;
  readonly digest: string;
  readonly total: number;
  readonly runs = new Map<string, RunResult>();
  resumed = 0;
  private readonly fixed: number[] | null;
  private readonly maxReplications: number;
  private readonly checkpoint: Pick<Checkpoint, 'done' | 'append' | 'close'> | null;
  private finalCount: number | null = null;
  private checkedUpTo = 0;
  private precisionOutcome: PrecisionOutcome | undefined;
  private metricChecked = false;
  /** Fixed mode: planned runs not finished yet. */
  private missing = 0;
  private readonly plannedSet: Set<number> | null;
  /** Precision mode: replications 0…contiguous−1 are finished for every variant. */
  private contiguous = 0;

  constructor(
    readonly scenario: AnyScenario,
    readonly options: ExperimentOptions,
    host: StateHost = {},
  ) {
    const issues = checkOptions(scenario, options);
    if (issues.length) throw new ValidationError(issues, 'invalid experiment options');
    this.seed = options.seed ?? (typeof scenario.seed === 'number' ? scenario.seed : DEFAULT_SEED);
    const chosen = options.variants ?? declaredVariants(scenario as never);
    this.variants = [BASE_VARIANT, ...new Set(chosen.filter((v) => v !== BASE_VARIANT))];
    // Before any list of jobs is built: a billion replications must fail here, at once.
    const perVariant = options.precision ? options.precision.max : Math.ceil((options.replications ?? DEFAULT_REPLICATIONS) / (options.shard?.count ?? 1));
    checkExperimentWork(scenario, this.variants, perVariant, host.machineBytes);
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
    this.plannedSet = this.fixed ? new Set(this.fixed) : null;
    this.missing = this.fixed ? this.total : 0;
    if (options.checkpoint && !host.openCheckpoint) throw invalid('checkpoint', 'checkpoint files need Node (there is no file system here)');
    this.checkpoint = options.checkpoint ? host.openCheckpoint!(options.checkpoint, this.digest, this.seed) : null;
    if (this.checkpoint) {
      for (const r of this.planned()) {
        for (const v of this.variants) {
          const found = this.checkpoint.done.get(runKey(v, r));
          if (found) {
            this.runs.set(runKey(v, r), found);
            this.resumed++;
            if (this.fixed) this.missing--;
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
    if (this.fixed) return this.missing === 0;
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
    while (this.contiguous < this.maxReplications && this.replicationDone(this.contiguous)) this.contiguous++;
    const contiguous = this.contiguous;
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
   * Runs not finished yet, in replication order (variants in order within a replication). Lazy:
   * a run finished while the iteration is under way is skipped when reached.
   */
  *pendingJobs(): Generator<Job> {
    for (const r of this.planned()) {
      for (const v of this.variants) if (!this.runs.has(runKey(v, r))) yield { variant: v, replication: r };
    }
  }

  record(job: Job, result: RunResult): void {
    const key = runKey(job.variant, job.replication);
    if (this.runs.has(key)) return;
    this.runs.set(key, result);
    if (this.plannedSet?.has(job.replication)) this.missing--;
    this.checkpoint?.append(job.variant, job.replication, result);
    this.options.onProgress?.({
      done: Math.min(this.runs.size, this.total),
      total: this.total,
      variant: job.variant,
      replication: job.replication,
    });
  }

  /** Runs finished so far (read back from a checkpoint included). */
  runsDone(): number {
    return Math.min(this.runs.size, this.total);
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

  /** Runs still possible (an upper bound with precision), to size the worker pool. */
  remainingRuns(): number {
    if (this.fixed) return this.missing;
    return this.maxReplications * this.variants.length - this.runs.size;
  }
}

