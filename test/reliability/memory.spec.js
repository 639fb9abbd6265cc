'use strict';
// Memory: destroying or unregistering models leaves nothing behind — no listeners, no store
// entries (store collections' `models` and `_byId`, their `_waitingRelations`), no references
// from relations (`related`, the related models' `_hasOneHolders`, collections'
// `_listeningRelations` and collectionKey) or from the event queue — and store.reset() lets go
// of everything. Tested three ways:
//   - by counting what the store, relations, collections and the queue hold;
//   - by reachability: a WeakRef to a destroyed model must be cleared by a garbage collection
//     while the models it was related to are still alive (nothing live refers to it);
//   - by a heap check: 100,000 create/destroy cycles in a separate `node --expose-gc` process
//     (test/reliability/heap-check.js) must leave the heap where it started.
// These tests read this library's bookkeeping internals (see _invariants.js), so under
// BR_LIB=original (the opt-in run of 0.10.0) they fail by design.
//
// Two things are kept on purpose, as in 0.10.0, and are not leaks: a collection the application
// passed in to a HasMany keeps its models when the owner is destroyed (the application holds
// it); and a model created before `store.reset()` without an id (so never in the store) keeps
// working relations. What must never happen: a model the application dropped (destroyed, or
// unregistered, and not referenced by the application) still reachable from the library's
// module state (the store, its indexes, the event queue) or from other live models.
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const { execFileSync } = require('child_process');
const { expect } = require('chai');
const { Backbone, Relational, useFreshStore } = require('../spec/_helpers');
const inv = require('./_invariants');

// A garbage collection on demand, in this process (node allows turning the flag on at run time).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

// A timer turn: WeakRefs are released between turns, and work deferred to a timer has run.
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * Whether the object `make()` returns a WeakRef to can be collected once `make` has returned
 * (and the caller keeps no reference to it).
 */
async function isCollectable(make) {
  const ref = make();
  for (let i = 0; i < 3; i++) {
    await tick();
    collectGarbage();
  }
  return ref.deref() === undefined;
}

/**
 * Run a heap-check script of this folder in a `node --expose-gc` process of its own; returns the
 * figures it printed (its last line, JSON) and the error it exited with, if any.
 */
function runHeapScript(name) {
  let output;
  let exitError = null;
  try {
    output = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, name)], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
  } catch (error) {
    exitError = error;
    output = error.stdout || '';
  }
  const line = String(output).trim().split('\n').pop();
  try {
    return { figures: JSON.parse(line), exitError };
  } catch (e) {
    throw new Error(`${name} printed no figures (${exitError ? exitError.message : 'exit 0'}):\n${output}`);
  }
}

/** The handlers registered on `obj` (by `on` or by others' `listenTo`), as [event, context]. */
function handlersOf(obj) {
  const out = [];
  for (const name of Object.keys(obj._events || {})) {
    for (const handler of obj._events[name] || []) out.push([name, handler.ctx]);
  }
  return out;
}

/** Everything in the store that refers to `model` (or to one of its relations), as readable strings. */
function storeReferencesTo(model) {
  const found = [];
  Relational.store._collections.forEach((coll, index) => {
    for (const key of Object.keys(coll._byId)) if (coll._byId[key] === model) found.push(`_collections[${index}]._byId[${key}]`);
    if (coll.models.indexOf(model) !== -1) found.push(`_collections[${index}].models`);
    for (const [id, entry] of coll._waitingRelations || []) {
      for (const relation of inv.waitingRelations(entry)) if (relation.instance === model) found.push(`_collections[${index}]._waitingRelations[${id}] (relation '${relation.key}')`);
    }
  });
  const queue = Relational.eventQueue._queue;
  if (queue.length) found.push(`eventQueue holds ${queue.length} function(s)`);
  return found;
}

/**
 * Everything about the models in `models` that refers to `target`: their relations holding it
 * or being its relations, `_hasOneHolders` listing its relations, their relation collections
 * listened to by its relations or naming it (collectionKey), and handlers on them whose
 * context is it, one of its relations, or a collection that refers to it.
 */
