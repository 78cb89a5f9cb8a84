/**
 * `carepath run`: the experiment, its summary table and the report bundle.
 * @module
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { analyse } from '../../analysis/index.js';
import type { Analysis } from '../../analysis/types.js';
import { checkDirectory } from '../../experiment/dirs.js';
import { runExperiment } from '../../experiment/index.js';
import { reproducibleEpoch, withReproducibleMeta } from '../../experiment/reproducible.js';
import type { ExperimentOptions } from '../../experiment/types.js';
import { variantNames, WorkLimitError, type Scenario } from '../../pathway/index.js';
import { economicsOptions, resultsJson, stagesWithCapacity, terminalSummary, writeFileAtomic, writeReportBundle } from '../../report/index.js';
import { limitedStageIds, stageIds } from '../../report/metrics.js';
import type { CliIO } from '../io.js';
import { APP_REPLICATIONS, writeAppPage } from './app.js';
import { progressBar, say } from '../io.js';
import { collectList, integer, positiveCount, positiveInt, shard, share } from '../options.js';
import { decimalsOption, patientRecordsTo } from '../patients.js';
import { checkVariants, defaultOutDir, MAX_PATIENTS_HELP, readScenario, scenarioName, startDateOf } from '../scenario.js';

/** Replications per variant when `--replications` is not given: quick, yet with usable CIs. */
export const DEFAULT_CLI_REPLICATIONS = 20;

interface RunFlags {
  replications: number;
  variant: string[];
  workers?: number;
  seed?: number;
  out?: string;
  json?: boolean;
  shard?: { index: number; count: number };
  checkpoint?: string;
  quiet?: boolean;
  maxPatients?: number;
  reproducible?: boolean;
  patients?: string;
  patientsSample?: number;
  patientsDecimals?: number;
  app?: boolean;
}

/**
 * Analyses of every variant the experiment will run (instant; errors surface before the long
 * run). With `onTooLarge`, a scenario with more stages than the analysis takes gets none (the
 * callback says why) instead of an error.
 */
export function analysesFor(scenario: Scenario, variants: string[], onTooLarge?: (why: string) => void): Record<string, Analysis> {
  const out: Record<string, Analysis> = {};
  for (const v of variants) {
    try {
      out[v] = analyse(scenario, { variant: v });
    } catch (e) {
      if (!onTooLarge || !(e instanceof WorkLimitError) || e.issues[0]?.path !== 'stages') throw e;
      onTooLarge(e.issues[0].message);
      return {};
    }
  }
  return out;
}

