/**
 * `carepath seek`: the smallest capacity of a stage that meets a waiting-time standard.
 * @module
 */
import type { Command } from 'commander';
import { seekCapacity } from '../../experiment/index.js';
import type { SeekOptions } from '../../experiment/types.js';
import { clampShareInterval, formatInterval, formatNumber, formatPercent, formatTextTable } from '../../report/index.js';
import type { CliIO } from '../io.js';
import { progressBar } from '../io.js';
import { integer, positiveInt, share } from '../options.js';
import { formatGrowth, formatLeft, stageLeaversTable } from '../leavers.js';
import { checkVariants, readScenario } from '../scenario.js';

interface SeekFlags {
  stage: string;
  target: string;
  variant?: string;
  replications?: number;
  workers?: number;
  seed?: number;
  goal?: number;
  confidence?: number;
  json?: boolean;
  quiet?: boolean;
  allowWarnings?: boolean;
  maxLeft?: number;
  growth?: boolean;
}

/** Registers `seek` on the program. */
export function registerSeek(program: Command, io: CliIO): void {
  program
    .command('seek')
    .description("find the smallest capacity of a stage that meets a target's goal")
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .requiredOption('--stage <stage>', 'stage whose capacity to change')
    .requiredOption('--target <target>', 'waiting-time standard to meet')
    .option('-v, --variant <name>', 'apply this variant first (default: base)')
    .option('-r, --replications <n>', 'replications per capacity tried (default 10)', positiveInt)
    .option('-w, --workers <n>', 'worker threads (default: one per CPU core)', positiveInt)
    .option('-s, --seed <n>', "master seed (default: the scenario's seed)", integer)
    .option('--goal <share>', "goal to reach, 0–1 or a percentage (default: the target's own goal)", share)
    .option('--confidence <share>', 'one-sided confidence that the goal is met (default 0.95)', share)
    .option('--max-left <share>', 'also require that at most this share leave untreated (give up waiting), 0–1 or a percentage', share)
    .option('--no-growth', "also require that the stage's list does not grow (no growth shown over the second half of the run)")
    .option('--json', 'print the search result as JSON on stdout')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--allow-warnings', 'run even when the scenario (or a point of the grid) has validation warnings')
    .addHelpText(
      'after',
      `
Examples:
  $ carepath seek lung-cancer-ai.yaml --stage surgery --target treatment-62d --variant ai-reporting
  $ carepath seek lung-cancer-ai.yaml --stage reporting --target faster-diagnosis-28d --goal 0.9
  $ carepath seek clinic.yaml --stage clinic --target seen-14d --max-left 0.05 --no-growth`,
    )
    .action(async (file: string, flags: SeekFlags) => {
      const scenario = readScenario(file);
      if (flags.variant) checkVariants(scenario, [flags.variant]);
      const bar = progressBar(io, Boolean(flags.quiet) || Boolean(flags.json), 'Seeking');
      let tried = 0;
      const options: SeekOptions = {
        stage: flags.stage,
        target: flags.target,
        ...(flags.variant ? { variant: flags.variant } : {}),
        ...(flags.replications !== undefined ? { replications: flags.replications } : {}),
        ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.allowWarnings ? { allowWarnings: true } : {}),
        ...(flags.goal !== undefined ? { goal: flags.goal } : {}),
        ...(flags.confidence !== undefined ? { confidence: flags.confidence } : {}),
        ...(flags.maxLeft !== undefined ? { maxLeft: flags.maxLeft } : {}),
        ...(flags.growth === false ? { noGrowth: true } : {}),
        onEvaluation: (e) => bar.update(++tried, tried + 1, `capacity ${e.capacity}: ${formatPercent(e.share.mean)}`),
      };
      let result;
      try {
        result = await seekCapacity(scenario, options);
      } finally {
        bar.stop();
      }
      if (flags.json) {
        io.out(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const ci = formatInterval(clampShareInterval(result.share.ci95), (v) => formatPercent(v));
      const at = `${result.capacity} ${result.unit}`;
      const { maxLeft, noGrowth } = result.constraints;
      const also = [
        ...(maxLeft !== undefined ? [`at most ${formatPercent(maxLeft)} leaving untreated`] : []),
        ...(noGrowth ? [`no growth of the ${result.stage} list`] : []),
      ];
      const goal = `${result.target} (goal ${formatPercent(result.goal, 0)}${also.length > 0 ? `, with ${also.join(' and ')}` : ''})`;
      io.out(
        result.met
          ? `${result.stage}: ${at} meets ${goal} with ${formatPercent(result.confidence, 0)} confidence in variant ${result.variant}.\n`
          : `${result.stage}: ${goal} is not met even at ${at} in variant ${result.variant}.\n`,
      );
      io.out(`Share at ${at}: ${formatPercent(result.share.mean)}${ci === 'n/a' ? '' : ` (95% CI ${ci})`}; the scenario has ${result.current} ${result.unit} now.\n`);
      const l = result.leavers;
      const stageGrowth = l.stages[result.stage]?.growthPerWeek.mean;
      io.out(
        `At ${at}: ${formatLeft(l)} patients left untreated and ${formatNumber(Math.round(l.waitingAtEnd.mean))} were still waiting at the end` +
          `${stageGrowth === undefined ? '' : `; the ${result.stage} list changes by ${formatGrowth(stageGrowth)} over the second half of the run`}.\n\n`,
      );
      const rows = [...result.evaluations]
        .sort((a, b) => a.capacity - b.capacity)
        .map((e) => [
          String(e.capacity),
          formatPercent(e.share.mean),
          formatPercent(e.lower),
          formatLeft(e.leavers),
          ...(maxLeft !== undefined ? [formatPercent(e.leftUpper ?? NaN)] : []),
          formatNumber(Math.round(e.leavers.waitingAtEnd.mean)),
          formatGrowth(e.leavers.stages[result.stage]?.growthPerWeek.mean ?? 0),
          e.met ? 'yes' : 'no',
        ]);
      const header = [
        result.unit,
        'share',
        'lower bound',
        'left untreated',
        ...(maxLeft !== undefined ? ['left, upper bound'] : []),
        'waiting at end',
        `${result.stage} list`,
        'meets',
      ];
      io.out(`${formatTextTable(rows, { header })}\n`);
      const stages = stageLeaversTable(['capacity'], [{ label: [at], leavers: l }]);
      if (stages && Object.keys(l.stages).length > 1) io.out(`\nBy stage at ${at}: left untreated / still waiting at the end (means)\n${stages}\n`);
    });
}
