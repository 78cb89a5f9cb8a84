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
import { runExperiment } from '../browser/run.js';
import type { ExperimentResult } from '../experiment/types.js';
import type { Scenario } from '../pathway/scenario.js';
import { answerSections } from '../report/answer.js';
import { reportChartSpecs } from '../report/charts.js';
import { scenarioInfo } from '../report/scenario-info.js';
import { appControls } from './controls.js';
import { settingsFromHash, settingsHash, variantYaml, whatIfName, withWhatIf, type Settings } from './settings.js';
import { drawAnswer, drawCharts, drawControls, drawNumbers } from './view.js';

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

/** The page's state: the settings and whether a run is under way. */
class App {
  private readonly controls;
  private readonly variant: string;
  private readonly info;
  private settings: Settings;
  private running = false;
  private workerUrl: string | undefined;

  constructor(private readonly config: AppConfig) {
    this.controls = appControls(config.scenario);
    this.variant = whatIfName(config.scenario);
    this.info = scenarioInfo(config.scenario);
    this.settings = settingsFromHash(location.hash, this.controls);
  }

  start(): void {
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

  private progress(done: number, total: number): void {
    ($('progress') as HTMLProgressElement).value = total ? done / total : 0;
    $('status').textContent = `Running: ${Math.floor(done)} of ${total} runs done`;
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const button = $('run') as HTMLButtonElement;
    button.disabled = true;
    document.body.classList.add('running');
    const scenario = withWhatIf(this.config.scenario, this.settings) as unknown as Scenario;
    const cores = navigator.hardwareConcurrency || 2;
    const workers = this.config.workers ?? Math.max(1, Math.min(4, cores));
    const t0 = performance.now();
    try {
      this.progress(0, 1);
      const experiment = await runExperiment(scenario, {
        replications: this.config.replications,
        variants: [this.variant],
        workers,
        worker: () => this.worker(),
        onProgress: (p) => this.progress(p.done, p.total),
      });
      const analyses: Record<string, Analysis> = {};
      for (const v of experiment.variantNames) analyses[v] = analyse(scenario, { variant: v });
      await this.show(experiment, analyses);
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      $('status').textContent = `Done: ${experiment.variantNames.length * this.config.replications} runs in ${seconds} s on ${experiment.meta.workers} worker${experiment.meta.workers === 1 ? '' : 's'}`;
      document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
    } catch (e) {
      $('status').textContent = `The run failed: ${(e as Error).message}`;
    } finally {
      this.running = false;
      button.disabled = false;
      document.body.classList.remove('running');
    }
  }

  private async show(experiment: ExperimentResult, analyses: Record<string, Analysis>): Promise<void> {
    const names = { base: 'The scenario as it is', [this.variant]: 'Your settings' };
    drawNumbers($('numbers'), experiment, this.variant, this.info.targetDescriptions);
    const descriptions = { [this.variant]: describe(this.settings, this.controls) };
    drawAnswer($('answer'), answerSections({ experiment, analyses, variantDescriptions: descriptions }), names);
    const specs = reportChartSpecs({
      experiment,
      analyses,
      options: { ...(this.info.startDate ? { startDate: this.info.startDate } : {}), targetDescriptions: this.info.targetDescriptions, width: 640 },
    });
    await drawCharts($('charts'), specs);
  }
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
  new App(config).start();
}
