'use strict';
// A library is stopped at larger N for a workload once one run of it (or building the graph a
// workload starts from) took longer than this. bench/run.js, bench/worker.js and the report all
// read it from here.
const CUTOFF_MS = 20000;
// A worker whose first run (with the untimed graph building it needed) took longer than this
// runs it only once (in practice, only backbone-relational 0.10.0 at its largest sizes).
const SINGLE_RUN_MS = 10000;

module.exports = { CUTOFF_MS, CUTOFF_S: CUTOFF_MS / 1000, SINGLE_RUN_MS, SINGLE_RUN_S: SINGLE_RUN_MS / 1000 };
