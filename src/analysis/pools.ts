/**
 * The instant answer for pools and places. A pool is one queue: its stages' combined load
 * against its units — M/M/c (Erlang C; Cobham for a priority order between stages) where that
 * is exact, Allen–Cunneen otherwise, with a note. A stage with places is M/M/c/K where exact
 * (exponential servers, Poisson arrivals from outside only, no patience, no pool); otherwise its
 * wait and the blocking upstream are simulate only, with a note.
 * @module
 */
import type { Model } from '../pathway/model.js';
import { birthDeath } from './birth-death.js';
import { cobhamMmc } from './cobham.js';
import { momentsOf } from './inputs.js';
import { allenCunneenWait, mmcWait } from './queueing.js';
import type { PoolAnalysis, StageAnalysis, StageWait } from './types.js';

const placesText = (n: number) => `${n} place${n === 1 ? '' : 's'}`;
const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x));

/** Stages some other stage (or a missed patient's return) sends patients to. */
function reachedFromStages(model: Model): Set<number> {
  const out = new Set<number>();
  for (const st of model.stages) {
    for (const b of st.next) if (b.to >= 0) out.add(b.to);
    if (st.test?.missed) out.add(st.test.missed.to);
  }
  return out;
}

/**
 * Analyses a model's pools and places over its stage analyses: returns the pools' figures and
 * notes, and replaces the wait of each pooled delay stage (the pool is its only limit) and of
 * each stage with places (M/M/c/K where exact, else none).
 * @internal
 * @example
 * ```ts
 * import { parseScenario, resolveScenario } from 'carepath';
 * import { analyseModel } from 'carepath/analysis';
 * const s = parseScenario({
 *   version: 1, name: 'pool', horizon: 100,
 *   arrivals: { a: { to: 'x', rate: { perDay: 0.9 } }, b: { to: 'y', rate: { perDay: 0.6 } } },
 *   stages: {
 *     x: { capacity: 'unlimited', service: { dist: 'exponential', mean: 1 }, uses: { pool: 'staff' } },
 *     y: { capacity: 'unlimited', service: { dist: 'exponential', mean: 1 }, uses: { pool: 'staff' } },
 *   },
 *   pools: { staff: { units: 2, serve: 'first-come' } },
 * });
 * analyseModel(resolveScenario(s)).pools!.staff.wait.mean; // 1.2857…: M/M/2 at load 1.5
 * ```
 */
export function analysePools(model: Model, stages: Record<string, StageAnalysis>): { pools: Record<string, PoolAnalysis>; notes: string[] } {
  const notes: string[] = [];
  const internal = reachedFromStages(model);
  const pools: Record<string, PoolAnalysis> = {};
  for (const pool of model.pools ?? []) {
    const ids = pool.order.map((s) => model.stages[s]!.id);
    const a = ids.map((id) => stages[id]!);
    const need = pool.order.map((s) => model.stages[s]!.uses!.units);
    const rate = a.reduce((x, st) => x + st.arrivalRate, 0);
    const load = a.reduce((x, st, i) => x + st.arrivalRate * st.serviceMean * need[i]!, 0);
    const u = load / pool.units;
    const result: PoolAnalysis = {
      units: pool.units,
      stages: ids,
      serve: pool.serve,
      arrivalRate: rate,
      offeredLoad: load,
      utilisation: u,
      stable: u < 1,
      wait: poolWait(model, pool.order, a, need, pool.units, pool.serve, internal),
    };
    pools[pool.id] = result;
    notes.push(
      `pool ${pool.id}: ${ids.join(', ')} keep ${fmt(load)} of its ${pool.units} units busy on average (utilisation ${fmt(u)})` +
        (u >= 1 ? '; it cannot keep up, so the lists of its stages grow.' : '.'),
    );
    // Where the pool is a stage's only limit, the pool's queue is the stage's queue.
    pool.order.forEach((_, i) => {
      const st = stages[ids[i]!]!;
      if (st.capacityKind !== 'unlimited') {
        notes.push(`${ids[i]}: its own capacity and pool ${pool.id} both limit it; its wait here counts only its own capacity (simulate for both).`);
        return;
      }
      const w = result.wait;
      const byStage = w.byStage?.[ids[i]!];
      st.wait = {
        mean: byStage ?? w.mean,
        method: w.method,
        exact: w.exact,
        discipline: st.wait.discipline,
        ...(w.exact ? { exactFor: 'each-patient' as const } : {}),
        note: `the queue for pool ${pool.id}: ${w.note}`,
      };
      if (!result.stable) st.wait = { ...st.wait, mean: null, method: 'none', exact: false };
    });
  }
  for (const [s, st] of model.stages.entries()) {
    if (st.places === undefined) continue;
    const a = stages[st.id]!;
    const exact =
      a.capacityKind === 'servers' &&
      a.servers !== null &&
      a.servers > 0 &&
      momentsOf(st.service, `stages.${st.id}.service`).exponential &&
      st.patience === null &&
      st.uses === undefined &&
      !internal.has(s);
    if (exact) {
      a.wait = { ...finiteWait(a.arrivalRate, 1 / a.serviceMean, a.servers!, st.places), discipline: a.wait.discipline };
      notes.push(`${st.id}: ${placesText(st.places)}; M/M/${a.servers}/${st.places} turns away ${fmt(a.wait.rejectedShare! * 100)}% of arrivals (downstream flows here ignore that).`);
    } else {
      a.wait = {
        mean: null,
        method: 'none',
        exact: false,
        discipline: a.wait.discipline,
        note: `${placesText(st.places)}: the wait, patients turned away and blocking upstream are simulate only`,
      };
      notes.push(`${st.id}: ${placesText(st.places)}; blocking (patients finished upstream waiting for a place) and turned-away arrivals are simulate only: the flows here assume unlimited room.`);
    }
  }
  return { pools, notes };
}

