/**
 * The two original disciplines: first come first served, and class priority.
 * @module
 */
import type { DisciplineEntry } from './disciplines.js';

/** `queue: fifo` (the default): served in the order they joined the stage's list. */
export const fifo: DisciplineEntry = {
  name: 'fifo',
  summary: 'first come, first served (the default)',
  order: 'arrival',
  analyse: { treatment: 'exact', note: '' },
};

/** `queue: priority`: the lowest class priority first, then in order of joining. */
export const priority: DisciplineEntry = {
  name: 'priority',
  summary: 'class priority, then arrival order',
  order: 'class',
  analyse: {
    treatment: 'approximation',
    severalClasses: true,
    note: ' Priority queue: this is the mean over all classes (the order changes who waits, not the average, when service does not depend on class); per-class waits differ.',
  },
};
