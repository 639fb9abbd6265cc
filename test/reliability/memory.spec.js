'use strict';
// Memory: destroying or unregistering models leaves nothing behind — no listeners, no store
// index entries, no references from relations, collections or the event queue — and
// store.reset() lets go of everything. Tested three ways:
//   - by counting what the store, relations, collections and the queue hold;
//   - by reachability: a WeakRef to a destroyed model must be cleared by a garbage collection
//     while the models it was related to are still alive (nothing live refers to it);
//   - by a heap check: 100,000 create/destroy cycles in a separate `node --expose-gc` process
//     (test/reliability/heap-check.js) must leave the heap where it started.
// These tests read this library's bookkeeping internals (see _invariants.js), so under
// BR_LIB=original (the opt-in run of 0.10.0) they fail by design.
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

/** The handlers registered on `obj` (by `on` or by others' `listenTo`), as [event, context]. */
function handlersOf(obj) {
  const out = [];
  for (const name of Object.keys(obj._events || {})) {
    for (const handler of obj._events[name] || []) out.push([name, handler.ctx]);
  }
  return out;
}

/** Everything in the store that refers to `model`, as readable strings. */
function storeReferencesTo(model) {
  const found = [];
  Relational.store._collections.forEach((coll, index) => {
    for (const [key, held] of coll._index) if (held === model) found.push(`_collections[${index}]._index[${key}]`);
    if (coll.models.indexOf(model) !== -1) found.push(`_collections[${index}].models`);
    for (const [id, entry] of coll._waiting || []) {
      for (const relation of inv.waitingRelations(entry)) if (relation.instance === model) found.push(`_collections[${index}]._waiting[${id}] (relation '${relation.key}')`);
    }
  });
  return found;
}

/** Every relation of every model in `models` that refers to `target` (holds it, or lists it in _heldBy). */
function relationReferencesTo(models, target) {
  const found = [];
  for (const model of models) {
    if (model === target) continue;
    for (const relation of Object.values(model._relations || {})) {
      if (inv.holds(relation, target)) found.push(`${inv.defaultLabel(model)}.${relation.key} holds it`);
      if (relation.instance === target) found.push(`${inv.defaultLabel(model)} has a relation of it`);
    }
    for (const relation of model._heldBy || []) {
      if (relation.instance === target) found.push(`${inv.defaultLabel(model)}._heldBy has its relation '${relation.key}'`);
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

        expect(children.map((c) => handlersOf(c).length), 'listeners on the former children').to.deep.equal(before);
        for (const child of children) {
          expect(handlersOf(child).filter(([, context]) => context === collection || context === parent), inv.defaultLabel(child)).to.deep.equal([]);
          expect(child.get('parent')).to.equal(null);
          expect(child._heldBy || [], `${inv.defaultLabel(child)}._heldBy`).to.deep.equal([]);
        }
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
        end(user);
        expect(person.get('user')).to.equal(null);
        expect(relationReferencesTo([person], user)).to.deep.equal([]);
        expect(storeReferencesTo(user)).to.deep.equal([]);
        expect(handlersOf(person).filter(([, context]) => context === user)).to.deep.equal([]);
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
      const script = path.join(__dirname, 'heap-check.js');
      let output;
      let exitError = null;
      try {
        output = execFileSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
      } catch (error) {
        exitError = error;
        output = error.stdout || '';
      }
      const line = String(output).trim().split('\n').pop();
      let figures;
      try {
        figures = JSON.parse(line);
      } catch (e) {
        throw new Error(`heap-check.js printed no figures (${exitError ? exitError.message : 'exit 0'}):\n${output}`);
      }
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
  });
});
