'use strict';
// A library is stopped at larger N for a workload once one run of it (or building the graph a
// workload starts from) took longer than this; a worker whose first run took longer runs it
// only once. bench/run.js, bench/worker.js and the report all read it from here.
const CUTOFF_MS = 20000;

module.exports = { CUTOFF_MS, CUTOFF_S: CUTOFF_MS / 1000 };
