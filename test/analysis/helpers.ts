/** Hand-built resolved models for analysis tests (no scenario parser needed). */
import type { CapacityPhase, Model, ModelArrival, ModelStage } from '../../src/pathway/model.js';

/** A stage with sensible defaults: one exponential server of mean 1 day, FIFO, exit after. */
export function stage(id: string, over: Partial<ModelStage> = {}): ModelStage {
  return {
    id,
    capacity: [{ from: 0, kind: 'servers', servers: 1 }],
    service: { dist: 'exponential', mean: 1 },
    queue: 'fifo',
    patience: null,
    test: null,
    next: [],
    ...over,
  };
}

export function servers(n: number, from = 0): CapacityPhase {
  return { from, kind: 'servers', servers: n };
}

export function arrival(to: number, ratePerDay: number, over: Partial<ModelArrival> = {}): ModelArrival {
  return {
    id: `a${to}`,
    to,
    ratePerDay,
    changes: [],
    growthPerYear: 0,
    seasonality: null,
    classIndex: 0,
    conditions: [],
    ...over,
  };
}

export function model(stages: ModelStage[], arrivals: ModelArrival[], over: Partial<Model> = {}): Model {
  return {
    name: 'test',
    description: '',
    variant: 'base',
    seed: 1,
    startDate: '2026-01-05',
    startWeekday: 0,
    warmup: 0,
    horizon: 1000,
    sampleEvery: 7,
    classes: ['default'],
    classPriority: [0],
    conditions: [],
    stages,
    arrivals,
    initial: [],
    targets: [],
    ...over,
  };
}
