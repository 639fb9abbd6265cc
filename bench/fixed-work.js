'use strict';
// A fixed amount of work, for counting instructions (docs/decisions.md, "Deterministic A/B"):
//   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
//     node --single-threaded bench/fixed-work.js [lib] [workload] [N] [runs]
// lib: an adapter of bench/lib/adapters (this by default); workload: reset-new (default) |
// reset-coll | late-new | destroy; N (default 1000) parents; runs (default 8). Unlike the
// worker it times nothing and never repeats a run, so two builds of dist/ compare by the
// "Collected" total valgrind prints (reproducible to about 0.2% here; `node --single-threaded`
// keeps the compiler on the main thread). Node's start-up alone is about 0.6 billion
// instructions: run with 0 runs to measure it. Timings on a shared machine spread more than
// most changes gain.

const LIBS = require('./lib/adapters');
const data = require('./lib/data');

const [lib = 'this', workload = 'reset-new', n = '1000', runs = '8'] = process.argv.slice(2);
if (!LIBS[lib]) throw new Error(`unknown lib "${lib}" (one of ${Object.keys(LIBS).join(', ')})`);
const adapter = LIBS[lib]();
// As in the worker: no server, a destroy succeeds at once.
adapter.Backbone.sync = (method, model, options) => {
  if (options && options.success) options.success({});
  return {};
};
const ctx = adapter.define();

const WORK = {
  'reset-new': () => adapter.buildResetNew(ctx, data.nestedParents(Number(n))),
  'reset-coll': () => adapter.buildResetColl(ctx, data.nestedParents(Number(n))),
  'late-new': () => adapter.buildLateNew(ctx, data.lateBinding(Number(n))),
  destroy: () => {
    const graph = adapter.buildResetNew(ctx, data.nestedParents(Number(n)));
    const children = [];
    for (const parent of graph.parents) children.push(...adapter.childrenOf(parent));
    for (const child of children) child.destroy();
  },
};
if (!WORK[workload]) throw new Error(`unknown workload "${workload}" (one of ${Object.keys(WORK).join(', ')})`);

// The last few graphs stay alive, as the worker keeps its warm-up graphs.
const kept = [];
for (let i = 0; i < Number(runs); i++) {
  if (adapter.beginRun) adapter.beginRun(ctx);
  kept.push(WORK[workload]());
  if (kept.length > 3) kept.shift();
}
