// # Demand that changes: growth, seasons and a step
//
// Run it:  npx tsx examples/demand-growth.ts
// (CAREPATH_EXAMPLE_QUICK=1 makes it shorter; charts go to examples/out/demand-growth/.)
//
// Question: an outpatient clinic has 430 appointment slots a week and gets about 400 referrals
// a week, so today it copes (93% of its slots are needed). What happens to its waiting list
// over three years if referrals grow 5% a year, if they follow the seasons (a winter peak and
// a summer dip), or if a new referral pathway adds 40 a week from July?
//
// The scenario is written in code as a plain object, and the three what-ifs are variants:
// JSON Merge Patches over the base, exactly as in a YAML file.
//
// The imports are the package's own (`carepath`, `carepath/report`, …); in a clone they
// resolve to the sources through tsconfig.json's `paths`, so the examples run without building.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse, parseScenario, runExperiment } from 'carepath';
import { analyseAt } from 'carepath/analysis';
import { dayToDate, formatTextTable, renderChartSvg, waitingListChartSpec } from 'carepath/report';

const QUICK = process.env.CAREPATH_EXAMPLE_QUICK === '1';
const OUT = join(process.env.CAREPATH_EXAMPLE_OUT ?? fileURLToPath(new URL('./out/', import.meta.url)), 'demand-growth');

// ## 1. The clinic and its three what-ifs
// `growth.perYear` compounds continuously (5% a year: ×1.05 after one year, ×1.1025 after two).
// `seasonality` is twelve monthly multipliers of the rate, January first; these average 1, so
// the year's demand is unchanged and only its timing moves. `changes` are step changes of the
// rate at a given time. `initial` is today's list: 2,000 patients who have already waited up
// to 8 weeks.
const startDate = '2026-01-05';
const scenario = parseScenario({
  version: 1,
  name: 'Outpatient clinic under changing demand',
  startDate,
  warmup: 0,
  horizon: QUICK ? '39w' : '156w',
  seed: 42,
  sampleEvery: 7,
  arrivals: { referrals: { to: 'clinic', rate: { perWeek: 400 } } },
  initial: { clinic: { count: 2000, waited: { dist: 'uniform', min: 0, max: 56 } } },
  stages: { clinic: { capacity: { slots: 430, per: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'] } } },
  targets: { 'seen-6w': { description: 'Seen within 6 weeks of referral', until: 'clinic.start', within: '6w', goal: 0.92 } },
  variants: {
    growth: { description: 'Referrals grow 5% a year.', patch: { arrivals: { referrals: { growth: { perYear: 0.05 } } } } },
    seasons: {
      description: 'Winter peak, summer dip; the same referrals over a year.',
      patch: { arrivals: { referrals: { seasonality: [1.2, 1.15, 1.1, 1, 0.95, 0.9, 0.85, 0.8, 0.95, 1, 1.05, 1.05] } } },
    },
    'step-july': {
      description: 'A new pathway adds 40 referrals a week from 6 July 2026 (day 182).',
      patch: { arrivals: { referrals: { changes: [{ at: 182, rate: { perWeek: 440 } }] } } },
    },
  },
});
const variants = ['base', ...Object.keys(scenario.variants!)];

// ## 2. Theory first: the phases of each variant
// `analyse` cuts the run into phases wherever capacity or (step) demand changes and gives the
// steady state of each: load = arrivals ÷ capacity; over 100% the list grows every week.
// Growth and seasons change the rate continuously, so `analyse` uses the rate at the analysed
// day (seasons: the year's average) and `analyseAt` shows any later day.
const end = 7 * (QUICK ? 39 : 156); // the horizon in days
const rows: string[][] = [];
for (const v of variants) {
  for (const ph of analyse(scenario, { variant: v }).phases) {
    const st = ph.stages.clinic!;
    rows.push([v, dayToDate(startDate, ph.from), ph.reason, `${(st.utilisation * 100).toFixed(0)}%`, st.growthPerWeek > 0 ? `+${st.growthPerWeek.toFixed(0)}` : '0']);
  }
}
console.log(formatTextTable(rows, { header: ['variant', 'from', 'phase starts with', 'load', 'list growth/wk'] }));
const atEnd = analyseAt(scenario, end, { variant: 'growth' }).stages.clinic!;
console.log(`\nWith 5% growth, by the end the load is ${(atEnd.utilisation * 100).toFixed(0)}% and the list grows ${atEnd.growthPerWeek.toFixed(0)} a week.`);
const winter = analyseAt(scenario, 14, { variant: 'seasons', seasonality: 'month' }).stages.clinic!;
console.log(`In January with the seasons, the load is ${(winter.utilisation * 100).toFixed(0)}%: the list grows in winter and drains in summer.\n`);

// ## 3. Simulate the four variants (common random numbers: the same patients, different demand)
const result = await runExperiment(scenario, { replications: QUICK ? 2 : 10, ...(QUICK ? { workers: 1 } : {}) });

// ## 4. The list over time, every quarter. Look for: base flat; growth bending upwards once
// demand passes capacity; seasons rising each winter and falling each summer; the step
// growing steadily from July.
const series = result.variants.base!.series.waiting.day;
const every = 13; // samples are weekly (sampleEvery: 7): one row a quarter
const picks = series.map((_, i) => i).filter((i) => i % every === 0 || i === series.length - 1);
console.log(
  formatTextTable(
    picks.map((i) => [dayToDate(startDate, series[i]!), ...variants.map((v) => result.variants[v]!.series.waiting.median[i]!.toFixed(0))]),
    { header: ['date (median list)', ...variants] },
  ),
);
const share = (v: string) => `${(result.variants[v]!.metrics['targets.seen-6w.share']!.mean * 100).toFixed(1)}%`;
console.log(`\nSeen within 6 weeks (goal 92%): ${variants.map((v) => `${v} ${share(v)}`).join(', ')}`);

// ## 5. Chart: every variant's list over time, median and 90% band
const spec = waitingListChartSpec(result, { startDate });
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, 'waiting-list.vl.json'), JSON.stringify(spec, null, 2));
await writeFile(join(OUT, 'waiting-list.svg'), await renderChartSvg(spec));
console.log(`Chart written to ${join(OUT, 'waiting-list.svg')}`);
