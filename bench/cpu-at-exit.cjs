// Preloaded by bench/run.mjs's import case (`node --require`): prints the process's CPU time
// (user + system, since start) on stderr as it exits, so the parent can read a child's CPU cost.
'use strict';
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`\n@cpu ${(u.user + u.system) / 1000}\n`);
});
