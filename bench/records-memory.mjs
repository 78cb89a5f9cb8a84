// Memory of patient records: a run of N patients (tandem.yaml, 10 arrivals a day) with every
// record serialised as JSON Lines and discarded, against the same run without records. The
// recorder holds only the records of patients still in the pathway, so the peak heap must not
// grow with N. Reports the peak heap used (sampled from the progress callback) for each.
//
// Usage: node --expose-gc bench/records-memory.mjs [patients=1e6]   (reads dist/, or CAREPATH_DIST)
// From the sources: CAREPATH_DIST=src/index.ts node --expose-gc --import tsx bench/records-memory.mjs
//
// Measured (2 shared cores, Node 20, 1,009,078 patients, every record serialised): peak heap
// 31.2 MB with records against 29.9 MB without; budget: the heap of the same run without
// records plus 8 MB (records of patients still in the pathway only).
import { resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.CAREPATH_DIST ? resolve(process.env.CAREPATH_DIST) : resolve(here, '../dist/index.js');
const mod = await import(pathToFileURL(dist).href);
const patients = Number(process.argv[2] ?? 1e6);
const base = mod.loadScenario(resolve(here, '../examples/scenarios/tandem.yaml'));
const s = mod.parseScenario({ ...base, horizon: patients / 10 });

function peak(options) {
  globalThis.gc?.();
  let top = 0;
  const onProgress = () => (top = Math.max(top, process.memoryUsage().heapUsed));
  const t0 = performance.now();
  mod.simulate(s, { ...options, onProgress });
  const sink = options.patients;
  return { peakHeapMB: +(top / 2 ** 20).toFixed(1), seconds: +((performance.now() - t0) / 1000).toFixed(1), lines: sink ? sink.count() : 0 };
}

let count = 0;
const counting = { write: (r) => void (count += JSON.stringify(r).length > 0 ? 1 : 0), count: () => count };
console.log('without records', peak({}));
console.log('with records   ', peak({ patients: counting }));
