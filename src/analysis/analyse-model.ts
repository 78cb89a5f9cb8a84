/**
 * The instant answer for a resolved model: flow balance, capacity, utilisation, bottlenecks and
 * steady-state waits, at one day's demand and capacity, plus the timeline of phases.
 * @module
 */
import { invalid } from '../core/errors.js';
import type { Model } from '../pathway/model.js';
import { WorkLimitError } from '../pathway/work-limits.js';
import { disciplineAnalysis } from '../pathway/parts/disciplines.js';
import { solveCappedFlow, solveFlow } from './flow.js';
import { arrivalRateAt, capacityAt, capacityRate, momentsOf, type SeasonalityMode } from './inputs.js';
import { stageWait, type StageInput } from './stage-wait.js';
import type { Analysis, AnalysisPhase, NoteAudience, PhaseStage, StageAnalysis } from './types.js';
import { arrivalScvs } from './variability.js';
import { attendShare, lossFactor, lossNotes, withLosses } from './losses.js';
import { analysePools } from './pools.js';
import { calendarNote, calendarOffer, calendarWait } from './calendar-capacity.js';

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

function stageInputs(model: Model, day: number): StageInput[] {
  return model.stages.map((st) => {
    const service = momentsOf(st.service, `stages.${st.id}.service`);
    const patience = st.patience ? momentsOf(st.patience, `stages.${st.id}.patience`) : null;
    const common = { service, patienceMean: patience ? patience.mean : null, patience };
    const offered = calendarOffer(model, st, day);
    if (offered !== null) return { ...common, ...offered, capacity: offered.capacity * lossFactor(st) };
    const phase = capacityAt(st, day);
    return {
      ...common,
      kind: phase.kind,
      servers: phase.kind === 'servers' ? phase.servers : 0,
      capacity: capacityRate(phase, service.mean) * lossFactor(st),
      slotsPerWeekday: phase.kind === 'slots' ? phase.perWeekday : null,
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
 * Most stages the queueing analysis takes: the traffic equations are solved over (stage, last
 * test) states, so the cost grows with the cube of the stage count (400 stages take about a
 * second, 1,000 about eight).
 * @example
 * ```ts
 * import { MAX_ANALYSIS_STAGES } from 'carepath/analysis';
 * MAX_ANALYSIS_STAGES; // 400
 * ```
 */
export const MAX_ANALYSIS_STAGES = 400;

/**
 * Throws a {@link WorkLimitError} (path `stages`) when a model has more stages than the
 * analysis takes in reasonable time.
 * @example
 * ```ts
 * import { loadExample, resolveScenario } from 'carepath';
 * import { checkAnalysisSize } from 'carepath/analysis';
 * checkAnalysisSize(resolveScenario(loadExample('lung-cancer-ai'))); // passes: far fewer than 400 stages
 * // A chain of 401 stages throws a WorkLimitError at path `stages`.
 * const stages = Object.fromEntries(
 *   Array.from({ length: 401 }, (_, i) => [`s${i}`, { capacity: 1, service: 0.5, next: [{ to: i < 400 ? `s${i + 1}` : 'exit' }] }]),
 * );
 * try {
 *   checkAnalysisSize(resolveScenario({ version: 1, name: 'long chain', horizon: 10, arrivals: { a: { to: 's0', rate: { perDay: 1 } } }, stages }));
 * } catch (e) {
 *   console.log((e as Error).message); // stages: the queueing analysis takes at most 400 stages …
 * }
 * ```
 */
export function checkAnalysisSize(model: Model): void {
  const S = model.stages.length;
  if (S <= MAX_ANALYSIS_STAGES) return;
  throw new WorkLimitError([
    {
      path: 'stages',
      message:
        `the queueing analysis takes at most ${MAX_ANALYSIS_STAGES} stages (its time grows with the cube of the stage count), ` +
        `this scenario has ${S}; simulate it without the analysis (\`carepath run\` skips it) or merge stages`,
    },
  ]);
}

/**
 * Analyses a resolved model at one day (default 0). See {@link Analysis} for the answer's shape
 * and the module notes of src/analysis/flow.ts for how flows are computed.
 * @example
 * ```ts
 * import { loadScenario, resolveScenario } from 'carepath';
 * import { analyseModel } from 'carepath/analysis';
 * const a = analyseModel(resolveScenario(loadScenario('examples/scenarios/lung-cancer-ai.yaml')));
 * a.bottleneck; // 'reporting'
 * a.hiddenBottlenecks; // [ 'surgery' ]: the queue moves there once reporting keeps up
 * ```
 */
export function analyseModel(model: Model, options: AnalyseModelOptions = {}): Analysis {
  checkAnalysisSize(model);
  const day = options.day ?? 0;
  if (typeof day !== 'number' || !Number.isFinite(day) || day < 0) {
    throw invalid('day', `expected a day ≥ 0, got ${String(day)}`);
  }
  const seasonality = options.seasonality ?? 'mean';
  const S = model.stages.length;
  const inputs = stageInputs(model, day);
  const external = model.arrivals.map((a) => arrivalRateAt(a, day, model.startDate, seasonality));

  // Patients discharged after DNAs do not go on, nor load the stage beyond their missed slots.
  const attend = model.stages.map(attendShare);
  const demand = solveFlow(model, external, attend);
  const { flow } = solveCappedFlow(
    model,
    external,
    inputs.map((i) => i.capacity),
  );

  const lam = flow.arrivals;
  const util = lam.map((l, s) => utilisationOf(l * attend[s]!, inputs[s]!.capacity));
  const throughput = lam.map((l, s) => Math.min(l * attend[s]!, inputs[s]!.capacity));
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
  // On a routing cycle: the stage sends patients (directly or not) back to itself.
  const onCycle = model.stages.map((_, s) => flow.between[s]!.some((x, j) => x > 0 && (j === s || upstream[s]!.has(j))));

  const stages: Record<string, StageAnalysis> = {};
  model.stages.forEach((st, s) => {
    const inp = inputs[s]!;
    const l = lam[s]!;
    // Load in completions a day: arrivals less those discharged after DNAs.
    const load = l * attend[s]!;
    const cap = inp.capacity;
    const u = util[s]!;
    const stable = u < 1;
    const initialWaiting = model.initial.filter((g) => g.stage === s).reduce((a, g) => a + g.count, 0);
    const surplus = cap - load;
    const exactUpstream = [...upstream[s]!].every((i) => productForm[i]);
    stages[st.id] = {
      arrivalRate: l,
      demandRate: demand.arrivals[s]!,
      capacityRate: cap,
      throughputRate: throughput[s]!,
      offeredLoad: inp.kind === 'slots' ? u : load * inp.service.mean,
      utilisation: u,
      demandUtilisation: utilisationOf(demand.arrivals[s]! * attend[s]!, cap),
      stable,
      growthPerWeek: stable ? 0 : (load - cap) * 7,
      initialWaiting,
      weeksToClear: !stable || initialWaiting === 0 ? null : Number.isFinite(surplus) ? initialWaiting / (surplus * 7) : 0,
      listSettlesAt: !stable && inp.patienceMean !== null && Number.isFinite(load - cap) ? (load - cap) * inp.patienceMean : null,
      patienceMean: inp.patienceMean,
      wait: calendarWait(inp, withLosses(st, stageWait(inp, {
        queue: st.queue,
        lambda: l,
        utilisation: u,
        ca2: ca2[s]!,
        classes: model.classes
          .map((name, k) => ({ name, level: model.classPriority[k]!, rate: flow.arrivalsByClass[s]![k]! }))
          .filter((k) => k.rate > 0),
        exactUpstream,
        poissonArrivals: exactUpstream && !onCycle[s],
      })), stable),
      servers: inp.kind === 'servers' ? inp.servers : null,
      capacityKind: inp.kind,
      serviceMean: inp.service.mean,
      serviceScv: inp.service.scv,
      arrivalScv: ca2[s]!,
    };
  });

  const ids = model.stages.map((st) => st.id);
  const bottleneck = pickMax(ids, (id) => stages[id]!.utilisation, (id) => !stages[id]!.stable && !Number.isNaN(stages[id]!.utilisation));
  const hiddenBottlenecks = ids
    .filter((id) => stages[id]!.stable && stages[id]!.demandUtilisation >= 1)
    .sort((a, b) => stages[b]!.demandUtilisation - stages[a]!.demandUtilisation);
  // Pools and places replace the waits of the stages they limit, so before the notes are drawn up.
  const pooled = model.pools !== undefined || model.stages.some((st) => st.places !== undefined) ? analysePools(model, stages) : null;
  const analysis: Analysis = {
    scenario: model.name,
    variant: model.variant,
    day,
    stages,
    bottleneck,
    hiddenBottlenecks,
    phases: [],
    ...(() => {
      const n = notesFor(model, stages, day, seasonality);
      return { notes: n.notes, noteAudience: n.audience };
    })(),
  };
  if (pooled !== null) {
    for (const note of pooled.notes) {
      analysis.notes.push(note);
      analysis.noteAudience?.push('everyone');
    }
    if (model.pools !== undefined) analysis.pools = pooled.pools;
  }
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

function notesFor(
  model: Model,
  stages: Record<string, StageAnalysis>,
  day: number,
  seasonality: SeasonalityMode,
): { notes: string[]; audience: NoteAudience[] } {
  const notes: string[] = [];
  const audience: NoteAudience[] = [];
  const add = (who: NoteAudience, text: string) => {
    notes.push(text);
    audience.push(who);
  };
  // Points at the API (`phases`, analyseAt): for analysts, not for a planner's report.
  add(
    'analyst',
    `Steady state if the demand and capacity of day ${fmt(day)} persisted` +
      (model.arrivals.some((a) => a.seasonality) && seasonality === 'mean' ? ' (seasonality averaged over the year)' : '') +
      '; `phases` gives each later capacity or demand change, analyseAt(model, day) any other day.',
  );
  for (const [id, st] of Object.entries(stages)) {
    if (Number.isNaN(st.capacityRate)) {
      // A sampler object without a mean: nothing about this stage's capacity is known here.
      notes.push(`${id}: its service is a sampler object without a mean, so its capacity is unknown here; simulate.`);
      continue;
    }
    if (!st.stable) {
      add('everyone',
        `${id} cannot keep up: ${fmt(st.arrivalRate * 7)} arrive a week for ${fmt(st.capacityRate * 7)} completions; its list grows by about ${fmt(st.growthPerWeek)} a week.`,
      );
      if (st.listSettlesAt !== null) {
        add('everyone',
          `${id}: patients who run out of patience (mean ${fmt(st.patienceMean!)} days) leave; the list settles near ${fmt(st.listSettlesAt)} (fluid model)` +
            (st.initialWaiting > st.listSettlesAt ? `, below today's ${fmt(st.initialWaiting)}, so it shrinks.` : '.'),
        );
      }
    }
    if (st.demandRate > st.arrivalRate * (1 + 1e-9) && st.demandUtilisation >= 1 && st.stable) {
      add('everyone',
        `${id} keeps up only because an upstream stage holds patients back: its demand is ${fmt(st.demandRate * 7)} a week for ${fmt(st.capacityRate * 7)} completions (utilisation ${fmt(st.demandUtilisation)} once upstream keeps up).`,
      );
    }
  }
  if (Object.values(stages).some((st) => st.patienceMean !== null && st.stable)) {
    add('everyone', 'Flows ignore abandonment at stable stages (few abandon where the list is short).');
  }
  for (const text of lossNotes(model.stages)) add('everyone', text);
  for (const st of model.stages) {
    const text = calendarNote(model, st, day);
    if (text !== null) add('everyone', text);
  }
  return { notes, audience };
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
