/**
 * The answer in words, generated from the results: for each variant against `base`, how the
 * waiting lists move (which stage's list changes most), how each waiting-time standard moves
 * (with its 95% confidence interval), and where the bottleneck goes according to theory. Nothing
 * here knows a particular pathway: every sentence is built from metric names and numbers.
 * @module
 */
import type { Analysis } from '../analysis/types.js';
import type { Comparison, ExperimentResult, MetricSummary } from '../experiment/types.js';
import {
  clampShareInterval,
  formatApprox,
  formatDays,
  formatPeriod,
  formatInterval,
  formatNumber,
  formatPercent,
  formatPoints,
  formatSigned,
  humanise,
} from './format.js';
import { leaverSentences, missedCaseClause, trueCaseSentences } from './answer-measures.js';
import { costEffectivenessSentences } from './answer-economics.js';
import type { CostEffectiveness } from '../experiment/cea.js';
import { comparison, isClear, limitedStageIds, metricPath, metricSummary, stageIds, targetGoal, targetIds, targetName, variantsOf } from './metrics.js';

/** The answer for one variant (or for `base`, described on its own). */
export interface AnswerSection {
  /** The variant described (`base` for the scenario as it is). */
  variant: string;
  /** The variant's description from the scenario, if any. */
  description?: string;
  /** One sentence: the gist. */
  headline: string;
  /** Supporting sentences with the numbers and their confidence intervals. */
  details: string[];
}

/** Input of {@link answerSections}. */
export interface AnswerInput {
  /** The experiment to describe. */
  experiment: ExperimentResult;
  /** Variant name → `analyse(scenario, { variant })`, for sentences about the bottleneck. */
  analyses?: Record<string, Analysis>;
  /** Variant name → its description from the scenario. */
  variantDescriptions?: Record<string, string>;
  /** Cost-effectiveness of the variants, for sentences on what each costs and gains. */
  costEffectiveness?: CostEffectiveness;
}

/**
 * −1, 0 or +1: the direction of a change when it is clear (with one run, its sign).
 * @example
 * ```ts
 * import { changeDirection } from 'carepath/report';
 * changeDirection({ meanDiff: 120, sd: 30, ci95: [98, 142], n: 10 }); // 1: the interval is above 0
 * changeDirection({ meanDiff: 3, sd: 30, ci95: [-18, 24], n: 10 }); // 0: could be chance
 * ```
 */
export function changeDirection(c: Comparison | undefined): -1 | 0 | 1 {
  if (!c || !Number.isFinite(c.meanDiff) || c.meanDiff === 0) return 0;
  if (c.n < 2 || isClear(c.ci95)) return c.meanDiff > 0 ? 1 : -1;
  return 0;
}

function ciText(c: Comparison, format: (v: number) => string): string {
  if (c.n < 2) return 'one run, no confidence interval';
  if (c.ci95[0] === c.ci95[1]) return 'the same difference in every run';
  return `95% CI ${formatSigned(c.ci95[0], format)} to ${formatSigned(c.ci95[1], format)}`;
}

function summaryCi(s: MetricSummary, format: (v: number) => string, share = false): string {
  if (s.ci95[0] === s.ci95[1]) return '';
  const interval = formatInterval(share ? clampShareInterval(s.ci95) : s.ci95, format);
  return interval === 'n/a' ? '' : ` (95% CI ${interval})`;
}

/**
 * `met`, `missed` or `borderline` against a goal, judged by the interval, not just the mean.
 * @example
 * ```ts
 * import { goalVerdict } from 'carepath/report';
 * const share = { mean: 0.86, sd: 0.02, ci95: [0.84, 0.88] as [number, number], min: 0.83, max: 0.89, n: 10 };
 * goalVerdict(share, 0.85); // 'borderline': the interval straddles the goal
 * goalVerdict(share, 0.8); // 'met'
 * ```
 */
export function goalVerdict(s: MetricSummary, goal: number): 'met' | 'missed' | 'borderline' {
  const [lo, hi] = s.n > 1 && Number.isFinite(s.ci95[0]) ? s.ci95 : [s.mean, s.mean];
  if (lo >= goal) return 'met';
  if (hi < goal) return 'missed';
  return 'borderline';
}

