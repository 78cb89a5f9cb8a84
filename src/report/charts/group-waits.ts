/**
 * Chart: waits by class and by true condition, with 95% confidence intervals, for the stages where
 * the groups' waits differ materially (urgent against routine, true cases against the rest).
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult, MetricSummary } from '../../experiment/types.js';
import { isMaterial } from '../material.js';
import { metricSummary, stageIds, variantsOf } from '../metrics.js';
import { chartConfig, colourScale, SCHEMA, type ChartOptions } from './style.js';

/** One dot of the chart: a group's mean wait at a stage in a variant, with its 95% CI. @internal */
export interface GroupWaitRow {
  /** `stage · by class` or `stage · by CONDITION`: one panel each. */
  panel: string;
  stage: string;
  /** Class name, or `has CONDITION` / `no CONDITION`. */
  group: string;
  variant: string;
  mean: number;
  lo: number;
  hi: number;
}

/**
 * Whether two groups' mean waits differ materially: the 95% intervals do not overlap (a
 * conservative test for independent groups) and the difference passes the report's materiality
 * rule for days (see `isMaterial`), measured against the smaller mean.
 */
function differ(a: MetricSummary, b: MetricSummary): boolean {
  const apart = a.ci95[0] > b.ci95[1] || b.ci95[0] > a.ci95[1];
  return apart && isMaterial(a.mean - b.mean, Math.min(a.mean, b.mean), 'days');
}

/**
 * The groups' mean waits per stage and split (class, each condition), kept only where two groups
 * of the split differ materially in some variant. Groups nobody of any variant belonged to (a
 * class never used) are left out.
 * @internal
 */
export function groupWaitRows(experiment: ExperimentResult, stages: readonly string[] = stageIds(experiment)): GroupWaitRow[] {
  const variants = variantsOf(experiment);
  const classes = experiment.manifest?.classes ?? [];
  const conditions = experiment.manifest?.conditions ?? [];
  const splits: { by: string; groups: { label: string; path: string }[] }[] = [
    { by: 'class', groups: classes.map((c) => ({ label: c, path: `byClass.${c}` })) },
    ...conditions.map((c) => ({ by: c, groups: [{ label: `has ${c}`, path: `byCondition.${c}.has` }, { label: `no ${c}`, path: `byCondition.${c}.hasNot` }] })),
  ];
  const rows: GroupWaitRow[] = [];
  for (const stage of stages) {
    for (const split of splits) {
      const at = (v: string, path: string, field: string) => metricSummary(experiment, v, `breakdown.stages.${stage}.${path}.${field}`);
      const groups = split.groups.filter((g) => variants.some((v) => (at(v, g.path, 'started')?.mean ?? 0) > 0));
      if (groups.length < 2) continue;
      const material = variants.some((v) => {
        const waits = groups.map((g) => at(v, g.path, 'waitMean')).filter((s): s is MetricSummary => s !== undefined);
        return waits.some((a, i) => waits.some((b, j) => j > i && differ(a, b)));
      });
      if (!material) continue;
      for (const g of groups) {
        for (const v of variants) {
          const s = at(v, g.path, 'waitMean');
          if (!s || !((at(v, g.path, 'started')?.mean ?? 0) > 0)) continue;
          rows.push({ panel: `${stage} · by ${split.by}`, stage, group: g.label, variant: v, mean: s.mean, lo: Math.max(0, s.ci95[0]), hi: s.ci95[1] });
        }
      }
    }
  }
  return rows;
}

/**
 * Mean wait at each stage by class and by true condition (has / has not), per variant, with the
 * 95% confidence interval as a whisker; only the stages and splits where two groups differ
 * materially (intervals apart, and the report's materiality rule). `undefined` when none do.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { groupWaitsChartSpec } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 3, variants: [] });
 * const spec = groupWaitsChartSpec(result); // urgent against routine, where their waits differ
 * ```
 */
export function groupWaitsChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec | undefined {
  const rows = groupWaitRows(experiment, options.stages);
  if (rows.length === 0) return undefined;
  const panels = [...new Set(rows.map((r) => r.panel))];
  const width = options.width ?? 760;
  const variants = variantsOf(experiment);
  return {
    $schema: SCHEMA,
    title: {
      text: 'Waits by class and by true condition',
      subtitle: 'Mean wait on the list; whisker: 95% confidence interval. Only where the groups differ materially.',
    },
    config: chartConfig,
    data: { values: rows },
    facet: { row: { field: 'panel', type: 'nominal', sort: panels, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
    spec: {
      width: width - 200,
      encoding: {
        y: { field: 'group', type: 'nominal', title: null },
        yOffset: { field: 'variant', type: 'nominal', sort: variants },
        color: { field: 'variant', type: 'nominal', scale: colourScale(experiment) },
      },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lo', type: 'quantitative', title: 'mean wait (days)' }, x2: { field: 'hi' } } },
        {
          mark: { type: 'point', filled: true, size: 60, opacity: 1 },
          encoding: {
            x: { field: 'mean', type: 'quantitative' },
            tooltip: [{ field: 'variant' }, { field: 'group' }, { field: 'mean', format: '.1f' }, { field: 'lo', format: '.1f' }, { field: 'hi', format: '.1f' }],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
