'use strict';
// A fixed amount of work, for counting instructions (docs/decisions.md, "Deterministic A/B"):
//   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
//     node --predictable --single-threaded bench/fixed-work.js [lib] [workload] [N] [runs]
// lib: an adapter of bench/lib/adapters (this by default); workload: one of the worker's
// (bench/lib/workloads.js; reset-new by default; destroy, remove and tojson build their graph
// by reset-coll first, as in the worker); N (default 1000) parents; runs (default 8). Unlike the
// worker it times nothing and never repeats a run, so two builds of dist/ compare by the
// "Collected" total valgrind prints (reproducible to about 0.3% here; `node --single-threaded`
// keeps the compiler on the main thread, and `--predictable` V8's heuristics that read the clock,
// without which two counts of one build differed by 3-6% while other processes ran). Most of the
// count is not the library's code: at N = 1,000 the optimizing compiler was 44% of it, V8's
// builtins 17%, JavaScript proper 6% (`--perf-basic-prof` names the compiled functions in
// valgrind's output). Node's start-up alone is about 0.6 billion
// instructions: run with 0 runs to measure it. Timings on a shared machine spread more than
// most changes gain.

const LIBS = require('./lib/adapters');
const { workloads, succeedAtOnce } = require('./lib/workloads');

const [lib = 'this', workload = 'reset-new', n = '1000', runs = '8'] = process.argv.slice(2);
if (!LIBS[lib]) throw new Error(`unknown lib "${lib}" (one of ${Object.keys(LIBS).join(', ')})`);
const adapter = LIBS[lib]();
succeedAtOnce(adapter.Backbone);
const ctx = adapter.define();
const all = workloads(adapter);
const w = all[workload];
if (!w) throw new Error(`unknown workload "${workload}" (one of ${Object.keys(all).join(', ')})`);

// The worker's prepare and run, untimed and unverified; the last few graphs stay alive, as the
// worker keeps its warm-up graphs.
const kept = [];
for (let i = 0; i < Number(runs); i++) {
  if (adapter.beginRun) adapter.beginRun(ctx);
  const state = w.prepare(ctx, Number(n));
  w.run(ctx, state);
  kept.push(state);
  if (kept.length > 3) kept.shift();
}
