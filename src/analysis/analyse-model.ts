/**
 * The instant answer for a resolved model: flow balance, capacity, utilisation, bottlenecks and
 * steady-state waits, at one day's demand and capacity, plus the timeline of phases.
 * @module
 */
import { invalid } from '../core/errors.js';
import type { Model } from '../pathway/model.js';
import { disciplineAnalysis } from '../pathway/parts/disciplines.js';
import { solveCappedFlow, solveFlow } from './flow.js';
import { arrivalRateAt, capacityAt, capacityRate, momentsOf, type Moments, type SeasonalityMode } from './inputs.js';
import { allenCunneenWait, kingmanWait, mmcWait } from './queueing.js';
import type { Analysis, AnalysisPhase, PhaseStage, StageAnalysis, StageWait } from './types.js';
import { arrivalScvs } from './variability.js';

/** Options of {@link analyseModel}. */
export interface AnalyseModelOptions {
  /**
   * Day whose demand and capacity to analyse (default 0: the system as the scenario starts; the
   * end of the run is `model.warmup + model.horizon`).
   */
  day?: number;
  /** How seasonality enters (default `mean`: the year's average multiplier). */
  seasonality?: SeasonalityMode;
  /** Compute the timeline of phases (default true). */
  phases?: boolean;
}

const round = (x: number, digits = 3) => Number(x.toPrecision(digits));

/** Per-stage inputs that do not depend on the flow. */
interface StageInput {
  kind: 'servers' | 'slots' | 'unlimited';
  servers: number;
  capacity: number;
  service: Moments;
  patienceMean: number | null;
}

function stageInputs(model: Model, day: number): StageInput[] {
  return model.stages.map((st) => {
    const phase = capacityAt(st, day);
    const service = momentsOf(st.service, `stages.${st.id}.service`);
    const patienceMean = st.patience ? momentsOf(st.patience, `stages.${st.id}.patience`).mean : null;
    return {
      kind: phase.kind,
      servers: phase.kind === 'servers' ? phase.servers : 0,
      capacity: capacityRate(phase, service.mean),
      service,
      patienceMean,
    };
  });
}

/** Stages from which flow reaches each stage (transitively), from the stage-to-stage flows. */
function upstreamSets(between: number[][]): Set<number>[] {
  const S = between.length;
  return Array.from({ length: S }, (_, target) => {
    const seen = new Set<number>();
    const stack = [target];
    while (stack.length > 0) {
      const j = stack.pop()!;
      for (let i = 0; i < S; i++) {
        if (between[i]![j]! > 0 && !seen.has(i)) {
          seen.add(i);
          stack.push(i);
        }
      }
    }
    seen.delete(target);
    return seen;
  });
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(round(x, 4)) : String(x);
}

/**
 * Analyses a resolved model at one day (default 0). See {@link Analysis} for the answer's shape
 * and the module notes of src/analysis/flow.ts for how flows are computed.
 * @example
 * ```ts
 * import { analyseModel, loadScenario, resolveScenario } from 'carepath';
 * const a = analyseModel(resolveScenario(loadScenario('examples/scenarios/lung-cancer-ai.yaml')));
 * a.bottleneck; // 'reporting'
 * a.hiddenBottlenecks; // [ 'surgery' ]: the queue moves there once reporting keeps up
 * ```
 */