function relationReferencesTo(models, target) {
  const found = [];
  const refersToTarget = (coll) => (coll._listeningRelations || []).some((r) => r.instance === target)
    || Object.keys(coll).some((key) => coll[key] === target);
  for (const model of models) {
    if (model === target) continue;
    const name = inv.defaultLabel(model);
    for (const relation of Object.values(model._relations || {})) {
      if (inv.holds(relation, target)) found.push(`${name}.${relation.key} holds it`);
      if (relation.instance === target) found.push(`${name} has a relation of it`);
      if (relation.related instanceof Backbone.Collection && refersToTarget(relation.related)) found.push(`${name}.${relation.key}'s collection refers to it`);
    }
    for (const relation of model._hasOneHolders || []) {
      if (relation.instance === target) found.push(`${name}._hasOneHolders has its relation '${relation.key}'`);
    }
    for (const [event, context] of handlersOf(model)) {
      if (context === target) found.push(`${name}: '${event}' handler of it`);
      else if (context && context.instance === target) found.push(`${name}: '${event}' handler of its relation '${context.key}'`);
      else if (context instanceof Backbone.Collection && refersToTarget(context)) found.push(`${name}: '${event}' handler of a collection that refers to it`);
    }
  }
  return found;
}

function queueState() {
  const queue = Relational.eventQueue;
  return { blocked: queue.isBlocked(), queued: queue._queue.length };
}

const { storeTotals } = inv;

