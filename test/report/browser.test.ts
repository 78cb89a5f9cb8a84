/**
 * Opens the generated report in headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) and checks that it renders: no console or page errors, no network requests,
 * every chart's SVG visible with a non-zero size. Leaves a screenshot in the temp directory.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, reportChartSpecs } from '../../src/report/index.js';
import { fixtureAnalyses, fixtureExperiment, fixtureScenario } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
// Locally the test needs `apt-get install chromium`; in CI it must run, so a missing browser fails there.
const skip = !haveChromium && !process.env.CI;

describe.skipIf(skip)('report in a browser (skipped: /usr/bin/chromium not installed; apt-get install chromium)', () => {
  let browser: Browser;
  let file: string;
  const experiment = fixtureExperiment();
  const analyses = fixtureAnalyses();

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-browser-'));
    file = join(dir, 'report.html');
    writeFileSync(file, await renderReport({ scenario: fixtureScenario() as never, experiment, analyses, source: 'fixture.yaml' }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart without errors or network requests', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    const expected = Object.keys(reportChartSpecs({ experiment, analyses }));
    const sizes = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          name: f.getAttribute('data-chart'),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg ? svg.querySelectorAll('path, rect, line, text').length : 0,
        };
      }),
    );
    expect(sizes.map((s) => s.name)).toEqual(expected);
    for (const s of sizes) {
      expect(s.width, `${s.name} width`).toBeGreaterThan(200);
      expect(s.height, `${s.name} height`).toBeGreaterThan(100);
      expect(s.marks, `${s.name} drawn marks`).toBeGreaterThan(10);
    }
    // Nothing wider than the page: charts scale down to the column.
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);

    await page.screenshot({ path: join(tmpdir(), 'carepath-report.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
