import { openSync, writeSync, closeSync } from 'node:fs';
import { loadScenario, parseScenario, simulate } from './src/index.js';
import type { PatientRecord } from './src/pathway/run/records.js';
const N = Number(process.argv[2] ?? 1e6);
const base = loadScenario('examples/scenarios/tandem.yaml');
const s = parseScenario({ ...base, warmup: 0, horizon: N / 10 } as never);
function t(label: string, f: () => unknown) { const t0 = performance.now(); const r: any = f(); const sec = (performance.now() - t0) / 1000; console.log(label, sec.toFixed(2), 's', (N / sec / 1e6).toFixed(2), 'M/s', Math.round(process.memoryUsage().rss / 2 ** 20), 'MB rss'); return r; }
const q = new Map<string, string>();
const js = (x: string) => { let v = q.get(x); if (v === undefined) q.set(x, (v = JSON.stringify(x))); return v; };
const num = (x: number | null) => (x === null ? 'null' : '' + x);
function line(r: PatientRecord): string {
  let v = '';
  for (let i = 0; i < r.visits.length; i++) {
    const x = r.visits[i]!;
    v += `${i ? ',' : ''}{"stage":${js(x.stage)},"joined":${x.joined},"start":${num(x.start)},"end":${num(x.end)},"test":${x.test === null ? 'null' : js(x.test)},"outcome":${js(x.outcome)}}`;
  }
  let c = '';
  for (let i = 0; i < r.conditions.length; i++) c += (i ? ',' : '') + js(r.conditions[i]!);
  return `{"id":${r.id},"arrival":${r.arrival},"class":${js(r.class)},"conditions":[${c}],"returns":[${r.returns.join(',')}],"visits":[${v}],"outcome":${js(r.outcome)},"left":${num(r.left)},"pathwayStart":${r.pathwayStart}}\n`;
}
let n = 0;
t('manual string', () => simulate(s, { patients: { write: (r) => void (n += line(r).length) } }));
const fd = openSync('/tmp/m2/rec2.jsonl', 'w');
const buf = Buffer.allocUnsafe(1 << 20); let at = 0;
t('manual buffered', () => simulate(s, { patients: { write: (r) => { const l = line(r); if (at + l.length * 3 > buf.length) { writeSync(fd, buf, 0, at); at = 0; } at += buf.write(l, at); } } }));
writeSync(fd, buf, 0, at); closeSync(fd);
const fd2 = openSync('/tmp/m2/rec3.jsonl', 'w');
let pend: string[] = []; let len = 0;
t('stringify batched', () => simulate(s, { patients: { write: (r) => { const l = JSON.stringify(r); pend.push(l); len += l.length; if (len > 1 << 20) { writeSync(fd2, pend.join('\n') + '\n'); pend = []; len = 0; } } } }));
writeSync(fd2, pend.join('\n') + '\n'); closeSync(fd2);
