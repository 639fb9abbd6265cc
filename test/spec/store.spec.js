'use strict';
// Manual, "Backbone.Store" and "The model Store": the identity map (one instance per id per
// type), find, getCollection, getObjectByName and model scopes, register/unregister, update on
// id change, reset, and destroy removing a model from every relation and from the store.
const { expect } = require('chai');
const { Backbone, sinon, useFreshStore, stubWarn } = require('./_helpers');

const DUPLICATE = 'Cannot instantiate more than one Backbone.RelationalModel with the same id per type!';

function defineModels(S) {
  S.Person = Backbone.RelationalModel.extend({});
  S.House = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
  });
  S.User = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasOne', key: 'person', relatedModel: 'Person', reverseRelation: { type: 'HasOne', key: 'user' } }],
  });
}

// Make `destroy` and `fetch` succeed without a server.
function fakeSync(response) {
  return sinon.stub(Backbone, 'sync').callsFake(function (method, model, options) {
    if (options && options.success) options.success(response || {});
    return null;
  });
}

describe('Store', function () {
  const ctx = useFreshStore(defineModels);
  const store = () => Backbone.Relational.store;

  describe('one instance per id per type', function () {
    it('throws the documented Error for a second instance with the same id', function () {
      const S = ctx.scope;
      stubWarn();
      new S.Person({ id: 1 });
      let error = null;
      try {
        new S.Person({ id: 1 });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.an.instanceof(Error);
      expect(error.message).to.equal(DUPLICATE);
    });

    it('throws the same Error when setting an id that is already taken, and keeps the old id', function () {
      const S = ctx.scope;
      stubWarn();
      const one = new S.Person({ id: 1 });
      const two = new S.Person({ id: 2 });
      expect(() => two.set('id', 1)).to.throw(Error, DUPLICATE);
      expect(two.id).to.equal(2);
      expect(store().find(S.Person, 1)).to.equal(one);
      expect(store().find(S.Person, 2)).to.equal(two);
    });

    it('reuses (and merges into) the existing instance for nested data with a known id', function () {
      const S = ctx.scope;
      const p = new S.Person({ id: 'p' });
      const h = new S.House({ id: 'h', occupants: [{ id: 'p', name: 'merged' }] });
      expect(h.get('occupants').at(0)).to.equal(p);
      expect(p.get('name')).to.equal('merged');
    });

    it('allows the same id for models of unrelated types', function () {
      const S = ctx.scope;
      const person = new S.Person({ id: 7 });
      const house = new S.House({ id: 7 });
      expect(store().find(S.Person, 7)).to.equal(person);
      expect(store().find(S.House, 7)).to.equal(house);
    });

    it('leaves the event queue unblocked after the error', function () {
      const S = ctx.scope;
      stubWarn();
      new S.Person({ id: 1 });
      expect(() => new S.Person({ id: 1 })).to.throw(Error);
      expect(Backbone.Relational.eventQueue.isBlocked()).to.equal(false);
    });

    it('checkId throws for an id taken by another model, not for the model\'s own id', function () {
      const S = ctx.scope;
      stubWarn();
      const one = new S.Person({ id: 1 });
      const fresh = new S.Person();
      expect(() => store().checkId(fresh, 1)).to.throw(Error, DUPLICATE);
      expect(() => store().checkId(one, 1)).to.not.throw();
      expect(() => store().checkId(fresh, 2)).to.not.throw();
    });
  });

  describe('find', function () {
    let S, p;
    beforeEach(function () {
      S = ctx.scope;
      p = new S.Person({ id: 'p1', name: 'Paul' });
    });

    it('finds a model by id, by attributes object and by model', function () {
      expect(store().find(S.Person, 'p1')).to.equal(p);
      expect(store().find(S.Person, { id: 'p1' })).to.equal(p);
      expect(store().find(S.Person, p)).to.equal(p);
    });

    it('returns nothing for an unknown id or for another type', function () {
      expect(store().find(S.Person, 'nope')).to.not.be.ok;
      expect(store().find(S.House, 'p1')).to.not.be.ok;
    });

    it('does not know models without an id until they get one', function () {
      const q = new S.Person({ name: 'anonymous' });
      expect(store().getCollection(S.Person).includes(q)).to.equal(false);
      q.set('id', 'q1');
      expect(store().find(S.Person, 'q1')).to.equal(q);
    });

    it('follows id changes (update)', function () {
      p.set('id', 'p2');
      expect(store().find(S.Person, 'p1')).to.not.be.ok;
      expect(store().find(S.Person, 'p2')).to.equal(p);
      expect(store().getCollection(S.Person).length).to.equal(1);
      new S.Person({ id: 'p1' });
      expect(store().getCollection(S.Person).length).to.equal(2);
    });

    it('takes a number and the string that spells it as one id, as a collection does, and other strings as others', function () {
      const cases = [[1, '1'], [-3, '-3'], [1.5, '1.5'], [0, '0'], [1e21, '1e+21']];
      const plain = new Backbone.Collection();
      for (const [number, string] of cases) {
        const m = new S.Person({ id: number });
        plain.add(new Backbone.Model({ id: number }));
        expect(store().find(S.Person, string), `find ${string}`).to.equal(m);
        expect(store().getCollection(S.Person).get(string)).to.equal(m);
        expect(!!plain.get(string)).to.equal(true);
        expect(() => new S.Person({ id: string }), `new Person({id: '${string}'})`).to.throw(DUPLICATE);
      }
      for (const other of ['01', '1.0', '+1', ' 1', '1 ', 'NaN', '-0']) {
        expect(store().find(S.Person, other), `find '${other}'`).to.not.be.ok;
        expect(!!plain.get(other), `a collection's get('${other}')`).to.equal(false);
      }
      // A relation waiting for an id compares it with ===, as 0.10.0 did: '7' does not take 7.
      const house = new S.House({ id: 'h', occupants: ['7'] });
      new S.Person({ id: 7 });
      expect(house.get('occupants').models).to.deep.equal([]);
      expect(house.getIdsToFetch('occupants')).to.deep.equal(['7']);
    });

    it('uses a custom idAttribute', function () {
      S.Thing = Backbone.RelationalModel.extend({ idAttribute: '_key' });
      const t = new S.Thing({ _key: 'k1' });
      expect(store().find(S.Thing, 'k1')).to.equal(t);
      expect(store().find(S.Thing, { _key: 'k1' })).to.equal(t);
    });
  });

  describe('_collections', function () {
    // 0.10.0: a store collection for every type whose models were created (with or without an
    // id) or whose relations were set up (the related type's collection is made then).
    it('has one collection per type whose models were created or related to, with or without ids', function () {
      const S = ctx.scope;
      S.Job = Backbone.RelationalModel.extend({});
      S.Company = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'employees', relatedModel: 'Job', reverseRelation: { key: 'company' } }],
      });
      S.Password = Backbone.RelationalModel.extend({});
      S.Account = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'password', relatedModel: 'Password' }],
      });
      new S.Person({ name: 'no id' });
      new S.Company({ id: 'c' });
      new S.House();
      new S.Account({ password: { plain: 'secret' } });
      const models = store()._collections.map((coll) => coll.model);
      // (User: a Person has the reverse relation `user` of User's `person`.)
      expect(models).to.deep.equal([S.Person, S.House, S.User, S.Company, S.Job, S.Account, S.Password]);
      expect(store().getCollection(S.Job)).to.equal(store()._collections[models.indexOf(S.Job)]);
    });
  });

  describe('getCollection', function () {
    it('returns the same Backbone.Collection for a type every time, listed in _collections', function () {
      const S = ctx.scope;
      const a = new S.Person({ id: 'a' });
      const b = new S.Person({ id: 'b' });
      const coll = store().getCollection(S.Person);
      expect(coll).to.be.an.instanceof(Backbone.Collection);
      expect(store().getCollection(S.Person)).to.equal(coll);
      expect(store().getCollection(a)).to.equal(coll);
      expect(store()._collections).to.be.an('array').that.includes(coll);
      expect(coll.models).to.have.members([a, b]);
      expect(coll.filter((m) => m.id === 'b')).to.deep.equal([b]);
    });

    it('holds one collection per type', function () {
      const S = ctx.scope;
      new S.Person({ id: 1 });
      new S.House({ id: 1 });
      const people = store().getCollection(S.Person);
      const houses = store().getCollection(S.House);
      expect(people).to.not.equal(houses);
      expect(people.model).to.equal(S.Person);
      expect(houses.model).to.equal(S.House);
      expect(store()._collections.filter((c) => c === people)).to.have.lengthOf(1);
    });

    it('with create false, does not create a collection for a type it has not seen', function () {
      const S = ctx.scope;
      S.Unseen = Backbone.RelationalModel.extend({});
      const before = store()._collections.length;
      expect(store().getCollection(S.Unseen, false)).to.not.be.ok;
      expect(store()._collections.length).to.equal(before);
      const created = store().getCollection(S.Unseen);
      expect(created).to.be.an.instanceof(Backbone.Collection);
      expect(store()._collections.length).to.equal(before + 1);
    });

    it('lists the models in the order they were registered, whatever their ids', function () {
      const S = ctx.scope;
      const models = [new S.Person({ id: 'b' }), new S.Person({ id: 10 }), new S.Person({ id: 'a' }), new S.Person({ id: 2 })];
      const late = new S.Person();
      late.set('id', 1);
      const coll = store().getCollection(S.Person);
      expect(coll.models).to.deep.equal(models.concat([late]));
      expect(coll.length).to.equal(5);
      expect(coll.pluck('id')).to.deep.equal(['b', 10, 'a', 2, 1]);
    });

    it('get finds a model by id (number or string), by model, by attributes, and by cid while it has no id', function () {
      const S = ctx.scope;
      const numbered = new S.Person({ id: 7 });
      const unsaved = new S.Person();
      store().register(unsaved);
      const coll = store().getCollection(S.Person);
      expect(coll.get(7)).to.equal(numbered);
      expect(coll.get('7')).to.equal(numbered);
      expect(coll.get(numbered)).to.equal(numbered);
      expect(coll.get({ id: 7 })).to.equal(numbered);
      expect(coll.get(unsaved.cid)).to.equal(unsaved);
      expect(coll.get(unsaved)).to.equal(unsaved);
      expect(coll.get(8)).to.equal(undefined);
      expect(coll.get(null)).to.equal(undefined);
    });
  });

  describe('model scopes and getObjectByName', function () {
    it('resolves dotted names on an added scope', function () {
      const S = ctx.scope;
      S.App = { Models: { Person: S.Person } };
      expect(store().getObjectByName('App.Models.Person')).to.equal(S.Person);
      expect(store().getObjectByName('Person')).to.equal(S.Person);
    });

    it('returns nothing for a name that does not resolve', function () {
      const S = ctx.scope;
      S.App = { Models: {} };
      expect(store().getObjectByName('App.Models.Nothing')).to.not.be.ok;
      expect(store().getObjectByName('Nowhere.At.All')).to.not.be.ok;
    });

    it('searches every added scope', function () {
      const other = { Extra: { Kind: Backbone.RelationalModel.extend({}) } };
      store().addModelScope(other);
      expect(store().getObjectByName('Extra.Kind')).to.equal(other.Extra.Kind);
      expect(store().getObjectByName('Person')).to.equal(ctx.scope.Person);
    });

    it('lets relations use types defined on any added scope', function () {
      const other = {};
      store().addModelScope(other);
      other.Pet = Backbone.RelationalModel.extend({});
      ctx.scope.Owner = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'pets', relatedModel: 'Pet', reverseRelation: { key: 'owner' } }],
      });
      const owner = new ctx.scope.Owner({ pets: [{ id: 1 }] });
      expect(owner.get('pets').at(0)).to.be.an.instanceof(other.Pet);
      expect(owner.get('pets').at(0).get('owner')).to.equal(owner);
    });

    it('removeModelScope stops names on that scope from resolving', function () {
      const other = { Extra: Backbone.RelationalModel.extend({}) };
      store().addModelScope(other);
      expect(store().getObjectByName('Extra')).to.equal(other.Extra);
      store().removeModelScope(other);
      expect(store().getObjectByName('Extra')).to.not.be.ok;
      store().removeModelScope(ctx.scope);
      expect(store().getObjectByName('Person')).to.not.be.ok;
    });
  });

  describe('register and unregister', function () {
    it('register adds a model to its type\'s store collection without touching model.collection', function () {
      const S = ctx.scope;
      const p = new S.Person();
      p.id = 'manual';
      p.attributes.id = 'manual';
      store().register(p);
      expect(store().find(S.Person, 'manual')).to.equal(p);
      expect(p.collection).to.equal(undefined);
    });

    it('update registers a model whose id was assigned behind set\'s back', function () {
      const S = ctx.scope;
      const p = new S.Person();
      p.id = 7;
      p.attributes.id = 7;
      expect(store().find(S.Person, 7)).to.not.be.ok;
      store().update(p);
      expect(store().find(S.Person, 7)).to.equal(p);
    });

    it('unregister(model) removes it from the store and from its relations', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
      const one = store().find(S.Person, 1);
      const two = store().find(S.Person, 2);
      store().unregister(one);
      expect(store().find(S.Person, 1)).to.not.be.ok;
      expect(h.get('occupants').models).to.deep.equal([two]);
      expect(one.get('livesIn')).to.not.be.ok;
      expect(two.get('livesIn')).to.equal(h);
    });

    it('after unregister(model) a new instance with the same id may be created', function () {
      const S = ctx.scope;
      const one = new S.Person({ id: 1 });
      store().unregister(one);
      const again = new S.Person({ id: 1 });
      expect(again).to.not.equal(one);
      expect(store().find(S.Person, 1)).to.equal(again);
    });

    it('unregister(type) removes every model of the type from the store and from relations', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
      const one = store().find(S.Person, 1);
      store().unregister(S.Person);
      expect(store().find(S.Person, 1)).to.not.be.ok;
      expect(store().find(S.Person, 2)).to.not.be.ok;
      expect(store().getCollection(S.Person).length).to.equal(0);
      expect(h.get('occupants').length).to.equal(0);
      expect(one.get('livesIn')).to.not.be.ok;
      expect(store().find(S.House, 'h')).to.equal(h);
    });

    it('unregister(collection) removes the models of that collection only', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }, { id: 3 }] });
      const [one, two, three] = h.get('occupants').models;
      const results = new Backbone.Collection([one, two], { model: S.Person });
      store().unregister(results);
      expect(store().find(S.Person, 1)).to.not.be.ok;
      expect(store().find(S.Person, 2)).to.not.be.ok;
      expect(store().find(S.Person, 3)).to.equal(three);
      expect(h.get('occupants').models).to.deep.equal([three]);
      expect(results.length).to.equal(2);
    });
  });

  describe('reset', function () {
    it('empties the store: _collections is emptied and ids may be reused', function () {
      const S = ctx.scope;
      const p = new S.Person({ id: 1 });
      store().reset();
      expect(store()._collections).to.be.an('array').that.has.lengthOf(0);
      expect(store().find(S.Person, 1)).to.not.be.ok;
      const again = new S.Person({ id: 1 });
      expect(again).to.not.equal(p);
    });

    it('empties the collections it had: a listener on one from before is let go, and no model from before is listed', function () {
      const S = ctx.scope;
      const old = new S.Person({ id: 1 });
      const before = store().getCollection(S.Person);
      const heard = sinon.spy();
      before.on('add', heard);
      store().reset();
      const after = new S.Person({ id: 2 });
      const coll = store().getCollection(S.Person);
      expect(coll.models).to.deep.equal([after]);
      expect(before.models).to.not.include(old);
      expect(heard.called).to.equal(false);
    });

    it('removes added model scopes', function () {
      const S = ctx.scope;
      expect(store().getObjectByName('Person')).to.equal(S.Person);
      store().reset();
      expect(store().getObjectByName('Person')).to.not.be.ok;
    });

    it('disables relations of models created before the reset', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h' });
      const p = new S.Person({ id: 'p' });
      store().reset();
      store().addModelScope(S);
      p.set('livesIn', 'h');
      expect(p.get('livesIn')).to.equal('h');
      expect(h.get('occupants').length).to.equal(0);
    });

    it('leaves relations of models created after the reset working', function () {
      const S = ctx.scope;
      new S.House({ id: 'h' });
      store().reset();
      store().addModelScope(S);
      const h = new S.House({ id: 'h' });
      const p = new S.Person({ id: 'p', livesIn: 'h' });
      expect(p.get('livesIn')).to.equal(h);
      expect(h.get('occupants').models).to.deep.equal([p]);
    });
  });

  // 0.10.0's store collection hears each model through a Backbone `all` handler, which the
  // model's own `off` can remove; here the store hears it another way (src/model-events.ts), so
  // the same calls must take the store's hearing away, and only those.
  describe("a model's off", function () {
    // What the store collection heard of a model given a name and a new id after `silence`
    // (each event's name and model id), and where the store finds it.
    function afterSilencing(silence) {
      const S = ctx.scope;
      const p = new S.Person({ id: 1 });
      new S.Person({ id: 2 });
      const collection = store().getCollection(S.Person);
      const heard = [];
      collection.on('all', (name, model) => heard.push(`${name} ${model && model.id}`));
      const ownHeard = [];
      p.on('all', (name) => ownHeard.push(name));
      silence(p, collection);
      p.set({ name: 'x' });
      p.set({ id: 5 });
      return {
        heard,
        ownHeard,
        byNewId: store().find(S.Person, 5) === p && collection.get(5) === p,
        byOldId: store().find(S.Person, 1) === p && collection.get(1) === p,
        model: p,
        collection,
      };
    }

    const removing = {
      'off()': (p) => p.off(),
      "off('all')": (p) => p.off('all'),
      "off('change all')": (p) => p.off('change all'),
      'off(null, null, storeCollection)': (p, collection) => p.off(null, null, collection),
      "off('all', Collection.prototype._onModelEvent)": (p) => p.off('all', Backbone.Collection.prototype._onModelEvent),
    };
    const keeping = {
      "off('all', anotherFunction)": (p) => p.off('all', function () {}),
      'off(null, null, anotherContext)': (p) => p.off(null, null, {}),
      "off('change')": (p) => p.off('change'),
      'storeCollection.stopListening(model)': (p, collection) => collection.stopListening(p),
    };

    for (const [call, silence] of Object.entries(removing)) {
      it(`${call} stops the store collection hearing the model, which it then finds by its old id`, function () {
        const result = afterSilencing(silence);
        expect(result.heard).to.deep.equal(['change:id 5']);
        expect(result.byOldId).to.equal(true);
        expect(result.byNewId).to.equal(false);
      });
    }

    for (const [call, silence] of Object.entries(keeping)) {
      it(`${call} leaves the store collection hearing the model`, function () {
        // (A copy: the store collection goes on recording as the store is reset.)
        const baseline = afterSilencing(() => {}).heard.slice();
        store().reset();
        store().addModelScope(ctx.scope);
        const result = afterSilencing(silence);
        expect(result.heard).to.deep.equal(baseline);
        expect(result.heard).to.include.members(['change:name 1', 'change 5']);
        expect(result.byNewId).to.equal(true);
        expect(result.byOldId).to.equal(false);
      });
    }

    // A relation heard its model's destroy through a Backbone handler in 0.10.0, bound with the
    // relation as context and its `destroy` as callback: the off calls that removed it left the
    // relation to be emptied later, when the HasMany lets the model go, with a change event.
    const destroyHandlerGone = {
      "off('destroy')": (p) => p.off('destroy'),
      'off(null, null, relation)': (p) => p.off(null, null, p.getRelation('livesIn')),
      "off('destroy', relation.destroy)": (p) => p.off('destroy', p.getRelation('livesIn').destroy),
      'off({ destroy: relation.destroy })': (p) => p.off({ destroy: p.getRelation('livesIn').destroy }),
    };
    const destroyHandlerKept = {
      "off('destroy', anotherFunction)": (p) => p.off('destroy', function () {}),
      "off('all')": (p) => p.off('all'),
      'off(null, null, anotherContext)': (p) => p.off(null, null, {}),
    };
    function destroyedAfter(silence) {
      fakeSync();
      const h = new ctx.scope.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
      const p = store().find(ctx.scope.Person, 1);
      silence(p);
      const heard = [];
      p.on('all', (name) => heard.push(name));
      p.destroy();
      expect(h.get('occupants').pluck('id')).to.deep.equal([2]);
      expect(p.get('livesIn')).to.equal(null);
      return heard;
    }
    for (const [call, silence] of Object.entries(destroyHandlerGone)) {
      it(`${call} takes the relation's destroy handler away: it lets go of the owner later, with change:livesIn`, function () {
        expect(destroyedAfter(silence)).to.deep.equal(['sync', 'remove', 'remove', 'change:livesIn', 'destroy']);
      });
    }
    for (const [call, silence] of Object.entries(destroyHandlerKept)) {
      it(`${call} leaves the relation's destroy handler: it lets go of the owner at once, silently`, function () {
        const heard = destroyedAfter(silence);
        expect(heard).to.not.include('change:livesIn');
        expect(heard).to.include('destroy');
      });
    }

    it("off('relational:unregister') takes the store's handler away: the event then unregisters nothing", function () {
      const p = new ctx.scope.Person({ id: 1 });
      p.trigger('relational:unregister', p);
      expect(store().find(ctx.scope.Person, 1)).to.not.be.ok;
      const q = new ctx.scope.Person({ id: 2 });
      q.off('relational:unregister');
      q.trigger('relational:unregister', q);
      expect(store().find(ctx.scope.Person, 2)).to.equal(q);
    });

    // The store never heard the id change, so the old id's entry stays (as in 0.10.0, and as a
    // plain Backbone collection whose handler the model removed keeps it).
    it('destroy still takes a silenced model out of the store, but not out from under its old id', function () {
      fakeSync();
      const { model, collection } = afterSilencing((p) => p.off());
      model.destroy();
      expect(collection.length).to.equal(1);
      expect(collection.models.indexOf(model)).to.equal(-1);
      expect(store().find(ctx.scope.Person, 5)).to.not.be.ok;
      expect(store().find(ctx.scope.Person, 1)).to.equal(model);
    });
  });

  // 0.10.0's relations listened to the store collection of their related type
  // (`relational:add`, `relational:change:id`, `relational:remove`) and a HasMany to its own
  // collection's `relational:reset`, with `listenTo`: an application's `off` of those
  // collections took the handlers away, and the relation then no longer took the models it waited
  // for, or announced `reset:<key>`. (Its own collection's additions and removals it keeps
  // hearing here: migration.md 39.)
  describe("a collection's off", function () {
    function waitingHouse() {
      const S = ctx.scope;
      const house = new S.House({ id: 'h', occupants: [1, 2, 3] });
      new S.Person({ id: 2 });
      return { house, people: store().getCollection(S.Person) };
    }
    const occupants = (house) => house.get('occupants').pluck('id');

    it('off() of the store collection: the relations no longer take the models they wait for', function () {
      const { house, people } = waitingHouse();
      people.off();
      const one = new ctx.scope.Person({ id: 1 });
      expect(occupants(house)).to.deep.equal([2]);
      expect(one.get('livesIn')).to.equal(null);
    });

    it('off() of the store collection silences the relations of a model without an id too (not in the store itself)', function () {
      const S = ctx.scope;
      const house = new S.House({ occupants: [1] });
      store().getCollection(S.Person).off();
      new S.Person({ id: 1 });
      expect(occupants(house)).to.deep.equal([]);
    });

    it('off() of the store collection leaves the relations that start listening afterwards hearing it', function () {
      const S = ctx.scope;
      store().getCollection(S.Person).off();
      const house = new S.House({ id: 'h', occupants: [1] });
      new S.Person({ id: 1 });
      expect(occupants(house)).to.deep.equal([1]);
    });

    it("off('relational:add') of the store collection: a model arriving is not taken; one given the id later is", function () {
      const { house, people } = waitingHouse();
      people.off('relational:add');
      new ctx.scope.Person({ id: 3 });
      const later = new ctx.scope.Person({ id: 9 });
      later.set({ id: 1 });
      expect(occupants(house)).to.deep.equal([2, 1]);
      expect(later.get('livesIn')).to.equal(house);
    });

    it("off('relational:change:id') of the store collection: a model given the id later is not taken; one arriving is", function () {
      const { house, people } = waitingHouse();
      people.off('relational:change:id');
      const later = new ctx.scope.Person({ id: 9 });
      later.set({ id: 1 });
      new ctx.scope.Person({ id: 3 });
      expect(occupants(house)).to.deep.equal([2, 3]);
      expect(later.get('livesIn')).to.equal(null);
    });

    it('off of the store collection with the relation as context, or its tryAddRelated as callback, stops it too', function () {
      const { house, people } = waitingHouse();
      people.off(null, null, house.getRelation('occupants'));
      new ctx.scope.Person({ id: 1 });
      people.off('relational:add', house.getRelation('occupants').tryAddRelated);
      new ctx.scope.Person({ id: 3 });
      expect(occupants(house)).to.deep.equal([2]);
    });

    it('off of the store collection with another callback leaves the relations listening', function () {
      const { house, people } = waitingHouse();
      people.off('relational:add relational:change:id', function () {});
      new ctx.scope.Person({ id: 1 });
      expect(occupants(house)).to.deep.equal([2, 1]);
    });

    it("a HasMany given a new collection after off('relational:reset') of the old one announces the new one's reset", function () {
      const S = ctx.scope;
      const house = new S.House({ id: 'h', occupants: [{ id: 1 }] });
      const heard = [];
      house.on('reset:occupants', () => heard.push('reset:occupants'));
      house.get('occupants').off('relational:reset');
      house.get('occupants').reset([{ id: 4 }]);
      house.set('occupants', new Backbone.Collection([], { model: S.Person }));
      house.get('occupants').reset([{ id: 5 }]);
      expect(heard).to.deep.equal(['reset:occupants']);
    });

    for (const [call, silence, announced] of [
      ["off('relational:reset')", (collection) => collection.off('relational:reset'), false],
      ['off()', (collection) => collection.off(), false],
      ["off('relational:reset', anotherFunction)", (collection) => collection.off('relational:reset', function () {}), true],
    ]) {
      it(`${call} of a HasMany's collection: its reset is ${announced ? 'still' : 'no longer'} announced with reset:<key>`, function () {
        const S = ctx.scope;
        const house = new S.House({ id: 'h', occupants: [{ id: 1 }] });
        const heard = [];
        house.on('reset:occupants', () => heard.push('reset:occupants'));
        silence(house.get('occupants'));
        house.get('occupants').reset([{ id: 5 }]);
        expect(heard).to.deep.equal(announced ? ['reset:occupants'] : []);
        expect(occupants(house)).to.deep.equal([5]);
        // (After off(), 0.10.0's HasMany no longer heard the addition either: migration.md 39.)
        if (call !== 'off()') expect(store().find(S.Person, 5).get('livesIn')).to.equal(house);
      });
    }
  });

  describe('destroy', function () {
    // 0.10.0: destroying the owner gives its relation a new, empty collection; the collection the
    // application passed in keeps its models.
    it('leaves a collection the application passed in with its models', function () {
      const S = ctx.scope;
      fakeSync();
      const people = new Backbone.Collection([new S.Person({ id: 1 }), new S.Person({ id: 2 })], { model: S.Person });
      const h = new S.House({ id: 'h', occupants: people });
      h.destroy();
      expect(people.pluck('id')).to.deep.equal([1, 2]);
      expect(h.get('occupants')).to.not.equal(people);
      expect(h.get('occupants').length).to.equal(0);
      const again = new S.House({ id: 'h2', occupants: people.models });
      expect(again.get('occupants').pluck('id')).to.deep.equal([1, 2]);
      expect(people.at(0).get('livesIn')).to.equal(again);
    });

    it('removes the model from the store and from the other side of a HasMany', function () {
      const S = ctx.scope;
      fakeSync();
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
      const one = store().find(S.Person, 1);
      const two = store().find(S.Person, 2);
      one.destroy();
      expect(store().find(S.Person, 1)).to.not.be.ok;
      expect(h.get('occupants').models).to.deep.equal([two]);
      expect(one.get('livesIn')).to.not.be.ok;
    });

    it('fires remove:<key> on the former parent', function () {
      const S = ctx.scope;
      fakeSync();
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }] });
      const one = store().find(S.Person, 1);
      const removed = [];
      h.on('remove:occupants', (model, coll) => removed.push([model, coll]));
      one.destroy();
      expect(removed).to.have.lengthOf(1);
      expect(removed[0][0]).to.equal(one);
      expect(removed[0][1]).to.equal(h.get('occupants'));
    });

    it('clears the HasOne of every child when the parent is destroyed', function () {
      const S = ctx.scope;
      fakeSync();
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
      const [one, two] = h.get('occupants').models;
      h.destroy();
      expect(store().find(S.House, 'h')).to.not.be.ok;
      expect(one.get('livesIn')).to.not.be.ok;
      expect(two.get('livesIn')).to.not.be.ok;
    });

    it('clears a one-to-one partner', function () {
      const S = ctx.scope;
      fakeSync();
      const u = new S.User({ id: 'u', person: { id: 'p' } });
      const p = u.get('person');
      p.destroy();
      expect(u.get('person')).to.not.be.ok;
      expect(store().find(S.Person, 'p')).to.not.be.ok;
    });

    it('removes a model from all of its relations at once', function () {
      const S = ctx.scope;
      fakeSync();
      const h = new S.House({ id: 'h', occupants: [{ id: 'p' }] });
      const u = new S.User({ id: 'u', person: 'p' });
      const p = store().find(S.Person, 'p');
      expect(p.get('user')).to.equal(u);
      p.destroy();
      expect(h.get('occupants').length).to.equal(0);
      expect(u.get('person')).to.not.be.ok;
    });

    it('works for a model that was never saved', function () {
      const S = ctx.scope;
      fakeSync();
      const h = new S.House({ id: 'h' });
      const p = new S.Person({ name: 'new', livesIn: h });
      expect(h.get('occupants').models).to.deep.equal([p]);
      p.destroy();
      expect(h.get('occupants').length).to.equal(0);
    });

    // 0.10.0 asked every HasMany's collection whether it held the model leaving the store; here
    // the collections holding it are found through their handlers on it, which an application's
    // `off` may have removed (the relational model's `off` notes those collections).
    for (const [how, silence] of [
      ['off()', (p) => p.off()],
      ["off('all')", (p) => p.off('all')],
      ["off(null, null, the HasMany's collection)", (p, h) => p.off(null, null, h.get('occupants'))],
    ]) {
      it(`takes a model whose collections no longer hear it (${how}) out of its HasMany`, function () {
        const S = ctx.scope;
        fakeSync();
        const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
        const one = store().find(S.Person, 1);
        const removed = [];
        h.on('remove:occupants', (model) => removed.push(model.id));
        silence(one, h);
        one.destroy();
        expect(h.get('occupants').pluck('id')).to.deep.equal([2]);
        expect(removed).to.deep.equal([1]);
        expect(one.get('livesIn')).to.not.be.ok;
        expect(store().find(S.Person, 1)).to.not.be.ok;
      });
    }

    it('unregistering a model whose collections no longer hear it takes it out of its HasMany', function () {
      const S = ctx.scope;
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
      const one = store().find(S.Person, 1);
      one.off();
      store().unregister(one);
      expect(h.get('occupants').pluck('id')).to.deep.equal([2]);
    });

    it('a model silenced, then taken out of its HasMany and added back, leaves it once when destroyed', function () {
      const S = ctx.scope;
      fakeSync();
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
      const one = store().find(S.Person, 1);
      one.off();
      h.get('occupants').remove(one);
      h.get('occupants').add(one);
      const removed = [];
      h.on('remove:occupants', (model) => removed.push(model.id));
      one.destroy();
      expect(h.get('occupants').pluck('id')).to.deep.equal([2]);
      expect(removed).to.deep.equal([1]);
    });

    it('frees the id for a new instance', function () {
      const S = ctx.scope;
      fakeSync();
      const p = new S.Person({ id: 'p' });
      p.destroy();
      const again = new S.Person({ id: 'p' });
      expect(again).to.not.equal(p);
      expect(store().find(S.Person, 'p')).to.equal(again);
    });
  });
});
