// Browser figures: `node bench/browser.mjs` prints one JSON line per case.
//   bundle-core    simulate + runExperiment + analyse from carepath/browser (the budget:
//                  under 150 KB gzipped)
//   bundle-browser everything carepath/browser exports (chart specs, answer text, validation…)
//   bundle-dist    the same from the built package (dist/browser.js), when it is built
//   bundle-app     the what-if page's script (`carepath app`), without Vega
//   browser-lung   lung-cancer-ai.yaml, 3 variants × 20 replications, in headless Chromium on Web
//                  Workers (2 workers), as the what-if page runs it; skipped without /usr/bin/chromium
//   browser-app    the what-if page itself (bench/browser-app.mjs): the lung page at 20
//                  replications on 2 workers, opened, then surgery slots changed and Run pressed
//                  twice; wall seconds per run and the page's split (simulate, show, first charts),
//                  Chromium's CPU seconds and the page thread's share; then `fresh-3x20`: a fresh
//                  page simulating 3 settings × 20 replications with nothing reused
//   one-run        one lung replication (104 weeks) in one thread, in Node and in Chromium, from
//                  the same bundle: the reference for the figure above
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { benchApp } from './browser-app.mjs';
import { bundleBrowser } from './browser-bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(here, '../src');
const kb = (b) => Math.round(b / 102.4) / 10;
const print = (o) => console.log(JSON.stringify(o));

const core = await bundleBrowser({
  contents: "export { simulate, runExperiment, analyse, serveWorker } from './api/browser.ts';",
  resolveDir: src,
  format: 'esm',
});
print({ case: 'bundle-core', minKB: kb(core.bytes), gzipKB: kb(core.gzipBytes), budgetGzipKB: 150 });
const all = await bundleBrowser({ entry: join(src, 'api/browser.ts'), format: 'esm' });
print({ case: 'bundle-browser', minKB: kb(all.bytes), gzipKB: kb(all.gzipBytes) });
// The built package (npm run build): what a user's bundler gets from `carepath/browser`.
const dist = resolve(here, '../dist/browser.js');
if (existsSync(dist)) {
  const built = await bundleBrowser({ entry: dist, format: 'esm' });
  print({ case: 'bundle-dist', minKB: kb(built.bytes), gzipKB: kb(built.gzipBytes) });
}
if (existsSync(join(src, 'app/main.ts'))) {
  const app = await bundleBrowser({ entry: join(src, 'app/main.ts'), globalName: 'carepathApp' });
  print({ case: 'bundle-app', minKB: kb(app.bytes), gzipKB: kb(app.gzipBytes) });
}

const scenario = parse(readFileSync(resolve(here, '../examples/scenarios/lung-cancer-ai.yaml'), 'utf8'));
const esm = join(mkdtempSync(join(tmpdir(), 'carepath-bench-')), 'carepath.mjs');
writeFileSync(esm, all.code);
const inNode = await import(pathToFileURL(esm).href);
inNode.simulate(scenario); // warm-up: compile the engine once
let t = performance.now();
inNode.simulate(scenario);
const nodeSeconds = (performance.now() - t) / 1000;

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  print({ case: 'one-run', nodeSeconds });
  print({ case: 'browser-lung', skipped: 'no /usr/bin/chromium' });
} else {
  const { chromium } = await import('playwright-core');
  const iife = await bundleBrowser({ entry: join(src, 'api/browser.ts'), globalName: 'carepath' });
  const dir = mkdtempSync(join(tmpdir(), 'carepath-bench-'));
  const file = join(dir, 'bench.html');
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><script id="cp">${iife.code.replace(/<\/script/gi, '<\\/script')}</script>`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const browserSeconds = await page.evaluate((scenario) => {
      carepath.simulate(scenario);
      const t0 = performance.now();
      carepath.simulate(scenario);
      return (performance.now() - t0) / 1000;
    }, scenario);
    print({ case: 'one-run', nodeSeconds, browserSeconds });
    const workers = 2;
    const out = await page.evaluate(
      async ({ scenario, workers }) => {
        const code = document.getElementById('cp').textContent + '\ncarepath.serveWorker();';
        const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
        const t0 = performance.now();
        const r = await carepath.runExperiment(scenario, { replications: 20, workers, worker: () => new Worker(url) });
        return { seconds: (performance.now() - t0) / 1000, variants: r.variantNames.length, runs: r.variantNames.length * 20 };
      },
      { scenario, workers },
    );
    print({ case: 'browser-lung', ...out, workers, targetSeconds: 3, chromium: browser.version() });
  } finally {
    await browser.close();
  }
}
for (const line of await benchApp()) print(line);
