/**
 * The steady-state wait of one stage: which formula applies, whether it is exact, and what the
 * exact value describes, as typed fields (`method`, `exact`, `discipline`, `exactFor`) that the
 * referee and the report read, rather than the wording of `note`.
 * @module
 */
import { disciplineAnalysis } from '../pathway/parts/disciplines.js';
import { cobhamMg1, cobhamMmc } from './cobham.js';
import { erlangA } from './erlang-a.js';
import type { Moments } from './inputs.js';
import { allenCunneenWait, kingmanWait, mmcWait } from './queueing.js';
import { dailySlotsQueue } from './slots-chain.js';
import type { StageWait } from './types.js';

/** Per-stage inputs that do not depend on the flow. */
export interface StageInput {
  kind: 'servers' | 'slots' | 'unlimited';
  servers: number;
  capacity: number;
  service: Moments;
  patienceMean: number | null;
  /** Moments of the patience time, or null for infinite patience. */
  patience: Moments | null;
  /** Slots released on each weekday (Monday first) in the slot phase in force, else null. */
  slotsPerWeekday: number[] | null;
  /** Set when sessions, closed days or timetable dates change the capacity from day to day (see calendar-capacity.ts). */
  varies?: boolean;
}

/** What the flow says about the patients who reach a stage. */
export interface StageTraffic {
  /** Queue discipline of the stage: a registry name (fifo, priority, longest-clock-first) or one given in code. */
  queue: string;
  /** Effective arrivals per day. */
  lambda: number;
  /** Utilisation (arrivals ÷ capacity). */
  utilisation: number;
  /** Squared coefficient of variation of inter-arrival times (QNA). */
  ca2: number;
  /** Arrivals per day by class that reach the stage (rate > 0), with their names and priority levels. */
  classes: { name: string; level: number; rate: number }[];
  /** Every upstream stage keeps the network product-form (Erlang C is exact here). */
  exactUpstream: boolean;
  /**
   * The stage's arrivals are Poisson: product-form upstream and the stage is on no routing
   * cycle (flows that leave a product-form network for good are Poisson; feedback is not).
   */
  poissonArrivals: boolean;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

/** Slot pattern that the exact daily recursion handles: whole slots, one or seven numbers. */
function slotPattern(perWeekday: number[] | null): number[] | null {
  if (!perWeekday || perWeekday.length !== 7 || !perWeekday.every((s) => Number.isInteger(s) && s >= 0)) return null;
  return perWeekday.every((s) => s === perWeekday[0]) ? [perWeekday[0]!] : perWeekday;
}

/**
 * The steady-state wait of one stage, with the method used, whether it is exact and why.
 * @internal
 * @example
 * ```ts
 * import { stageWait } from './stage-wait.js';
 * const exp1 = { mean: 1, scv: 1, exponential: true };
 * stageWait(
 *   { kind: 'servers', servers: 1, capacity: 1, service: exp1, patienceMean: null, patience: null, slotsPerWeekday: null },
 *   { queue: 'fifo', lambda: 0.9, utilisation: 0.9, ca2: 1, classes: [{ name: 'default', level: 0, rate: 0.9 }], exactUpstream: true, poissonArrivals: true },
 * ); // { mean: 9, method: 'erlang-c', exact: true, discipline: 'fifo', exactFor: 'each-patient', note: 'M/M/1: exact (Poisson arrivals, …' }
 * ```
 */
export function stageWait(inp: StageInput, t: StageTraffic): StageWait {
  const { lambda, utilisation: u, ca2 } = t;
  // Priority with a single class is FIFO; other disciplines keep their registry name.
  const discipline = t.queue === 'priority' ? (t.classes.length > 1 ? 'priority' : 'fifo') : t.queue;
  const rule = disciplineAnalysis(t.queue, t.classes.length);
  const base = { discipline };
  if (rule.treatment === 'simulate-only') return { ...base, mean: null, method: 'none', exact: false, note: rule.note };
  if (inp.kind === 'unlimited') return { ...base, mean: 0, method: 'none', exact: true, exactFor: 'each-patient', note: 'a delay, no queue' };
  if (lambda <= 0) return { ...base, mean: 0, method: 'none', exact: true, exactFor: 'each-patient', note: 'no patients reach this stage' };
  if (inp.kind === 'servers' && inp.service.treatment === 'simulate-only') {
    return { ...base, mean: null, method: 'none', exact: false, note: 'service is a sampler object without a known mean and variance: no formula applies; simulate' };
  }
  if (inp.patience !== null && inp.kind === 'servers' && inp.service.mean > 0) return patienceWait(inp, t, discipline);
  if (u >= 1) {
    return { ...base, mean: null, method: 'none', exact: false, note: `unstable (utilisation ${fmt(u)}): the list and the wait grow without bound` };
  }
  if (inp.kind === 'slots') return slotsWait(inp, t, discipline);
  if (inp.patience !== null) {
    return { ...base, mean: null, method: 'none', exact: false, note: 'patients abandon the list (patience): no formula for this stage; simulate' };
  }
  if (inp.service.mean <= 0) return { ...base, mean: 0, method: 'none', exact: true, exactFor: 'each-patient', note: 'instant service, no queue' };
  const c = inp.servers;
  const mu = 1 / inp.service.mean;
  const cs2 = inp.service.scv;
  // The discipline's registry note (e.g. priority: the mean over all classes; per-class waits differ).
  const priorityNote = rule.note;
  if (inp.service.exponential && t.exactUpstream) {
    const wait: StageWait = {
      ...base,
      mean: mmcWait(lambda, mu, c).Wq,
      method: 'erlang-c',
      exact: true,
      exactFor: discipline === 'fifo' ? 'each-patient' : 'mean-over-classes',
      note: `M/M/${c}: exact (Poisson arrivals, product-form network).${priorityNote}`,
    };
    if (discipline === 'priority' && t.poissonArrivals) {
      const cob = cobhamMmc(t.classes.map((k) => ({ rate: k.rate, level: k.level })), mu, c);
      wait.byClass = { method: 'cobham', exact: true, mean: Object.fromEntries(t.classes.map((k, i) => [k.name, cob.byClass[i]!])) };
    }
    return wait;
  }
  const why = inp.service.exponential
    ? 'arrivals are not Poisson (an upstream stage is not an exponential FIFO server or a delay)'
    : `general service (SCV ${fmt(cs2)})`;
  if (c === 1) {
    const wait: StageWait = {
      ...base,
      mean: kingmanWait(lambda, mu, ca2, cs2).Wq,
      method: 'kingman',
      exact: false,
      note: `Kingman GI/G/1 approximation: ${why}; arrival SCV ${fmt(ca2)} (QNA).${priorityNote}`,
    };
    if (discipline === 'priority' && t.poissonArrivals) {
      const cob = cobhamMg1(t.classes.map((k) => ({ rate: k.rate, level: k.level })), inp.service.mean, cs2);
      wait.byClass = { method: 'cobham', exact: true, mean: Object.fromEntries(t.classes.map((k, i) => [k.name, cob.byClass[i]!])) };
    }
    return wait;
  }
  return {
    ...base,
    mean: allenCunneenWait(lambda, mu, c, ca2, cs2).Wq,
    method: 'allen-cunneen',
    exact: false,
    note: `Allen–Cunneen GI/G/${c} approximation: ${why}; arrival SCV ${fmt(ca2)} (QNA).${priorityNote}`,
  };
}

/** Server stage with patience: Erlang-A when it is exact (Poisson arrivals, exponential service and patience, FIFO). */
function patienceWait(inp: StageInput, t: StageTraffic, discipline: StageWait['discipline']): StageWait {
  const exactCase = inp.service.exponential && inp.patience!.exponential && inp.patience!.mean > 0 && t.poissonArrivals && discipline === 'fifo';
  if (!exactCase) {
    if (t.utilisation >= 1) {
      return { discipline, mean: null, method: 'none', exact: false, note: `unstable (utilisation ${fmt(t.utilisation)}): the list grows until patience runs out (see listSettlesAt); simulate` };
    }
    return {
      discipline,
      mean: null,
      method: 'none',
      exact: false,
      note: 'patients abandon the list (patience): Erlang-A needs Poisson arrivals, exponential service and patience, first come first served; simulate',
    };
  }
  const a = erlangA(t.lambda, 1 / inp.service.mean, inp.servers, 1 / inp.patience!.mean);
  return {
    discipline,
    mean: a.waitServed,
    method: 'erlang-a',
    exact: true,
    exactFor: 'each-patient',
    abandonShare: a.abandonShare,
    note: `M/M/${inp.servers}+M (Erlang-A): exact; mean wait of the patients served; ${fmt(a.abandonShare * 100)}% of arrivals abandon.`,
  };
}

/** Slot stage: the exact daily recursion when arrivals are Poisson and the list is first come first served. */
function slotsWait(inp: StageInput, t: StageTraffic, discipline: StageWait['discipline']): StageWait {
  const pattern = slotPattern(inp.slotsPerWeekday);
  if (!pattern || !t.poissonArrivals || discipline !== 'fifo' || inp.patience !== null) {
    return {
      discipline,
      mean: null,
      method: 'none',
      exact: false,
      note: 'appointment slots (released daily, lost if unused): the exact daily recursion needs Poisson arrivals, one class and no patience; simulate',
    };
  }
  let q;
  try {
    q = dailySlotsQueue(t.lambda, pattern);
  } catch {
    return { discipline, mean: null, method: 'none', exact: false, note: 'appointment slots: the daily recursion did not converge; simulate' };
  }
  return {
    discipline,
    mean: q.Wq,
    method: 'slots-chain',
    exact: true,
    exactFor: 'each-patient',
    note: `daily slots with Poisson arrivals: exact (Markov chain of the list at each day's release; mean list ${fmt(q.Lq)}).`,
  };
}
