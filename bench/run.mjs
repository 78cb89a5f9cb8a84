// carepath benchmark: `npm run bench` (builds, then runs this file).
//
// Prints ONE JSON line per case and writes the same lines to bench/out/latest.jsonl:
//   {case, patients, events, patientsPerSecond, eventsPerSecond, wallSeconds, cpuSeconds,
//    peakRssMB, node, ...}
// Rates are per wall-clock second. cpuSeconds (user + system time of every thread of the
// process) is shown beside it: on a busy machine it moves less than wall time, so it is the
// better figure for comparing two builds.
// Each case runs in its own child process, so peakRssMB (process.resourceUsage().maxRSS) is that
// case's own peak. wallSeconds is the simulation itself: loading the module and parsing the
// scenario are outside the timer; for the experiment cases it covers runExperiment as a whole
// (worker start-up and aggregation included), since that is what a user waits for.
//
// Cases:
//   kernel          10 million self-rescheduling exponential events on the bare kernel
//   tandem-1e5      tandem.yaml with 1e5 / 1e6 / 1e7 arrivals (horizon = arrivals / 10 per day,
//   tandem-1e6      warm-up as in the file)
//   tandem-1e7
//   lung-100-w1     lung-cancer-ai.yaml, 100 replications of each of its 3 variants, runExperiment
//   lung-100-w2     with 1 and 2 worker threads
//   lung-20-w1      the same with 20 replications (the issue's worker-scaling target)
//   lung-20-w2
//   england         england-elective.yaml, one replication (29 million patients, 7.4 million waiting)
//   england-13w     the same over 13, 104 and 208 weeks: usPerPatient (CPU µs per patient) shows
//   england-104w    whether the cost per patient grows with the run's length
//   england-208w
//   import          CPU time of `node -e` importing carepath (ESM and CJS) and of `carepath
//                   validate`, over a bare `node -e` (medians of interleaved runs)
// tandem-1e6 and tandem-1e7 also run the bare-JS reference loop (../shared/bench/tandem_limit.mjs,
// looked for beside the repository, or where that fails bench/tandem-limit.mjs, the same loop)
// in a child right after and print which ran, its rate and the ratio.
//   records-1e6     tandem.yaml with 1e6 / 1e7 arrivals, every patient's record streamed as JSON
//   records-1e7     Lines to a temporary file (patientRecordsFile, deleted after), times with
//                   3 decimals (the fast option; `times` in the line says which), under the same
//                   512 MB heap limit: recordsPerSecond (records ÷ wall seconds of the run),
//                   peakHeapMB (sampled as it runs) and peakRssMB must not grow with the patients;
//                   simSecondsWithout is the same run without records
//   records-exact-1e6  the same with exact times (the default: shortest round-trip text)
//   records-exact-1e7
//   records-objects-1e6  the same, records built but the sink discards them (the recorder's own cost)
//   records-arrow-1e6  the same to an Apache Arrow IPC file (patientRecordsArrow; exact times,
//   records-arrow-1e7  binary), under the same 512 MB heap limit
//   page            the what-if page in headless Chromium (bench/browser-app.mjs): median of three
//                   re-runs after a change, and 3 variants × 20 replications on a fresh page;
//                   skipped (a line saying why) without /usr/bin/chromium
// After the cases it prints issue 16's targets, each figure beside its reference from the same
// sitting (bench/targets.mjs), on stderr, and writes them to bench/out/targets.json.
//
// Options:
//   --quick         smaller cases (1e6 kernel events, tandem up to 1e6, 10 and 4 lung
//                   replications, england over 13 weeks), for a look in seconds
//   --case NAME     only this case (repeatable; a name that is no case's, such as `tandem`, selects
//                   every case it begins: `--case england` is the one-year case alone)
// Environment:
//   CAREPATH_DIST   path of the module to benchmark (default ../dist/index.js). Without a built
//                   package: `npx tsup --no-config --entry.entry bench/entry.ts
//                   --entry.worker src/experiment/worker.ts --format esm -d bench/out/dist`, then
//                   CAREPATH_DIST=bench/out/dist/entry.js node bench/run.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, appendFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTargets, judgeTargets } from './targets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const scenarios = resolve(here, '../examples/scenarios');

