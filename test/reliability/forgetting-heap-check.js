'use strict';
// Heap check of the store that forgets (`store.forgetUnreferenced = true`): 100,000 models
// created through constructors and collections, related to each other, to models the
// application keeps, and waiting for ids that never come, then simply dropped (no destroy, no
// unregister) must leave the heap within 2% of where it started and the store holding only the
// models still referenced. Run with `node --expose-gc test/reliability/forgetting-heap-check.js`
// (test/reliability/memory.spec.js does). Loads the library like the specs do (test/support/lib.js).
//
// Prints one JSON line: {"models", "startBytes", "endBytes", "growthPercent", "ms", "settleRounds",
// "storeModels", "storeIds", "waiting", "holders", "keptFound", "droppedFound", "ok"}; exits 1
// unless ok.
//
//   BR_FORGET_MODELS   number of models created and dropped (default 100000)
if (typeof global.gc !== 'function') {
  console.error('forgetting-heap-check.js needs node --expose-gc');
  process.exit(2);
}

const { Backbone, Relational } = require('../support/lib');

const MODELS = Number(process.env.BR_FORGET_MODELS || 100000);
const LIMIT_PERCENT = 2;
const store = Relational.store;
store.forgetUnreferenced = true;

const scope = {};
store.addModelScope(scope);
scope.Child = Backbone.RelationalModel.extend({});
scope.Parent = Backbone.RelationalModel.extend({
  relations: [{ type: 'HasMany', key: 'children', relatedModel: 'Child', reverseRelation: { key: 'parent' } }],
});
scope.Pointer = Backbone.RelationalModel.extend({
  relations: [{ type: 'HasOne', key: 'target', relatedModel: 'Child' }],
});
const Parents = Backbone.Collection.extend({ model: scope.Parent });

// What the application keeps: a parent with a child, a child in a collection of its own.
const kept = {
  parent: new scope.Parent({ id: 'kept-parent', children: [{ id: 'kept-child' }] }),
  collection: new Backbone.Collection([new scope.Child({ id: 'kept-in-collection' })]),
};

/**
 * Models 4 at a time: a parent with 2 children by constructor, or through a collection reset
 * (every other round), and a pointer to a kept child or to a child that never comes.
 */
function round(i) {
  if (i % 2) {
    new scope.Parent({ id: `p${i}`, children: [{ id: `x${i}` }, { id: `y${i}` }] });
  } else {
    new Parents().reset([{ id: `p${i}`, children: [{ id: `x${i}` }, { id: `y${i}` }] }]);
  }
  new scope.Pointer({ id: `t${i}`, target: i % 3 ? 'kept-child' : `never${i}` });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

/**
 * Collect garbage until the finalizers have run: the store holds only what is kept. (Each
 * collection starts a job of its own: a `WeakRef` read, as counting the store does, keeps its
 * model alive until the end of the job it was read in.)
 */
async function settle() {
  let rounds = 0;
  let previous = -1;
  for (; rounds < 100; rounds++) {
    await tick();
    global.gc();
    await tick();
    const held = storeCounts().models;
    if (held === previous && held <= 3) break;
    previous = held;
  }
  return rounds;
}

function storeCounts() {
  let models = 0;
  let ids = 0;
  let waiting = 0;
  for (const collection of store._collections) {
    models += collection.length;
    ids += Object.keys(collection._byId).length;
    waiting += collection._waitingRelations ? collection._waitingRelations.size : 0;
  }
  return { models, ids, waiting };
}

async function main() {
  for (let i = 0; i < 3000; i++) round(-1 - i);
  await settle();
  await tick();
  global.gc();
  const startBytes = process.memoryUsage().heapUsed;
  const started = Date.now();
  for (let i = 0; i < MODELS / 4; i++) round(i);
  const ms = Date.now() - started;
  const settleRounds = await settle();
  await tick();
  global.gc();
  const endBytes = process.memoryUsage().heapUsed;
  const counts = storeCounts();
  const keptChild = scope.Child.find('kept-child');
  const holders = keptChild && keptChild._hasOneHolders ? keptChild._hasOneHolders.length : 0;
  const keptFound = !!(keptChild && scope.Parent.find('kept-parent') && scope.Child.find('kept-in-collection')
    && kept.parent.get('children').at(0) === keptChild && keptChild.get('parent') === kept.parent);
  const droppedFound = [0, 1, 2, 3].filter((i) => scope.Parent.find(`p${i}`) || scope.Child.find(`x${i}`) || scope.Pointer.find(`t${i}`)).length;
  const growthPercent = (100 * (endBytes - startBytes)) / startBytes;
  // Kept: a parent, its child and the child in a collection (3 models, each under its cid and id).
  const ok = growthPercent < LIMIT_PERCENT && counts.models === 3 && counts.ids === 6 && counts.waiting === 0
    && holders === 0 && keptFound && droppedFound === 0 && kept.collection.length === 1;
  console.log(JSON.stringify({
    models: MODELS, startBytes, endBytes, growthPercent: Number(growthPercent.toFixed(2)), ms, settleRounds,
    storeModels: counts.models, storeIds: counts.ids, waiting: counts.waiting, holders, keptFound, droppedFound, ok,
  }));
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exitCode = 1;
});
