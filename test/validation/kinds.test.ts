/**
 * The simulator against exact references for every stage kind beyond FIFO servers: daily slots
 * (Markov chain), priority classes (Cobham), patience (Erlang-A), tests (binomial), missed
 * returns (flow balance) and time-varying arrivals (integrated rate).
 */
import { validateCases } from './harness.js';

validateCases(['slots-daily', 'slots-weekdays', 'priority', 'patience', 'tests', 'missed-returns', 'time-varying']);