function listVerb(dir: number): string {
  return dir > 0 ? 'grows' : dir < 0 ? 'falls' : 'stays about the same';
}

function shareVerb(dir: number): string {
  return dir > 0 ? 'rises' : dir < 0 ? 'falls' : 'stays about the same';
}

/** `a`, `a and b`, `a, b and c`. */
function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function pct(v: number): string {
  return formatPercent(v);
}

function listMove(experiment: ExperimentResult, variant: string, path: string): { from: number; to: number; cmp: Comparison } | undefined {
  const base = metricSummary(experiment, 'base', path);
  const other = metricSummary(experiment, variant, path);
  const cmp = comparison(experiment, variant, path);
  if (!base || !other || !cmp) return undefined;
  return { from: base.mean, to: other.mean, cmp };
}

function bottleneckSentence(base: Analysis | undefined, a: Analysis | undefined): string | undefined {
  if (!a) return undefined;
  const describe = (an: Analysis, stage: string) => {
    const st = an.stages[stage];
    if (!st) return stage;
    const growth = st.growthPerWeek > 0 ? `, so its list grows by about ${formatApprox(st.growthPerWeek)} a week` : '';
    return `${stage} (demand ${formatPercent(st.utilisation, 0)} of capacity${growth})`;
  };
  const busiest = (an: Analysis) => {
    let top: string | undefined;
    for (const [id, st] of Object.entries(an.stages)) {
      if (!Number.isFinite(st.capacityRate)) continue;
      if (!top || st.utilisation > an.stages[top]!.utilisation) top = id;
    }
    return top;
  };
  const now = a.bottleneck;
  const before = base?.bottleneck ?? null;
  const spare = () => {
    const b = busiest(a);
    return b ? `every stage has capacity to spare at steady state; the busiest is ${b} at ${formatPercent(a.stages[b]!.utilisation, 0)} of capacity` : 'every stage has capacity to spare at steady state';
  };
  const hidden = (an: Analysis) => {
    const h = (an.hiddenBottlenecks ?? []).filter((id) => an.stages[id]);
    if (h.length === 0) return '';
    const parts = h.map((id) => `${id} (its demand is ${formatPercent(an.stages[id]!.demandUtilisation, 0)} of capacity)`);
    return ` Relieve it and the queue moves to ${joinAnd(parts)}.`;
  };
  if (!base || a === base) {
    return now ? `Theory puts the bottleneck at ${describe(a, now)}.${hidden(a)}` : `Theory: ${spare()}.`;
  }
  if (now === before) {
    return now ? `The bottleneck stays at ${describe(a, now)}.${hidden(a)}` : `As in base, ${spare()}.`;
  }
  if (now && before) return `The bottleneck moves from ${before} to ${describe(a, now)}.${hidden(a)}`;
  if (now) return `A bottleneck appears at ${describe(a, now)}; in base every stage kept up.`;
  return `The bottleneck at ${before} is relieved: ${spare()}.`;
}

