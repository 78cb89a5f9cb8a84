// Kernel benchmark: how many events a second the bare discrete-event kernel runs.
//
// Each event is a self-rescheduling exponential event: pop it, draw an exponential delay from a
// seeded Alea stream, schedule the next one. Two cases, one JSON line each:
//   kernel        one event in the calendar at a time (the pure schedule + pop cost)
//   kernel-heap1000  1000 such events in the calendar at once (a realistic heap depth)
// Timing includes drawing the exponential delays (Alea stream + inverse transform), as a model
// would; the pure calendar cost is lower.
//
// Usage: node bench/kernel.mjs            (after `npm run build`; imports ../dist/kernel.js)
//        CAREPATH_KERNEL=/tmp/corebench/index.js node bench/kernel.mjs
//        BENCH_EVENTS=1e6 node bench/kernel.mjs   (fewer events, for a quick look)
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const target = process.env.CAREPATH_KERNEL
  ? pathToFileURL(resolve(process.env.CAREPATH_KERNEL)).href
  : new URL('../dist/kernel.js', import.meta.url).href;
const { Simulation, RandomStreams, compileDistribution } = await import(target);

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1e7);

function peakRssMB() {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

function runCase(name, concurrent) {
  const sim = new Simulation();
  const rng = new RandomStreams(2026).stream('bench/kernel');
  const delay = compileDistribution({ dist: 'exponential', mean: 1 }, 'bench');
  const KIND = 0;
  let left = EVENTS;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < concurrent; i++) sim.schedule(delay.sample(rng), KIND, i);
  sim.run(Infinity, (kind, data) => {
    if (--left === 0) sim.stop();
    else sim.scheduleAfter(delay.sample(rng), kind, data);
  });
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (sim.eventsProcessed !== EVENTS) throw new Error(`ran ${sim.eventsProcessed} events, expected ${EVENTS}`);
  console.log(
    JSON.stringify({
      case: name,
      events: EVENTS,
      concurrentEvents: concurrent,
      eventsPerSecond: Math.round(EVENTS / wallSeconds),
      wallSeconds: Math.round(wallSeconds * 1000) / 1000,
      // CPU time of this process: on a busy machine wall time includes time spent waiting
      // for a core, CPU time does not.
      cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
      peakRssMB: peakRssMB(),
      node: process.version,
    }),
  );
}

runCase('kernel', 1);
runCase('kernel-heap1000', 1000);