export function analyseModel(model: Model, options: AnalyseModelOptions = {}): Analysis {
  const day = options.day ?? 0;
  if (typeof day !== 'number' || !Number.isFinite(day) || day < 0) {
    throw invalid('day', `expected a day ≥ 0, got ${String(day)}`);
  }
  const seasonality = options.seasonality ?? 'mean';
  const S = model.stages.length;
  const inputs = stageInputs(model, day);
  const external = model.arrivals.map((a) => arrivalRateAt(a, day, model.startDate, seasonality));

  const demand = solveFlow(model, external, new Array<number>(S).fill(1));
  const { flow } = solveCappedFlow(
    model,
    external,
    inputs.map((i) => i.capacity),
  );

  const lam = flow.arrivals;
  const util = lam.map((l, s) => utilisationOf(l, inputs[s]!.capacity));
  const throughput = lam.map((l, s) => Math.min(l, inputs[s]!.capacity));
  const ca2 = arrivalScvs(
    inputs.map((inp, s) => ({
      kind: inp.kind,
      servers: Math.max(1, inp.servers),
      utilisation: util[s]!,
      serviceScv: inp.service.scv,
    })),
    flow.external,
    flow.between,
    throughput,
  );

  // A stage keeps the network product-form (BCMP) when it is an exponential, class-blind,
  // FIFO-equivalent server stage without abandonment that keeps up, or a pure delay.
  const classesAt = flow.arrivalsByClass.map((row) => row.filter((x) => x > 0).length);
  const productForm = model.stages.map((st, s) => {
    const inp = inputs[s]!;
    if (inp.kind === 'unlimited') return true;
    return (
      inp.kind === 'servers' &&
      inp.service.exponential &&
      st.patience === null &&
      (disciplineAnalysis(st.queue, classesAt[s]!).treatment === 'exact' || classesAt[s]! <= 1) &&
      util[s]! < 1
    );
  });
  const upstream = upstreamSets(flow.between);

  const stages: Record<string, StageAnalysis> = {};
  model.stages.forEach((st, s) => {
    const inp = inputs[s]!;
    const l = lam[s]!;
    const cap = inp.capacity;
    const u = util[s]!;
    const stable = u < 1;
    const initialWaiting = model.initial.filter((g) => g.stage === s).reduce((a, g) => a + g.count, 0);
    const surplus = cap - l;
    const exactUpstream = [...upstream[s]!].every((i) => productForm[i]);
    stages[st.id] = {
      arrivalRate: l,
      demandRate: demand.arrivals[s]!,
      capacityRate: cap,
      throughputRate: throughput[s]!,
      offeredLoad: inp.kind === 'slots' ? u : l * inp.service.mean,
      utilisation: u,
      demandUtilisation: utilisationOf(demand.arrivals[s]!, cap),
      stable,
      growthPerWeek: stable ? 0 : (l - cap) * 7,
      initialWaiting,
      weeksToClear: !stable || initialWaiting === 0 ? null : Number.isFinite(surplus) ? initialWaiting / (surplus * 7) : 0,
      listSettlesAt: !stable && inp.patienceMean !== null && Number.isFinite(l - cap) ? (l - cap) * inp.patienceMean : null,
      patienceMean: inp.patienceMean,
      wait: stageWait(st.queue, st.patience !== null, inp, l, u, ca2[s]!, classesAt[s]!, exactUpstream),
      servers: inp.kind === 'servers' ? inp.servers : null,
      capacityKind: inp.kind,
      serviceMean: inp.service.mean,
      serviceScv: inp.service.scv,
      arrivalScv: ca2[s]!,
    };
  });

  const ids = model.stages.map((st) => st.id);
  const bottleneck = pickMax(ids, (id) => stages[id]!.utilisation, (id) => !stages[id]!.stable);
  const hiddenBottlenecks = ids
    .filter((id) => stages[id]!.stable && stages[id]!.demandUtilisation >= 1)
    .sort((a, b) => stages[b]!.demandUtilisation - stages[a]!.demandUtilisation);
  const analysis: Analysis = {
    scenario: model.name,
    variant: model.variant,
    day,
    stages,
    bottleneck,
    hiddenBottlenecks,
    phases: [],
    notes: notesFor(model, stages, day, seasonality),
  };
  if (options.phases !== false) analysis.phases = phasesOf(model, seasonality, analysis);
  return analysis;
}

function utilisationOf(lambda: number, capacity: number): number {
  if (capacity === Infinity) return 0;
  if (capacity <= 0) return lambda > 0 ? Infinity : 0;
  return lambda / capacity;
}

function pickMax(ids: string[], value: (id: string) => number, eligible: (id: string) => boolean): string | null {
  let best: string | null = null;
  for (const id of ids) {
    if (!eligible(id)) continue;
    if (best === null || value(id) > value(best)) best = id;
  }
  return best;
}

/** The steady-state wait of one stage, with the method used and why. */
function stageWait(
  queue: string,
  hasPatience: boolean,
  inp: StageInput,
  lambda: number,
  u: number,
  ca2: number,
  classes: number,
  exactUpstream: boolean,
): StageWait {
  if (inp.kind === 'unlimited') return { mean: 0, method: 'none', exact: true, note: 'a delay, no queue' };
  if (lambda <= 0) return { mean: 0, method: 'none', exact: true, note: 'no patients reach this stage' };
  if (u >= 1) {
    return {
      mean: null,
      method: 'none',
      exact: false,
      note: `unstable (utilisation ${fmt(u)}): the list and the wait grow without bound`,
    };
  }
  if (inp.kind === 'slots') {
    return {
      mean: null,
      method: 'none',
      exact: false,
      note: 'appointment slots (released daily, lost if unused): no standard formula; simulate',
    };
  }
  if (hasPatience) {
    return {
      mean: null,
      method: 'none',
      exact: false,
      note: 'patients abandon the list (patience): no formula implemented (Erlang-A); simulate',
    };
  }
  if (inp.service.mean <= 0) return { mean: 0, method: 'none', exact: true, note: 'instant service, no queue' };
  const c = inp.servers;
  const mu = 1 / inp.service.mean;
  const cs2 = inp.service.scv;
  const discipline = disciplineAnalysis(queue, classes);
  if (discipline.treatment === 'simulate-only') return { mean: null, method: 'none', exact: false, note: discipline.note };
  const priorityNote = discipline.note;
  if (inp.service.exponential && exactUpstream) {
    return {
      mean: mmcWait(lambda, mu, c).Wq,
      method: 'erlang-c',
      exact: true,
      note: `M/M/${c}: exact (Poisson arrivals, product-form network).${priorityNote}`,
    };
  }
  const why = inp.service.exponential
    ? 'arrivals are not Poisson (an upstream stage is not an exponential FIFO server or a delay)'
    : `general service (SCV ${fmt(cs2)})`;
  if (c === 1) {
    return {
      mean: kingmanWait(lambda, mu, ca2, cs2).Wq,
      method: 'kingman',
      exact: false,
      note: `Kingman GI/G/1 approximation: ${why}; arrival SCV ${fmt(ca2)} (QNA).${priorityNote}`,
    };
  }
  return {
    mean: allenCunneenWait(lambda, mu, c, ca2, cs2).Wq,
    method: 'allen-cunneen',
    exact: false,
    note: `Allen–Cunneen GI/G/${c} approximation: ${why}; arrival SCV ${fmt(ca2)} (QNA).${priorityNote}`,
  };
}

