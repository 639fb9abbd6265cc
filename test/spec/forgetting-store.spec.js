'use strict';
// A store that forgets (opt-in: `Backbone.Relational.store.forgetUnreferenced = true`): models
// nothing else references are garbage-collected and leave the store by themselves; models the
// application, a collection or a live relation holds stay findable; relations waiting for an id,
// and HasOnes pointing at a kept model, do not keep their owners alive. Off (the default), the
// store holds every model, as in 0.10.0. (The 100,000-model heap check is in
// test/reliability/memory.spec.js.)
const v8 = require('v8');
const vm = require('vm');
const { expect } = require('chai');
const sinon = require('sinon');
const { Backbone, Relational, useFreshStore } = require('./_helpers');

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * Collect garbage and let the finalizers run. (Collections start jobs of their own: reading a
 * WeakRef keeps its model alive until the end of the job it was read in.)
 */
async function settle() {
  for (let i = 0; i < 3; i++) {
    await tick();
    collectGarbage();
    await tick();
  }
}

function defineModels(S) {
  S.Child = Backbone.RelationalModel.extend({});
  S.Parent = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasMany', key: 'children', relatedModel: 'Child', reverseRelation: { key: 'parent' } }],
  });
  S.Pointer = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasOne', key: 'target', relatedModel: 'Child' }],
  });
}

