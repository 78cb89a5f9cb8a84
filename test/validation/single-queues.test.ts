/** The simulator against exact single-queue theory: M/M/1, M/M/c up to c = 10, M/D/1. */
import { validateCases } from './harness.js';

validateCases(['mm1-low', 'mm1-high', 'mm2', 'mm5', 'md1']);
