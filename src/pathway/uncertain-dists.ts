/**
 * Distributions of uncertain scenario parameters (probabilistic sensitivity analysis): a
 * sensitivity as a beta, a cost as a gamma. These describe what we do not know about one input,
 * drawn once per replication, so their parameters are plain numbers (not durations) and the
 * family list follows health-economics practice (Briggs, Claxton & Sculpher 2006, ch. 4).
 * @module
 */
import { describeValue, joinPath, type Issue } from '../core/errors.js';
import { fixedSampler, gammaSampler, kernelSampler, LOGNORMAL, TRIANGULAR, UNIFORM } from '../core/distributions/kernel.js';
import type { Rng } from '../core/random.js';
import { normalQuantile } from '../core/special.js';

/**
 * An uncertain parameter (probabilistic sensitivity analysis) as written in a scenario, where
 * the schema expects a non-integer number: drawn once per replication, the same draw for
 * every variant.
 * @example
 * ```ts
 * import type { ParameterSpec } from 'carepath/kernel';
 * const sensitivity: ParameterSpec = { dist: 'beta', alpha: 85, beta: 15 }; // mean 0.85
 * ```
 */
export type ParameterSpec =
  | { dist: 'beta'; alpha: number; beta: number }
  | { dist: 'beta'; mean: number; sd: number }
  | { dist: 'gamma'; mean: number; sd: number }
  | { dist: 'gamma'; shape: number; scale: number }
  | { dist: 'lognormal'; mean: number; sd: number }
  | { dist: 'normal'; mean: number; sd: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular'; min: number; mode: number; max: number }
  | { dist: 'fixed'; value: number };

/** A checked parameter distribution: its moments, support and a draw from a stream. @internal */
export interface ParameterDistribution {
  mean: number;
  variance: number;
  /** Smallest and largest value it can draw (±Infinity when unbounded). */
  support: [number, number];
  draw(rng: Rng): number;
}

/** Accepted forms, by family: the fields each form needs. @internal */
export const PARAMETER_FORMS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  beta: [['alpha', 'beta'], ['mean', 'sd']],
  gamma: [['mean', 'sd'], ['shape', 'scale']],
  lognormal: [['mean', 'sd']],
  normal: [['mean', 'sd']],
  uniform: [['min', 'max']],
  triangular: [['min', 'mode', 'max']],
  fixed: [['value']],
};

/** Families of uncertain parameters, for messages and docs. @internal */
export const PARAMETER_FAMILIES: readonly string[] = Object.keys(PARAMETER_FORMS);

/** Families an object with `dist` may name where a number is expected. @internal */
export function isParameterFamily(name: unknown): boolean {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(PARAMETER_FORMS, name);
}

/**
 * Checks a parameter distribution at `path` and compiles it, or returns the issues (each naming
 * the field, the value and what was expected).
 * @internal
 * @example
 * ```ts
 * import { parameterDistribution } from './uncertain-dists.js';
 * const d = parameterDistribution({ dist: 'beta', alpha: 85, beta: 15 }, 'stages.ct.test.sensitivity');
 * 'mean' in d ? d.mean : d; // 0.85
 * ```
 */
export function parameterDistribution(spec: Record<string, unknown>, path: string): ParameterDistribution | Issue[] {
  const family = spec.dist as string;
  const keys = Object.keys(spec).filter((k) => k !== 'dist');
  const form = PARAMETER_FORMS[family]!.find((f) => f.length === keys.length && f.every((k) => keys.includes(k)));
  if (!form) {
    const forms = PARAMETER_FORMS[family]!.map((f) => `{ dist: ${family}, ${f.join(', ')} }`).join(' or ');
    return [{ path, message: `expected ${forms}, got ${describeValue(spec)}` }];
  }
  const issues: Issue[] = [];
  const num: Record<string, number> = {};
  for (const k of form) {
    const v = spec[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ path: joinPath(path, k), message: `expected a finite number, got ${describeValue(v)}` });
    else num[k] = v;
  }
  if (issues.length > 0) return issues;
  const need = (ok: boolean, k: string, what: string) => {
    if (!ok) issues.push({ path: joinPath(path, k), message: `expected ${what}, got ${describeValue(spec[k])}` });
  };
  const made = build(family, num, need);
  return issues.length > 0 || !made ? issues : made;
}

