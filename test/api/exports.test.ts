/**
 * The public API as a user sees it, read from the entry files by the TypeScript compiler (no
 * build): the root holds about forty names, each subpath its own, no name is exported by two
 * entry points, every export of an index file under src/ is offered by an entry point or marked
 * @internal, and package.json, tsup.config.ts and the test/tsconfig aliases agree on the
 * subpaths.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ENTRIES: Record<string, string> = {
  '.': 'src/index.ts',
  './kernel': 'src/api/kernel.ts',
  './analysis': 'src/api/analysis.ts',
  './report': 'src/api/report.ts',
  './node': 'src/api/node.ts',
  './browser': 'src/api/browser.ts',
};

/** Every index file under src/ (the layers' and their folders'): what the code base offers, public or not. */
function indexFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? indexFiles(`${dir}/${e.name}`) : e.name === 'index.ts' && dir !== 'src' ? [`${dir}/${e.name}`] : [],
  );
}
const LAYERS = indexFiles('src');

function exportsOf(): { names: Record<string, string[]>; unlisted: string[] } {
  const files = [...Object.values(ENTRIES), ...LAYERS].map((f) => join(ROOT, f));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const out: Record<string, string[]> = {};
  for (const [sub, file] of Object.entries(ENTRIES)) {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, file))!)!;
    out[sub] = checker.getExportsOfModule(symbol).map((s) => s.getName()).sort();
  }
  // A layer export that no entry point offers must say it is internal.
  const offered = new Set(Object.values(out).flat());
  const unlisted: string[] = [];
  for (const file of LAYERS) {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, file))!)!;
    for (const s of checker.getExportsOfModule(symbol)) {
      if (offered.has(s.getName())) continue;
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      const internal = (target.declarations ?? []).some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'internal'));
      if (!internal) unlisted.push(`${s.getName()} (${file})`);
    }
  }
  return { names: out, unlisted };
}

const { names, unlisted } = exportsOf();

describe('export map', () => {
  it('the root has the names a planner needs, and only those', () => {
    expect(names['.']).toEqual(
      [
        // scenarios
        'loadExample', 'listExamples', 'ScenarioInput', 'loadScenario', 'parseScenario', 'parseScenarioText', 'validateScenario', 'scenarioJsonSchema', 'variantNames',
        'applyVariant', 'resolveScenario', 'ScenarioError', 'ValidationError', 'DEFAULT_SEED',
        'Scenario', 'ScenarioValidation', 'Model',
        // one run
        'simulate', 'SimulateOptions', 'SimulationHooks', 'RunResult', 'ResultManifest',
        // experiments
        'runExperiment', 'runExperimentSync', 'runSweep', 'seekCapacity', 'suggestWarmup', 'mergeExperiments',
        'ExperimentOptions', 'ExperimentResult', 'MetricSummary', 'Comparison', 'SweepOptions', 'SweepResult', 'SeekOptions', 'SeekResult',
        // theory
        'analyse', 'analyseVariants', 'AnalyseOptions', 'Analysis',
        // report
        'renderReport', 'ReportInput', 'terminalSummary', 'summaryCsv', 'seriesCsv', 'resultsJson',
      ].sort(),
    );
    expect(names['.']!.length).toBeGreaterThanOrEqual(35);
    expect(names['.']!.length).toBeLessThanOrEqual(48);
  });

  it('each subpath has its own part of the library', () => {
    const has = (sub: string, list: string[]) => expect(names[sub]).toEqual(expect.arrayContaining(list));
    has('./kernel', ['Simulation', 'EventCalendar', 'RandomStreams', 'compileDistribution', 'formatDuration', 'EXIT', 'resultManifest', 'ModelStage', 'DISTRIBUTIONS', 'distributionDefinition']);
    has('./analysis', ['erlangC', 'mmcWait', 'checkAgainstTheory', 'summarise', 'pairedDifference', 'mser', 'getPath', 'setPath', 'runMetrics']);
    has('./report', ['reportChartSpecs', 'renderChartSvg', 'metricSections', 'formatPercent', 'formatPeriod', 'metricInfo', 'comparisonsCsv']);
    expect(names['./node']).toEqual(
      ['AtomicData', 'Checkpoint', 'CheckpointLine', 'Executor', 'LineWriter', 'patientRecordsArrow', 'PatientRecordsArrowOptions', 'patientRecordsFile', 'PatientRecordsFile', 'ReportBundleFiles', 'ReportBundleInput', 'WorkerPool', 'WorkerTask', 'writeFileAtomic', 'writeReportBundle'].sort(),
    );
    for (const sub of ['./kernel', './analysis', './report']) expect(names[sub]!.length, sub).toBeGreaterThan(20);
    has('./browser', ['simulate', 'runExperiment', 'analyse', 'reportChartSpecs', 'answerSections', 'serveWorker', 'WebWorkerPool']);
    for (const n of names['./browser']!) expect(['loadScenario', 'loadExample', 'runSweep', 'Checkpoint', 'WorkerPool']).not.toContain(n);
  });

  it('every export of an index file under src/ is offered by an entry point or marked @internal', () => {
    expect(LAYERS).toEqual(expect.arrayContaining(['src/core/index.ts', 'src/core/distributions/index.ts', 'src/report/index.ts']));
    expect(unlisted).toEqual([]);
  });

  it('no name is exported by two entry points', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [sub, list] of Object.entries(names)) {
      // The browser entry is the root's core again, without Node: it repeats names on purpose.
      if (sub === './browser') continue;
      for (const n of list) {
        if (seen.has(n)) twice.push(`${n} (${seen.get(n)} and ${sub})`);
        seen.set(n, sub);
      }
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBeGreaterThan(200);
  });

  it('package.json, tsup.config.ts, tsconfig.json and vitest.config.ts name the same subpaths', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; main: string; types: string };
    expect(Object.keys(pkg.exports).sort()).toEqual([...Object.keys(ENTRIES), './package.json'].sort());
    const tsup = readFileSync(join(ROOT, 'tsup.config.ts'), 'utf8');
    for (const [sub, file] of Object.entries(ENTRIES)) {
      const name = sub === '.' ? 'index' : sub.slice(2);
      expect(pkg.exports[sub]).toEqual({
        import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
        require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
      });
      expect(tsup).toContain(`${name}: '${file}'`);
    }
    expect([pkg.main, pkg.types]).toEqual(['./dist/index.cjs', './dist/index.d.ts']);
    const tsconfig = readFileSync(join(ROOT, 'tsconfig.json'), 'utf8');
    expect(tsconfig).toContain('"carepath/*": ["./src/api/*.ts"]');
    expect(readFileSync(join(ROOT, 'vitest.config.ts'), 'utf8')).toContain('(kernel|analysis|report|node|browser)');
  });
});