function baseSection(input: AnswerInput): AnswerSection {
  const { experiment, analyses } = input;
  const vr = experiment.variants.base!;
  const first = vr.replications[0];
  const horizon = first ? ` over ${formatPeriod(first.horizon)}` : '';
  const start = vr.series.waiting.mean[0];
  const end = metricSummary(experiment, 'base', metricPath.waitingAtEnd);
  const details: string[] = [];
  let headline = 'Base case.';
  if (end) {
    const from = start === undefined ? '' : ` from ${formatNumber(start)}`;
    headline = `In the base case the total waiting list goes${from} to ${formatNumber(end.mean)}${horizon}.`;
    details.push(`Total waiting list at the end: ${formatNumber(end.mean)}${summaryCi(end, formatNumber)}.`);
  }
  const standards = targetIds(experiment).flatMap((t) => {
    const s = metricSummary(experiment, 'base', metricPath.targetShare(t));
    const goal = targetGoal(experiment, t);
    if (!s) return [];
    const verdict = goal === undefined ? '' : `, goal ${formatPercent(goal, 0)}: ${goalVerdict(s, goal)}`;
    return [`${targetName(experiment, t)} ${pct(s.mean)}${summaryCi(s, pct, true)}${verdict}`];
  });
  if (standards.length > 0) details.push(`Standards: ${standards.join('; ')}.`);
  const limited = limitedStageIds(experiment);
  const waits = stageIds(experiment).flatMap((stage) => {
    const st = analyses?.base?.stages[stage];
    // A stage without a capacity limit is a delay: nobody waits.
    if (limited ? !limited.includes(stage) : st && !Number.isFinite(st.capacityRate)) return [];
    const w = metricSummary(experiment, 'base', metricPath.stageWaitMean(stage));
    return w ? [`${stage} ${formatDays(w.mean)} days`] : [];
  });
  if (waits.length > 0) details.push(`Mean wait on each list: ${waits.join(', ')}.`);
  details.push(...trueCaseSentences(experiment, 'base'), ...leaverSentences(experiment, 'base'));
  const bn = bottleneckSentence(undefined, analyses?.base);
  if (bn) details.push(bn);
  const shares = targetIds(experiment).flatMap((t) => {
    const s = metricSummary(experiment, 'base', metricPath.targetShare(t));
    const goal = targetGoal(experiment, t);
    return s ? [`${targetName(experiment, t)} is ${pct(s.mean)}${goal === undefined ? '' : ` (goal ${formatPercent(goal, 0)})`}`] : [];
  });
  if (shares.length > 0) headline = headline.replace(/\.$/, `; ${joinAnd(shares)}.`);
  const b = analyses?.base?.bottleneck;
  if (b) headline += ` The bottleneck is ${b}.`;
  return { variant: 'base', ...(input.variantDescriptions?.base ? { description: input.variantDescriptions.base } : {}), headline, details };
}