function build(family: string, p: Record<string, number>, need: (ok: boolean, k: string, what: string) => void): ParameterDistribution | undefined {
  switch (family) {
    case 'beta': {
      let a = p.alpha;
      let b = p.beta;
      if (a === undefined || b === undefined) {
        const m = p.mean!;
        const s = p.sd!;
        need(m > 0 && m < 1, 'mean', 'a mean strictly between 0 and 1');
        need(s > 0 && s * s < m * (1 - m), 'sd', `an sd greater than 0 with sd² < mean·(1 − mean) (${m * (1 - m)})`);
        if (!(m > 0 && m < 1 && s > 0 && s * s < m * (1 - m))) return undefined;
        const k = (m * (1 - m)) / (s * s) - 1;
        a = m * k;
        b = (1 - m) * k;
      }
      need(a > 0, 'alpha', 'alpha > 0');
      need(b > 0, 'beta', 'beta > 0');
      if (!(a > 0 && b > 0)) return undefined;
      const ga = gammaSampler(a, 1);
      const gb = gammaSampler(b, 1);
      const sum = a + b;
      return {
        mean: a / sum,
        variance: (a * b) / (sum * sum * (sum + 1)),
        support: [0, 1],
        draw: (rng) => {
          const x = ga.sample(rng);
          return x / (x + gb.sample(rng));
        },
      };
    }
    case 'gamma': {
      let shape = p.shape;
      let scale = p.scale;
      if (shape === undefined || scale === undefined) {
        need(p.mean! > 0, 'mean', 'a mean greater than 0');
        need(p.sd! > 0, 'sd', 'an sd greater than 0');
        if (!(p.mean! > 0 && p.sd! > 0)) return undefined;
        shape = (p.mean! / p.sd!) ** 2;
        scale = (p.sd! * p.sd!) / p.mean!;
      }
      need(shape > 0, 'shape', 'a shape greater than 0');
      need(scale > 0, 'scale', 'a scale greater than 0');
      if (!(shape > 0 && scale > 0)) return undefined;
      const g = gammaSampler(shape, scale);
      return { mean: shape * scale, variance: shape * scale * scale, support: [0, Infinity], draw: (rng) => g.sample(rng) };
    }
    case 'lognormal': {
      need(p.mean! > 0, 'mean', 'a mean greater than 0');
      need(p.sd! > 0, 'sd', 'an sd greater than 0');
      if (!(p.mean! > 0 && p.sd! > 0)) return undefined;
      const s2 = Math.log1p((p.sd! / p.mean!) ** 2);
      const g = kernelSampler('lognormal', LOGNORMAL, p.mean!, p.sd! ** 2, [Math.log(p.mean!) - s2 / 2, Math.sqrt(s2)]);
      return { mean: p.mean!, variance: p.sd! ** 2, support: [0, Infinity], draw: (rng) => g.sample(rng) };
    }
    case 'normal': {
      need(p.sd! >= 0, 'sd', 'an sd of 0 or more');
      if (!(p.sd! >= 0)) return undefined;
      const { mean, sd } = p as { mean: number; sd: number };
      return { mean, variance: sd * sd, support: sd === 0 ? [mean, mean] : [-Infinity, Infinity], draw: (rng) => mean + sd * normalQuantile(open(rng)) };
    }
    case 'uniform': {
      const { min, max } = p as { min: number; max: number };
      need(max >= min, 'max', `a value ≥ min (${min})`);
      if (!(max >= min)) return undefined;
      const variance = (max - min) ** 2 / 12;
      const g = kernelSampler('uniform', UNIFORM, (min + max) / 2, variance, [min, max - min]);
      return { mean: (min + max) / 2, variance, support: [min, max], draw: (rng) => g.sample(rng) };
    }
    case 'triangular': {
      const { min, mode, max } = p as { min: number; mode: number; max: number };
      need(mode >= min, 'mode', `a value ≥ min (${min})`);
      need(max >= mode, 'max', `a value ≥ mode (${mode})`);
      if (!(mode >= min && max >= mode)) return undefined;
      const variance = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
      const mean = (min + mode + max) / 3;
      // The kernel's inverse CDF (one uniform per draw), with its parameters as it reads them.
      const range = max - min;
      const g = range === 0 ? fixedSampler(min, 'triangular') : kernelSampler('triangular', TRIANGULAR, mean, variance, [min, max, (mode - min) / range, range * (mode - min), range * (max - mode)]);
      return { mean, variance, support: [min, max], draw: (rng) => g.sample(rng) };
    }
    default: {
      const v = p.value!;
      return { mean: v, variance: 0, support: [v, v], draw: () => v };
    }
  }
}

/** A uniform in (0, 1): Alea can return exactly 0, whose normal quantile is −∞. */
function open(rng: Rng): number {
  const u = rng();
  return u === 0 ? 2 ** -33 : u;
}
