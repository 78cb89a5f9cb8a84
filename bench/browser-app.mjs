// The what-if page's own timings: `node bench/browser-app.mjs` builds the page `carepath app`
// writes for lung-cancer-ai.yaml (20 replications, 2 Web Workers), opens it in headless Chromium
// from disk, and prints one JSON line per run of the page:
//   load     the run on opening (base and the page's variant, settings as in the scenario)
//   rerun-N  surgery slots changed, Run pressed: until the numbers, answer and charts are redrawn
// `seconds` is wall time from pressing Run (or opening) to the page saying Done; `phases` is the
// page's own split (simulate, analyse, charts) when the page reports it.
// Also run as the `browser-app` case of bench/browser.mjs. Skipped without /usr/bin/chromium.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { bundleBrowser } from './browser-bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(here, '../src');
const CHROMIUM = '/usr/bin/chromium';

/** Builds the page from the sources, as `carepath app` does, into a temporary file. */
async function appFile(replications, workers) {
  const app = await bundleBrowser({ entry: join(src, 'app/main.ts'), globalName: 'carepathApp' });
  const page = await build({ entryPoints: [join(src, 'cli/app-page.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const dir = mkdtempSync(join(tmpdir(), 'carepath-bench-app-'));
  writeFileSync(join(dir, 'app-page.mjs'), page.outputFiles[0].text);
  const { appPage } = await import(pathToFileURL(join(dir, 'app-page.mjs')).href);
  const nm = resolve(here, '../node_modules');
  const assets = { app: app.code, vega: readFileSync(join(nm, 'vega/build/vega.min.js'), 'utf8'), vegaLite: readFileSync(join(nm, 'vega-lite/build/vega-lite.min.js'), 'utf8') };
  const scenario = parse(readFileSync(resolve(here, '../examples/scenarios/lung-cancer-ai.yaml'), 'utf8'));
  const file = join(dir, 'lung.html');
  writeFileSync(file, appPage({ scenario, replications, workers, title: scenario.name, assets }));
  return file;
}

/** Runs the page; returns one record per run. */
export async function benchApp({ replications = 20, workers = 2, reruns = 2 } = {}) {
  if (!existsSync(CHROMIUM)) return [{ case: 'browser-app', skipped: 'no /usr/bin/chromium' }];
  const file = await appFile(replications, workers);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const out = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const done = async (n, t0) => {
      await page.waitForFunction((n) => document.body.dataset.runs === String(n), n, { timeout: 300_000 });
      const seconds = (Date.now() - t0) / 1000;
      const phases = await page.evaluate(() => (document.body.dataset.timing ? JSON.parse(document.body.dataset.timing) : undefined));
      const status = await page.locator('#status').textContent();
      return { seconds, ...(phases ? { phases } : {}), status };
    };
    let t0 = Date.now();
    await page.goto(pathToFileURL(file).href);
    out.push({ case: 'browser-app', run: 'load', ...(await done(1, t0)) });
    for (let i = 1; i <= reruns; i++) {
      await page.fill('input[type=number][data-path="stages.surgery.capacity.slots"]', String(7 + i));
      t0 = Date.now();
      await page.click('#run');
      out.push({ case: 'browser-app', run: `rerun-${i}`, ...(await done(i + 1, t0)) });
    }
  } finally {
    await browser.close();
  }
  return out.map((o) => ({ ...o, replications, workers, targetSeconds: 3 }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await benchApp()) console.log(JSON.stringify(line));
}
