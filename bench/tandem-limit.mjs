#!/usr/bin/env node
// carepath's copy of ../shared/bench/tandem_limit.mjs (the bare-JS reference for the tandem
// bench cases), shipped because that file imports ../shared/analytic.mjs, which may be missing.
// The event loop is unchanged; only the Erlang C figures are computed here (erlangTandem3), and
// the loop's CPU time is reported beside its wall time (cpu_s).
//
// tandem-3 'physical limit' DES in plain JavaScript (Node 20).
//
// Hand-optimised on purpose: a binary-heap event calendar held in typed arrays
// (time, tie-break sequence, event kind), FIFO queues as Float64Array ring
// buffers of arrival times, xoshiro128** PRNG and exponential sampling inlined
// into the event loop, and no object allocated per event or per patient.
// It estimates the upper bound on event throughput a general-purpose
// TypeScript DES library could approach for this model in Node 20.
//
// Model (same as the peers): Poisson arrivals lambda = 10/day; stage 1
// c = 3, Exp(mean 0.25 d); p = 0.6 to stage 2; stage 2 c = 2, Exp(mean 0.3 d);
// FIFO, infinite buffers; horizon T = N / lambda; warm-up 1000 days.
//
// Usage: node tandem_limit.mjs N [seed] [warmup_days]   -> one JSON line
//
// Statistics: a patient counts at a stage if it arrived there at t >= warm-up
// and started service by T. Wq = mean (service start - arrival at stage);
// Lq = sum of those waits / (T - warm-up) (time-average number in queue by
// the area identity; edge effects O(1/T)).
// Events: every calendar pop is one model event (arrival, stage-1 completion,
// stage-2 completion), the same 'model_events' the peers report.

import { performance } from 'node:perf_hooks';

/** Erlang C mean wait in queue of an M/M/c queue (arrival rate lam, mean service s). */
function erlangC(lam, s, c) {
  const a = lam * s;
  const rho = a / c;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - rho);
  const pWait = last / (sum + last);
  const wq = (pWait * s) / (c - a);
  return { Wq: wq, Lq: lam * wq };
}

/** The tandem's analytic figures (a Jackson network: each stage its own M/M/c). */
function erlangTandem3(lam) {
  const one = erlangC(lam, MEAN_S1, C1);
  const two = erlangC(lam * P_TREAT, MEAN_S2, C2);
  return { Wq1: one.Wq, Wq2: two.Wq, Lq1: one.Lq, Lq2: two.Lq };
}

const LAM = 10.0;
const MEAN_S1 = 0.25, C1 = 3;
const P_TREAT = 0.6;
const MEAN_S2 = 0.3, C2 = 2;

const EV_ARRIVAL = 0, EV_END1 = 1, EV_END2 = 2;
const U32 = 2.3283064365386963e-10; // 2^-32

