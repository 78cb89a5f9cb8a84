// # England's elective waiting list, at national scale
//
// Run it:  npx tsx examples/national-scale.ts        (about 20 s and 0.7 GB of memory)
// (CAREPATH_EXAMPLE_QUICK=1 simulates two weeks instead of a year; charts go to
// examples/out/national-scale/.)
//
// Question: England's referral-to-treatment list holds about 7.4 million pathways and gets
// about 415,000 new referrals a week. Can one machine simulate every patient for a year, and
// what share is treated within 18 weeks (the standard is 92%)?
//
// examples/scenarios/england-elective.yaml is simplified (two stages, illustrative capacities):
// the point here is scale. One replication of a year is about 29 million patients; for many
// replications spread over a cluster see docs/scale.md.
//
// The imports are the package's own (`carepath`, `carepath/report`, …); in a clone they
// resolve to the sources through tsconfig.json's `paths`, so the examples run without building.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { analyse, loadScenario, parseScenario, simulate } from 'carepath';
import { chartConfig, dayToDate, formatTextTable, renderChartSvg } from 'carepath/report';

const QUICK = process.env.CAREPATH_EXAMPLE_QUICK === '1';
const OUT = join(process.env.CAREPATH_EXAMPLE_OUT ?? fileURLToPath(new URL('./out/', import.meta.url)), 'national-scale');
const FILE = fileURLToPath(new URL('./scenarios/england-elective.yaml', import.meta.url));

// ## 1. The scenario (quick mode: two weeks)
const loaded = loadScenario(FILE);
const scenario = QUICK ? parseScenario({ ...loaded, horizon: '2w' }) : loaded;

// ## 2. Theory: does capacity keep up? (instant)
const a = analyse(scenario);
console.log(
  formatTextTable(
    Object.entries(a.stages).map(([id, st]) => [id, (st.arrivalRate * 7).toFixed(0), (st.capacityRate * 7).toFixed(0), `${(st.utilisation * 100).toFixed(0)}%`, String(st.initialWaiting)]),
    { header: ['stage', 'arrivals/week', 'capacity/week', 'load', 'waiting at start'] },
  ),
);

// ## 3. One replication, timed
// `simulate` runs one replication in this thread. Every patient is a row of typed arrays, so
// memory grows with the number of patients in the system at once (millions), not with time.
const started = performance.now();
const run = simulate(scenario);
const seconds = (performance.now() - started) / 1000;
const patients = run.patients.initial + run.patients.arrived;

// ## 4. The answer. Look for: the list at the start and the end, the 18-week share against its
// 92% standard, and the speed in patients a second. The share counts every patient whose clock
// stopped during the run (treated, or discharged after outpatients) plus those still waiting
// past 18 weeks at the end; in two weeks (quick mode) only the longest waiters are treated,
// so the share is near 0.
const list = run.series.waiting;
const rtt = run.targets['rtt-18w']!;
const startDate = scenario.startDate!;
console.log(
  '\n' +
    formatTextTable(
      [
        ['simulated', `${(run.horizon / 7).toFixed(0)} weeks`],
        ['waiting list at the start', list[0]!.toLocaleString('en-GB')],
        [`waiting list at the end (${dayToDate(startDate, run.end)})`, list[list.length - 1]!.toLocaleString('en-GB')],
        ['share within 18 weeks', `${(rtt.share * 100).toFixed(1)}% (standard ${(rtt.goal * 100).toFixed(0)}%)`],
        ['  still waiting beyond 18 weeks at the end', rtt.breachedStillWaiting.toLocaleString('en-GB')],
        ['left the list untreated (patience)', run.patients.abandoned.toLocaleString('en-GB')],
        ['patients simulated', patients.toLocaleString('en-GB')],
        ['events processed', run.events.toLocaleString('en-GB')],
        ['wall time', `${seconds.toFixed(1)} s`],
        ['speed', `${Math.round(patients / seconds).toLocaleString('en-GB')} patients/s`],
      ],
      { header: ['one replication', ''] },
    ),
);
for (const w of run.warnings) console.log(`warning: ${w}`);

// ## 5. Chart: the national list over time (one run, so a line rather than a band)
const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: { text: 'England elective waiting list (one replication)', subtitle: 'Patients waiting for outpatients or admitted treatment.' },
  config: chartConfig, // the report's house style
  width: 640,
  height: 260,
  data: { values: run.series.day.map((d, i) => ({ date: dayToDate(startDate, d), waiting: list[i] })) },
  mark: { type: 'line', strokeWidth: 2, color: '#4e79a7' },
  encoding: {
    x: { field: 'date', type: 'temporal', title: null },
    y: { field: 'waiting', type: 'quantitative', title: 'patients waiting', axis: { format: '.3s' }, scale: { zero: false } },
  },
} as TopLevelSpec;
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, 'waiting-list.vl.json'), JSON.stringify(spec, null, 2));
await writeFile(join(OUT, 'waiting-list.svg'), await renderChartSvg(spec));
console.log(`\nChart written to ${join(OUT, 'waiting-list.svg')}`);
