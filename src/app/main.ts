/// <reference lib="dom" />
/**
 * The what-if page's script (bundled as `carepathApp` into the page `carepath app` writes): the
 * controls, a run of `base` and the planner's settings on Web Workers with a progress bar, and
 * the report's charts, key numbers and answer, redrawn after each run. The same bundle, started
 * from a Blob, is the page's worker (`carepathApp.serveWorker()`).
 * @module
 */
import { analyse } from '../analysis/analyse.js';
import type { Analysis } from '../analysis/types.js';
import { RunCache } from '../browser/cache.js';
import { WebWorkerPool } from '../browser/pool.js';
import { runExperiment } from '../browser/run.js';
import type { ExperimentResult } from '../experiment/types.js';
import type { Scenario } from '../pathway/scenario.js';
import { answerSections } from '../report/answer.js';
import { reportChartSpecs } from '../report/charts.js';
import { scenarioInfo } from '../report/scenario-info.js';
import { appControls } from './controls.js';
import { CHARTS_AT_END, earlyCharts } from './early-look.js';
import { settingsFromHash, settingsHash, variantYaml, whatIfName, withWhatIf, type Settings } from './settings.js';
import { drawAnswer, drawCharts, drawChartsNote, drawControls, drawNumbers } from './view.js';

export { serveWorker } from '../browser/worker.js';

/** What the page is started with (inline JSON written by `carepath app`). */
export interface AppConfig {
  /** The scenario, as plain data (read and checked by the command). */
  scenario: Record<string, unknown>;
  /** Replications of each variant per run of the page. */
  replications: number;
  /** Web Workers to use (default: the machine's cores, at most 4). */
  workers?: number;
  /** Id of the script element holding this bundle's code, to start workers from. */
  bundleId: string;
}

const $ = (id: string) => document.getElementById(id)!;

/** A run handed to the workers, and what the page needs to show it. */
interface Launched {
  scenario: Scenario;
  /** The settings it runs, as {@link settingsHash}. */
  hash: string;
  t0: number;
  simulatedBefore: number;
  /** Replications of the early look (0: none). */
  first: number;
  earlyRun: Promise<ExperimentResult> | undefined;
  fullRun: Promise<ExperimentResult>;
}

/** The page's state: the settings and whether a run is under way. */
class App {
  private readonly controls;
  private readonly variant: string;
  private readonly info;
  private settings: Settings;
  private running = false;
  private workerUrl: string | undefined;
  /** Workers started once for the page's lifetime; runs already done are not simulated again. */
  private pool: RunCache | undefined;
  /** Replications shown so far while the rest run (undefined: none yet). */
  private early: number | undefined;
  /** Whether the early look drew the charts too (false: they wait for the run's end). */
  private earlyDrewCharts = true;
  /** The load's runs, started by {@link App.prepare} before the page was drawn. */
  private launched: Launched | undefined;

  constructor(private readonly config: AppConfig) {
    this.controls = appControls(config.scenario);
    this.variant = whatIfName(config.scenario);
    this.info = scenarioInfo(config.scenario);
    this.settings = settingsFromHash(location.hash, this.controls);
  }

  start(): void {
    // Workers first: they load and compile the bundle while the page draws its controls. If they
    // cannot start, the first run says why.
    try {
      this.startPool();
    } catch {
      this.pool = undefined;
    }
    $('title').textContent = this.info.name;
    $('share').setAttribute('href', location.href);
    drawControls($('controls'), this.controls, this.settings, (path, value) => this.set(path, value));
    $('run').addEventListener('click', () => void this.run());
    $('reset').addEventListener('click', () => this.reset());
    $('save').addEventListener('click', () => this.save());
    window.addEventListener('hashchange', () => {
      const next = settingsFromHash(location.hash, this.controls);
      if (settingsHash(next) === settingsHash(this.settings)) return;
      this.settings = next;
      drawControls($('controls'), this.controls, this.settings, (path, value) => this.set(path, value));
    });
    void this.run();
  }

  private set(path: string, value: number): void {
    const c = this.controls.find((x) => x.path === path)!;
    if (value === c.value) delete this.settings[path];
    else this.settings[path] = value;
    // The link always holds the current settings: copying the address shares them.
    history.replaceState(null, '', settingsHash(this.settings) || location.pathname + location.search);
    $('share').setAttribute('href', location.href);
  }

