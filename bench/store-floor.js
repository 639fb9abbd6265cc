'use strict';
// What an identity map alone costs plain Backbone, before any relation:
//   node --expose-gc bench/store-floor.js [--n N] [--rounds R] [--workloads a,b] [--json]
// Builds the reset graphs (by constructors and through a collection) and the many-to-many one
// (by constructors), and destroys every child of a reset graph, with plain Backbone, and with
// plain Backbone whose models also register in a store of their type as they are created (and
// leave it when destroyed) (bench/lib/adapters/plain-with-store.js: a Map; a Backbone.Collection
// holding each model only as far as 0.10.0's store makes observable; a Backbone.Collection with
// `add`; the second, with each model's relations as objects shaped as 0.10.0's), and with this
// library, each in fresh bench/worker.js processes (warm-up, verification and heap measurement
// as in `npm run bench`). The variants take turns, R rounds (default 3); each cell is the median
// of the rounds' medians, each ratio is to plain Backbone's cell. Issue 16 asks this library for
// at most 1.3x plain Backbone's time and 1.2x its heap per model: the store variants show how
// much of that an identity map in Backbone collections, which 0.10.0's `Backbone.Relational.store`
// is, takes by itself, and with the relation objects 0.10.0 makes observable. With --json, one line `STORE_FLOOR_RESULT <json>` (read by `npm run bench`).

const LIBS = require('./lib/adapters');
const data = require('./lib/data');
const { runWorker, median } = require('./lib/workers');

// As in a full `npm run bench`.
const REPS = 5;
const TIMEOUT_S = 900;
const WORKLOADS = ['reset-new', 'reset-coll', 'm2m-new', 'destroy'];
const VARIANTS = ['plain', 'plain+map', 'plain+store', 'plain+store-events', 'plain+store-add', 'plain+store-relations', 'this'];
const LABEL = {
  plain: 'plain Backbone',
  'plain+map': '+ a Map by id per type',
  'plain+store': "+ a collection per type, as 0.10.0's store shows it",
  'plain+store-events': "+ that, and 0.10.0's events on destroy",
  'plain+store-add': "+ a collection per type, with Backbone's add",
  'plain+store-relations': "+ 0.10.0's store, and the relation objects",
  this: 'this library',
};

function parseArgs(argv) {
  const opts = { n: 8000, rounds: 3, json: false, workloads: WORKLOADS };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--n') opts.n = Number(argv[++i]);
    else if (argv[i] === '--rounds') opts.rounds = Number(argv[++i]);
    else if (argv[i] === '--json') opts.json = true;
    else if (argv[i] === '--workloads') opts.workloads = String(argv[++i]).split(',');
    else throw new Error(`unknown argument "${argv[i]}" (--n N, --rounds R, --workloads a,b, --json)`);
  }
  const unknown = opts.workloads.filter((w) => !WORKLOADS.includes(w));
  if (unknown.length) throw new Error(`unknown workload ${unknown.join(', ')} (of ${WORKLOADS.join(', ')})`);
  if (!(opts.n > 0) || !(opts.rounds > 0)) throw new Error('--n and --rounds take positive numbers');
  return opts;
}

/**
 * The stores hold every model of the graph, each found by its id and its cid, and no longer a
 * destroyed one (checked here, at a small size, because the worker checks only the graph).
 */
function checkStores() {
  const Backbone = require('backbone');
  // As in the worker: no server, a destroy succeeds at once.
  Backbone.sync = (method, model, options) => {
    if (options && options.success) options.success({});
    return {};
  };
  for (const lib of VARIANTS.filter((v) => v.startsWith('plain+'))) {
    const adapter = LIBS[lib]();
    const ctx = adapter.define();
    for (const build of ['buildResetNew', 'buildResetColl']) {
      adapter.beginRun(ctx);
      const graph = adapter[build](ctx, data.nestedParents(50));
      const parents = Array.isArray(graph.parents) ? graph.parents : graph.parents.models;
      const expect = [[ctx.Parent, parents]];
      expect.push([ctx.Child, [].concat(...parents.map((p) => adapter.childrenOf(p)))]);
      for (const [Type, models] of expect) {
        const store = ctx.storeOf(Type);
        const size = store instanceof Map ? store.size : store.length;
        if (size !== models.length) throw new Error(`${lib} ${build}: the store holds ${size} models, expected ${models.length}`);
        for (const model of models) {
          const found = store instanceof Map ? [store.get(model.id)] : [store.get(model.id), store.get(model.cid)];
          if (found.some((f) => f !== model)) throw new Error(`${lib} ${build}: the store does not find model ${model.id}`);
        }
      }
      const [Child, children] = expect[1];
      if (lib === 'plain+store-relations') checkRelationObjects(lib, build, parents, children);
      for (const child of children) child.destroy();
      const store = ctx.storeOf(Child);
      const left = store instanceof Map ? store.size : store.length;
      if (left !== 0 || children.some((c) => store.get(c.id) !== undefined)) throw new Error(`${lib} ${build}: destroyed children left in the store`);
      if (lib === 'plain+store-events' && children.some((c) => c.get('parent') !== null)) throw new Error(`${lib} ${build}: a destroyed child kept its parent`);
    }
  }
}