/** The pool's queue: Erlang C or Cobham where exact, else Allen–Cunneen, else none. */
function poolWait(
  model: Model,
  order: number[],
  a: StageAnalysis[],
  need: number[],
  units: number,
  serve: 'priority' | 'first-come',
  internal: Set<number>,
): NonNullable<PoolAnalysis['wait']> {
  const rate = a.reduce((x, st) => x + st.arrivalRate, 0);
  if (rate <= 0) return { mean: 0, method: 'none', exact: true, note: 'no patients reach its stages' };
  if (!need.every((n) => n === need[0])) {
    return { mean: null, method: 'none', exact: false, note: 'its stages take different numbers of units: no formula; simulate' };
  }
  const c = Math.floor(units / need[0]!);
  const mean = a.reduce((x, st) => x + st.arrivalRate * st.serviceMean, 0) / rate;
  if (!(mean > 0)) return { mean: 0, method: 'none', exact: true, note: 'instant service, no queue' };
  if (rate * mean >= c) return { mean: null, method: 'none', exact: false, note: 'unstable: the queue grows without bound' };
  const exponential = order.every((s) => momentsOf(model.stages[s]!.service, `stages.${model.stages[s]!.id}.service`).exponential);
  const sameMean = a.every((st) => Math.abs(st.serviceMean - a[0]!.serviceMean) <= 1e-12 * a[0]!.serviceMean);
  const poisson = order.every((s) => !internal.has(s) && model.stages[s]!.patience === null);
  if (exponential && sameMean && poisson) {
    if (serve === 'first-come' || order.length === 1) {
      return { mean: mmcWait(rate, 1 / mean, c).Wq, method: 'erlang-c', exact: true, note: `M/M/${c} over the combined arrivals: exact (Poisson arrivals, one exponential service time)` };
    }
    const cob = cobhamMmc(a.map((st, i) => ({ rate: st.arrivalRate, level: i })), 1 / mean, c);
    return {
      mean: cob.mean,
      method: 'erlang-c',
      exact: true,
      byStage: Object.fromEntries(a.map((_, i) => [model.stages[order[i]!]!.id, cob.byClass[i]!])),
      note: `M/M/${c} with priority by stage (Cobham, non-preemptive): exact for Poisson arrivals and one exponential service time`,
    };
  }
  // Allen–Cunneen on the merged stream: rate-weighted SCVs, the service a mixture of the stages'.
  const second = a.reduce((x, st) => x + st.arrivalRate * st.serviceMean ** 2 * (1 + st.serviceScv), 0) / rate;
  const cs2 = second / mean ** 2 - 1;
  const ca2 = a.reduce((x, st) => x + st.arrivalRate * st.arrivalScv, 0) / rate;
  return {
    mean: allenCunneenWait(rate, 1 / mean, c, ca2, cs2).Wq,
    method: 'allen-cunneen',
    exact: false,
    note:
      `Allen–Cunneen approximation over the combined arrivals (arrival SCV ${fmt(ca2)}, service SCV ${fmt(cs2)})` +
      (serve === 'priority' && order.length > 1 ? '; the mean over its stages (the priority between them is simulate only)' : ''),
  };
}

/** M/M/c/K: the wait of admitted patients and the share turned away, from the birth–death chain. */
function finiteWait(lambda: number, mu: number, c: number, places: number): Omit<StageWait, 'discipline'> & { rejectedShare: number } {
  if (lambda <= 0) return { mean: 0, method: 'mmck', exact: true, exactFor: 'each-patient', rejectedShare: 0, note: 'no patients reach this stage' };
  const { pi } = birthDeath(
    (n) => (n < places ? lambda : 0),
    (n) => Math.min(n, c) * mu,
    (n) => n,
  );
  const full = pi[places] ?? 0;
  const lq = pi.reduce((x, p, n) => x + Math.max(0, n - c) * p, 0);
  return {
    mean: lq / (lambda * (1 - full)),
    method: 'mmck',
    exact: true,
    exactFor: 'each-patient',
    rejectedShare: full,
    note: `M/M/${c}/${places}: exact for the patients admitted (Poisson arrivals from outside only); ${fmt(full * 100)}% are turned away`,
  };
}