  private reset(): void {
    this.settings = {};
    history.replaceState(null, '', location.pathname + location.search);
    drawControls($('controls'), this.controls, this.settings, (path, value) => this.set(path, value));
  }

  private save(): void {
    const blob = new Blob([variantYaml(this.variant, this.settings)], { type: 'text/yaml' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${this.variant}.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  private worker(): Worker {
    if (!this.workerUrl) {
      const code = `${$(this.config.bundleId).textContent}\ncarepathApp.serveWorker();`;
      this.workerUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    }
    return new Worker(this.workerUrl);
  }

  private workers(): number {
    const cores = navigator.hardwareConcurrency || 2;
    return this.config.workers ?? Math.max(1, Math.min(4, cores));
  }

  private startPool(): void {
    const workers = this.workers();
    // Room for the scenario's runs and seven settings tried: memory stays bounded for big results.
    if (!this.pool && workers > 1) this.pool = new RunCache(new WebWorkerPool(workers, () => this.worker()), 8 * this.config.replications);
  }

  private progress(done: number, total: number): void {
    ($('progress') as HTMLProgressElement).value = total ? done / total : 0;
    const early = this.early ? ` (showing the first ${this.early} replications${this.earlyDrewCharts ? '' : `; ${CHARTS_AT_END}`})` : '';
    $('status').textContent = `Running: ${Math.floor(done)} of ${total} runs done${early}`;
  }

  /**
   * Hands the load's runs to the workers before the charting library is parsed (called from the
   * page's head, see {@link prepare}): that time was spent with the workers not yet started.
   */
  prepare(): void {
    try {
      this.startPool();
      // Without workers the runs would block this thread: they start with the page instead.
      if (this.pool) this.launched = this.launch();
    } catch {
      this.launched = undefined; // run() starts again and reports the failure
    }
  }

  /** Starts a run of the current settings on the workers: the early look and the full run. */
  private launch(): Launched {
    const scenario = withWhatIf(this.config.scenario, this.settings) as unknown as Scenario;
    const hash = settingsHash(this.settings);
    const t0 = performance.now();
    this.early = undefined;
    this.progress(0, 1);
    this.startPool();
    const simulatedBefore = this.pool?.simulated ?? 0;
    const options = { replications: this.config.replications, variants: [this.variant], workers: this.workers(), ...(this.pool ? { pool: this.pool } : {}) };
    // The first few replications go to the workers first and are shown as soon as they are
    // back; the full run shares them (the cache), so the early look costs no extra runs.
    const first = earlyReplications(this.config.replications);
    const earlyRun = this.pool && first ? runExperiment(scenario, { ...options, replications: first }) : undefined;
    const fullRun = runExperiment(scenario, { ...options, onProgress: (p) => this.progress(p.done, p.total) });
    fullRun.catch(() => undefined); // its failure is reported by run(), after the early look
    earlyRun?.catch(() => undefined);
    return { scenario, hash, t0, simulatedBefore, first, earlyRun, fullRun };
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const button = $('run') as HTMLButtonElement;
    button.disabled = true;
    document.body.classList.add('running');
    // Runs started by prepare() are used if the settings are still those they were started with.
    const launched = this.launched?.hash === settingsHash(this.settings) ? this.launched : undefined;
    this.launched = undefined;
    try {
      const { scenario, t0, simulatedBefore, first, earlyRun, fullRun } = launched ?? this.launch();
      const analyses: Record<string, Analysis> = {};
      for (const v of [BASE, this.variant]) analyses[v] = analyse(scenario, { variant: v });
      const t1 = performance.now();
      let firstShown: number | undefined;
      const early = await earlyRun?.catch(() => undefined);
      if (early) {
        // Drawing the charts now would take CPU from the workers when no core is spare for them.
        this.earlyDrewCharts = earlyCharts(navigator.hardwareConcurrency || 0, this.workers());
        await this.show(early, analyses, this.earlyDrewCharts);
        this.early = first;
        firstShown = performance.now();
      }
      const experiment = await fullRun;
      const t2 = performance.now();
      await this.show(experiment, analyses);
      const t3 = performance.now();
      // The split of the wait, for the benchmark (bench/browser-app.mjs).
      const timing = {
        analyse: ms(t1 - t0),
        simulate: ms(t2 - t0),
        show: ms(t3 - t2),
        ...(firstShown ? { firstNumbers: ms(firstShown - t0) } : {}),
        ...(firstShown && this.earlyDrewCharts ? { firstCharts: ms(firstShown - t0) } : {}),
      };
      document.body.dataset.timing = JSON.stringify(timing);
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      const runs = experiment.variantNames.length * this.config.replications;
      const simulated = this.pool ? this.pool.simulated - simulatedBefore : runs;
      const remembered = simulated < runs ? ` (${simulated} simulated, ${runs - simulated} reused: the same as runs already made)` : '';
      $('status').textContent = `Done: ${runs} runs in ${seconds} s on ${experiment.meta.workers} worker${experiment.meta.workers === 1 ? '' : 's'}${remembered}`;
      document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
    } catch (e) {
      $('status').textContent = `The run failed: ${(e as Error).message}`;
    } finally {
      this.running = false;
      button.disabled = false;
      document.body.classList.remove('running');
    }
  }

  /** Draws the numbers and the answer, and the charts unless `charts` is false (a note instead). */
  private async show(experiment: ExperimentResult, analyses: Record<string, Analysis>, charts = true): Promise<void> {
    const names = { base: 'The scenario as it is', [this.variant]: 'Your settings' };
    drawNumbers($('numbers'), experiment, this.variant, this.info.targetDescriptions);
    const descriptions = { [this.variant]: describe(this.settings, this.controls) };
    drawAnswer($('answer'), answerSections({ experiment, analyses, variantDescriptions: descriptions }), names);
    if (!charts) {
      // The previous run's charts would not match the numbers above them.
      drawChartsNote($('charts'), `Charts when the run ends: every core of this machine is simulating, and drawing them now would slow it.`);
      return;
    }
    const specs = reportChartSpecs({
      experiment,
      analyses,
      options: { ...(this.info.startDate ? { startDate: this.info.startDate } : {}), targetDescriptions: this.info.targetDescriptions, width: 640 },
    });
    await drawCharts($('charts'), specs);
  }
}

const ms = (x: number) => Math.round(x);
const BASE = 'base';

/**
 * Replications for the early look: a quarter of the run (at least 3), none for runs too short
 * to be worth two drawings.
 * @example
 * ```ts
 * import { earlyReplications } from './main.js';
 * earlyReplications(20); // 5
 * earlyReplications(3); // 0
 * ```
 * @internal
 */
export function earlyReplications(replications: number): number {
  return replications >= 12 ? Math.max(3, Math.ceil(replications / 4)) : 0;
}

function describe(settings: Settings, controls: ReturnType<typeof appControls>): string {
  const parts = controls.filter((c) => settings[c.path] !== undefined).map((c) => `${c.label} ${c.value} → ${settings[c.path]}`);
  return parts.length ? parts.join('; ') : 'No change from the scenario yet.';
}

/**
 * Starts the page: draws the controls (from the URL hash when it holds settings) and runs once.
 * @example
 * ```js
 * // In the page `carepath app` writes:
 * carepathApp.start(JSON.parse(document.getElementById('carepath-config').textContent));
 * ```
 * @internal
 */
export function start(config: AppConfig): void {
  const app = prepared?.config === config ? prepared.app : new App(config);
  prepared = undefined;
  app.start();
}

let prepared: { config: AppConfig; app: App } | undefined;

/**
 * Starts the workers and the load's runs while the rest of the page (the charting library)
 * loads; {@link start} with the same config then draws the page and shows those runs.
 * @example
 * ```js
 * // In the page `carepath app` writes, right after this bundle and before Vega:
 * const config = JSON.parse(document.getElementById('carepath-config').textContent);
 * carepathApp.prepare(config);
 * // …Vega's scripts…
 * carepathApp.start(config);
 * ```
 * @internal
 */
export function prepare(config: AppConfig): void {
  const app = new App(config);
  app.prepare();
  prepared = { config, app };
}
