'use strict';
// The bench's workloads, for the worker (bench/worker.js, which times them) and for the
// fixed-work driver (bench/fixed-work.js, which counts their instructions).

const data = require('./data');
const verify = require('./verify');

/** No server: a model's `destroy` (or `save`) succeeds at once, synchronously, in every library. */
function succeedAtOnce(Backbone) {
  Backbone.sync = function (method, model, options) {
    if (options && options.success) options.success({});
    return {};
  };
}

// Each workload: prepare (untimed: data, and for the operations on a graph, the graph, built by
// `collection.reset` and verified), run (timed), check (after the time is taken).
// The build workloads build each graph by two paths: by constructors (`-new`: `new Parent(...)`
// for each model) and through collections whose `model` is the type (`-coll`: `reset`/`set`, as
// models fetched from a server arrive). The former names: reset = reset-coll, late = late-new,
// m2m = m2m-new.
function workloads(adapter) {
  const models = (x) => (Array.isArray(x) ? x : x.models);
  function builtGraph(ctx, n) {
    const graph = adapter.buildResetColl(ctx, data.nestedParents(n));
    verify.parentGraph(adapter, ctx, graph.parents.models, n, null, 'graph built for the workload');
    return graph;
  }
  const parentModelCount = (n) => n * (1 + data.CHILDREN_PER_PARENT);
  const m2mModelCount = (n) => n + data.companyCount(n) + n * data.JOBS_PER_PERSON;
  return {
    'reset-new': {
      build: true,
      models: parentModelCount,
      prepare: (ctx, n) => ({ data: data.nestedParents(n) }),
      run: (ctx, s) => { s.graph = adapter.buildResetNew(ctx, s.data); },
      check: (ctx, s, n) => verify.parentGraph(adapter, ctx, s.graph.parents, n),
    },
    'reset-coll': {
      build: true,
      models: parentModelCount,
      prepare: (ctx, n) => ({ data: data.nestedParents(n) }),
      run: (ctx, s) => { s.graph = adapter.buildResetColl(ctx, s.data); },
      check: (ctx, s, n) => {
        verify.collections(ctx, s.graph, n, ['parents']);
        verify.parentGraph(adapter, ctx, s.graph.parents.models, n);
      },
    },
    'late-new': {
      build: true,
      models: parentModelCount,
      prepare: (ctx, n) => ({ data: data.lateBinding(n) }),
      run: (ctx, s) => { s.graph = adapter.buildLateNew(ctx, s.data); },
      check: (ctx, s, n) => verify.parentGraph(adapter, ctx, s.graph.parents, n, s.graph.children),
    },
    'late-coll': {
      build: true,
      models: parentModelCount,
      prepare: (ctx, n) => ({ data: data.lateBinding(n) }),
      run: (ctx, s) => { s.graph = adapter.buildLateColl(ctx, s.data); },
      check: (ctx, s, n) => {
        verify.collections(ctx, s.graph, n, ['parents', 'children']);
        verify.parentGraph(adapter, ctx, s.graph.parents.models, n, s.graph.children.models);
      },
    },
    'm2m-new': {
      build: true,
      models: m2mModelCount,
      prepare: (ctx, n) => ({ data: data.manyToMany(n) }),
      run: (ctx, s) => { s.graph = adapter.buildM2MNew(ctx, s.data); },
      check: (ctx, s, n) => verify.manyToMany(adapter, ctx, s.graph, n),
    },
    'm2m-coll': {
      build: true,
      models: m2mModelCount,
      prepare: (ctx, n) => ({ data: data.manyToMany(n) }),
      run: (ctx, s) => { s.graph = adapter.buildM2MColl(ctx, s.data); },
      check: (ctx, s, n) => {
        verify.collections(ctx, s.graph, n, ['companies', 'persons']);
        verify.manyToMany(adapter, ctx, { companies: models(s.graph.companies), persons: models(s.graph.persons) }, n);
      },
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

module.exports = { workloads, succeedAtOnce };
