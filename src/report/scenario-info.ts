/**
 * The few things the report reads from a scenario (name, description, start date, variant and
 * target descriptions), taken from the plain scenario data defensively so the report works with
 * a parsed `Scenario`, a JSON copy of one, or nothing but the experiment's name.
 * @module
 */
import { isoStartDate } from './format.js';

/** What the report shows about a scenario. */
export interface ScenarioInfo {
  /** The scenario's name, or the fallback name. */
  name: string;
  /** The scenario's description, when it has one. */
  description?: string;
  /** ISO date of day 0, when the scenario has one. */
  startDate?: string;
  /** Variant name → description. */
  variantDescriptions: Record<string, string>;
  /** Variant name → the variant it extends. */
  variantExtends: Record<string, string>;
  /** Target id → description. */
  targetDescriptions: Record<string, string>;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Reads {@link ScenarioInfo} from scenario data; `fallbackName` when it has no name.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { scenarioInfo } from 'carepath/report';
 * const info = scenarioInfo(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * [info.startDate, info.variantExtends]; // [ '2026-01-05', { 'ai-reporting-and-treatment': 'ai-reporting' } ]
 * scenarioInfo(undefined, 'My scenario').name; // 'My scenario'
 * ```
 */
export function scenarioInfo(scenario: unknown, fallbackName = 'Scenario'): ScenarioInfo {
  const s = record(scenario);
  const variantDescriptions: Record<string, string> = Object.create(null); // keyed by ids
  const variantExtends: Record<string, string> = Object.create(null); // keyed by ids
  for (const [name, v] of Object.entries(record(s.variants))) {
    const d = str(record(v).description);
    if (d) variantDescriptions[name] = d;
    const e = str(record(v).extends);
    if (e) variantExtends[name] = e;
  }
  const targetDescriptions: Record<string, string> = Object.create(null); // keyed by ids
  for (const [id, t] of Object.entries(record(s.targets))) {
    const d = str(record(t).description);
    if (d) targetDescriptions[id] = d;
  }
  const description = str(s.description);
  const startDate = isoStartDate(s.startDate);
  return {
    name: str(s.name) ?? fallbackName,
    ...(description ? { description } : {}),
    ...(startDate ? { startDate } : {}),
    variantDescriptions,
    variantExtends,
    targetDescriptions,
  };
}
