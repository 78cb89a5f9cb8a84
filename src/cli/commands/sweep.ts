/**
 * `carepath sweep`: the experiment over a grid of parameter values.
 * @module
 */
import type { Command } from 'commander';
import { runSweep } from '../../experiment/index.js';
import type { SweepOptions } from '../../experiment/types.js';
import { formatNumber, formatTextTable, humanise, writeFileAtomic } from '../../report/index.js';
import { metricPath, metricSummary, targetIds, variantsOf } from '../../report/metrics.js';
import { formatSummary } from '../../report/tables.js';
import type { CliIO } from '../io.js';
import { progressBar } from '../io.js';
import { collectList, collectSet, integer, positiveInt } from '../options.js';
import { formatLeft, stageLeaversTable } from '../leavers.js';
import { checkVariants, readScenario } from '../scenario.js';

interface SweepFlags {
  set: Record<string, unknown[]>;
  variant: string[];
  replications: number;
  workers?: number;
  seed?: number;
  json?: boolean;
  out?: string;
  quiet?: boolean;
  allowWarnings?: boolean;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Registers `sweep` on the program. */
export function registerSweep(program: Command, io: CliIO): void {
  program
    .command('sweep')
    .description('run the experiment for every combination of parameter values')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .requiredOption('--set <path=v1,v2,...>', 'a scenario path and the values to try (repeatable: the grid is every combination)', collectSet)
    .option('-v, --variant <name>', 'also run this variant at each point (repeatable); default: base only', collectList, [])
    .option('-r, --replications <n>', 'replications per variant and point (default 10)', positiveInt, 10)
    .option('-w, --workers <n>', 'worker threads (default: one per CPU core)', positiveInt)
    .option('-s, --seed <n>', "master seed (default: the scenario's seed)", integer)
    .option('--json', 'print every point with its full result as JSON on stdout')
    .option('-o, --out <file>', 'also write the points as JSON to this file')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--allow-warnings', 'run even when the scenario (or a point of the grid) has validation warnings')
    .addHelpText(
      'after',
      `
Values are numbers, true/false, JSON ({"slots":9}) or text (unlimited, 12w).

Examples:
  $ carepath sweep lung-cancer-ai.yaml --set stages.surgery.capacity.slots=7,8,9,10
  $ carepath sweep lung-cancer-ai.yaml --set stages.surgery.capacity.slots=7,9 \\
      --set arrivals.gp-chest-xray.rate.perWeek=1900,2100,2300 --variant ai-reporting`,
    )
    .action(async (file: string, flags: SweepFlags) => {
      const scenario = readScenario(file);
      const variants = checkVariants(scenario, flags.variant).filter((v) => v !== 'base');
      const bar = progressBar(io, Boolean(flags.quiet) || Boolean(flags.json), 'Sweeping');
      const options: SweepOptions = {
        set: flags.set,
        variants,
        replications: flags.replications,
        ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.allowWarnings ? { allowWarnings: true } : {}),
        onPoint: (p) => bar.update(p.index + 1, p.total, Object.entries(p.values).map(([k, v]) => `${k}=${show(v)}`).join(' ')),
      };
      let sweep;
      try {
        sweep = await runSweep(scenario, options);
      } finally {
        bar.stop();
      }
      if (flags.out) await writeFileAtomic(flags.out, `${JSON.stringify(sweep, null, 1)}\n`);
      if (flags.json) {
        io.out(`${JSON.stringify(sweep, null, 1)}\n`);
        return;
      }
      const first = sweep.points[0]?.result;
      const targets = first ? targetIds(first) : [];
      const rows: string[][] = [];
      const byStage: { label: string[]; leavers: (typeof sweep.points)[number]['leavers'][string] }[] = [];
      for (const point of sweep.points) {
        for (const v of variantsOf(point.result)) {
          const waiting = metricSummary(point.result, v, metricPath.waitingAtEnd);
          const label = [...sweep.paths.map((p) => show(point.values[p])), v];
          const leavers = point.leavers[v];
          rows.push([
            ...label,
            waiting ? formatNumber(waiting.mean) : '–',
            leavers ? formatLeft(leavers) : '–',
            ...targets.map((t) => formatSummary('share', metricSummary(point.result, v, metricPath.targetShare(t)))),
          ]);
          if (leavers) byStage.push({ label, leavers });
        }
      }
      const header = [...sweep.paths, 'variant', 'waiting at end', 'left untreated', ...targets.map((t) => humanise(t))];
      io.out(`${formatTextTable(rows, { header, align: header.map((_, i) => (i < sweep.paths.length + 1 ? 'left' : 'right')) })}\n`);
      io.out(`\nLeft untreated: patients who gave up waiting (share of all who came); waiting at end: still on a list when the run ends. Means over ${flags.replications} replications.\n`);
      if (targets.length > 0) {
        io.out(`Target shares: share of patients within the standard's time, mean (95% CI).\n`);
      }
      const stages = stageLeaversTable([...sweep.paths, 'variant'], byStage);
      if (stages) io.out(`\nBy stage: left untreated / still waiting at the end (means)\n${stages}\n`);
    });
}
