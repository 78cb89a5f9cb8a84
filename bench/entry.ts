/**
 * Stand-in for the package entry point when `dist/index.js` is not built yet or lacks an
 * export the benchmark needs: `npx tsup bench/entry.ts src/experiment/worker.ts --format esm
 * -d bench/out/dist` builds `bench/out/dist/entry.js` (plus `worker.js` for the worker pool), then
 * `CAREPATH_DIST=bench/out/dist/entry.js node bench/run.mjs`.
 * @module
 */
export { simulate, loadScenario, parseScenario, variantNames } from '../src/pathway/index.js';
export { runExperiment } from '../src/experiment/index.js';
export { patientRecordsFile } from '../src/experiment/records-file.js';
export { Simulation, RandomStreams, compileDistribution } from '../src/core/index.js';
