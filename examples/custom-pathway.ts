// # A pathway built in code, with rules of your own
//
// Run it:  npx tsx examples/custom-pathway.ts
// (CAREPATH_EXAMPLE_QUICK=1 makes it shorter; charts go to examples/out/custom-pathway/.)
//
// Question: a cancer pathway (clinic, then a diagnostic scan, then treatment) keeps missing its
// 62-day standard; the treatment list also holds routine (benign) surgery. Two local rules are
// proposed: patients who have already been on the pathway more than 62 days when they are ready
// for treatment go to a Saturday fast-track list instead; and the treatment list is taken in
// turn, longest on the pathway first, instead of urgent patients first. What do they buy?
//
// The scenario format has routing by probability, test result and class, and queues ordered by
// class. Rules that need more — "over 62 days", "longest on the pathway first" — are written as
// functions, `hooks.route` and `hooks.priority`, and given to the simulator.
//
// The imports are the package's own (`carepath`, `carepath/report`, …); in a clone they
// resolve to the sources through tsconfig.json's `paths`, so the examples run without building.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, runExperiment, simulate, type SimulationHooks } from 'carepath';
import { metricValue, pairedDifference } from 'carepath/analysis';
import { formatTextTable, renderChartSvg, stageListsChartSpec } from 'carepath/report';

const QUICK = process.env.CAREPATH_EXAMPLE_QUICK === '1';
const OUT = join(process.env.CAREPATH_EXAMPLE_OUT ?? fileURLToPath(new URL('./out/', import.meta.url)), 'custom-pathway');

// ## 1. The pathway as a plain object
// Exactly the fields of a YAML scenario file; `parseScenario` checks it and reports every
// mistake with its path (try misspelling `capacity`). The `fast-track` stage is declared but
// nothing in the scenario routes to it (`carepath validate` would warn that no patient can
// reach it): only the custom rule below will.
const scenario = parseScenario({
  version: 1,
  name: 'Cancer pathway with local rules',
  startDate: '2026-01-05',
  warmup: 0,
  horizon: QUICK ? '13w' : '52w',
  seed: 7,
  classes: { urgent: { priority: 1 }, routine: { priority: 2 } },
  arrivals: {
    referrals: { to: 'clinic', rate: { perWeek: 120 }, class: 'routine', conditions: { cancer: 0.08 } },
    'benign-surgery': { to: 'treatment', rate: { perWeek: 2 }, class: 'routine' },
  },
  // 600 patients already wait for a scan, up to 7 weeks: many will pass 62 days on the pathway.
  initial: { scan: { count: 600, waited: { dist: 'uniform', min: 10, max: 50 }, class: 'routine', conditions: { cancer: 0.08 } } },
  stages: {
    clinic: {
      capacity: { servers: 4 },
      service: { dist: 'exponential', mean: 0.15 },
      next: [{ to: 'scan', p: 0.5 }, { to: 'exit' }],
    },
    scan: {
      capacity: { slots: 70, per: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      test: { detects: 'cancer', sensitivity: 0.9, specificity: 0.9, onPositive: { class: 'urgent' } },
      next: [{ if: 'positive', to: 'treatment' }, { to: 'exit' }],
    },
    treatment: {
      capacity: { slots: 12, per: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      queue: 'priority',
    },
    'fast-track': {
      capacity: { slots: 3, per: 'week', days: ['sat'] },
    },
  },
  targets: {
    'treated-62d': {
      description: 'Treated within 62 days of referral',
      until: ['treatment.start', 'fast-track.start'],
      within: '62d',
      goal: 0.85,
    },
  },
});

// ## 2. The rules, as functions
// `route` runs after every stage: it sees the patient, the stage just finished, the time and
// where the scenario would send them (`proposed`); it returns a stage, `exit`, or undefined to
// keep the proposal. The scenario's own routing draw is still made, so random numbers stay
// aligned with a run without the hook: the comparison below is a fair, paired one.
// `priority` orders every `queue: priority` stage: lower is served first, and the key is taken
// when the patient joins the list. Here the pathway start day: longest on the pathway first.
const hooks: SimulationHooks = {
  route: ({ patient, now, proposed }) =>
    proposed === 'treatment' && now - patient.pathwayStart > 62 ? 'fast-track' : undefined,
  priority: ({ patient }) => patient.pathwayStart,
};

// ## 3. Run without the rules, with the fast track only, and with both rules
// Functions cannot be sent to worker threads, so an experiment with hooks runs in this thread
// (`workers: 1`, the default when `simulate` is given). To run hooks in parallel, export a
// `simulate` that adds them from a module of your own and pass its path as `simulateModule`.
const replications = QUICK ? 3 : 20;
const withHooks = (h: SimulationHooks) => runExperiment(scenario, { replications, simulate: (s, o) => simulate(s, { ...o, hooks: h }) });
const runs = {
  'scenario only': await runExperiment(scenario, { replications, workers: 1 }),
  'fast track': await withHooks({ route: hooks.route! }),
  'both rules': await withHooks(hooks),
};

// ## 4. Compare. Look for: the fast track takes a few patients a week and lifts the 62-day
// share; taking the list in turn cuts the longest wait sharply but raises the mean wait (the
// urgent patients no longer jump the queue) — a trade-off for the clinicians to judge.
// Replication r of every run saw the same patients, so the difference is paired: its interval
// is narrower than the two separate intervals would suggest.
const only = runs['scenario only'];
const both = runs['both rules'];
// One metric from every replication, in replication order (the order pairs them).
const values = (r: typeof only, path: string) => r.variants.base!.replications.map((run) => metricValue(run, path)!);
const rows = [
  ['treatment list at the end', 'stages.treatment.waitingAtEnd', 0],
  ['patients sent to the fast track', 'stages.fast-track.entered', 0],
  ['mean wait for treatment (days)', 'stages.treatment.wait.mean', 1],
  ['longest wait for treatment (days)', 'stages.treatment.wait.max', 0],
  ['treated within 62 days', 'targets.treated-62d.share', 3],
] as const;
console.log(
  formatTextTable(
    rows.map(([label, path, digits]) => {
      const f = (x: number) => x.toFixed(digits);
      const d = pairedDifference(values(both, path), values(only, path));
      return [label, ...Object.values(runs).map((r) => f(r.variants.base!.metrics[path]!.mean)), `${f(d.meanDiff)} (${f(d.ci95[0])} to ${f(d.ci95[1])})`];
    }),
    { header: ['mean over runs', ...Object.keys(runs), 'both − scenario (95% CI)'] },
  ),
);

// ## 5. Chart: the treatment and fast-track lists over time, with and without the rules
// The chart builders take an experiment result; two single-variant results are combined into
// one, the scenario-only run as `base` and the run with both rules as `both-rules`.
const combined = {
  ...only,
  variantNames: ['base', 'both-rules'],
  variants: { base: only.variants.base!, 'both-rules': both.variants.base! },
  comparisons: {},
};
const spec = stageListsChartSpec(combined, { stages: ['treatment', 'fast-track'], startDate: scenario.startDate! });
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, 'lists.vl.json'), JSON.stringify(spec, null, 2));
await writeFile(join(OUT, 'lists.svg'), await renderChartSvg(spec));
console.log(`\nChart written to ${join(OUT, 'lists.svg')}`);
