// # Quick start: an M/M/c clinic, checked against Erlang C
//
// Run it:  npx tsx examples/quick-start.ts
// (CAREPATH_EXAMPLE_QUICK=1 makes it shorter; charts go to examples/out/quick-start/.)
//
// Question: a clinic with 3 clinicians sees 2.5 referrals a day at random (Poisson), and each
// appointment takes a random time (exponential) averaging one day of a clinician's time. How
// long do patients wait? Queueing theory answers this exactly (the M/M/3 queue, Erlang C), so
// it is the simplest way to see that the simulator tells the truth.
//
// The imports are the package's own (`carepath`, `carepath/report`, …); in a clone they
// resolve to the sources through tsconfig.json's `paths`, so the examples run without building.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, runExperiment } from 'carepath';
import { mmcWait } from 'carepath/analysis';
import { formatTextTable, renderChartSvg, waitingListChartSpec } from 'carepath/report';

const QUICK = process.env.CAREPATH_EXAMPLE_QUICK === '1';
const OUT = join(process.env.CAREPATH_EXAMPLE_OUT ?? fileURLToPath(new URL('./out/', import.meta.url)), 'quick-start');

// ## 1. The scenario, as a plain object (a YAML file holds exactly the same fields)
// `warmup` runs the clinic for a while before measuring, so the empty start does not bias the
// waits; `horizon` is the measured time. Durations are days.
const lambda = 2.5; // referrals a day
const meanService = 1; // days of a clinician's time per patient
const servers = 3;
const scenario = parseScenario({
  version: 1,
  name: 'M/M/3 clinic',
  warmup: 500,
  horizon: QUICK ? 5_000 : 50_000,
  arrivals: { referrals: { to: 'clinic', rate: { perDay: lambda } } },
  stages: { clinic: { capacity: { servers }, service: { dist: 'exponential', mean: meanService } } },
});

// ## 2. Simulate: several independent replications give a 95% confidence interval
const result = await runExperiment(scenario, { replications: QUICK ? 4 : 10 });
const sim = result.variants.base!.metrics;

// ## 3. Theory: Erlang C gives the exact steady state of M/M/c
const theory = mmcWait(lambda, 1 / meanService, servers);

// ## 4. Compare. Look for: every theoretical value inside (or very near) the simulated interval.
const row = (label: string, path: string, exact: number) => {
  const s = sim[path]!;
  const inside = s.ci95[0] <= exact && exact <= s.ci95[1];
  return [label, exact.toFixed(4), s.mean.toFixed(4), `${s.ci95[0].toFixed(4)} to ${s.ci95[1].toFixed(4)}`, inside ? 'yes' : 'no'];
};
console.log(`M/M/${servers}: λ = ${lambda}/day, mean service ${meanService} day, ${result.replicationIndices.length} replications\n`);
console.log(
  formatTextTable(
    [
      row('mean wait in queue (days)', 'stages.clinic.wait.mean', theory.Wq),
      row('mean number waiting', 'stages.clinic.meanQueueLength', theory.Lq),
      row('utilisation', 'stages.clinic.utilisation', lambda * meanService / servers),
    ],
    { header: ['measure', 'Erlang C', 'simulated', '95% CI', 'CI holds theory?'] },
  ),
);
console.log(`\nChance a patient waits at all (Erlang C): ${(theory.Pw * 100).toFixed(1)}%`);

// ## 5. A chart: the waiting list over time (median of the runs and the band of 90% of runs)
// Every chart in carepath is a Vega-Lite spec (plain JSON, shown by any notebook or the Vega
// editor); `renderChartSvg` draws it to SVG without a browser.
const spec = waitingListChartSpec(result);
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, 'waiting-list.vl.json'), JSON.stringify(spec, null, 2));
await writeFile(join(OUT, 'waiting-list.svg'), await renderChartSvg(spec));
console.log(`\nChart written to ${join(OUT, 'waiting-list.svg')}`);