function notesFor(
  model: Model,
  stages: Record<string, StageAnalysis>,
  day: number,
  seasonality: SeasonalityMode,
): string[] {
  const notes: string[] = [];
  notes.push(
    `Steady state if the demand and capacity of day ${fmt(day)} persisted` +
      (model.arrivals.some((a) => a.seasonality) && seasonality === 'mean' ? ' (seasonality averaged over the year)' : '') +
      '; `phases` gives each later capacity or demand change, analyseAt(model, day) any other day.',
  );
  for (const [id, st] of Object.entries(stages)) {
    if (!st.stable) {
      notes.push(
        `${id} cannot keep up: ${fmt(st.arrivalRate * 7)} arrive a week for ${fmt(st.capacityRate * 7)} completions; its list grows by about ${fmt(st.growthPerWeek)} a week.`,
      );
      if (st.listSettlesAt !== null) {
        notes.push(
          `${id}: patients who run out of patience (mean ${fmt(st.patienceMean!)} days) leave; the list settles near ${fmt(st.listSettlesAt)} (fluid model)` +
            (st.initialWaiting > st.listSettlesAt ? `, below today's ${fmt(st.initialWaiting)}, so it shrinks.` : '.'),
        );
      }
    }
    if (st.demandRate > st.arrivalRate * (1 + 1e-9) && st.demandUtilisation >= 1 && st.stable) {
      notes.push(
        `${id} keeps up only because an upstream stage holds patients back: its demand is ${fmt(st.demandRate * 7)} a week for ${fmt(st.capacityRate * 7)} completions (utilisation ${fmt(st.demandUtilisation)} once upstream keeps up).`,
      );
    }
  }
  if (Object.values(stages).some((st) => st.patienceMean !== null && st.stable)) {
    notes.push('Flows ignore abandonment at stable stages (few abandon where the list is short).');
  }
  return notes;
}

/** Breakpoints of the timeline: day 0, capacity phase starts and demand step changes. */
function phasesOf(model: Model, seasonality: SeasonalityMode, current: Analysis): AnalysisPhase[] {
  const end = model.warmup + model.horizon;
  const reasons = new Map<number, string[]>([[0, ['start']]]);
  const addReason = (day: number, why: string) => {
    if (day <= 0 || day >= end) return;
    const list = reasons.get(day) ?? [];
    list.push(why);
    reasons.set(day, list);
  };
  for (const st of model.stages) for (const p of st.capacity) addReason(p.from, `capacity of ${st.id}`);
  for (const a of model.arrivals) for (const c of a.changes) addReason(c.at, `demand of ${a.id}`);
  if (model.arrivals.some((a) => a.growthPerYear !== 0) && end > 0) reasons.set(end, ['end of the run (demand grows continuously)']);
  const days = [...reasons.keys()].sort((a, b) => a - b);
  return days.map((from, k) => {
    const at = from === current.day ? current : analyseModel(model, { day: from, seasonality, phases: false });
    const stages: Record<string, PhaseStage> = {};
    for (const [id, st] of Object.entries(at.stages)) {
      stages[id] = {
        arrivalRate: st.arrivalRate,
        demandRate: st.demandRate,
        capacityRate: st.capacityRate,
        utilisation: st.utilisation,
        stable: st.stable,
        growthPerWeek: st.growthPerWeek,
      };
    }
    return {
      from,
      until: days[k + 1] ?? end,
      reason: reasons.get(from)!.join(', '),
      bottleneck: at.bottleneck,
      hiddenBottlenecks: at.hiddenBottlenecks,
      stages,
    };
  });
}
