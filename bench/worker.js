'use strict';
// One library, one workload, one size, in a fresh process:
//   node --expose-gc bench/worker.js <lib> <workload> <N> [--reps R] [--warmup W]
// lib: plain | associations | original | this. Loads its own Backbone and library, defines the
// model types once, warms up at a small size, then times the workload R times (R + 6 when a
// run is fast, fewer when it is slow: see main). Every run starts from a fresh store (for the
// relational libraries) and freshly built data, and is verified before its time is kept. The
// warm-up graphs stay alive meanwhile, as an application's earlier models do (see
// docs/performance.md, Method). Prints one line `BENCH_RESULT <json>` on stdout; exits 2 on a
// failed verification, 1 on any other error.

const { performance } = require('perf_hooks');
const data = require('./lib/data');
const verify = require('./lib/verify');
const { CUTOFF_MS } = require('./lib/cutoff');

const LIBS = require('./lib/adapters');

function parseArgs(argv) {
  const [lib, workload, n] = argv;
  const opts = { lib, workload, n: Number(n), reps: 5, warmup: 250 };
  for (let i = 3; i < argv.length; i++) {
    if (argv[i] === '--reps') opts.reps = Number(argv[++i]);
    else if (argv[i] === '--warmup') opts.warmup = Number(argv[++i]);
    else throw new Error('unknown option ' + argv[i]);
  }
  if (!LIBS[opts.lib]) throw new Error(`unknown library "${opts.lib}" (one of ${Object.keys(LIBS).join(', ')})`);
  if (!(opts.n > 0)) throw new Error('N must be a positive number');
  return opts;
}

// Each workload: prepare (untimed: data, and for the operations on a graph, the graph, built by
// `collection.reset` and verified), run (timed), check (after the time is taken).
function workloads(adapter) {
  const parentModels = (s) => (Array.isArray(s.graph.parents) ? s.graph.parents : s.graph.parents.models);
  function builtGraph(ctx, n) {
    const graph = adapter.buildReset(ctx, data.nestedParents(n));
    verify.parentGraph(adapter, ctx, graph.parents.models, n, null, 'graph built for the workload');
    return graph;
  }
  return {
    reset: {
      build: true,
      models: (n) => n * (1 + data.CHILDREN_PER_PARENT),
      prepare: (ctx, n) => ({ data: data.nestedParents(n) }),
      run: (ctx, s) => { s.graph = adapter.buildReset(ctx, s.data); },
      check: (ctx, s, n) => verify.parentGraph(adapter, ctx, parentModels(s), n),
    },
    late: {
      build: true,
      models: (n) => n * (1 + data.CHILDREN_PER_PARENT),
      prepare: (ctx, n) => ({ data: data.lateBinding(n) }),
      run: (ctx, s) => { s.graph = adapter.buildLate(ctx, s.data); },
      check: (ctx, s, n) => verify.parentGraph(adapter, ctx, s.graph.parents, n, s.graph.children),
    },
    m2m: {
      build: true,
      models: (n) => n + data.companyCount(n) + n * data.JOBS_PER_PERSON,
      prepare: (ctx, n) => ({ data: data.manyToMany(n) }),
      run: (ctx, s) => { s.graph = adapter.buildM2M(ctx, s.data); },
      check: (ctx, s, n) => verify.manyToMany(adapter, ctx, s.graph, n),
    },
    destroy: {
      prepare(ctx, n) {
        const graph = builtGraph(ctx, n);
        const children = [];
        for (const parent of graph.parents.models) children.push(...adapter.childrenOf(parent));
        return { graph, children };
      },
      run(ctx, s) {
        const children = s.children;
        for (let i = 0; i < children.length; i++) children[i].destroy();
      },
      check: (ctx, s, n) => verify.destroyed(adapter, ctx, s.graph.parents, s.children, n),
    },
    remove: {
      prepare(ctx, n) {
        const graph = builtGraph(ctx, n);
        return { graph, toRemove: graph.parents.models.slice() };
      },
      run: (ctx, s) => { s.graph.parents.remove(s.toRemove); },
      check: (ctx, s, n) => verify.removed(adapter, ctx, s.graph.parents, s.toRemove, n),
    },
    tojson: {
      prepare: (ctx, n) => ({ graph: builtGraph(ctx, n) }),
      run: (ctx, s) => { s.out = s.graph.parents.toJSON(); },
      check: (ctx, s, n) => verify.json(s.out, n),
    },
  };
}

