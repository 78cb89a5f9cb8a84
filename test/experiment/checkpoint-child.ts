/** Child process for the kill-and-resume test: runs an experiment with a checkpoint until killed. */
import { runExperimentSync } from '../../src/experiment/run.js';
import { simulate } from './fake-simulate.js';
import { killScenario } from './checkpoint-fixture.js';

runExperimentSync(killScenario as never, { replications: 30, checkpoint: process.argv[2]!, simulate: simulate as never });