describe('Memory', function () {
  const ctx = useFreshStore(function (S) {
    S.Child = Backbone.RelationalModel.extend({});
    S.Parent = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'children', relatedModel: 'Child', reverseRelation: { key: 'parent' } }],
    });
    S.User = Backbone.RelationalModel.extend({});
    S.Person = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasOne', key: 'user', relatedModel: 'User', reverseRelation: { type: 'HasOne', key: 'person' } }],
    });
    S.Node = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasOne', key: 'parent', reverseRelation: { key: 'children' } }],
    });
  });

  // destroy() succeeds at once, as if the server had answered. (A plain function, not a sinon
  // stub: a stub records its calls, and so would keep the destroyed models alive.)
  let originalSync;
  beforeEach(function () {
    originalSync = Backbone.sync;
    Backbone.sync = function (method, model, options) {
      if (options && options.success) options.success({});
    };
  });
  afterEach(function () {
    Backbone.sync = originalSync;
  });

  describe('counting what is left behind', function () {
    for (const how of ['destroy', 'unregister']) {
      const end = (model) => (how === 'destroy' ? model.destroy() : Relational.store.unregister(model));

      it(`${how} of a parent: its children keep no listener, holder or reference of it, the store forgets it`, function () {
        const S = ctx.scope;
        const plain = new Backbone.Collection([], { model: S.Child });
        const children = [new S.Child({ id: 1 }), new S.Child({ id: 2 }), new S.Child({ id: 3 })];
        plain.add(children);
        const before = children.map((c) => handlersOf(c).length);
        const parent = new S.Parent({ id: 'p', children });
        const collection = parent.get('children');
        expect(children.map((c) => handlersOf(c).length), 'a relation collection listens to its models').to.not.deep.equal(before);

        end(parent);
        // Destroying the owner leaves its former collection with its models (as 0.10.0), so that
        // collection still listens to them; it no longer leads to the owner (no collectionKey).
        // Unregistering the owner removes them from the collection one by one (as 0.10.0).
        const kept = how === 'destroy' ? 1 : 0;
        expect(children.map((c) => handlersOf(c).length), 'listeners on the former children').to.deep.equal(before.map((n) => n + kept));
        if (kept) expect(Object.values(collection).includes(parent), 'the former collection refers to the owner').to.equal(false);
        expect(collection.length).to.equal(how === 'destroy' ? children.length : 0);
        for (const child of children) {
          expect(handlersOf(child).filter(([, context]) => (context === collection && !kept) || context === parent), inv.defaultLabel(child)).to.deep.equal([]);
          expect(child.get('parent')).to.equal(null);
          expect(child._hasOneHolders, `${inv.defaultLabel(child)}._hasOneHolders`).to.equal(null);
        }
        expect(collection._listeningRelations || [], "the parent's collection's _listeningRelations").to.deep.equal([]);
        expect(parent._hasOneHolders, "the parent's _hasOneHolders").to.equal(null);
        expect(relationReferencesTo(children, parent)).to.deep.equal([]);
        expect(storeReferencesTo(parent)).to.deep.equal([]);
        expect(plain.models).to.deep.equal(children);
        expect(queueState()).to.deep.equal({ blocked: false, queued: 0 });
      });

      it(`${how} of a child: the parent's collection, the store and the waiting index let go of it`, function () {
        const S = ctx.scope;
        const parent = new S.Parent({ id: 'p', children: [{ id: 1 }, { id: 2 }, 3] }); // 3 is not loaded yet
        const child = parent.get('children').get(1);
        const handlersOnParent = handlersOf(parent).length;
        end(child);
        expect(parent.get('children').pluck('id')).to.deep.equal([2]);
        expect(parent.getRelation('children').keyIds).to.deep.equal([3]);
        expect(relationReferencesTo([parent, parent.get('children').get(2)], child)).to.deep.equal([]);
        expect(storeReferencesTo(child)).to.deep.equal([]);
        expect(handlersOf(parent).length).to.equal(handlersOnParent);
        expect(queueState()).to.deep.equal({ blocked: false, queued: 0 });
      });

      it(`${how} of models waiting for ids that never came removes their waiting entries`, function () {
        const S = ctx.scope;
        const waitingBefore = storeTotals().waiting;
        const parent = new S.Parent({ id: 'p', children: [7, 8, 9] });
        const child = new S.Child({ id: 'c', parent: 99 });
        const person = new S.Person({ id: 'x', user: 'u1' });
        expect(storeTotals().waiting).to.equal(waitingBefore + 5);
        end(parent);
        end(child);
        end(person);
        expect(storeTotals().waiting).to.equal(waitingBefore);
        for (const model of [parent, child, person]) expect(storeReferencesTo(model)).to.deep.equal([]);
      });

      it(`${how} of one side of a one-to-one clears the other side and leaves no holder behind`, function () {
        const S = ctx.scope;
        const person = new S.Person({ id: 'x', user: { id: 'u' } });
        const user = person.get('user');
        expect(user._hasOneHolders).to.deep.equal([person.getRelation('user')]);
        end(user);
        expect(person.get('user')).to.equal(null);
        expect(user._hasOneHolders, "the user's _hasOneHolders").to.equal(null);
        expect(person._hasOneHolders, "the person's _hasOneHolders").to.equal(null);
        expect(relationReferencesTo([person], user)).to.deep.equal([]);
        expect(storeReferencesTo(user)).to.deep.equal([]);
        expect(handlersOf(person).filter(([, context]) => context === user)).to.deep.equal([]);
      });

      it(`${how} of a parent given a collection of the application's: nothing of the library keeps the parent${how === 'destroy' ? ', and the collection keeps its models (as 0.10.0)' : ''}`, function () {
        const S = ctx.scope;
        const children = [new S.Child({ id: 1 }), new S.Child({ id: 2 })];
        const own = new Backbone.Collection(children, { model: S.Child });
        const parent = new S.Parent({ id: 'p', children: own });
        expect(parent.get('children')).to.equal(own);
        expect(children.map((c) => c.get('parent'))).to.deep.equal([parent, parent]);
        end(parent);
        // Intended: after destroy, the application's collection is the application's, with its
        // models. (Unregistering the parent takes each child out of it through the child's
        // reverse relation; 0.10.0, which never linked a given collection's models, kept them.)
        if (how === 'destroy') expect(own.models).to.deep.equal(children);
        expect(own._listeningRelations || [], "the collection's _listeningRelations").to.deep.equal([]);
        expect(children.map((c) => c.get('parent'))).to.deep.equal([null, null]);
        for (const child of children) expect(child._hasOneHolders, `${inv.defaultLabel(child)}._hasOneHolders`).to.equal(null);
        expect(parent._hasOneHolders).to.equal(null);
        expect(storeReferencesTo(parent)).to.deep.equal([]);
        expect(queueState()).to.deep.equal({ blocked: false, queued: 0 });
      });
    }

    it('1,000 graphs created and destroyed leave the store, the waiting index and the queue empty', function () {
      const S = ctx.scope;
      for (let i = 0; i < 1000; i++) {
        const parent = new S.Parent({ id: `p${i}`, children: [{ id: `a${i}` }, { id: `b${i}` }, `later${i}`] });
        const node = new S.Node({ id: `n${i}`, parent: { id: `m${i}` }, children: [`k${i}`] });
        const person = new S.Person({ id: `x${i}`, user: { id: `u${i}` } });
        const models = [parent, ...parent.get('children').models, node, node.get('parent'), person, person.get('user')];
        for (const model of i % 2 ? models : models.reverse()) {
          if (i % 3) model.destroy();
          else Relational.store.unregister(model);
        }
      }
      const totals = storeTotals();
      expect({ models: totals.models, ids: totals.ids, waiting: totals.waiting }).to.deep.equal({ models: 0, ids: 0, waiting: 0 });
      expect(queueState()).to.deep.equal({ blocked: false, queued: 0 });
    });

    it('store.reset() stops every registered model listening; a model without an id (never in the store) keeps working relations, as in 0.10.0', function () {
      const S = ctx.scope;
      const registered = new S.Parent({ id: 'p', children: [{ id: 1 }, 'later'] });
      const anonymous = new S.Parent({ children: [{ id: 2 }] });
      Relational.store.reset();
      Relational.store.addModelScope(ctx.scope);
      for (const relation of registered.getRelations()) expect(inv.listening(relation), `p.${relation.key}`).to.deep.equal({ change: false, destroy: false, store: false });
      for (const relation of anonymous.getRelations()) expect(inv.listening(relation), `anonymous.${relation.key}`).to.deep.equal({ change: true, destroy: true, store: true });
      // The anonymous parent's relation still works, with models of the new store.
      anonymous.set('children', [{ id: 'x' }]);
      const x = S.Child.find('x');
      expect(anonymous.get('children').models).to.deep.equal([x]);
      expect(x.get('parent')).to.equal(anonymous);
      // Nothing of the store refers to the models from before the reset.
      expect(storeReferencesTo(registered)).to.deep.equal([]);
      expect(storeReferencesTo(anonymous)).to.deep.equal([]);
      // (The Child store collection with x, and the Parent one its relation looks models up in.)
      expect(storeTotals()).to.deep.equal({ collections: 2, models: 1, ids: 2, waiting: 0 });
    });

    it('store.reset() forgets every model, index entry and waiting relation, and detaches the old models', function () {
      const S = ctx.scope;
      const parent = new S.Parent({ id: 'p', children: [{ id: 1 }, 2] });
      const node = new S.Node({ id: 'n', parent: 'missing' });
      const child = parent.get('children').get(1);
      Relational.store.reset();
      expect(Relational.store._collections).to.deep.equal([]);
      Relational.store.addModelScope(ctx.scope);
      // The old models no longer take part: a new model with their ids is a fresh start.
      const again = new S.Parent({ id: 'p' });
      expect(again.get('children').length).to.equal(0);
      const two = new S.Child({ id: 2 });
      expect(parent.get('children').includes(two), 'an old relation picking up a new model').to.equal(false);
      new S.Node({ id: 'missing' });
      expect(node.get('parent')).to.equal(null);
      expect(storeReferencesTo(parent)).to.deep.equal([]);
      expect(storeReferencesTo(child)).to.deep.equal([]);
      expect(queueState()).to.deep.equal({ blocked: false, queued: 0 });
    });
  });

  describe('reachability (a WeakRef to the dead model is cleared by a garbage collection)', function () {
    this.timeout(20000);

    it('a destroyed model with no relations', async function () {
      const S = ctx.scope;
      expect(await isCollectable(() => {
        const model = new S.Child({ id: 1 });
        model.destroy();
        return new WeakRef(model);
      })).to.equal(true);
    });

    it('an unregistered model with no relations', async function () {
      const S = ctx.scope;
      expect(await isCollectable(() => {
        const model = new S.Child({ id: 1 });
        Relational.store.unregister(model);
        return new WeakRef(model);
      })).to.equal(true);
    });

    it('a destroyed parent, while its former children live on', async function () {
      const S = ctx.scope;
      const children = [new S.Child({ id: 1 }), new S.Child({ id: 2 })];
      expect(await isCollectable(() => {
        const parent = new S.Parent({ id: 'p', children });
        parent.destroy();
        return new WeakRef(parent);
      })).to.equal(true);
      expect(children.map((c) => c.get('parent'))).to.deep.equal([null, null]);
    });

    it('an unregistered parent, while its former children live on', async function () {
      const S = ctx.scope;
      const children = [new S.Child({ id: 1 }), new S.Child({ id: 2 })];
      expect(await isCollectable(() => {
        const parent = new S.Parent({ id: 'p', children });
        Relational.store.unregister(parent);
        return new WeakRef(parent);
      })).to.equal(true);
    });

    it('a destroyed child, while its former parent lives on', async function () {
      const S = ctx.scope;
      const parent = new S.Parent({ id: 'p', children: [{ id: 1 }, { id: 2 }] });
      expect(await isCollectable(() => {
        const child = parent.get('children').get(1);
        child.destroy();
        return new WeakRef(child);
      })).to.equal(true);
      expect(parent.get('children').pluck('id')).to.deep.equal([2]);
    });

    it('a destroyed model that relations were waiting for by id, while they live on', async function () {
      const S = ctx.scope;
      const children = [new S.Child({ id: 1, parent: 'p' }), new S.Child({ id: 2, parent: 'p' })];
      expect(await isCollectable(() => {
        const parent = new S.Parent({ id: 'p' });
        parent.destroy();
        return new WeakRef(parent);
      })).to.equal(true);
      expect(children.map((c) => c.get('parent'))).to.deep.equal([null, null]);
    });

    it('a model without an id created before store.reset(), once the application drops it (its relations kept working)', async function () {
      const S = ctx.scope;
      expect(await isCollectable(() => {
        const anonymous = new S.Parent({ children: [{ id: 1 }] });
        Relational.store.reset();
        Relational.store.addModelScope(ctx.scope);
        anonymous.set('children', [{ id: 'x' }]);
        // The application drops the new child too (it holds the anonymous parent).
        Relational.store.unregister(S.Child.find('x'));
        return new WeakRef(anonymous);
      })).to.equal(true);
    });

    it('a model named in the options of many additions and sets (options are copied on the way, and handed to listeners)', async function () {
      const S = ctx.scope;
      const parent = new S.Parent({ id: 'p' });
      expect(await isCollectable(() => {
        const named = new S.Child({ id: 'named' });
        Relational.store.unregister(named);
        // Each call copies its options on the way (collection `add`, the relations' `set`).
        for (let i = 0; i < 200; i++) {
          parent.get('children').add({ id: i }, { note: named });
          new S.Child({ id: 'x' + i }).set({ parent }, { note: named });
        }
        return new WeakRef(named);
      })).to.equal(true);
      expect(parent.get('children').length).to.equal(400);
    });

    it("a context or a callback given to a store collection's off (it is recorded for the relations listening there)", async function () {
      const S = ctx.scope;
      const parent = new S.Parent({ id: 'p', children: ['waits'] });
      const children = Relational.store.getCollection(S.Child);
      expect(await isCollectable(() => {
        const view = { handle() {} };
        children.on('add', view.handle, view);
        children.off(null, null, view);
        children.off('relational:add', view.handle);
        return new WeakRef(view);
      })).to.equal(true);
      // The relation still takes the child it waits for: neither off was about it.
      new S.Child({ id: 'waits' });
      expect(parent.get('children').pluck('id')).to.deep.equal(['waits']);
    });

    it('every model of a graph after store.reset(), with no reference kept by the application', async function () {
      const S = ctx.scope;
      expect(await isCollectable(() => {
        const parent = new S.Parent({ id: 'p', children: [{ id: 1 }, 2] });
        new S.Node({ id: 'n', parent: { id: 'm' }, children: ['k'] });
        Relational.store.reset();
        Relational.store.addModelScope(ctx.scope);
        return new WeakRef(parent.get('children').get(1));
      })).to.equal(true);
    });
  });

  describe('heap', function () {
    this.timeout(5 * 60 * 1000);

    it('models a collection created are let go without waiting for the next tick (a long synchronous loop)', function () {
      const S = ctx.scope;
      const raw = () => Array.from({ length: 300 }, (_, i) => ({ id: i, children: [{ id: 'c' + i + 'a' }, { id: 'c' + i + 'b' }] }));
      const Parents = Backbone.Collection.extend({ model: S.Parent });
      // Without yielding: build a graph through a collection, then let the store and the
      // application forget it, many times over.
      const round = () => {
        new Parents().reset(raw());
        Relational.store.reset();
        Relational.store.addModelScope(S);
      };
      for (let i = 0; i < 5; i++) round();
      collectGarbage();
      const start = process.memoryUsage().heapUsed;
      for (let i = 0; i < 40; i++) round();
      collectGarbage();
      const growth = process.memoryUsage().heapUsed - start;
      // 40 rounds of 900 models kept alive would be well over 20 MB.
      expect(growth, 'heap growth in bytes').to.be.below(4 * 1024 * 1024);
    });

    it('100,000 create/destroy cycles of a parent with 3 children return the heap to its starting size', function () {
      const { figures, exitError } = runHeapScript('heap-check.js');
      const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(2);
      console.log(`      heap: ${figures.cycles} cycles in ${(figures.ms / 1000).toFixed(1)}s, ${mb(figures.startBytes)} MB -> ${mb(figures.endBytes)} MB `
        + `(growth ${mb(figures.growthBytes)} MB, limit ${mb(figures.limitBytes)} MB); store after: ${figures.storeModels} models, ${figures.storeIds} ids, ${figures.waiting} waiting`);
      expect(figures.cycles).to.equal(100000);
      expect(figures.storeModels + figures.storeIds + figures.waiting, 'entries left in the store').to.equal(0);
      expect(figures.queue, 'event queue left blocked or holding functions').to.equal(0);
      expect(figures.growthBytes, `heap growth in bytes (limit ${figures.limitBytes})`).to.be.below(figures.limitBytes);
      expect(figures.ok).to.equal(true);
      expect(exitError).to.equal(null);
    });

    it('a store that forgets: 100,000 models created and dropped leave the heap within 2% and the store holding only the kept models', function () {
      const { figures, exitError } = runHeapScript('forgetting-heap-check.js');
      const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(2);
      console.log(`      forgetting store: ${figures.models} models in ${(figures.ms / 1000).toFixed(1)}s, ${mb(figures.startBytes)} MB -> ${mb(figures.endBytes)} MB `
        + `(${figures.growthPercent}%); store after: ${figures.storeModels} models, ${figures.storeIds} ids, ${figures.waiting} waiting, ${figures.holders} holders`);
      expect(figures.models).to.equal(100000);
      expect(figures.growthPercent, 'heap growth in percent').to.be.below(2);
      expect([figures.storeModels, figures.storeIds, figures.waiting, figures.holders], 'store: kept models, their ids, waiting relations, holders').to.deep.equal([3, 6, 0, 0]);
      expect(figures.keptFound, 'the kept models are still found and related').to.equal(true);
      expect(figures.droppedFound, 'dropped models found').to.equal(0);
      expect(figures.ok).to.equal(true);
      expect(exitError).to.equal(null);
    });
  });
});
