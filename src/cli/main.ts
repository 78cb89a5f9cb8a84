#!/usr/bin/env node
/**
 * Entry point of the `carepath` command (built to dist/cli.js).
 * @module
 */
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
// Exit once stdout and stderr are flushed: a large JSON on a pipe must arrive whole, and no
// leftover handle (a worker pool, a timer) may keep the process alive after the answer.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
