/**
 * Routing that `run` would refuse, found before any run: stages patients reach but can never
 * leave (every branch leads back, nobody exits: the flow analysis sees arrival rates grow
 * without bound), and loops that take no time (the kernel's `ZeroTimeLoopError`), including
 * loops closed by a missed-test return with no delay. Checked on the base and, through
 * `validateScenario`, on every variant merged over it.
 *
 * Both checks read the scenario as written and err on the side of silence: a stage counts as
 * one patients can leave whenever some patient might leave it (a branch to exit, a remainder
 * no branch takes, a patience), so an error is only reported when no patient ever can.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { hasOwn, isObject, joinPath, keysOf, own } from './scenario-json.js';
import { EXIT_NAME } from './scenario-names.js';
import { isZeroDistribution } from './validate-rules.js';
import { reach } from './graph.js';

/** The routing of one stage as far as leaving is concerned. */
interface Routing {
  /** Stages named by `next` branches (known stages only). */
  next: string[];
  /** Stage a false negative may be sent back to by this stage's test, or undefined. */
  missedTo: string | undefined;
  /** True when the missed return has no delay. */
  missedInstant: boolean;
  /** True when some patient may leave the pathway from here by routing (not by a missed return). */
  routesOut: boolean;
  /** True when some patient may leave from here at all (routing, or patience on the list). */
  canLeave: boolean;
  /** True when a pass through the stage may take no time. */
  instant: boolean;
}

/** True when the capacity uses appointment slots in every phase (so each pass waits for a day). */
function alwaysSlots(capacity: unknown): boolean {
  if (Array.isArray(capacity)) return capacity.length > 0 && capacity.every((phase) => hasOwn(phase, 'slots'));
  return hasOwn(capacity, 'slots');
}

function routingOf(stage: unknown, stageSet: Set<string>): Routing {
  const nextList = own(stage, 'next');
  const next: string[] = [];
  let routesOut = !Array.isArray(nextList) || nextList.length === 0;
  if (Array.isArray(nextList)) {
    let conditional = false;
    let catchAll = false;
    let sumP = 0;
    for (const branch of nextList) {
      const to = own(branch, 'to');
      const p = own(branch, 'p');
      if (own(branch, 'if') !== undefined) conditional = true;
      else if (p === undefined) catchAll = true;
      else if (typeof p === 'number') sumP += p;
      if (to === EXIT_NAME) routesOut = true;
      else if (typeof to === 'string' && stageSet.has(to)) next.push(to);
      // An unknown target is reported elsewhere; assume it could lead out, to stay silent.
      else routesOut = true;
    }
    // What no branch takes leaves the pathway.
    if (!catchAll && (conditional || sumP < 1 - 1e-9)) routesOut = true;
  }
  const test = own(stage, 'test');
  const missed = isObject(test) ? own(test, 'missed') : undefined;
  const missedTarget = own(missed, 'to');
  const missedTo = typeof missedTarget === 'string' && stageSet.has(missedTarget) ? missedTarget : undefined;
  const patience = own(stage, 'patience');
  return {
    next,
    missedTo,
    missedInstant: missedTo !== undefined && isZeroDistribution(own(missed, 'after')),
    routesOut,
    canLeave: routesOut || patience !== undefined,
    instant: isZeroDistribution(own(stage, 'service')) && !alwaysSlots(own(stage, 'capacity')),
  };
}


/**
 * Livelocks and zero-time loops of one scenario (variants not applied), as errors.
 * @internal
 * @example
 * ```ts
 * import { checkLivelocks } from './validate-livelock.js';
 * checkLivelocks({
 *   arrivals: { a: { to: 'x' } },
 *   stages: { x: { capacity: 1, service: 1, next: [{ to: 'y' }] }, y: { capacity: 1, service: 1, next: [{ to: 'x' }] } },
 * });
 * // [{ path: 'stages.x.next', message: 'patients who reach "x" never leave the pathway: …' }]
 * ```
 */
export function checkLivelocks(scenario: unknown): Issue[] {
  const stagesObj = own(scenario, 'stages');
  const ids = keysOf(stagesObj);
  const stageSet = new Set(ids);
  const routing = new Map(ids.map((id) => [id, routingOf(own(stagesObj, id), stageSet)]));
  const get = (id: string) => routing.get(id)!;
  return [...trappedStages(scenario, ids, stageSet, get), ...instantLoops(ids, get)];
}

