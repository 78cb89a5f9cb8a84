// Summarises a V8 CPU profile (`node --cpu-prof`): self time per function, largest first.
//
// Usage: node --cpu-prof --cpu-prof-dir=bench/out/prof bench/run.mjs --child tandem-1e6
//        node bench/profile.mjs bench/out/prof/CPU.*.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const files = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1) && (args.indexOf('--lines') < 0 || i !== args.indexOf('--lines') + 1));
if (files.length === 0) {
  console.error('usage: node bench/profile.mjs FILE.cpuprofile [--top N]');
  process.exit(2);
}

for (const file of files) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  // Sample counts per node, weighted by the time until the next sample.
  const self = new Map();
  const deltas = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = deltas[i + 1] ?? 0;
    const id = prof.samples[i];
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  const byFn = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url ? `${basename(cf.url)}:${cf.lineNumber + 1}` : ''}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    total += us;
  }
  const rows = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`${basename(file)}: ${(total / 1e6).toFixed(2)} s sampled`);
  for (const [k, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${k}`);
}

// --lines FUNCTION: where inside that function the samples fell (source line of the bundle).
const linesAt = args.indexOf('--lines');
if (linesAt >= 0) {
  const fn = args[linesAt + 1];
  for (const file of files) {
    const prof = JSON.parse(readFileSync(file, 'utf8'));
    const lines = new Map();
    let url = '';
    for (const n of prof.nodes) {
      if (n.callFrame.functionName !== fn || !n.positionTicks) continue;
      url = n.callFrame.url;
      for (const { line, ticks } of n.positionTicks) lines.set(line, (lines.get(line) ?? 0) + ticks);
    }
    const src = url ? readFileSync(new URL(url), 'utf8').split('\n') : [];
    const total = [...lines.values()].reduce((a, b) => a + b, 0);
    console.log(`${fn}: ${total} samples by line`);
    for (const [line, ticks] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      console.log(`${((100 * ticks) / total).toFixed(1).padStart(5)}%  ${String(line).padStart(5)}  ${(src[line - 1] ?? '').trim().slice(0, 100)}`);
    }
  }
}
