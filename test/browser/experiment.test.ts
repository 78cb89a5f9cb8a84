/**
 * carepath/browser bundles with no Node built-ins (esbuild, platform browser, fails on any) and
 * runs an experiment in headless Chromium on Web Workers, with the same result as Node's
 * runExperiment in one thread for the same seed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleBrowser } from '../../bench/browser-bundle.mjs';
import { loadScenario, runExperimentSync } from '../../src/index.js';
import type { ExperimentResult } from '../../src/experiment/types.js';
import { launchChromium, skipBrowser } from './chromium.js';

const root = resolve(__dirname, '../..');
const lung = () => JSON.parse(JSON.stringify({ ...loadScenario(join(root, 'examples/scenarios/lung-cancer-ai.yaml')), horizon: '6w' }));

function withoutMeta(r: ExperimentResult): Omit<ExperimentResult, 'meta'> {
  const { meta: _meta, ...rest } = r;
  return JSON.parse(JSON.stringify(rest));
}

describe('the browser bundle', () => {
  it('builds for browsers with no Node built-ins, well under the 150 KB gzipped budget', async () => {
    const core = await bundleBrowser({
      contents: "export { simulate, runExperiment, analyse, serveWorker } from './api/browser.ts';",
      resolveDir: join(root, 'src'),
      format: 'esm',
    });
    expect(core.gzipBytes).toBeLessThan(150 * 1024);
    // Not vacuous: the engine, the schema and the runner are in it.
    expect(core.bytes).toBeGreaterThan(100 * 1024);
    expect(core.code).not.toMatch(/node:(fs|os|crypto|worker_threads|path)/);
  }, 60_000);
});

describe.skipIf(skipBrowser)('an experiment in headless Chromium (skipped: /usr/bin/chromium not installed)', () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    const { code } = await bundleBrowser({ entry: join(root, 'src/api/browser.ts'), globalName: 'carepath' });
    file = join(mkdtempSync(join(tmpdir(), 'carepath-browser-')), 'experiment.html');
    writeFileSync(file, `<!doctype html><meta charset="utf-8"><script id="cp">${code.replace(/<\/script/gi, '<\\/script')}</script>`);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('on two Web Workers gives the result of one Node thread, seed for seed', async () => {
    const scenario = lung();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    const out = await page.evaluate(async (scenario) => {
      const w = globalThis as unknown as { carepath: any; document: any; URL: any; Blob: any; Worker: any };
      const code = w.document.getElementById('cp').textContent + '\ncarepath.serveWorker();';
      const url = w.URL.createObjectURL(new w.Blob([code], { type: 'text/javascript' }));
      let started = 0;
      const result = await w.carepath.runExperiment(scenario, {
        replications: 3,
        workers: 2,
        seed: 11,
        worker: () => {
          started++;
          return new w.Worker(url);
        },
      });
      return { result, started };
    }, scenario);
    expect(errors).toEqual([]);
    expect(out.started).toBe(2);
    expect(out.result.meta.workers).toBe(2);
    expect(out.result.meta.nodeVersion).toBe('browser');
    const node = runExperimentSync(scenario, { replications: 3, seed: 11 });
    expect(withoutMeta(out.result)).toEqual(withoutMeta(node));
    // Not vacuous: real runs with patients in them.
    expect(node.variants.base!.metrics['stages.reporting.waitingAtEnd']!.mean).toBeGreaterThan(100);
  }, 120_000);

  it('reports a bad scenario with its field named', async () => {
    const scenario = lung();
    scenario.stages.surgery.capacity.slots = -3;
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const message = await page.evaluate(async (scenario) => {
      const w = globalThis as unknown as { carepath: any; document: any; URL: any; Blob: any; Worker: any };
      const code = w.document.getElementById('cp').textContent + '\ncarepath.serveWorker();';
      const url = w.URL.createObjectURL(new w.Blob([code], { type: 'text/javascript' }));
      try {
        await w.carepath.runExperiment(scenario, { replications: 2, workers: 2, worker: () => new w.Worker(url) });
        return 'no error';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    }, scenario);
    expect(message).toMatch(/surgery/);
    expect(message).toMatch(/slots/);
  }, 60_000);
});
