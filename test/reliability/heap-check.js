'use strict';
// Heap check: 100,000 create/destroy cycles of a small graph (a parent with 3 children) must
// leave the heap where it started. Run with `node --expose-gc test/reliability/heap-check.js`
// (test/reliability/memory.spec.js does). Loads the library like the specs do (test/support/lib.js,
// so BR_LIB, BR_BACKBONE, ... apply).
//
// Prints one JSON line: {"cycles", "startBytes", "endBytes", "growthBytes", "limitBytes",
// "ms", "storeModels", "storeIds", "waiting", "queue", "ok"}; exits 1 when the heap grew by
// more than the limit (2 MB or 5% of the starting heap, whichever is larger) or the store is
// not empty at the end.
//
//   BR_HEAP_CYCLES   number of measured cycles (default 100000)
if (typeof global.gc !== 'function') {
  console.error('heap-check.js needs node --expose-gc');
  process.exit(2);
}

const { Backbone, Relational } = require('../support/lib');
const { storeTotals } = require('./_invariants');

const CYCLES = Number(process.env.BR_HEAP_CYCLES || 100000);
const WARM_UP = 2000;
const MB = 1024 * 1024;

const scope = {};
Relational.store.addModelScope(scope);
scope.Child = Backbone.RelationalModel.extend({});
scope.Parent = Backbone.RelationalModel.extend({
  relations: [{ type: 'HasMany', key: 'children', relatedModel: 'Child', reverseRelation: { key: 'parent' } }],
});
// destroy() succeeds synchronously, as if the server had answered.
Backbone.sync = function (method, model, options) {
  if (options && options.success) options.success({});
};

let listened = 0;
function onAdd() {
  listened++;
}

/** One cycle: a parent with 3 nested children (and a listener), then everything destroyed. */
function cycle(i) {
  const parent = new scope.Parent({ id: `p${i}`, children: [{ id: `a${i}` }, { id: `b${i}` }, { id: `c${i}` }] });
  parent.on('add:children', onAdd);
  const children = parent.get('children').models.slice();
  // A child added later, and a relation waiting for a model that never comes.
  parent.get('children').add({ id: `d${i}` });
  children.push(parent.get('children').get(`d${i}`));
  children[0].set('parent', `missing${i}`);
  if (i % 2) {
    parent.destroy();
    for (const child of children) child.destroy();
  } else {
    for (const child of children) child.destroy();
    parent.destroy();
  }
}

function heapAfterGc() {
  for (let i = 0; i < 4; i++) global.gc();
  return process.memoryUsage().heapUsed;
}


// Work deferred to a timer (models a collection created wait there until it adds them) is
// let run before each measurement.
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function main() {
  for (let i = 0; i < WARM_UP; i++) cycle(-1 - i);
  await tick();
  const startBytes = heapAfterGc();
  const started = Date.now();
  for (let i = 0; i < CYCLES; i++) cycle(i);
  const ms = Date.now() - started;
  await tick();
  const endBytes = heapAfterGc();
  // Counted after the heap is measured: reading a store collection's `models` may tidy it.
  const counts = storeTotals();
  const growthBytes = endBytes - startBytes;
  const limitBytes = Math.max(2 * MB, 0.05 * startBytes);
  const queue = Relational.eventQueue._queue.length + (Relational.eventQueue.isBlocked() ? 1 : 0);
  const ok = growthBytes < limitBytes && counts.models === 0 && counts.ids === 0 && counts.waiting === 0 && queue === 0
    && listened === CYCLES + WARM_UP;
  report({ startBytes, endBytes, growthBytes, limitBytes, ms, counts, queue, ok });
}

function report({ startBytes, endBytes, growthBytes, limitBytes, ms, counts, queue, ok }) {
  console.log(JSON.stringify({
    cycles: CYCLES,
    startBytes,
    endBytes,
    growthBytes,
    limitBytes: Math.round(limitBytes),
    ms,
    storeModels: counts.models,
    storeIds: counts.ids,
    waiting: counts.waiting,
    queue,
    listened,
    ok,
  }));
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exitCode = 1;
});
