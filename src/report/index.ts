/**
 * The report: a self-contained HTML file with the answer in words, charts (Vega-Lite specs
 * rendered to SVG), tables with confidence intervals and the assumptions; plus CSV and JSON
 * exports, the chart specs for notebooks, and atomic file writing.
 * @module
 */
export { renderReport, reproduceCommand, reportStartDate, type ReportInput } from './html.js';
export { writeReportBundle, type ReportBundleInput, type ReportBundleFiles } from './bundle.js';
export { writeFileAtomic, type AtomicData } from './atomic.js';
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
} from './charts.js';
export { renderChartSvg } from './render-svg.js';
export { cePlaneChartSpec, ceacChartSpec } from './charts.js';
export { economicsOptions, formatMoney } from './economics.js';
export { economicsTextSections, type TextSection } from './economics-text.js';
export { costEffectivenessSentences } from './answer-economics.js';
export { costEffectivenessCsv, COST_EFFECTIVENESS_COLUMNS } from './csv-cea.js';
export { pathwayFlows, pathwayDiagramSvg, type PathwayFlows, type FlowEdge, type FlowStage, type DiagramOptions } from './diagram/index.js';
export {
  summaryCsv,
  seriesCsv,
  comparisonsCsv,
  replicationsCsv,
  resultsJson,
  toCsv,
  SUMMARY_COLUMNS,
  SERIES_COLUMNS,
  COMPARISON_COLUMNS,
  REPLICATION_COLUMNS,
} from './csv.js';
export { answerSections, goalVerdict, changeDirection, type AnswerSection, type AnswerInput } from './answer.js';
export { trueCaseSentences, leaverSentences, missedCaseClause } from './answer-measures.js';
export { isMaterial, notableChange, materialityText, MATERIAL_FLOOR, MATERIAL_RELATIVE } from './material.js';
export { compactValue } from './assumptions.js';
export { readableNumbers } from './readable-text.js';
export { formatTextTable, type TextTableOptions } from './text-table.js';
export { spreadsheetSafe, terminalSafe } from './safe-text.js';
export { terminalSummary, analysisTable, bottleneckLabel, metricSections, type MetricSection, type MetricRow, type MetricSectionId } from './tables.js';
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
} from './format.js';
export { scenarioInfo, type ScenarioInfo } from './scenario-info.js';
export {
  stageIds,
  targetIds,
  targetGoal,
  targetName,
  variantsOf,
  metricSummary,
  comparison,
  metricPath,
} from './metrics.js';
