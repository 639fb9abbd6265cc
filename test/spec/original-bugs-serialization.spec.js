'use strict';
// EXPECTED TO FAIL ON THE ORIGINAL (BR_LIB=original): each test below pins a behaviour where
// backbone-relational 0.10.0 contradicts its manual, the issues' stated requirements, or one of
// the original's bugs listed in issue 7, within the areas of serialization, sub-models, lookups
// and lazy loading. This library must pass them. Each test says what the original does instead.
const { expect } = require('chai');
const sinon = require('sinon');
const lib = require('../support/lib');
const { useLazyScope, settle, lastSegment } = require('./_helpers-lazy');

const { Backbone, _, $, Relational, window, choice } = lib;

const jq = $ || require(choice.jquery === 'none' ? 'jquery' : choice.jquery)(window);

describe('fixed bugs of the original (serialization, sub-models, lookups, lazy loading)', function () {
  const ctx = useLazyScope(lib, jq);
  let warn;

  beforeEach(function () {
    ctx.scope.Node = Backbone.RelationalModel.extend({
      relations: [
        { type: 'HasOne', key: 'left', relatedModel: 'Node' },
        { type: 'HasOne', key: 'right', relatedModel: 'Node' },
      ],
    });
    warn = sinon.stub(console, 'warn');
  });

  afterEach(function () {
    warn.restore();
    // A failing test of the original may throw halfway through a set; do not let a blocked
    // global event queue leak into the next test.
    try {
      while (Relational.eventQueue.isBlocked()) Relational.eventQueue.unblock();
    } catch (e) {
      // ignore
    }
  });

  describe('serialization', function () {
    // Manual: includeInJSON with the idAttribute includes ids; 0 is a valid id (the original's
    // own code says so). The original writes `value || keyId`, so a related model with id 0
    // serializes as null.
    it('serializes a HasOne related model with id 0 as 0', function () {
      const zero = new ctx.scope.Keeper({ id: 0, name: 'Zero' });
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: zero });
      expect(zoo.get('keeper')).to.equal(zero);
      expect(zoo.toJSON().keeper).to.equal(0);
    });
  });

  describe('lazy loading', function () {
    // Manual: collectionType "should have an overridden url method that allows it to construct
    // a url for an array of models", url(models<Backbone.Model[]>), and the basic example's
    // PersonCollection plucks 'id' from what it gets. The original first calls url(ids) with
    // bare ids, so the manual's own PersonCollection builds '/person/set/;/'.
    it('calls the collectionType url() with models: the manual\'s PersonCollection gives /person/set/person-2;person-5/', function () {
      // The shared House and Person, with the manual's own PersonCollection (it reads `m.id`).
      ctx.scope.PersonCollection = Backbone.Collection.extend({
        url: function (models) {
          return '/person/' + (models ? 'set/' + models.map((m) => m.id).join(';') + '/' : '');
        },
      });
      new ctx.scope.Person({ id: 'person-1' });
      const house = new ctx.scope.House({ id: 'house-1', occupants: ['person-1', 'person-2', 'person-5'] });
      house.getAsync('occupants');
      expect(ctx.server.urls()).to.deep.equal(['/person/set/person-2;person-5/']);
    });

    // The manual's url(models) is given models here (see above), so placeholders are created for
    // the set; when the request fails they are destroyed (without a DELETE request) and, as
    // 0.10.0 (which asked with the ids and made no placeholders) kept waiting for the ids, a
    // later getAsync asks for them again.
    it('after a failed set request through url(models) a later getAsync asks for the ids again', async function () {
      ctx.scope.PersonCollection = Backbone.Collection.extend({
        url: function (models) {
          return '/person/' + (models ? 'set/' + models.map((m) => m.id).join(';') + '/' : '');
        },
      });
      const house = new ctx.scope.House({ id: 'h', occupants: ['p2', 'p5'] });
      const first = house.getAsync('occupants');
      expect(house.get('occupants').pluck('id')).to.deep.equal(['p2', 'p5']);
      ctx.server.requests[0].fail(500);
      await settle(first);
      expect(house.get('occupants').length).to.equal(0);
      expect(ctx.scope.Person.find('p2')).to.equal(null);
      expect(house.getIdsToFetch('occupants')).to.deep.equal(['p2', 'p5']);
      house.getAsync('occupants');
      expect(ctx.server.requests.map((r) => `${r.type} ${r.url}`)).to.deep.equal(['GET /person/set/p2;p5/', 'GET /person/set/p2;p5/']);
    });

    // Manual: autoFetch means "the related model is automatically fetched using getAsync", which
    // puts the fetched models in the relation. The original starts the fetch before the relation
    // listens to the store, so the fetched customers and address never join the relation.
    it('autoFetch puts the fetched models in the relation', function () {
      ctx.scope.Customer = Backbone.RelationalModel.extend({ urlRoot: '/customer/' });
      ctx.scope.Address = Backbone.RelationalModel.extend({ urlRoot: '/address/' });
      ctx.scope.Shop = Backbone.RelationalModel.extend({
        relations: [
          { type: Backbone.HasMany, key: 'customers', relatedModel: 'Customer', autoFetch: true },
          { type: Backbone.HasOne, key: 'address', relatedModel: 'Address', autoFetch: {} },
        ],
      });
      const shop = new ctx.scope.Shop({ id: 1, customers: [11, 12], address: 21 });
      ctx.server.respondAll((req) => ({ id: Number(lastSegment(req.url)), name: 'fetched' }));
      expect(shop.get('customers').pluck('id')).to.have.members([11, 12]);
      expect(shop.get('address')).to.equal(ctx.scope.Address.find(21));
      expect(shop.get('address').get('name')).to.equal('fetched');
    });

    // Manual: getAsync "Get an attribute's value asynchronously. If available, the local value
    // will be returned." The original throws a TypeError for an attribute that is not a relation.
    it('getAsync on a plain attribute resolves with its value', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, name: 'Artis' });
      expect(await zoo.getAsync('name')).to.equal('Artis');
      expect(ctx.server.requests).to.have.lengthOf(0);
    });

    // The original throws a TypeError (it reads the relation of a key that has none).
    it('getIdsToFetch(key, true) on a plain attribute returns no ids', function () {
      const zoo = new ctx.scope.Zoo({ id: 1, name: 'Artis' });
      expect(zoo.getIdsToFetch('name', true)).to.deep.equal([]);
    });
  });

  describe('sub-models', function () {
    function defineHierarchy(s) {
      s.Creature = Backbone.RelationalModel.extend({ subModelTypes: { mammal: 'Mammal', bird: 'Bird' } });
      s.Mammal = s.Creature.extend({ subModelTypes: { primate: 'Primate', carnivore: 'Carnivore' } });
      s.Primate = s.Mammal.extend();
      s.Carnivore = s.Mammal.extend();
      s.Bird = s.Creature.extend();
    }

    // Issue 7, bug 5: the first instance of a sub-model type skips the duplicate-id check
    // against its siblings; the original lets `new Mammal({id: 2})` succeed next to Bird 2 and
    // the Bird drops out of the store.
    it('with a Bird 2 alive, the first `new Mammal({ id: 2 })` throws the duplicate-id error', function () {
      defineHierarchy(ctx.scope);
      const bird = new ctx.scope.Bird({ id: 2 });
      expect(() => new ctx.scope.Mammal({ id: 2 })).to.throw(
        /Cannot instantiate more than one Backbone.RelationalModel with the same id per type/
      );
      expect(ctx.scope.Creature.find(2)).to.equal(bird);
    });

    // Manual (subModelTypes): the type value determines what sub-model is created. In the
    // original, once a Primate exists, Mammal counts as set up and its other sub-model
    // (Carnivore) is never resolved, so building from the root gives a plain Creature.
    it('builds a grand-child type from the root even after a sibling was instantiated first', function () {
      defineHierarchy(ctx.scope);
      new ctx.scope.Primate({ id: 1 });
      expect(ctx.scope.Creature.build({ id: 5, type: 'carnivore' })).to.be.an.instanceof(ctx.scope.Carnivore);
    });

    // Issue 3: "sub-types given as names or constructors". The original only resolves names
    // (it calls name.split on the value) and throws a TypeError for a constructor.
    it('accepts a constructor as a subModelTypes value', function () {
      ctx.scope.Mammal = Backbone.RelationalModel.extend({ subModelTypes: {} });
      ctx.scope.Primate = ctx.scope.Mammal.extend();
      ctx.scope.Mammal.prototype.subModelTypes.primate = ctx.scope.Primate;
      const m = ctx.scope.Mammal.build({ id: 1, type: 'primate' });
      expect(m).to.be.an.instanceof(ctx.scope.Primate);
      expect(ctx.scope.Mammal.find(1)).to.equal(m);
    });
  });

  describe('lookups', function () {
    // migration.md 34: the original offers every model arriving in a store collection to every
    // relation of the related type (here one call per zoo); only the relation waiting for its id
    // is offered it now.
    it('a model arriving in the store is offered only to the relations waiting for its id', function () {
      for (let i = 0; i < 10; i++) new ctx.scope.Zoo({ id: `z${i}`, animals: [`a${i}`] });
      const offered = sinon.spy(Backbone.HasMany.prototype, 'tryAddRelated');
      try {
        const animal = new ctx.scope.Animal({ id: 'a3' });
        expect(offered.callCount).to.equal(1);
        expect(offered.firstCall.thisValue.instance.id).to.equal('z3');
        expect(animal.get('livesIn').id).to.equal('z3');
      } finally {
        offered.restore();
      }
    });

    // migration.md 36: under CommonJS the original resolved names on its module's exports, so a
    // type assigned to the object require() returned resolved by its name.
    it('a type put on the object require() returned is not found by its name', function () {
      const exported = lib.choice.lib === 'original' ? require('backbone-relational') : Relational;
      const type = Backbone.RelationalModel.extend({});
      exported.NotAScopeType = type;
      try {
        expect(Relational.store.getObjectByName('NotAScopeType')).to.not.equal(type);
        expect(Relational.store.getObjectByName('NotAScopeType')).to.not.be.ok;
      } finally {
        delete exported.NotAScopeType;
      }
    });

    // migration.md 16: the original left the collectionKey of a collection the HasMany no longer
    // held pointing at an owner that was unregistered (or destroyed).
    it('a collection a HasMany no longer holds lets go of its unregistered owner', function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [{ id: 'a' }] });
      const former = zoo.get('animals');
      zoo.set('animals', new Backbone.Collection([{ id: 'b' }], { model: ctx.scope.Animal }));
      expect(zoo.get('animals')).to.not.equal(former);
      expect(former.livesIn).to.equal(zoo);
      Relational.store.unregister(zoo);
      expect(former).to.not.have.property('livesIn');
    });
    // Issue 3: findOrCreate accepts a model. With the default merge, the original calls
    // model.set(model), copying every property of the instance (cid, attributes, _events, ...)
    // into its attributes.
    it('findOrCreate(model) leaves the model\'s attributes as they were', function () {
      const lion = new ctx.scope.Animal({ id: 1, species: 'Lion' });
      expect(ctx.scope.Animal.findOrCreate(lion)).to.equal(lion);
      expect(Object.keys(lion.attributes)).to.have.members(['id', 'species', 'livesIn']);
    });

    // Issue 3, as above: for a model without an id the original builds a second, new model
    // out of the instance's properties instead of returning it.
    it('findOrCreate(model without id) returns that model', function () {
      const ant = new ctx.scope.Animal({ species: 'Ant' });
      expect(ctx.scope.Animal.findOrCreate(ant)).to.equal(ant);
    });

    // Manual (findModel): the species fallback is offered as "a simple fix" so that the server's
    // response to saving a zoo with new animals updates the local animals instead of creating
    // new ones. Models without an id are not in the store (as in 0.10.0), so the fallback looks
    // for them where they are: in the animals of the zoo the response names. (The manual's own
    // version searches the store collection and can never find an unsaved model; see
    // docs/decisions.md.)
    it('a findModel fallback matches the unsaved animals to the saved ones', async function () {
      ctx.scope.Animal.findModel = function (attributes) {
        let model = Backbone.Relational.store.find(this, attributes);
        const zoo = _.isObject(attributes) && ctx.scope.Zoo.find(attributes.livesIn);
        if (!model && zoo) {
          // While the response is being set, the attribute holds the raw data: the relation
          // still has the collection.
          model = zoo.getRelation('animals').related.find(function (m) {
            return m.isNew() && m.get('species') === attributes.species;
          });
        }
        return model;
      };
      const zoo = new ctx.scope.Zoo({ id: 1, name: 'Artis', animals: [{ species: 'Giraffe' }, { species: 'Camel' }] });
      const [giraffe, camel] = zoo.get('animals').models;
      const saving = zoo.save();
      ctx.server.requests[0].respond({
        id: 1,
        name: 'Artis',
        animals: [
          { id: 10, species: 'Giraffe', livesIn: 1 },
          { id: 11, species: 'Camel', livesIn: 1 },
        ],
      });
      await settle(saving);
      expect(zoo.get('animals').models).to.deep.equal([giraffe, camel]);
      expect(giraffe.id).to.equal(10);
      expect(camel.id).to.equal(11);
      expect(ctx.scope.Animal.find(10)).to.equal(giraffe);
    });
  });
});