function variantSection(input: AnswerInput, variant: string): AnswerSection {
  const { experiment, analyses } = input;
  const clauses: string[] = [];
  const details: string[] = [];

  const total = listMove(experiment, variant, metricPath.waitingAtEnd);
  if (total) {
    const dir = changeDirection(total.cmp);
    details.push(
      `Total waiting list at the end ${listVerb(dir)}: ${formatNumber(total.from)} in base, ${formatNumber(total.to)} here ` +
        `(${formatSigned(total.cmp.meanDiff)}; ${ciText(total.cmp, formatNumber)}).`,
    );
  }

  const stageMoves = stageIds(experiment)
    .map((stage) => ({ stage, move: listMove(experiment, variant, metricPath.stageWaitingAtEnd(stage)) }))
    .filter((x): x is { stage: string; move: NonNullable<ReturnType<typeof listMove>> } => x.move !== undefined);
  const clear = stageMoves
    .filter((x) => changeDirection(x.move.cmp) !== 0)
    .sort((a, b) => Math.abs(b.move.cmp.meanDiff) - Math.abs(a.move.cmp.meanDiff));
  const unclear = stageMoves.filter((x) => changeDirection(x.move.cmp) === 0).map((x) => x.stage);
  // The gist names the largest clear rise and the largest clear fall: relieving one stage often
  // moves the queue to the next, and the planner needs to see both halves of that story. A
  // change counts for the gist only when it is material: at least a week of that stage's
  // capacity (the extra wait it means), or, without an analysis, a tenth of the largest change.
  const weekCapacity = (stage: string) => {
    const st = analyses?.[variant]?.stages[stage];
    return st && Number.isFinite(st.capacityRate) && st.capacityRate > 0 ? st.capacityRate * 7 : undefined;
  };
  const largest = Math.max(0, ...clear.map((x) => Math.abs(x.move.cmp.meanDiff)));
  const material = (x: (typeof clear)[number]) => {
    const week = weekCapacity(x.stage);
    return Math.abs(x.move.cmp.meanDiff) >= (week ?? 0.1 * largest);
  };
  const rise = clear.find((x) => changeDirection(x.move.cmp) > 0 && material(x));
  const fall = clear.find((x) => changeDirection(x.move.cmp) < 0 && material(x));
  const moveClause = (x: (typeof clear)[number], first: boolean) =>
    `the ${x.stage}${first ? ' waiting list' : ' list'} ${listVerb(changeDirection(x.move.cmp))} from ${formatNumber(x.move.from)} to ${formatNumber(x.move.to)}`;
  const pair = [rise, fall]
    .filter((x): x is (typeof clear)[number] => x !== undefined)
    .sort((a, b) => Math.abs(b.move.cmp.meanDiff) - Math.abs(a.move.cmp.meanDiff));
  if (pair.length === 0 && clear.length > 0) pair.push(clear[0]!);
  if (pair.length === 2) clauses.push(`${moveClause(pair[0]!, true)} while ${moveClause(pair[1]!, false)}`);
  else if (pair.length === 1) clauses.push(moveClause(pair[0]!, true));
  else if (stageMoves.length > 0) clauses.push(`no stage's waiting list changes clearly`);
  const weeks = (stage: string, diff: number) => {
    const week = weekCapacity(stage);
    if (week === undefined || Math.abs(diff) < week) return '';
    return `, about ${formatApprox(Math.abs(diff) / week)} weeks of its capacity`;
  };
  if (clear.length > 0) {
    const parts = clear.map(
      ({ stage, move }) =>
        `${stage} ${listVerb(changeDirection(move.cmp))} from ${formatNumber(move.from)} to ${formatNumber(move.to)} ` +
        `(${formatSigned(move.cmp.meanDiff)}${weeks(stage, move.cmp.meanDiff)}; ${ciText(move.cmp, formatNumber)})`,
    );
    details.push(`Stage lists at the end: ${parts.join('; ')}.${unclear.length > 0 ? ` No clear change at ${unclear.join(', ')}.` : ''}`);
  } else if (stageMoves.length > 0) {
    details.push('No stage\u2019s waiting list at the end changes clearly (every 95% CI includes zero).');
  }

  const targetClauses: string[] = [];
  for (const t of targetIds(experiment)) {
    const path = metricPath.targetShare(t);
    const b = metricSummary(experiment, 'base', path);
    const v = metricSummary(experiment, variant, path);
    const cmp = comparison(experiment, variant, path);
    if (!b || !v || !cmp) continue;
    const dir = changeDirection(cmp);
    const goal = targetGoal(experiment, t);
    const name = targetName(experiment, t);
    targetClauses.push(
      dir === 0
        ? Math.abs(cmp.meanDiff) < 0.0005
          ? `${name} stays at ${pct(v.mean)}`
          : `${name} goes from ${pct(b.mean)} to ${pct(v.mean)} (not a clear change)`
        : `${name} ${shareVerb(dir)} from ${pct(b.mean)} to ${pct(v.mean)}`,
    );
    const verdict = goal === undefined ? '' : ` Goal ${formatPercent(goal, 0)}: ${goalVerdict(v, goal)}.`;
    details.push(
      `${name}: ${pct(b.mean)} in base, ${pct(v.mean)} here (${formatPoints(cmp.meanDiff)}; ${ciText(cmp, (x) => `${(x * 100).toFixed(1)} pts`)}).${verdict}`,
    );
  }
  if (targetClauses.length > 0) clauses.push(joinAnd(targetClauses));
  const missed = missedCaseClause(experiment, variant);
  if (missed) clauses.push(missed);
  details.push(...trueCaseSentences(experiment, variant), ...leaverSentences(experiment, variant));

  const bn = bottleneckSentence(analyses?.base, analyses?.[variant]);
  if (bn) details.push(bn);
  if (input.costEffectiveness) details.push(...costEffectivenessSentences(experiment, input.costEffectiveness, variant));

  const lead = `With ${variant}`;
  const headline = clauses.length > 0 ? `${lead}, ${clauses.join('; ')}.` : `${lead}: no comparable metrics.`;
  const description = input.variantDescriptions?.[variant];
  return { variant, ...(description ? { description } : {}), headline, details };
}

/**
 * The answer in words: a section for `base` and one per other variant, each with a one-sentence
 * headline and the supporting numbers. Changes count as changes only when their 95% confidence
 * interval excludes zero (with one replication, by their sign).
 *
 * @example
 * for (const s of answerSections({ experiment, analyses })) console.log(s.headline);
 * // "With ai-reporting, the surgery waiting list grows from 30 to 410; Treatment 62d falls from …"
 */
export function answerSections(input: AnswerInput): AnswerSection[] {
  const variants = variantsOf(input.experiment);
  const out: AnswerSection[] = [];
  if (variants.includes('base')) out.push(baseSection(input));
  for (const v of variants) if (v !== 'base') out.push(variantSection(input, v));
  return out;
}