export function run(nArrivals, seed = 1, warmup = 1000.0) {
  const horizon = nArrivals / LAM;

  // ---- PRNG: xoshiro128**, state seeded with splitmix32 -----------------
  let z = (seed >>> 0) ^ 0x9e3779b9;
  const sm = () => {
    z = (z + 0x9e3779b9) | 0;
    let t = z ^ (z >>> 16); t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15; t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let s0 = sm() | 0, s1 = sm() | 0, s2 = sm() | 0, s3 = sm() | 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  // ---- event calendar: binary min-heap on (time, seq) -------------------
  // Fixed capacity, const arrays: measured ~10% faster than growable arrays
  // held in reassignable closure variables (V8 keeps those in context
  // slots).  This model never holds more than 6 pending events.
  const cap = 1 << 16;
  const hT = new Float64Array(cap); // event time
  const hQ = new Float64Array(cap); // insertion sequence (FIFO tie-break)
  const hK = new Int32Array(cap);   // event kind
  let hn = 0;
  let seq = 0;

  const push = (time, kind) => {
    if (hn === cap) throw new Error('event calendar full');
    const sq = seq++;
    let i = hn++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hT[p];
      if (pt < time || (pt === time && hQ[p] < sq)) break;
      hT[i] = pt; hQ[i] = hQ[p]; hK[i] = hK[p];
      i = p;
    }
    hT[i] = time; hQ[i] = sq; hK[i] = kind;
  };

  // remove the root (caller has read hT[0], hK[0] first)
  const popRoot = () => {
    const n = --hn;
    if (n === 0) return;
    const time = hT[n], sq = hQ[n], kind = hK[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (hT[r] < hT[c] || (hT[r] === hT[c] && hQ[r] < hQ[c]))) c = r;
      const ct = hT[c];
      if (time < ct || (time === ct && sq < hQ[c])) break;
      hT[i] = ct; hQ[i] = hQ[c]; hK[i] = hK[c];
      i = c;
    }
    hT[i] = time; hQ[i] = sq; hK[i] = kind;
  };

  // ---- FIFO queues: ring buffers of arrival times -----------------------
  let q1cap = 1024, q1 = new Float64Array(q1cap), q1h = 0, q1n = 0;
  let q2cap = 1024, q2 = new Float64Array(q2cap), q2h = 0, q2n = 0;
  const grow1 = () => {
    const nb = new Float64Array(q1cap * 2);
    for (let i = 0; i < q1n; i++) nb[i] = q1[(q1h + i) & (q1cap - 1)];
    q1 = nb; q1h = 0; q1cap *= 2;
  };
  const grow2 = () => {
    const nb = new Float64Array(q2cap * 2);
    for (let i = 0; i < q2n; i++) nb[i] = q2[(q2h + i) & (q2cap - 1)];
    q2 = nb; q2h = 0; q2cap *= 2;
  };

  // ---- state & statistics ----------------------------------------------
  let busy1 = 0, busy2 = 0;
  let arrivals = 0, done1 = 0, done2 = 0, events = 0;
  let n1 = 0, w1 = 0, n2 = 0, w2 = 0;
  let maxHeap = 0;

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();

  // first arrival
  {
    let r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    push(-Math.log(1 - (r >>> 0) * U32) / LAM, EV_ARRIVAL);
  }

  let now = 0;
  while (hn > 0) {
    now = hT[0];
    if (now > horizon) break;
    const kind = hK[0];
    popRoot();
    events++;

    if (kind === EV_ARRIVAL) {
      arrivals++;
      // next arrival: inline xoshiro128** + inverse-CDF exponential
      let r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9);
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      push(now - Math.log(1 - (r >>> 0) * U32) / LAM, EV_ARRIVAL);
      if (busy1 < C1) {
        busy1++;
        if (now >= warmup) n1++;
        r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9);
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        push(now - Math.log(1 - (r >>> 0) * U32) * MEAN_S1, EV_END1);
      } else {
        if (q1n === q1cap) grow1();
        q1[(q1h + q1n) & (q1cap - 1)] = now; q1n++;
      }
    } else if (kind === EV_END1) {
      done1++;
      let r, t;
      if (q1n > 0) {
        const a = q1[q1h]; q1h = (q1h + 1) & (q1cap - 1); q1n--;
        if (a >= warmup) { n1++; w1 += now - a; }
        r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9);
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        push(now - Math.log(1 - (r >>> 0) * U32) * MEAN_S1, EV_END1);
      } else {
        busy1--;
      }
      // routing
      r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      if ((r >>> 0) * U32 < P_TREAT) {
        if (busy2 < C2) {
          busy2++;
          if (now >= warmup) n2++;
          r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9);
          t = s1 << 9;
          s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
          push(now - Math.log(1 - (r >>> 0) * U32) * MEAN_S2, EV_END2);
        } else {
          if (q2n === q2cap) grow2();
          q2[(q2h + q2n) & (q2cap - 1)] = now; q2n++;
        }
      }
    } else { // EV_END2
      done2++;
      if (q2n > 0) {
        const a = q2[q2h]; q2h = (q2h + 1) & (q2cap - 1); q2n--;
        if (a >= warmup) { n2++; w2 += now - a; }
        let r = Math.imul(s1, 5); r = Math.imul((r << 7) | (r >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        push(now - Math.log(1 - (r >>> 0) * U32) * MEAN_S2, EV_END2);
      } else {
        busy2--;
      }
    }
    if (hn > maxHeap) maxHeap = hn;
  }

  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const span = horizon - warmup;
  const an = erlangTandem3(LAM);
  const wq1 = w1 / n1, wq2 = w2 / n2;
  return {
    system: 'js-limit', version: '1', node: process.version,
    N: nArrivals, seed, horizon, warmup,
    wall_s: wall,
    cpu_s: (cpu.user + cpu.system) / 1e6,
    arrivals, model_events: events,
    patients_per_s: arrivals / wall, model_events_per_s: events / wall,
    Wq1: wq1, Wq2: wq2, Lq1: w1 / span, Lq2: w2 / span, n1, n2,
    max_calendar: maxHeap,
    analytic: { Wq1: an.Wq1, Wq2: an.Wq2, Lq1: an.Lq1, Lq2: an.Lq2 },
    rel_err: { Wq1: wq1 / an.Wq1 - 1, Wq2: wq2 / an.Wq2 - 1 },
  };
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const n = Math.round(Number(process.argv[2] ?? '1e5'));
  const seed = Number(process.argv[3] ?? '1') | 0;
  const warm = Number(process.argv[4] ?? '1000');
  console.log(JSON.stringify(run(n, seed, warm)));
}