describe('A store that forgets (store.forgetUnreferenced)', function () {
  const ctx = useFreshStore(defineModels);
  const store = () => Relational.store;
  afterEach(function () {
    store().reset();
    store().forgetUnreferenced = false;
  });

  function forget() {
    store().forgetUnreferenced = true;
  }

  describe('off (the default)', function () {
    it('the store holds every model it has seen, referenced or not', async function () {
      expect(store().forgetUnreferenced).to.equal(false);
      (() => new ctx.scope.Child({ id: 1 }))();
      await settle();
      expect(ctx.scope.Child.find(1)).to.be.an.instanceof(ctx.scope.Child);
      expect(() => new ctx.scope.Child({ id: 1 })).to.throw(/more than one Backbone.RelationalModel with the same id/);
    });
  });

  describe('turning it on and off', function () {
    it('is allowed only while the store holds no model, with an error saying so', function () {
      const child = new ctx.scope.Child({ id: 1 });
      expect(() => forget()).to.throw(/forgetUnreferenced can only be changed while the store is empty; it holds 1 model/);
      expect(store().forgetUnreferenced).to.equal(false);
      expect(ctx.scope.Child.find(1)).to.equal(child);
      store().reset();
      forget();
      expect(store().forgetUnreferenced).to.equal(true);
      new ctx.scope.Child({ id: 2 });
      expect(() => { store().forgetUnreferenced = false; }).to.throw(/it holds 1 model/);
      expect(store().forgetUnreferenced).to.equal(true);
    });

    it('store collections made before it was turned on (and empty) forget too', async function () {
      store().getCollection(ctx.scope.Child);
      forget();
      (() => new ctx.scope.Child({ id: 1 }))();
      await settle();
      expect(ctx.scope.Child.find(1)).to.equal(null);
    });

    it('turned off again, the store holds its models again', async function () {
      forget();
      store().forgetUnreferenced = false;
      (() => new ctx.scope.Child({ id: 1 }))();
      await settle();
      expect(ctx.scope.Child.find(1)).to.be.an.instanceof(ctx.scope.Child);
    });
  });

  describe('on', function () {
    beforeEach(forget);

    it('a model nothing references is collected and leaves the store by itself: its id is free again', async function () {
      const ref = (() => new WeakRef(new ctx.scope.Child({ id: 1, name: 'gone' })))();
      await settle();
      expect(ref.deref()).to.equal(undefined);
      expect(ctx.scope.Child.find(1)).to.equal(null);
      expect(store().getCollection(ctx.scope.Child).length).to.equal(0);
      expect(Object.keys(store().getCollection(ctx.scope.Child)._byId)).to.deep.equal([]);
      const again = new ctx.scope.Child({ id: 1 });
      expect(ctx.scope.Child.findOrCreate(1)).to.equal(again);
    });

    it('models held by a variable, a collection, or a live relation stay findable', async function () {
      const held = new ctx.scope.Child({ id: 'held' });
      const collection = new Backbone.Collection([new ctx.scope.Child({ id: 'in-collection' })]);
      const parent = new ctx.scope.Parent({ id: 'p', children: [{ id: 'child' }] });
      const pointer = new ctx.scope.Pointer({ id: 'ptr', target: { id: 'target' } });
      (() => new ctx.scope.Child({ id: 'dropped' }))();
      await settle();
      expect(ctx.scope.Child.find('held')).to.equal(held);
      expect(ctx.scope.Child.find('in-collection')).to.equal(collection.at(0));
      expect(ctx.scope.Child.find('child')).to.equal(parent.get('children').at(0));
      expect(ctx.scope.Child.find('child').get('parent')).to.equal(parent);
      expect(ctx.scope.Child.find('target')).to.equal(pointer.get('target'));
      expect(ctx.scope.Child.find('dropped')).to.equal(null);
      expect(store().getCollection(ctx.scope.Child).models.map((m) => m.id)).to.deep.equal(['held', 'in-collection', 'child', 'target']);
    });

    it('a parent and its children that nothing references go together', async function () {
      const refs = (() => {
        const parent = new ctx.scope.Parent({ id: 'p', children: [{ id: 'a' }, { id: 'b' }] });
        return [parent, ...parent.get('children').models].map((model) => new WeakRef(model));
      })();
      await settle();
      expect(refs.map((ref) => ref.deref())).to.deep.equal([undefined, undefined, undefined]);
      expect(ctx.scope.Parent.find('p')).to.equal(null);
      expect(ctx.scope.Child.find('a')).to.equal(null);
    });

    it('a relation waiting for an id does not keep its owner alive, and stops waiting', async function () {
      const ref = (() => new WeakRef(new ctx.scope.Pointer({ id: 'ptr', target: 'later' })))();
      await settle();
      expect(ref.deref()).to.equal(undefined);
      expect(store().getCollection(ctx.scope.Child)._waitingRelations.size).to.equal(0);
      // While one that is kept still takes the model when it comes.
      const kept = new ctx.scope.Pointer({ id: 'kept', target: 'later' });
      await settle();
      const later = new ctx.scope.Child({ id: 'later' });
      expect(kept.get('target')).to.equal(later);
    });

    it('a HasOne pointing at a kept model does not keep its owner alive', async function () {
      const target = new ctx.scope.Child({ id: 'target' });
      const ref = (() => new WeakRef(new ctx.scope.Pointer({ id: 'ptr', target: 'target' })))();
      const kept = new ctx.scope.Pointer({ id: 'kept', target: 'target' });
      await settle();
      expect(ref.deref()).to.equal(undefined);
      expect(target._hasOneHolders).to.have.length(1);
      // The kept pointer still lets go of the target when it leaves.
      store().unregister(target);
      expect(kept.get('target')).to.equal(null);
    });

    it('everything else behaves as with a store that holds its models', function () {
      const parent = new ctx.scope.Parent({ id: 'p', children: ['a', 'b'] });
      const a = new ctx.scope.Child({ id: 'a' });
      expect(parent.get('children').models).to.deep.equal([a]);
      expect(ctx.scope.Child.findOrCreate({ id: 'a', name: 'x' })).to.equal(a);
      expect(a.get('name')).to.equal('x');
      expect(() => new ctx.scope.Child({ id: 'a' })).to.throw(/same id/);
      const b = ctx.scope.Child.build({ id: 'b' });
      expect(parent.get('children').models).to.deep.equal([a, b]);
      b.set('id', 'b2');
      expect(ctx.scope.Child.find('b2')).to.equal(b);
      expect(ctx.scope.Child.find('b')).to.equal(null);
      const sync = Backbone.sync;
      Backbone.sync = (method, model, options) => options.success({});
      try {
        a.destroy();
      } finally {
        Backbone.sync = sync;
      }
      expect(parent.get('children').models).to.deep.equal([b]);
      expect(ctx.scope.Child.find('a')).to.equal(null);
      store().unregister(b);
      expect(parent.get('children').length).to.equal(0);
      const collection = new (Backbone.Collection.extend({ model: ctx.scope.Child }))();
      collection.reset([{ id: 'c' }, { id: 'd' }]);
      expect(ctx.scope.Child.find('d')).to.equal(collection.at(1));
      expect(store().getCollection(ctx.scope.Child).length).to.equal(2);
    });

    it('a store collection\'s models is a copy of the living members, in registration order', function () {
      const one = new ctx.scope.Child({ id: 1 });
      const models = store().getCollection(ctx.scope.Child).models;
      const two = new ctx.scope.Child({ id: 2 });
      expect(models).to.deep.equal([one]);
      expect(store().getCollection(ctx.scope.Child).models).to.deep.equal([one, two]);
    });

    it('listeners of a store collection hear what they hear from a store that holds its models', function () {
      const scenario = () => {
        const heard = [];
        store().getCollection(ctx.scope.Child).on('all', (name, model) => heard.push(`${name} ${model && model.id}`));
        new ctx.scope.Child({ id: 1 });
        new ctx.scope.Parent({ id: 'p', children: [{ id: 2 }] });
        return heard.slice();
      };
      const forgetting = scenario();
      store().reset();
      store().forgetUnreferenced = false;
      store().addModelScope(ctx.scope);
      expect(forgetting).to.deep.equal(scenario());
      expect(forgetting).to.include('add 1');
    });

    // `models` of such a collection is a new copy at each read, and Backbone's `reset` reads it
    // once per member: store.reset() of 8,000 models took 5 s before it kept one copy.
    it('store.reset() copies the living members as often for 20 models as for 5, and tells each model as Backbone\'s reset does', function () {
      const copiesFor = (count) => {
        const children = Array.from({ length: count }, (unused, i) => new ctx.scope.Child({ id: i + 1 }));
        const collection = store().getCollection(ctx.scope.Child);
        const copies = sinon.spy(collection._members, 'toArray');
        let previous = null;
        collection.on('reset', (coll, options) => { previous = options.previousModels; });
        store().reset();
        store().addModelScope(ctx.scope);
        expect(previous).to.deep.equal(children);
        expect(collection.models).to.deep.equal([]);
        expect(children.every((child) => child.collection === undefined)).to.equal(true);
        return copies.callCount;
      };
      const forFive = copiesFor(5);
      expect(copiesFor(20)).to.equal(forFive);
      expect(forFive).to.be.at.most(2);
    });
  });
});
