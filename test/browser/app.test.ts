/**
 * `carepath app` end to end: the command writes one HTML file; headless Chromium opens it from
 * disk with no network, the page runs base and the planner's settings on Web Workers, and
 * changing the surgery slots then pressing Run changes the surgery list and the answer.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { launchChromium, skipBrowser } from './chromium.js';

const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'carepath-app-'));
const file = join(dir, 'lung.html');
const file12 = join(dir, 'lung-12.html');

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(args, { out: () => undefined, err: (t) => void (stderr += t), errIsTTY: false });
  return { code, stderr };
}

beforeAll(async () => {
  const r = await cli(['app', join(root, 'examples/scenarios/lung-cancer-ai.yaml'), '--horizon', '13w', '--replications', '3', '--workers', '2', '--out', file]);
  expect(r.stderr).toContain('Wrote');
  expect(r.code).toBe(0);
  const r12 = await cli(['app', join(root, 'examples/scenarios/lung-cancer-ai.yaml'), '--horizon', '8w', '--replications', '12', '--workers', '2', '--out', file12]);
  expect(r12.code).toBe(0);
}, 120_000);

describe('carepath app', () => {
  it('writes one self-contained file: the scenario, the page script and Vega inline, no external URL loaded', () => {
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('id="carepath-config"');
    expect(html).toContain('carepathApp');
    expect(html).toMatch(/vegaLite/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    const config = JSON.parse(/<script type="application\/json" id="carepath-config">(.*?)<\/script>/s.exec(html)![1]!);
    expect(config.scenario.horizon).toBe('13w');
    expect(config.replications).toBe(3);
    // The workers start and run before Vega is parsed; the page is drawn after it.
    const app = html.indexOf('<script id="carepath-app">');
    const prepare = html.indexOf('carepathApp.prepare(');
    const start = html.lastIndexOf('carepathApp.start(');
    expect(app).toBeGreaterThan(0);
    expect(prepare).toBeGreaterThan(app);
    expect(start).toBeGreaterThan(prepare);
    const between = html.slice(prepare, start);
    expect(between).toMatch(/vegaLite/);
    expect(between.length).toBeGreaterThan(100_000); // Vega's two scripts
  });

  it('`run --app` writes the page beside the report, for the scenario as run', async () => {
    const out = join(dir, 'run');
    const r = await cli(['run', join(root, 'examples/scenarios/mm1.yaml'), '--replications', '2', '--workers', '1', '--app', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'app.html'), 'utf8');
    const config = JSON.parse(/<script type="application\/json" id="carepath-config">(.*?)<\/script>/s.exec(html)![1]!);
    expect(config.scenario.stages).toHaveProperty('clinic');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
  }, 120_000);

  it('refuses a bad horizon naming the field', async () => {
    const r = await cli(['app', join(root, 'examples/scenarios/lung-cancer-ai.yaml'), '--horizon', '13 parsecs', '--out', join(dir, 'bad.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/horizon/);
  });
});

describe.skipIf(skipBrowser)('the what-if page in Chromium (skipped: /usr/bin/chromium not installed)', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
    page.on('request', (r) => void (!/^(file|blob|data):/.test(r.url()) && requests.push(r.url())));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.body.dataset.runs === '1', undefined, { timeout: 90_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const cell = (metric: string, variant: string) => page.locator(`td[data-metric="${metric}"][data-variant="${variant}"]`).textContent();
  const number = async (metric: string, variant: string) => Number((await cell(metric, variant))!.replace(/[^\d.]/g, ''));

  it('runs on load: both columns equal (no change yet), charts drawn, status says workers were used', async () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    const base = await number('stages.surgery.waitingAtEnd', 'base');
    expect(await number('stages.surgery.waitingAtEnd', 'what-if')).toBe(base);
    expect(base).toBeGreaterThan(0);
    expect(await page.locator('#status').textContent()).toMatch(/Done: 6 runs .* on 2 workers/);
    // 3 replications: too few for an early look.
    expect(JSON.parse((await page.evaluate(() => document.body.dataset.timing))!)).not.toHaveProperty('firstCharts');
    const charts = await page.$$eval('figure.chart svg', (svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const w of charts) expect(w).toBeGreaterThan(200);
  });

  it('more surgery slots, then Run: the surgery list falls, the answer changes, the link holds the setting', async () => {
    const before = {
      base: await number('stages.surgery.waitingAtEnd', 'base'),
      mine: await number('stages.surgery.waitingAtEnd', 'what-if'),
      answer: await page.locator('#answer').textContent(),
    };
    await page.fill('input[type=number][data-path="stages.surgery.capacity.slots"]', '14');
    expect(await page.evaluate(() => location.hash)).toBe('#stages.surgery.capacity.slots=14');
    await page.evaluate(() => {
      const seen: string[] = ((globalThis as unknown as { statuses: string[] }).statuses = []);
      const status = document.getElementById('status')!;
      new MutationObserver(() => seen.push(`${status.textContent} @${(document.getElementById('progress') as HTMLProgressElement).value}`)).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#run');
    await page.waitForFunction(() => document.body.dataset.runs === '2', undefined, { timeout: 90_000 });
    // The progress indicator moved run by run: 1 to 5 of the 6 runs done, the bar part way.
    const statuses = await page.evaluate(() => (globalThis as unknown as { statuses: string[] }).statuses);
    const partWay = statuses.filter((t) => /^Running: [1-5] of 6 runs done @0\.\d+$/.test(t));
    expect(partWay.length, statuses.join(' | ')).toBeGreaterThanOrEqual(1);
    const after = {
      base: await number('stages.surgery.waitingAtEnd', 'base'),
      mine: await number('stages.surgery.waitingAtEnd', 'what-if'),
      answer: await page.locator('#answer').textContent(),
    };
    // Same seed: the scenario's own column is unchanged, run for run.
    expect(after.base).toBe(before.base);
    // Double the slots (14 a week for about 7 a week of demand at full load): the list shrinks.
    expect(after.mine).toBeLessThan(before.mine);
    expect(after.answer).not.toBe(before.answer);
    expect(after.answer).toMatch(/Surgery: slots a week 7 → 14/);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  }, 120_000);

  /**
   * A page that reports `cores` as navigator.hardwareConcurrency, and counts the charts drawn
   * (in `drawings`: a `figure.chart` added as the first in its box starts one) and the distinct statuses shown (`seen`).
   */
  async function pageWithCores(cores: number): Promise<Page> {
    const other = await browser.newPage();
    await other.addInitScript((cores) => {
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => cores });
      const w = globalThis as unknown as { drawings: number; seen: string[] };
      w.drawings = 0;
      w.seen = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.matches('figure.chart') && !n.previousElementSibling) w.drawings++;
        const status = document.getElementById('status')?.textContent ?? '';
        if (status !== w.seen.at(-1)) w.seen.push(status);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    }, cores);
    return other;
  }

  it('with 12 replications and a spare core, draws the first 3 (charts too) while the rest run, then all 12', async () => {
    const other = await pageWithCores(8); // 2 workers (--workers 2): cores to spare
    await other.goto(pathToFileURL(file12).href);
    await other.waitForFunction(() => document.body.dataset.runs === '1', undefined, { timeout: 90_000 });
    await other.fill('input[type=number][data-path="stages.surgery.capacity.slots"]', '3');
    await other.evaluate(() => {
      const seen: string[] = ((globalThis as unknown as { statuses: string[] }).statuses = []);
      const status = document.getElementById('status')!;
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await other.click('#run');
    await other.waitForFunction(() => document.body.dataset.runs === '2', undefined, { timeout: 90_000 });
    const statuses = await other.evaluate(() => (globalThis as unknown as { statuses: string[] }).statuses);
    // The scenario's own 12 runs were made when the page opened: only the 12 of the new setting now.
    expect(statuses.at(-1)).toMatch(/^Done: 24 runs in [\d.]+ s on 2 workers \(12 simulated, 12 reused: the same as runs already made\)$/);
    // The early look (3 = a quarter of 12) was drawn, before the full run was shown.
    const timing = await other.evaluate(() => JSON.parse(document.body.dataset.timing!));
    expect(timing.firstCharts).toBeGreaterThan(0);
    expect(timing.firstCharts).toBeLessThanOrEqual(timing.simulate);
    const charts = await other.locator('figure.chart svg').count();
    expect(charts).toBeGreaterThanOrEqual(4);
    // Load and Run each drew the charts twice: the early look's and the full run's.
    expect(await other.evaluate(() => (globalThis as unknown as { drawings: number }).drawings)).toBe(4);
    await other.close();
  }, 120_000);

  it('with no spare core (2 cores, 2 workers), the early look shows the numbers, and the charts once at the end', async () => {
    const other = await pageWithCores(2);
    await other.goto(pathToFileURL(file12).href);
    await other.waitForFunction(() => document.body.dataset.runs === '1', undefined, { timeout: 90_000 });
    const seen = await other.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    expect(seen.some((t) => /^Running: .*\(showing the first 3 replications; charts when the run ends\)$/.test(t)), seen.join(' | ')).toBe(true);
    const timing = await other.evaluate(() => JSON.parse(document.body.dataset.timing!));
    expect(timing.firstNumbers).toBeGreaterThan(0);
    expect(timing.firstNumbers).toBeLessThanOrEqual(timing.simulate);
    expect(timing).not.toHaveProperty('firstCharts');
    const charts = await other.locator('figure.chart svg').count();
    expect(charts).toBeGreaterThanOrEqual(4);
    expect(await other.evaluate(() => (globalThis as unknown as { drawings: number }).drawings)).toBe(1);
    await other.close();
  }, 120_000);

  it('opens a shared link with its settings and offers them as a YAML variant', async () => {
    const other = await browser.newPage();
    await other.goto(`${pathToFileURL(file).href}#stages.surgery.capacity.slots=3`);
    expect(await other.inputValue('input[type=number][data-path="stages.surgery.capacity.slots"]')).toBe('3');
    const [download] = await Promise.all([other.waitForEvent('download'), other.click('#save')]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toMatch(/variants:\n {2}what-if:\n[\s\S]*surgery:\n {10}capacity:\n {12}slots: 3\n/);
    await other.close();
  }, 60_000);
});
