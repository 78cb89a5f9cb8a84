// Where a run allocates: V8's sampling heap profiler, keeping objects the young-generation GC
// already collected (short-lived garbage is exactly what a hot loop should not make).
//
// Usage: CAREPATH_DIST=... node bench/alloc.mjs [tandem-arrivals=1e6]
import { Session } from 'node:inspector/promises';
import { resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.CAREPATH_DIST ? resolve(process.env.CAREPATH_DIST) : resolve(here, '../dist/index.js');
const mod = await import(pathToFileURL(dist).href);
const arrivals = Number(process.argv[2] ?? 1e6);
const base = mod.loadScenario(resolve(here, '../examples/scenarios/tandem.yaml'));
const s = mod.parseScenario({ ...base, horizon: arrivals / 10 });
mod.simulate(mod.parseScenario({ ...base, horizon: 1000 })); // warm up the code

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
const r = mod.simulate(s);
const { profile } = await session.post('HeapProfiler.stopSampling');
const bySite = new Map();
let total = 0;
(function walk(n, stack) {
  const name = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber + 1}`;
  const path = [...stack, name];
  if (n.selfSize) {
    const key = path.slice(-3).reverse().join(' < ');
    bySite.set(key, (bySite.get(key) ?? 0) + n.selfSize);
    total += n.selfSize;
  }
  for (const c of n.children) walk(c, path);
})(profile.head, []);
console.log(`${(total / 1e6).toFixed(1)} MB sampled over ${r.events} events (${(total / r.events).toFixed(1)} bytes/event)`);
for (const [k, v] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(v / 1e6).toFixed(2).padStart(8)} MB  ${k}`);
