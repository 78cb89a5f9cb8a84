/** The simulator against Erlang C with ten servers at 95% utilisation (its own file: the longest case). */
import { validateCases } from './harness.js';

validateCases(['mm10']);
