// What two runs side by side cost each other on this machine: the ceiling on what 2 workers can
// gain, whatever the pool does. `node bench/pair.mjs [rounds=3]` runs each workload alone, then
// two copies at once in separate processes (so no worker pool, shared heap or compile thread is
// involved), alternating, and prints one JSON line per workload: CPU seconds alone and side by side,
// and the slowdown (paired CPU over solo CPU, medians). If the same work costs k times the CPU
// when the other core is busy, two workers can gain at most 2 / k, however well they are fed.
//   bare-loop   bench/tandem-limit.mjs at 1e7 patients: a few KB of state, no memory traffic
//   lung        lung-cancer-ai.yaml, its variants × 5 replications, simulate() in one thread
//   tandem      tandem.yaml at 1e6 arrivals, simulate() in one thread
// Run it on an otherwise idle machine: a third process on the two cores makes every figure lie.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.CAREPATH_DIST ? resolve(process.env.CAREPATH_DIST) : resolve(here, '../dist/index.js');
const scenarios = resolve(here, '../examples/scenarios');

/** A child that runs one workload and prints its own CPU seconds. */
const simulateScript = (setup) => `
const mod = await import(${JSON.stringify(pathToFileURL(dist).href)});
${setup}
const c0 = process.cpuUsage();
for (const [s, o] of jobs) mod.simulate(s, o);
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ cpu: (c.user + c.system) / 1e6 }));`;

const WORKLOADS = {
  'bare-loop': [resolve(here, 'tandem-limit.mjs'), '10000000', '1'],
  lung: [
    '--input-type=module',
    '-e',
    simulateScript(`const s = mod.loadScenario(${JSON.stringify(resolve(scenarios, 'lung-cancer-ai.yaml'))});
const jobs = [];
for (let r = 0; r < 5; r++) for (const v of ['base', ...Object.keys(s.variants ?? {})]) jobs.push([s, { replication: r, variant: v }]);`),
  ],
  tandem: [
    '--input-type=module',
    '-e',
    simulateScript(`const base = mod.loadScenario(${JSON.stringify(resolve(scenarios, 'tandem.yaml'))});
const jobs = [[mod.parseScenario({ ...base, horizon: 1e5 }), {}]];`),
  ],
};

/** Runs one child; resolves with its CPU seconds (its own report, or `cpu_s` of the bare loop). */
function child(args) {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', (code) => {
      const last = JSON.parse(out.trim().split('\n').pop() ?? '{}');
      const cpu = last.cpu ?? last.cpu_s;
      if (code !== 0 || !(cpu > 0)) fail(new Error(`${args.slice(0, 2).join(' ')} failed (exit ${code})`));
      else done(cpu);
    });
  });
}

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const rounds = Number(process.argv[2] ?? 3);
for (const [name, args] of Object.entries(WORKLOADS)) {
  const solo = [];
  const paired = [];
  for (let i = 0; i < rounds; i++) {
    solo.push(await child(args));
    paired.push(...(await Promise.all([child(args), child(args)])));
  }
  const r3 = (x) => Math.round(x * 1000) / 1000;
  console.log(
    JSON.stringify({
      workload: name,
      soloCpuSeconds: solo.map(r3),
      pairedCpuSeconds: paired.map(r3),
      slowdown: Math.round((median(paired) / median(solo)) * 100) / 100,
      ceilingWith2: Math.round((2 / (median(paired) / median(solo))) * 100) / 100,
    }),
  );
}