/** Registers `run` on the program. */
export function registerRun(program: Command, io: CliIO): void {
  program
    .command('run')
    .description('simulate a scenario and its variants; print a summary and write the report')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('-r, --replications <n>', `replications per variant (default ${DEFAULT_CLI_REPLICATIONS})`, positiveInt, DEFAULT_CLI_REPLICATIONS)
    .option('-v, --variant <name>', 'run only this variant besides base (repeatable, or comma-separated); default: all', collectList, [])
    .option('-w, --workers <n>', 'worker threads (default: one per CPU core)', positiveInt)
    .option('-s, --seed <n>', "master seed (default: the scenario's seed)", integer)
    .option('-o, --out <dir>', 'output directory (default: carepath-out/<scenario name>)')
    .option('--json', 'print the results as JSON on stdout instead of the table')
    .option('--patients <file>', 'also write each patient\'s path to FILE, streamed (runs in one thread): an Apache Arrow IPC file if FILE ends in .arrow or .feather, else JSON Lines')
    .option('--patients-sample <share>', 'with --patients: the share of patients recorded (default 1)', share)
    .option('--patients-decimals <d>', 'with --patients (JSON Lines): times with exactly D decimals (0-9), rounded to the nearest; default exact', decimalsOption)
    .option('--shard <i/n>', 'run only shard i of n (0-based: 0/4 … 3/4); writes results-shard-i-of-n.json to merge later', shard)
    .option('--checkpoint <file>', 'save each replication to this file and resume from it after an interruption')
    .option('-q, --quiet', 'no progress bar or messages on stderr')
    .option('--max-patients <n>', MAX_PATIENTS_HELP, positiveCount)
    .option('--reproducible', 'byte-identical outputs: no clock time, wall time or host details (also set by SOURCE_DATE_EPOCH)')
    .option('--app', 'also write app.html, the interactive what-if page (see `carepath app`)')
    .addHelpText(
      'after',
      `
It writes report.html (the answer, charts and tables; open it in a browser or email it),
summary.csv, comparisons.csv, replications.csv, series.csv, results.json and charts/*.vl.json
to the output directory.
Default: ${DEFAULT_CLI_REPLICATIONS} replications per variant, a few seconds to a minute for most scenarios.

Examples:
  $ carepath run lung-cancer-ai.yaml
  $ carepath run lung-cancer-ai.yaml --replications 50 --seed 7 --out results/lung
  $ carepath run lung-cancer-ai.yaml --variant ai-reporting --json > results.json
  $ carepath run big.yaml --shard 0/4 --out parts      # then: carepath merge parts/results-shard-*.json`,
    )
    .action(async (file: string, flags: RunFlags) => {
      const scenario = readScenario(file, flags.maxPatients);
      const variants = ['base', ...(flags.variant.length > 0 ? checkVariants(scenario, flags.variant) : variantNames(scenario))];
      const unique = [...new Set(variants)];
      const analyses = analysesFor(scenario, unique, (why) => say(io, Boolean(flags.quiet), `note: no queueing analysis: ${why}`));
      const name = scenarioName(scenario, file);
      const out = flags.out ?? defaultOutDir(name);
      // Refuse a bad output folder or epoch before the long run, not after it.
      checkDirectory(out, 'out');
      const epoch = reproducibleEpoch(Boolean(flags.reproducible));
      const bar = progressBar(io, Boolean(flags.quiet), 'Simulating');
      let label = 'running';
      const options: ExperimentOptions = {
        replications: flags.replications,
        variants: unique.filter((v) => v !== 'base'),
        ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.shard ? { shard: flags.shard } : {}),
        ...(flags.checkpoint ? { checkpoint: flags.checkpoint } : {}),
        onProgress: (p) => bar.update(p.done, p.total, (label = `${p.variant} #${p.replication}`)),
        // Moves the bar within a fraction of a second, even during one long replication.
        onRunProgress: (done, total) => bar.update(done, total, label),
      };
      const records = flags.patients
        ? await patientRecordsTo(flags.patients, { sample: flags.patientsSample ?? 1, ...(flags.patientsDecimals !== undefined ? { decimals: flags.patientsDecimals } : {}) }, unique)
        : undefined;
      if (records) Object.assign(options, { simulate: records.simulate, workers: 1 });
      let experiment;
      try {
        experiment = await runExperiment(scenario, options);
      } finally {
        bar.stop();
        // The records file is put in place only after a complete experiment.
        if (experiment) records?.close();
        else records?.abort();
      }
      if (epoch !== undefined) experiment = withReproducibleMeta(experiment, epoch);
      say(io, Boolean(flags.quiet) || !io.errIsTTY, 'Writing the report…');
      if (flags.shard) {
        const path = join(out, `results-shard-${flags.shard.index}-of-${flags.shard.count}.json`);
        await writeFileAtomic(path, resultsJson(experiment));
        say(io, Boolean(flags.quiet), `Wrote shard ${flags.shard.index}/${flags.shard.count} to ${path}\nMerge the shards with: carepath merge ${join(out, 'results-shard-*.json')} --scenario ${file}`);
      } else {
        const files = await writeReportBundle(out, { experiment, scenario, analyses, source: file, startDate: startDateOf(scenario) });
        say(io, Boolean(flags.quiet), `Wrote ${files.report} (and summary.csv, comparisons.csv, replications.csv, series.csv, results.json, charts/) in ${out}`);
        if (flags.app) {
          await writeAppPage(join(out, 'app.html'), scenario, { replications: APP_REPLICATIONS, title: name });
          say(io, Boolean(flags.quiet), `Wrote ${join(out, 'app.html')}, the what-if page`);
        }
      }
      if (flags.json) {
        io.out(resultsJson(experiment));
      } else {
        const limited = limitedStageIds(experiment) ?? stagesWithCapacity(stageIds(experiment), analyses);
        io.out(`${name}\n${experiment.replicationIndices.length} replications per variant, seed ${experiment.seed}\n\n`);
        io.out(`${terminalSummary(experiment, { analyses, limitedStages: limited, economics: economicsOptions(scenario) })}\n`);
      }
    });
}
