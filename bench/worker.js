'use strict';
// One library, one workload, one size, in a fresh process:
//   node --expose-gc bench/worker.js <lib> <workload> <N> [--reps R] [--warmup W]
// lib: plain | associations | original | this. workload: reset-new | reset-coll | late-new |
// late-coll | m2m-new | m2m-coll | destroy | remove | tojson. Loads its own Backbone and
// library, defines the model types once, warms up at a small size, then times the workload R
// times (R + 6 when a run is fast, fewer when it is slow: see main). Every run starts, after a
// turn of the event loop, from a fresh store (for the relational libraries) and freshly built
// data, and is verified before its time is kept. The warm-up graphs stay alive meanwhile, as an
// application's earlier models do (see docs/performance.md, Method). Prints one line `BENCH_RESULT <json>` on stdout; exits 2 on a
// failed verification, 1 on any other error.

const { performance } = require('perf_hooks');
const { workloads, succeedAtOnce } = require('./lib/workloads');
const { SINGLE_RUN_MS } = require('./lib/cutoff');
const { median } = require('./lib/workers');

const LIBS = require('./lib/adapters');
// Names of earlier versions of the bench, each now split by path (see lib/workloads.js).
const FORMER = { reset: ['reset-new', 'reset-coll'], late: ['late-new', 'late-coll'], m2m: ['m2m-new', 'm2m-coll'] };

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

function fullGC() {
  global.gc();
  global.gc();
}

// Back to the event loop for a moment, as an application is between two server responses: what
// a library (or Backbone) put off to a later tick runs then, outside any timed section. Without
// it nothing deferred would ever run in this synchronous loop, and what it holds would stay
// alive into the next run: a model this library's collection patches keep until the next tick
// (see src/awaiting-addition.ts) holds, through its collection, the whole previous graph, and
// 0.10.0's `_.defer` per model a collection created holds the model.
function tick() {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

async function main() {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const opts = parseArgs(process.argv.slice(2));
  const adapter = LIBS[opts.lib]();
  const Backbone = adapter.Backbone;
  succeedAtOnce(Backbone);
  const all = workloads(adapter);
  const w = all[opts.workload];
  if (!w) {
    const was = FORMER[opts.workload];
    throw new Error(`unknown workload "${opts.workload}" (one of ${Object.keys(all).join(', ')})` +
      (was ? `; "${opts.workload}" is now ${was.join(' and ')}` : ''));
  }
  const sabotage = process.env.BENCH_SABOTAGE ? require('./lib/sabotage') : null;

  // Defined once, as an application defines its model types once. Were they defined afresh for
  // every run, and every model of a run collected before the next, V8 would discard its
  // optimized code at each run (the object shapes it was specialized for are gone), and the
  // timings would mostly measure re-optimization.
  const ctx = adapter.define();
  // The warm-up graphs stay alive through the timed runs, for the same reason: an application's
  // earlier models live on while it builds more.
  const warmupStates = [];

  async function runOnce(n, warmup) {
    await tick();
    // Emptying the store of the previous run's graph is not part of the setup the cut-off
    // weighs (building a graph): 0.10.0 unregisters model by model, each with a splice, which at
    // N = 8,000 alone took longer than its runs.
    const r0 = performance.now();
    if (adapter.beginRun) adapter.beginRun(ctx);
    const p0 = performance.now();
    const resetMs = p0 - r0;
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
      // The graph as an application keeps it: after the tick that follows its building.
      await tick();
      fullGC();
      heapPerModel = (process.memoryUsage().heapUsed - before) / w.models(n);
    }
    if (warmup) warmupStates.push(s);
    return { ms, setupMs, resetMs, heapPerModel };
  }

  // Warm-up (verified, not kept): twice at a small size; once more at up to 1,000 parents
  // when that is cheap, so the optimizing compiler has seen the hot paths at a realistic size.
  const warmupN = Math.min(opts.warmup, opts.n);
  let warmupMs = 0;
  for (let i = 0; i < 2; i++) warmupMs += (await runOnce(warmupN, true)).ms;
  const warmupN2 = Math.min(opts.n, 4 * opts.warmup);
  if (warmupN2 > warmupN && warmupMs < 200) await runOnce(warmupN2, true);

  // Repetitions: as asked, 6 more for fast runs (under 300 ms, where noise weighs most and runs
  // cost little), at most 3 when the first run (with the untimed graph building it needed) took
  // over 2 s, a single one over SINGLE_RUN_MS (10 s; over the cut-off, bench/run.js then stops
  // the library). Runs over 10 s are only 0.10.0's, at the largest sizes it reaches (among them
  // the N = 8,000 that the 50x target compares): a single run of that length varies by about
  // 10%, and each further one would cost the bench its length again plus 0.10.0's emptying of
  // the store before it, as long or longer.
  const runs = [await runOnce(opts.n)];
  const cost = runs[0].ms + runs[0].setupMs;
  let reps = opts.reps;
  if (cost > SINGLE_RUN_MS) reps = 1;
  else if (cost > 2000) reps = Math.min(reps, 3);
  else if (cost < 300) reps += 6;
  while (runs.length < reps) runs.push(await runOnce(opts.n));

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
    resetMax: Math.max(...runs.map((r) => r.resetMs)),
    heapPerModel: heaps.length ? median(heaps) : null,
    warmupN,
    warmupN2: warmupN2 > warmupN && warmupMs < 200 ? warmupN2 : null,
    verified: true,
    versions: Object.assign({ node: process.version }, adapter.versions),
  };
}

main().then((result) => {
  process.stdout.write('BENCH_RESULT ' + JSON.stringify(result) + '\n');
}, (err) => {
  const verification = /^verification of /.test(err.message);
  process.stdout.write('BENCH_RESULT ' + JSON.stringify({ error: err.message, verification, stack: err.stack }) + '\n');
  process.exitCode = verification ? 2 : 1;
});