/** Reachable stages from which no patient can ever leave the pathway. */
function trappedStages(scenario: unknown, ids: string[], stageSet: Set<string>, get: (id: string) => Routing): Issue[] {
  const arrivals = own(scenario, 'arrivals');
  const sources = [...keysOf(arrivals).map((a) => own(own(arrivals, a), 'to')), ...keysOf(own(scenario, 'initial'))].filter(
    (s): s is string => typeof s === 'string' && stageSet.has(s),
  );
  // Forward edges include missed returns: they bring patients to stages too.
  const forward = (id: string) => {
    const r = get(id);
    return r.missedTo === undefined ? r.next : [...r.next, r.missedTo];
  };
  const reached = reach(sources, forward);
  const reverse = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const id of ids) for (const t of get(id).next) reverse.get(t)!.push(id);
  const leaving = reach(
    ids.filter((id) => get(id).canLeave),
    (id) => reverse.get(id)!,
  );
  const issues: Issue[] = [];
  const reported = new Set<string>();
  for (const id of ids) {
    if (!reached.has(id) || leaving.has(id) || reported.has(id)) continue;
    const trap = [...reach([id], (s) => get(s).next)];
    for (const s of trap) reported.add(s);
    const names = trap.length > 6 ? `${trap.slice(0, 6).join(', ')} and ${trap.length - 6} more` : trap.join(', ');
    issues.push({
      path: joinPath(joinPath('stages', id), 'next'),
      message:
        `patients who reach ${JSON.stringify(id)} never leave the pathway: every branch from ${names} leads back among ` +
        `these stages and none to exit, so the lists grow without bound (add a branch to exit, a branch without p ` +
        `that ends the pathway, or a patience)`,
    });
  }
  return issues;
}

/**
 * A cycle through stages that take no time would let a patient loop forever at one instant:
 * `next` branches between instant stages, or a missed-test return with no delay from a stage
 * where an instant pass ends the pathway back to an instant stage.
 */
function instantLoops(ids: string[], get: (id: string) => Routing): Issue[] {
  const instant = new Set(ids.filter((id) => get(id).instant));
  const edges = new Map<string, { to: string; missedFrom?: string }[]>(
    ids.map((id) => [id, get(id).next.filter((t) => instant.has(t)).map((to) => ({ to }))]),
  );
  for (const t of ids) {
    const r = get(t);
    if (!instant.has(t) || !r.missedInstant || !instant.has(r.missedTo!)) continue;
    // Patients tested at t come back when they leave the pathway, from t or any stage reached
    // from it in no time.
    for (const x of reach([t], (s) => get(s).next.filter((n) => instant.has(n)))) {
      if (get(x).routesOut) edges.get(x)!.push({ to: r.missedTo!, missedFrom: t });
    }
  }
  const issues: Issue[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const reportedCycles = new Set<string>();
  // Depth-first search for a back edge, with an explicit stack: a chain of 10,000 instant
  // stages must not overflow the call stack.
  const trail: { id: string; via?: string }[] = [];
  const visit = (root: string) => {
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const out = edges.get(frame.id)!;
      if (frame.next > 0) trail.pop(); // back from the edge taken last
      if (frame.next === out.length) {
        state.set(frame.id, 'done');
        frames.pop();
        continue;
      }
      const e = out[frame.next++]!;
      trail.push({ id: frame.id, ...(e.missedFrom !== undefined ? { via: e.missedFrom } : {}) });
      if (state.get(e.to) === 'open') {
        const cycle = trail.slice(trail.findIndex((x) => x.id === e.to));
        const key = [...new Set(cycle.map((x) => x.id))].sort().join('\u0000');
        if (!reportedCycles.has(key)) {
          reportedCycles.add(key);
          issues.push(loopIssue(cycle, e.to));
        }
      } else if (!state.has(e.to)) {
        state.set(e.to, 'open');
        frames.push({ id: e.to, next: 0 });
      }
    }
  };
  for (const id of ids) if (instant.has(id) && !state.has(id)) visit(id);
  return issues;
}

function loopIssue(cycle: { id: string; via?: string }[], back: string): Issue {
  const missed = cycle.find((x) => x.via !== undefined);
  const steps = cycle.map((x) => (x.via !== undefined ? `${x.id} → (exit, missed return of ${x.via}'s test)` : x.id));
  const last = cycle[cycle.length - 1]!;
  if (missed === undefined) {
    return {
      path: joinPath(joinPath('stages', last.id), 'next'),
      message: `patients could loop forever without time passing: ${[...steps, back].join(' → ')} (every stage in this loop has zero service and no slot capacity; give one a service time or slots)`,
    };
  }
  return {
    path: joinPath(joinPath(joinPath(joinPath('stages', missed.via!), 'test'), 'missed'), 'after'),
    message:
      `patients could loop forever without time passing: ${[...steps, back].join(' → ')} (a missed return with no delay ` +
      `brings false negatives straight back through stages with zero service; give the return an \`after\` delay, or a stage a service time or slots)`,
  };
}