/** Decimals of the records cases' times (the fast option); the records-exact cases write exact times. */
const RECORD_DECIMALS = 3;

/** Case name → child-process heap limit (MB) and the function that runs it. */
const CASES = {
  kernel: { heapMB: 512, run: kernelCase },
  'tandem-1e5': { heapMB: 512, run: (m, q) => tandemCase(m, 1e5) },
  'tandem-1e6': { heapMB: 512, run: (m, q) => withReference(tandemCase(m, 1e6), 1e6) },
  'tandem-1e7': { heapMB: 1024, quick: false, run: (m) => withReference(tandemCase(m, 1e7), 1e7) },
  'lung-100-w1': { heapMB: 2048, run: (m, q) => lungCase(m, q ? 10 : 100, 1) },
  'lung-100-w2': { heapMB: 2048, run: (m, q) => lungCase(m, q ? 10 : 100, 2) },
  // The issue's scaling target is stated on 20 replications (worker start-up weighs more).
  'lung-20-w1': { heapMB: 1024, run: (m, q) => lungCase(m, q ? 4 : 20, 1) },
  'lung-20-w2': { heapMB: 1024, run: (m, q) => lungCase(m, q ? 4 : 20, 2) },
  england: { heapMB: 4096, run: (m, q) => englandCase(m, q ? '13w' : null) },
  'england-13w': { heapMB: 4096, quick: false, run: (m) => englandCase(m, '13w') },
  'england-104w': { heapMB: 4096, quick: false, run: (m) => englandCase(m, '104w') },
  'england-208w': { heapMB: 4096, quick: false, run: (m) => englandCase(m, '208w') },
  import: { heapMB: 512, run: (m, q) => importCase(q ? 3 : 9) },
  // The same heap limit for 1e6 and 1e7 patients: records must stream, not accumulate.
  'records-1e6': { heapMB: 512, run: (m, q) => recordsCase(m, q ? 1e5 : 1e6, 'file', RECORD_DECIMALS) },
  'records-1e7': { heapMB: 512, quick: false, run: (m) => recordsCase(m, 1e7, 'file', RECORD_DECIMALS) },
  'records-exact-1e6': { heapMB: 512, run: (m, q) => recordsCase(m, q ? 1e5 : 1e6, 'file') },
  'records-exact-1e7': { heapMB: 512, quick: false, run: (m) => recordsCase(m, 1e7, 'file') },
  'records-objects-1e6': { heapMB: 512, run: (m, q) => recordsCase(m, q ? 1e5 : 1e6, 'objects') },
  'records-arrow-1e6': { heapMB: 512, run: (m, q) => recordsCase(m, q ? 1e5 : 1e6, 'arrow') },
  'records-arrow-1e7': { heapMB: 512, quick: false, run: (m) => recordsCase(m, 1e7, 'arrow') },
  page: { heapMB: 1024, quick: false, run: async () => (await import('./browser-app.mjs')).pageFigures() },
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const child = args.indexOf('--child');

if (child >= 0) {
  const name = args[child + 1];
  const mod = await loadDist();
  const line = await CASES[name].run(mod, quick);
  console.log(JSON.stringify({ case: name, ...line, node: process.version, ...(quick ? { quick: true } : {}) }));
} else {
  const wanted = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '--case') wanted.push(args[++i]);
  const names = Object.keys(CASES).filter(
    (n) => (wanted.length === 0 ? !(quick && CASES[n].quick === false) : wanted.some((w) => (w in CASES ? n === w : n.startsWith(w)))),
  );
  if (names.length === 0) {
    console.error(`no such case: ${wanted.join(', ')}; cases are ${Object.keys(CASES).join(', ')}`);
    process.exit(2);
  }
  const outDir = resolve(here, 'out');
  mkdirSync(outDir, { recursive: true });
  const out = resolve(outDir, 'latest.jsonl');
  writeFileSync(out, '');
  let failed = 0;
  const lines = [];
  for (const name of names) {
    const r = spawnSync(
      process.execPath,
      [`--max-old-space-size=${CASES[name].heapMB}`, fileURLToPath(import.meta.url), '--child', name, ...(quick ? ['--quick'] : [])],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env, maxBuffer: 1 << 24 },
    );
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      failed++;
      console.error(`case ${name} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''})`);
      continue;
    }
    console.log(line);
    appendFileSync(out, `${line}\n`);
    lines.push(JSON.parse(line));
  }
  // The issue's targets from this sitting's lines (stderr: stdout stays one JSON line per case).
  const rows = judgeTargets(lines);
  writeFileSync(resolve(outDir, 'targets.json'), `${JSON.stringify(rows, null, 2)}\n`);
  console.error(`\n${formatTargets(rows)}`);
  process.exit(failed ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------

/**
 * The package's root with its `carepath/kernel` and `carepath/node` subpaths (built next to it as
 * kernel.js and node.js; a bench/entry.ts bundle has them all in one file).
 */
async function loadDist() {
  let mod = await import(distUrl());
  for (const sub of ['./kernel.js', './node.js']) {
    const url = new URL(sub, distUrl());
    if (existsSync(fileURLToPath(url))) mod = { ...mod, ...(await import(url.href)) };
  }
  return mod;
}

function distUrl() {
  const p = process.env.CAREPATH_DIST ? resolve(process.env.CAREPATH_DIST) : resolve(here, '../dist/index.js');
  return pathToFileURL(p).href;
}

function need(mod, ...names) {
  for (const n of names) {
    if (typeof mod[n] !== 'function') {
      throw new Error(`${distUrl()} does not export ${n}: build the package (npm run build) or set CAREPATH_DIST (see bench/run.mjs)`);
    }
  }
}

function peakRssMB() {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** CPU seconds (user + system, all threads) since `from` (a process.cpuUsage() value). */
function cpuSince(from) {
  const d = process.cpuUsage(from);
  return Math.round((d.user + d.system) / 1e3) / 1e3;
}

function rates(patients, events, seconds, cpuSeconds) {
  return {
    patients,
    events,
    patientsPerSecond: Math.round(patients / seconds),
    eventsPerSecond: Math.round(events / seconds),
    wallSeconds: Math.round(seconds * 1000) / 1000,
    cpuSeconds,
    peakRssMB: peakRssMB(),
  };
}

function timed(fn) {
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpuSeconds: cpuSince(cpu) };
}

/** The kernel alone: pop an event, draw an exponential delay, schedule the next one. */
function kernelCase(mod, q) {
  need(mod, 'Simulation', 'RandomStreams', 'compileDistribution');
  const { Simulation, RandomStreams, compileDistribution } = mod;
  const events = q ? 1e6 : 1e7;
  const sim = new Simulation();
  const rng = new RandomStreams(2026).stream('bench/kernel');
  const delay = compileDistribution({ dist: 'exponential', mean: 1 }, 'bench');
  let left = events;
  const { seconds, cpuSeconds } = timed(() => {
    sim.schedule(delay.sample(rng), 0, 0);
    sim.run(Infinity, (kind, data) => {
      if (--left === 0) sim.stop();
      else sim.scheduleAfter(delay.sample(rng), kind, data);
    });
  });
  if (sim.eventsProcessed !== events) throw new Error(`kernel ran ${sim.eventsProcessed} events, expected ${events}`);
  return rates(0, events, seconds, cpuSeconds);
}

function tandemCase(mod, arrivals) {
  need(mod, 'simulate', 'loadScenario', 'parseScenario');
  const base = mod.loadScenario(resolve(scenarios, 'tandem.yaml'));
  // The rate is 10 a day: the measured horizon holds `arrivals` arrivals on average.
  const s = mod.parseScenario({ ...base, horizon: arrivals / 10 });
  const { value: r, seconds, cpuSeconds } = timed(() => mod.simulate(s));
  return { ...rates(r.patients.arrived + r.patients.initial, r.events, seconds, cpuSeconds), horizon: s.horizon, warmup: r.warmup };
}

async function lungCase(mod, replications, workers) {
  need(mod, 'runExperiment', 'loadScenario');
  const s = mod.loadScenario(resolve(scenarios, 'lung-cancer-ai.yaml'));
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const x = await mod.runExperiment(s, { replications, workers });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuSeconds = cpuSince(cpu);
  let patients = 0;
  let events = 0;
  let runs = 0;
  for (const v of Object.values(x.variants)) {
    for (const r of v.replications) {
      patients += r.patients.arrived + r.patients.initial;
      events += r.events;
      runs++;
    }
  }
  return { ...rates(patients, events, seconds, cpuSeconds), runs, replications, workers: x.meta.workers };
}

/** England over `horizon` (null: the file's year). usPerPatient is CPU µs per patient. */
function englandCase(mod, horizon) {
  need(mod, 'simulate', 'loadScenario', 'parseScenario');
  const base = mod.loadScenario(resolve(scenarios, 'england-elective.yaml'));
  const s = horizon ? mod.parseScenario({ ...base, horizon }) : base;
  const { value: r, seconds, cpuSeconds } = timed(() => mod.simulate(s));
  const patients = r.patients.arrived + r.patients.initial;
  return {
    ...rates(patients, r.events, seconds, cpuSeconds),
    horizonDays: s.horizon,
    usPerPatient: Math.round((cpuSeconds * 1e9) / patients) / 1e3,
    eventsPerPatient: Math.round((r.events / patients) * 100) / 100,
    initial: r.patients.initial,
    waitingAtEnd: r.patients.waiting,
  };
}

/**
 * The bare-JS tandem loop, run in a child right after carepath, and the ratio of rates. The
 * shared ../shared/bench/tandem_limit.mjs when it runs; else bench/tandem-limit.mjs, carepath's
 * copy of the same loop (the shared file imports ../shared/analytic.mjs, which may be missing).
 * `reference` says which ran, and why the shared one did not.
 */
function withReference(line, n) {
  const shared = [resolve(here, '../../shared/bench/tandem_limit.mjs'), resolve(here, '../../../shared/bench/tandem_limit.mjs')].find(existsSync);
  const run = (script) => {
    const r = spawnSync(process.execPath, [script, String(n), '1'], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const out = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status === 0 && out.startsWith('{')) return { ref: JSON.parse(out) };
    return { why: (r.stderr.match(/Error[^\n]*/) ?? ['exit ' + r.status])[0].slice(0, 160) };
  };
  let used = shared ? run(shared) : { why: 'not found' };
  let reference = '../shared/bench/tandem_limit.mjs';
  if (!used.ref) {
    reference = `bench/tandem-limit.mjs (../shared/bench/tandem_limit.mjs: ${used.why})`;
    used = run(resolve(here, 'tandem-limit.mjs'));
    if (!used.ref) return { ...line, reference: `failed: ${used.why}` };
  }
  const ref = used.ref;
  return {
    ...line,
    reference,
    referencePatientsPerSecond: Math.round(ref.patients_per_s),
    referenceWallSeconds: Math.round(ref.wall_s * 1000) / 1000,
    ratioToReference: Math.round((line.patientsPerSecond / ref.patients_per_s) * 100) / 100,
    // On CPU time (steadier on a shared machine), when the reference reports it.
    ...(ref.cpu_s > 0 ? { referenceCpuSeconds: Math.round(ref.cpu_s * 1000) / 1000, cpuRatioToReference: Math.round((ref.cpu_s / line.cpuSeconds) * 100) / 100 } : {}),
  };
}

/**
 * Start-up cost: CPU ms of a fresh `node -e` that imports the package (ESM, CJS) or runs
 * `carepath validate`, minus a bare `node -e 0`; runs interleaved, medians (wall beside it).
 */
function importCase(rounds) {
  const dist = dirname(fileURLToPath(distUrl()));
  const cli = resolve(dist, 'cli.js');
  const lung = resolve(scenarios, 'lung-cancer-ai.yaml');
  const kinds = {
    bare: ['-e', '0'],
    esm: ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(resolve(dist, 'index.js')).href)})`],
    cjs: ['-e', `require(${JSON.stringify(resolve(dist, 'index.cjs'))})`],
    validate: [cli, 'validate', lung],
  };
  const cpu = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  const wall = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [k, argv] of Object.entries(kinds)) {
      if (k === 'cjs' && !existsSync(resolve(dist, 'index.cjs'))) continue;
      if (k === 'validate' && !existsSync(cli)) continue;
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['--require', resolve(here, 'cpu-at-exit.cjs'), ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
      wall[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) throw new Error(`${k} failed: ${r.stderr}`);
      cpu[k].push(Number(/@cpu ([\d.]+)/.exec(r.stderr)[1]));
    }
  }
  const med = (a) => (a.length ? Math.round([...a].sort((x, y) => x - y)[a.length >> 1]) : null);
  const out = { rounds };
  for (const k of Object.keys(kinds)) {
    out[`${k}CpuMs`] = med(cpu[k]);
    out[`${k}WallMs`] = med(wall[k]);
  }
  // Over bare Node, on CPU time (what a quiet machine would show as wall time).
  for (const k of ['esm', 'cjs', 'validate']) if (out[`${k}CpuMs`] !== null) out[`${k}OverBareMs`] = out[`${k}CpuMs`] - out.bareCpuMs;
  out.peakRssMB = peakRssMB();
  return out;
}

/**
 * Patient records of a tandem run of `arrivals` patients: to a JSON Lines file (`file`), to an
 * Arrow IPC file (`arrow`), or built and dropped (`objects`). The peak heap is sampled from the progress callback (no allocation in
 * the engine's loop), so it shows the recorder holding only patients still in the pathway.
 */
async function recordsCase(mod, arrivals, sinkKind, decimals) {
  need(mod, 'simulate', 'loadScenario', 'parseScenario', sinkKind === 'arrow' ? 'patientRecordsArrow' : 'patientRecordsFile');
  const base = mod.loadScenario(resolve(scenarios, 'tandem.yaml'));
  const s = mod.parseScenario({ ...base, horizon: arrivals / 10 });
  const without = timed(() => mod.simulate(s)).seconds;
  const file = resolve(tmpdir(), `carepath-bench-records-${process.pid}.${sinkKind === 'arrow' ? 'arrow' : 'jsonl'}`);
  const out =
    sinkKind === 'file' ? mod.patientRecordsFile(file, decimals === undefined ? {} : { decimals }) : sinkKind === 'arrow' ? await mod.patientRecordsArrow(file) : null;
  let records = 0;
  const sink = out ? { write: (r) => (records++, out.sink.write(r)) } : { write: () => void records++ };
  // A sink that takes columns keeps them (counted as the rows are written).
  if (out?.sink.columnar) sink.columnar = { columns: out.sink.columnar.columns, written: () => (records++, out.sink.columnar.written()) };
  let peakHeap = 0;
  const onProgress = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  globalThis.gc?.();
  // close() is timed too: it writes the last block (JSON Lines) or the last batch and the footer (Arrow).
  const { value: r, seconds, cpuSeconds } = timed(() => {
    const run = mod.simulate(s, { patients: sink, onProgress });
    out?.close();
    return run;
  });
  let bytes = 0;
  if (out) {
    bytes = statSync(file).size;
    rmSync(file);
  }
  const patients = r.patients.arrived + r.patients.initial;
  if (records !== patients) throw new Error(`${records} records for ${patients} patients`);
  return {
    ...rates(patients, r.events, seconds, cpuSeconds),
    sink: sinkKind,
    ...(sinkKind === 'file' ? { format: 'jsonl', times: decimals === undefined ? 'exact' : `${decimals} decimals` } : {}),
    ...(sinkKind === 'arrow' ? { format: 'arrow', times: 'exact' } : {}),
    records,
    recordsPerSecond: Math.round(records / seconds),
    recordsPerCpuSecond: Math.round(records / cpuSeconds),
    ...(bytes ? { fileMB: Math.round(bytes / 2 ** 20), writeMBPerSecond: Math.round(bytes / 2 ** 20 / seconds) } : {}),
    peakHeapMB: Math.round((peakHeap / 2 ** 20) * 10) / 10,
    simSecondsWithout: Math.round(without * 1000) / 1000,
  };
}

