import { openSync, writeSync, closeSync } from 'node:fs';
import { loadScenario, parseScenario, simulate } from './src/index.js';
import { jsonLinesSink } from './src/pathway/run/records.js';
const N = Number(process.argv[2] ?? 1e6);
const base = loadScenario('examples/scenarios/tandem.yaml');
const s = parseScenario({ ...base, warmup: 0, horizon: N / 10 } as never);
function t(label: string, f: () => unknown) { const t0 = performance.now(); const r: any = f(); const sec = (performance.now() - t0) / 1000; console.log(label, sec.toFixed(2), 's', (N / sec / 1e6).toFixed(2), 'M/s', Math.round(process.memoryUsage().rss / 2 ** 20), 'MB rss'); return r; }
t('none', () => simulate(s));
let n = 0;
t('count', () => simulate(s, { patients: { write: () => void n++ } }));
t('stringify', () => simulate(s, { patients: jsonLinesSink((l) => void (n += l.length)) }));
const fd = openSync('/tmp/m2/rec.jsonl', 'w');
t('writeSync each', () => simulate(s, { patients: { write: (r) => writeSync(fd, `${JSON.stringify(r)}\n`) } }));
closeSync(fd);
