// # How much treatment capacity does the AI need?
//
// Run it:  npx tsx examples/treatment-capacity.ts
// (CAREPATH_EXAMPLE_QUICK=1 makes it shorter; charts go to examples/out/treatment-capacity/.)
//
// Question: with AI chest X-ray reporting (the `ai-reporting` variant of
// examples/scenarios/lung-cancer-ai.yaml) more cancers reach surgery sooner, and 7 surgery
// slots a week no longer keep the 31-day decision-to-treatment standard (96%). What is the
// smallest number of surgery slots a week that does, with 95% confidence?
//
// `seekCapacity` answers it by search: try the current capacity, double (or halve) until the
// answer flips, then bisect. Every capacity is run on the same replications (the same random
// numbers), so the share moves with capacity, not with luck. The command line does the same:
//   npx carepath seek examples/scenarios/lung-cancer-ai.yaml --stage surgery \
//     --target treatment-31d --variant ai-reporting
//
// The imports are the package's own (`carepath`, `carepath/report`, …); in a clone they
// resolve to the sources through tsconfig.json's `paths`, so the examples run without building.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { loadScenario, parseScenario, seekCapacity } from 'carepath';
import { chartConfig, clampShareInterval, formatTextTable, renderChartSvg } from 'carepath/report';

const QUICK = process.env.CAREPATH_EXAMPLE_QUICK === '1';
const OUT = join(process.env.CAREPATH_EXAMPLE_OUT ?? fileURLToPath(new URL('./out/', import.meta.url)), 'treatment-capacity');
const FILE = fileURLToPath(new URL('./scenarios/lung-cancer-ai.yaml', import.meta.url));

// ## 1. The scenario (the quick mode measures 13 weeks instead of two years)
const loaded = loadScenario(FILE);
const scenario = QUICK ? parseScenario({ ...loaded, horizon: '13w' }) : loaded;

// ## 2. Search
// `confidence: 0.95` asks for the one-sided lower 95% bound of the mean share to reach the
// goal, not just the mean: a capacity that meets the goal only on average is not enough.
// `onEvaluation` reports each capacity as it is tried.
const result = await seekCapacity(scenario, {
  variant: 'ai-reporting',
  stage: 'surgery',
  target: 'treatment-31d',
  confidence: 0.95,
  replications: QUICK ? 3 : 10,
  ...(QUICK ? { workers: 1, max: 16 } : {}),
  onEvaluation: (e) => console.log(`  tried ${e.capacity} slots/week: mean share ${(e.share.mean * 100).toFixed(1)}%`),
});

// ## 3. Every capacity tried. Look for: the share rising with capacity, and the first
// capacity whose lower bound clears the goal.
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const tried = [...result.evaluations].sort((a, b) => a.capacity - b.capacity);
console.log(
  '\n' +
    formatTextTable(
      tried.map((e) => {
        const [lo, hi] = clampShareInterval(e.share.ci95); // a share's interval stops at 0% and 100%
        return [String(e.capacity), pct(e.share.mean), `${pct(lo)} to ${pct(hi)}`, pct(e.lower), e.met ? 'yes' : 'no'];
      }),
      { header: [result.unit, 'mean share', '95% CI', 'lower bound', 'meets goal'] },
    ),
);

// ## 4. The answer
console.log(
  result.met
    ? `\nWith AI reporting, surgery needs ${result.capacity} ${result.unit} (now ${result.current}) to meet the 31-day ` +
        `standard (goal ${pct(result.goal)}) with ${pct(result.confidence)} confidence: mean share ${pct(result.share.mean)}.`
    : `\nEven ${result.capacity} ${result.unit} do not reach the goal of ${pct(result.goal)} with ${pct(result.confidence)} confidence.`,
);

// ## 5. A chart of our own: the share against capacity, with the goal
// The report layer's chart builders cover the usual charts; for anything else write a
// Vega-Lite spec and draw it with the same house style (`chartConfig`) and `renderChartSvg`.
const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: { text: 'Surgery slots against the 31-day standard', subtitle: 'ai-reporting variant. Point: mean share; line: 95% CI; red: goal.' },
  config: chartConfig,
  width: 560,
  height: 260,
  data: { values: tried.map((e) => ({ capacity: e.capacity, mean: e.share.mean, lo: Math.max(0, e.share.ci95[0]), hi: Math.min(1, e.share.ci95[1]), goal: result.goal })) },
  layer: [
    { mark: { type: 'rule', color: '#c0392b', strokeDash: [5, 3] }, encoding: { y: { field: 'goal', type: 'quantitative' } } },
    {
      mark: { type: 'rule', strokeWidth: 2, color: '#4e79a7' },
      encoding: { x: { field: 'capacity', type: 'quantitative', title: result.unit, scale: { zero: false } }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
    },
    {
      mark: { type: 'point', filled: true, size: 70, color: '#4e79a7' },
      encoding: { x: { field: 'capacity', type: 'quantitative' }, y: { field: 'mean', type: 'quantitative', title: 'share within 31 days', axis: { format: '%' } } },
    },
  ],
} as TopLevelSpec;
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, 'seek.vl.json'), JSON.stringify(spec, null, 2));
await writeFile(join(OUT, 'seek.svg'), await renderChartSvg(spec));
await writeFile(join(OUT, 'seek.json'), JSON.stringify(result, null, 2));
console.log(`Chart and search result written to ${OUT}`);
