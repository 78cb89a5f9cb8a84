/**
 * `carepath merge`: shards (or any parts of one experiment) back into one result and report.
 * @module
 */
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { checkDirectory } from '../../experiment/dirs.js';
import { mergeExperiments, scenarioDigest } from '../../experiment/index.js';
import { reproducibleEpoch, withReproducibleMeta } from '../../experiment/reproducible.js';
import type { ExperimentResult } from '../../experiment/types.js';
import { economicsOptions, resultsJson, stagesWithCapacity, terminalSummary, writeReportBundle } from '../../report/index.js';
import { limitedStageIds, stageIds } from '../../report/metrics.js';
import type { CliIO } from '../io.js';
import { say } from '../io.js';
import { UsageError } from '../errors.js';
import { defaultOutDir, readScenario, startDateOf } from '../scenario.js';
import { analysesFor } from './run.js';

interface MergeFlags {
  out?: string;
  scenario?: string;
  json?: boolean;
  quiet?: boolean;
  partial?: boolean;
  reproducible?: boolean;
}

async function readPart(file: string): Promise<ExperimentResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    return JSON.parse(text) as ExperimentResult;
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
  }
}

/** Registers `merge` on the program. */
export function registerMerge(program: Command, io: CliIO): void {
  program
    .command('merge')
    .description('merge results files of shards into one result (and, with --scenario, the report)')
    .argument('<parts...>', 'results JSON files written by `carepath run --shard` (or --json)')
    .option('--scenario <file>', 'the scenario the parts were run on: needed for report.html and the bottleneck')
    .option('-o, --out <dir>', 'output directory (default: carepath-out/<scenario name>)')
    .option('--json', 'print the merged results as JSON on stdout instead of the table')
    .option('-q, --quiet', 'no messages on stderr')
    .option('--partial', 'accept parts that miss replications or shards (the result says it is partial)')
    .option('--reproducible', 'byte-identical outputs: no clock time, wall time or host details (also set by SOURCE_DATE_EPOCH)')
    .addHelpText(
      'after',
      `
Examples:
  $ carepath run big.yaml --shard 0/2 --out parts && carepath run big.yaml --shard 1/2 --out parts
  $ carepath merge parts/results-shard-*.json --scenario big.yaml --out results/big`,
    )
    .action(async (files: string[], flags: MergeFlags) => {
      if (flags.out) checkDirectory(flags.out, 'out');
      const epoch = reproducibleEpoch(Boolean(flags.reproducible));
      const parts = await Promise.all(files.map(readPart));
      let experiment = mergeExperiments(parts, { partial: Boolean(flags.partial) });
      if (epoch !== undefined) experiment = withReproducibleMeta(experiment, epoch);
      const scenario = flags.scenario ? readScenario(flags.scenario) : undefined;
      if (scenario && scenarioDigest(scenario) !== experiment.scenarioDigest) {
        throw new UsageError(`the parts were run on a different scenario than ${flags.scenario} (its content differs)`);
      }
      const analyses = scenario ? analysesFor(scenario, experiment.variantNames) : undefined;
      const out = flags.out ?? defaultOutDir(experiment.scenario);
      const files_ = await writeReportBundle(out, {
        experiment,
        ...(scenario ? { scenario, startDate: startDateOf(scenario), source: flags.scenario! } : {}),
        ...(analyses ? { analyses } : {}),
      });
      say(
        io,
        Boolean(flags.quiet),
        `Merged ${parts.length} parts (${experiment.replicationIndices.length} replications` +
          (experiment.meta.partial ? `; PARTIAL: ${experiment.meta.partial.missing.length} planned replications missing` : '') +
          `). Wrote ${files_.report ?? files_.results} in ${out}` +
          (scenario ? '' : '\n(no report.html: give --scenario FILE for the report)'),
      );
      if (flags.json) {
        io.out(resultsJson(experiment));
      } else {
        const limited = limitedStageIds(experiment) ?? (analyses ? stagesWithCapacity(stageIds(experiment), analyses) : undefined);
        io.out(`${terminalSummary(experiment, { ...(analyses ? { analyses } : {}), ...(limited ? { limitedStages: limited } : {}), economics: economicsOptions(scenario) })}\n`);
      }
    });
}
