// The what-if page's own timings: `node bench/browser-app.mjs` builds the page `carepath app`
// writes for lung-cancer-ai.yaml (20 replications, 2 Web Workers), opens it in headless Chromium
// from disk, and prints one JSON line per run of the page:
//   load     the run on opening (base and the page's variant, settings as in the scenario)
//   rerun-N  surgery slots changed, Run pressed: until the numbers, answer and charts are redrawn
//   fresh-3x20  a new browser context (cold workers, nothing remembered) opened with surgery
//            slots set in the link, so its load simulates base and that setting (40 runs), then
//            a second setting and Run (20 more): 3 variants × 20 replications, none reused.
//            `seconds` is the sum of both waits; `parts` has each one.
// `seconds` is wall time from pressing Run (or opening) to the page saying Done; `phases` is the
// page's own split (simulate, analyse, charts) when the page reports it; `cpuSeconds` is the CPU
// time all of Chromium's processes (page, workers, renderer) used meanwhile, from /proc (Linux):
// the figure to compare on a loaded machine, where wall time lies; `mainThreadSeconds` is the part
// the page's own thread spent in tasks (Chrome DevTools Protocol's TaskDuration): the rest is the
// workers' (and the browser's) share.
// Also run as the `browser-app` case of bench/browser.mjs, and (pageFigures: the median re-run and
// the fresh page) as the `page` case of bench/run.mjs. Skipped without /usr/bin/chromium.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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

/**
 * CPU ticks used so far by each live descendant of this process (Chromium's), by pid; undefined
 * off Linux. A pid that ends between two readings drops out of both (no negative figures).
 */
function cpuTicks() {
  if (!existsSync('/proc/self/stat')) return undefined;
  const procs = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // Fields after the command (which may hold spaces): state, ppid, …, utime (14th), stime (15th).
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      procs.set(Number(pid), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const ours = new Map();
  for (const [pid, p] of procs) {
    if (pid === process.pid) continue;
    for (let up = p.ppid; up > 1; up = procs.get(up)?.ppid ?? 0) {
      if (up === process.pid) {
        ours.set(pid, p.ticks);
        break;
      }
    }
  }
  return ours;
}

/** CPU seconds Chromium's processes used since the reading `before` (USER_HZ = 100). */
function cpuSince(before) {
  const now = cpuTicks();
  if (!now || !before) return undefined;
  let ticks = 0;
  for (const [pid, t] of now) ticks += t - (before.get(pid) ?? 0);
  return Math.round(ticks) / 100;
}

const LAUNCH = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const SLOTS = 'input[type=number][data-path="stages.surgery.capacity.slots"]';

/** Seconds the page's thread has spent in tasks so far. */
async function mainThread(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** A page with CDP's Performance domain on, and the page thread's task seconds at the start. */
async function openPage(target) {
  const page = await target.newPage({ viewport: { width: 1300, height: 1000 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

/** Waits for the page's n-th run to be done; its wall and CPU seconds since t0/cpu0/main0, phases and status. */
async function done({ page, cdp }, n, t0, cpu0, main0) {
  await page.waitForFunction((n) => document.body.dataset.runs === String(n), n, { timeout: 300_000 });
  const seconds = (Date.now() - t0) / 1000;
  const cpu = cpuSince(cpu0);
  const main = Math.round(((await mainThread(cdp)) - main0) * 100) / 100;
  const phases = await page.evaluate(() => (document.body.dataset.timing ? JSON.parse(document.body.dataset.timing) : undefined));
  const status = await page.locator('#status').textContent();
  return { seconds, ...(cpu !== undefined ? { cpuSeconds: cpu } : {}), mainThreadSeconds: main, ...(phases ? { phases } : {}), status };
}

/** Runs the page; returns one record per run. */
export async function benchApp({ replications = 20, workers = 2, reruns = 2, fresh = true } = {}) {
  if (!existsSync(CHROMIUM)) return [{ case: 'browser-app', skipped: 'no /usr/bin/chromium' }];
  const file = await appFile(replications, workers);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH });
  const out = [];
  try {
    const context = await browser.newContext();
    const p = await openPage(context);
    let t0 = Date.now();
    let cpu0 = cpuTicks();
    await p.page.goto(pathToFileURL(file).href);
    out.push({ case: 'browser-app', run: 'load', ...(await done(p, 1, t0, cpu0, 0)) });
    for (let i = 1; i <= reruns; i++) {
      await p.page.fill(SLOTS, String(7 + i));
      const main0 = await mainThread(p.cdp);
      t0 = Date.now();
      cpu0 = cpuTicks();
      await p.page.click('#run');
      out.push({ case: 'browser-app', run: `rerun-${i}`, ...(await done(p, i + 1, t0, cpu0, main0)) });
    }
    await context.close();
    if (fresh) out.push(await fresh3x20(browser, file));
  } finally {
    await browser.close();
  }
  return out.map((o) => ({ ...o, replications, workers, targetSeconds: 3 }));
}

/** 3 variants × 20 replications, none reused, on a page opened afresh (see the top of this file). */
async function fresh3x20(browser, file) {
  const context = await browser.newContext();
  try {
    const p = await openPage(context);
    let t0 = Date.now();
    let cpu0 = cpuTicks();
    await p.page.goto(`${pathToFileURL(file).href}#stages.surgery.capacity.slots=8`);
    const load = await done(p, 1, t0, cpu0, 0);
    await p.page.fill(SLOTS, '9');
    const main0 = await mainThread(p.cdp);
    t0 = Date.now();
    cpu0 = cpuTicks();
    await p.page.click('#run');
    const rerun = await done(p, 2, t0, cpu0, main0);
    const sum = (k) => (load[k] === undefined ? undefined : Math.round((load[k] + rerun[k]) * 1000) / 1000);
    const simulate = load.phases && rerun.phases ? load.phases.simulate + rerun.phases.simulate : undefined;
    return {
      case: 'browser-app',
      run: 'fresh-3x20',
      seconds: sum('seconds'),
      ...(load.cpuSeconds !== undefined ? { cpuSeconds: sum('cpuSeconds') } : {}),
      mainThreadSeconds: sum('mainThreadSeconds'),
      ...(simulate !== undefined ? { simulateSeconds: simulate / 1000 } : {}),
      parts: [{ run: 'load with slots=8', ...load }, { run: 'slots=9, Run', ...rerun }],
    };
  } finally {
    await context.close();
  }
}

/** The what-if page's re-run and fresh timings (bench/browser-app.mjs), or why it was skipped. */
export async function pageFigures() {
  if (!existsSync('/usr/bin/chromium')) return { skipped: 'no /usr/bin/chromium' };
  const runs = await benchApp({ reruns: 3 });
  const reruns = runs.filter((r) => r.run.startsWith('rerun-'));
  const fresh = runs.find((r) => r.run === 'fresh-3x20');
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const simulated = Number(/(\d+) simulated/.exec(reruns[0].status)?.[1] ?? NaN);
  return {
    rerunSeconds: median(reruns.map((r) => r.seconds)),
    rerunCpuSeconds: median(reruns.map((r) => r.cpuSeconds)),
    reruns: reruns.length,
    rerunRuns: simulated,
    freshSeconds: fresh.seconds,
    freshCpuSeconds: fresh.cpuSeconds,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await benchApp()) console.log(JSON.stringify(line));
}