/** Each parent and child has its relation as an object of its own, pointing at the model, and the parent's collection points back at it. */
function checkRelationObjects(lib, build, parents, children) {
  for (const parent of parents) {
    const relation = parent._relations && parent._relations.children;
    if (!relation || relation.instance !== parent || relation.related !== parent.get('children') || relation.related.parent !== parent) {
      throw new Error(`${lib} ${build}: parent ${parent.id} lacks its children relation`);
    }
  }
  const relations = new Set(children.map((child) => child._relations && child._relations.parent));
  if (relations.size !== children.length || children.some((child) => child._relations.parent.instance !== child)) {
    throw new Error(`${lib} ${build}: a child lacks a parent relation of its own`);
  }
}

/** One worker's result; a failed or unverified run stops the script. */
function measuredRun(lib, workload, n) {
  const res = runWorker(lib, workload, n, REPS, TIMEOUT_S);
  if (res.error) throw new Error(`${lib} ${workload} ${n}: ${res.error}`);
  return res;
}

function measure(opts) {
  const runs = {};
  for (const wl of opts.workloads) {
    runs[wl] = {};
    for (const v of VARIANTS) runs[wl][v] = [];
    for (let r = 0; r < opts.rounds; r++) {
      for (const v of VARIANTS) runs[wl][v].push(measuredRun(v, wl, opts.n));
    }
  }
  const cells = {};
  for (const wl of opts.workloads) {
    cells[wl] = {};
    for (const v of VARIANTS) {
      const rs = runs[wl][v];
      const heaps = rs.map((x) => x.heapPerModel).filter((h) => h != null);
      cells[wl][v] = { ms: median(rs.map((x) => x.median)), heap: heaps.length ? median(heaps) : null, spread: rs.map((x) => x.median) };
    }
    const plain = cells[wl].plain;
    for (const v of VARIANTS) {
      cells[wl][v].timeRatio = cells[wl][v].ms / plain.ms;
      cells[wl][v].heapRatio = plain.heap ? cells[wl][v].heap / plain.heap : null;
    }
  }
  return cells;
}

function table(cells, n) {
  const lines = [];
  for (const wl of Object.keys(cells)) {
    lines.push(`${wl}, N = ${n}: median ms (ratio to plain) | heap B/model (ratio) | round medians`);
    for (const v of VARIANTS) {
      const c = cells[wl][v];
      const heap = c.heap == null ? '    -' : `${c.heap.toFixed(0).padStart(5)} (${c.heapRatio.toFixed(2)}x)`;
      lines.push(`  ${LABEL[v].padEnd(56)} ${c.ms.toFixed(0).padStart(5)} (${c.timeRatio.toFixed(2)}x) | ${heap} | ${c.spread.map((x) => x.toFixed(0)).join(', ')}`);
    }
  }
  return lines.join('\n');
}

function main() {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const opts = parseArgs(process.argv.slice(2));
  checkStores();
  const cells = measure(opts);
  if (opts.json) console.log('STORE_FLOOR_RESULT ' + JSON.stringify({ n: opts.n, rounds: opts.rounds, labels: LABEL, variants: VARIANTS, workloads: opts.workloads, cells }));
  else console.log(table(cells, opts.n));
}

module.exports = { VARIANTS, WORKLOADS, LABEL };

if (require.main === module) main();
