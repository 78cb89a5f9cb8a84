/**
 * `carepath analyse`: the instant queueing-theory answer, one table per variant.
 * @module
 */
import type { Command } from 'commander';
import { variantNames } from '../../pathway/index.js';
import { analysisTable, formatPercent } from '../../report/index.js';
import type { CliIO } from '../io.js';
import { collectList, positiveCount } from '../options.js';
import { checkVariants, MAX_PATIENTS_HELP, readScenario, scenarioName } from '../scenario.js';
import { analysesFor } from './run.js';

/** Registers `analyse` on the program. */
export function registerAnalyse(program: Command, io: CliIO): void {
  program
    .command('analyse')
    .alias('analyze')
    .description('the instant answer from queueing theory: load, list growth and bottleneck per stage')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('-v, --variant <name>', 'analyse only this variant (repeatable, or comma-separated); default: base and all variants', collectList, [])
    .option('--json', 'print the analyses as JSON on stdout')
    .option('--max-patients <n>', MAX_PATIENTS_HELP, positiveCount)
    .addHelpText(
      'after',
      `
Rates are per week. "load" is arrivals ÷ capacity: over 100% the stage's list grows every week.

Examples:
  $ carepath analyse lung-cancer-ai.yaml
  $ carepath analyse lung-cancer-ai.yaml --variant ai-reporting`,
    )
    .action((file: string, flags: { variant: string[]; json?: boolean; maxPatients?: number }) => {
      const scenario = readScenario(file, flags.maxPatients);
      const variants = flags.variant.length > 0 ? checkVariants(scenario, flags.variant) : ['base', ...variantNames(scenario)];
      const analyses = analysesFor(scenario, variants);
      if (flags.json) {
        io.out(`${JSON.stringify(analyses, null, 2)}\n`);
        return;
      }
      io.out(`${scenarioName(scenario, file)}\n`);
      for (const v of variants) {
        const a = analyses[v]!;
        io.out(`\n== ${v} ==\n${analysisTable(a)}\n`);
        const b = a.bottleneck ? a.stages[a.bottleneck] : undefined;
        io.out(
          a.bottleneck && b
            ? `Bottleneck: ${a.bottleneck} (load ${formatPercent(b.utilisation, 0)}; its list grows by about ${Math.round(b.growthPerWeek * 10) / 10} a week)\n`
            : 'Bottleneck: none — every stage keeps up at steady state\n',
        );
        const hidden = a.hiddenBottlenecks ?? [];
        if (hidden.length > 0) {
          io.out(
            `Next in line: ${hidden.map((h) => `${h} (demand ${formatPercent(a.stages[h]!.demandUtilisation, 0)} of capacity once upstream keeps up)`).join(', ')}\n`,
          );
        }
        for (const n of a.notes ?? []) io.out(`note: ${n}\n`);
      }
    });
}