function fullGC() {
  global.gc();
  global.gc();
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main() {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const opts = parseArgs(process.argv.slice(2));
  const adapter = LIBS[opts.lib]();
  const Backbone = adapter.Backbone;
  // No server: a model's `destroy` succeeds at once, synchronously, in every library.
  Backbone.sync = function (method, model, options) {
    if (options && options.success) options.success({});
    return {};
  };
  const all = workloads(adapter);
  const w = all[opts.workload];
  if (!w) throw new Error(`unknown workload "${opts.workload}" (one of ${Object.keys(all).join(', ')})`);
  const sabotage = process.env.BENCH_SABOTAGE ? require('./lib/sabotage') : null;

  // Defined once, as an application defines its model types once. Were they defined afresh for
  // every run, and every model of a run collected before the next, V8 would discard its
  // optimized code at each run (the object shapes it was specialized for are gone), and the
  // timings would mostly measure re-optimization.
  const ctx = adapter.define();
  // The warm-up graphs stay alive through the timed runs, for the same reason: an application's
  // earlier models live on while it builds more.
  const warmupStates = [];

  function runOnce(n, warmup) {
    const p0 = performance.now();
    if (adapter.beginRun) adapter.beginRun(ctx);
    const s = w.prepare(ctx, n);
    const setupMs = performance.now() - p0;
    fullGC();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    w.run(ctx, s);
    const ms = performance.now() - t0;
    if (sabotage) sabotage(process.env.BENCH_SABOTAGE, opts.workload, s, adapter);
    w.check(ctx, s, n);
    let heapPerModel = null;
    if (w.build) {
      fullGC();
      heapPerModel = (process.memoryUsage().heapUsed - before) / w.models(n);
    }
    if (warmup) warmupStates.push(s);
    return { ms, setupMs, heapPerModel };
  }

  // Warm-up (verified, not kept): twice at a small size; once more at up to 1,000 parents
  // when that is cheap, so the optimizing compiler has seen the hot paths at a realistic size.
  const warmupN = Math.min(opts.warmup, opts.n);
  let warmupMs = 0;
  for (let i = 0; i < 2; i++) warmupMs += runOnce(warmupN, true).ms;
  const warmupN2 = Math.min(opts.n, 4 * opts.warmup);
  if (warmupN2 > warmupN && warmupMs < 200) runOnce(warmupN2, true);

  // Repetitions: as asked, 6 more for fast runs (under 300 ms, where noise weighs most and runs
  // cost little), at most 3 when the first run (with the untimed graph building it needed) took
  // over 2 s, a single one over the cut-off (after which bench/run.js stops the library).
  // Runs of 5-20 s are the original library's at the largest sizes it reaches, among them the
  // N = 8,000 that the 30x target compares.
  const runs = [runOnce(opts.n)];
  const cost = runs[0].ms + runs[0].setupMs;
  let reps = opts.reps;
  if (cost > CUTOFF_MS) reps = 1;
  else if (cost > 2000) reps = Math.min(reps, 3);
  else if (cost < 300) reps += 6;
  while (runs.length < reps) runs.push(runOnce(opts.n));

  const times = runs.map((r) => r.ms);
  const heaps = runs.map((r) => r.heapPerModel).filter((h) => h !== null);
  return {
    lib: opts.lib,
    workload: opts.workload,
    n: opts.n,
    models: w.models ? w.models(opts.n) : null,
    times,
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    setupMax: Math.max(...runs.map((r) => r.setupMs)),
    heapPerModel: heaps.length ? median(heaps) : null,
    warmupN,
    warmupN2: warmupN2 > warmupN && warmupMs < 200 ? warmupN2 : null,
    verified: true,
    versions: Object.assign({ node: process.version }, adapter.versions),
  };
}

try {
  const result = main();
  process.stdout.write('BENCH_RESULT ' + JSON.stringify(result) + '\n');
} catch (err) {
  const verification = /^verification of /.test(err.message);
  process.stdout.write('BENCH_RESULT ' + JSON.stringify({ error: err.message, verification, stack: err.stack }) + '\n');
  process.exitCode = verification ? 2 : 1;
}
