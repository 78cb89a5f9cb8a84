/**
 * `carepath/report`: the pieces of the report, for building your own. Vega-Lite chart specs and
 * their SVG rendering, the tables as data and as text, CSV exports, the answer in words, reading
 * an experiment result (its stages, targets, metric meanings, summaries and comparisons), and the
 * number and date formatting the report uses. (`renderReport`, `terminalSummary`, `summaryCsv`,
 * `seriesCsv` and `resultsJson` are at the root; writing files is in `carepath/node`.)
 * @example
 * ```ts
 * import { formatPercent, humanise } from 'carepath/report';
 * `${humanise('treatment-62d')}: ${formatPercent(0.853)}`; // 'Treatment 62d: 85.3%'
 * ```
 * @module carepath/report
 */
export { reproduceCommand, reportStartDate } from '../report/html.js';
export {
  waitingListChartSpec,
  stageListsChartSpec,
  targetsChartSpec,
  stageWaitsChartSpec,
  utilisationChartSpec,
  bottleneckChartSpec,
  waitedBandsChartSpec,
  groupWaitsChartSpec,
  answerStage,
  answerStageChartSpec,
  reportChartSpecs,
  stagesWithCapacity,
  variantColours,
  chartConfig,
  BASE_COLOUR,
  MAX_CHART_STAGES,
  type ChartOptions,
  type ChartInput,
} from '../report/charts.js';
export { renderChartSvg } from '../report/render-svg.js';
// Harm, cost and value.
export { cePlaneChartSpec, ceacChartSpec } from '../report/charts.js';
export { economicsOptions, formatMoney } from '../report/economics.js';
export { costEffectivenessSentences } from '../report/answer-economics.js';
export { economicsTextSections, type TextSection } from '../report/economics-text.js';
export { costEffectivenessCsv, COST_EFFECTIVENESS_COLUMNS } from '../report/csv-cea.js';
export { pathwayFlows, pathwayDiagramSvg, type PathwayFlows, type FlowEdge, type FlowStage, type DiagramOptions } from '../report/diagram/index.js';
export { comparisonsCsv, replicationsCsv, toCsv, SUMMARY_COLUMNS, SERIES_COLUMNS, COMPARISON_COLUMNS, REPLICATION_COLUMNS } from '../report/csv.js';
export { answerSections, goalVerdict, changeDirection, type AnswerSection, type AnswerInput } from '../report/answer.js';
export { trueCaseSentences, leaverSentences, missedCaseClause } from '../report/answer-measures.js';
export { isMaterial, notableChange, materialityText, MATERIAL_FLOOR, MATERIAL_RELATIVE } from '../report/material.js';
export { compactValue } from '../report/assumptions.js';
export { readableNumbers } from '../report/readable-text.js';
export { formatTextTable, type TextTableOptions } from '../report/text-table.js';
export {
  analysisTable,
  bottleneckLabel,
  metricSections,
  formatMetric,
  formatSummary,
  betterSign,
  type MetricSection,
  type MetricSectionId,
  type MetricRow,
} from '../report/tables.js';
export {
  formatNumber,
  formatPercent,
  formatSigned,
  formatPoints,
  formatInterval,
  formatDays,
  formatApprox,
  clampShareInterval,
  formatDate,
  formatPeriod,
  dayToDate,
  humanise,
  slugify,
  escapeHtml,
} from '../report/format.js';
export { terminalSafe, spreadsheetSafe } from '../report/safe-text.js';
export { scenarioInfo, type ScenarioInfo } from '../report/scenario-info.js';
export {
  stageIds,
  targetIds,
  targetGoal,
  targetName,
  limitedStageIds,
  metricInfo,
  targetDescriptions,
  variantsOf,
  metricSummary,
  comparison,
  metricPath,
} from '../report/metrics.js';
