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
    // Manual: "each object will only get serialized once to prevent loops" / cascade "until ...
    // we encounter a model that has already been serialized"; issue 3: "each model serialized
    // once per call ... (a repeated model gives its id)". The original only guards the current
    // branch: a model reachable twice (not in a cycle) is serialized in full each time.
    it('serializes a model that appears twice in one toJSON call once; the repeat gives its id', function () {
      const shared = new ctx.scope.Node({ id: 's', name: 'shared' });
      const root = new ctx.scope.Node({ id: 'r', left: shared, right: shared });
      expect(root.toJSON()).to.deep.equal({
        id: 'r',
        left: { id: 's', name: 'shared', left: null, right: null },
        right: 's',
      });
    });

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

    // Issue 4: "Nothing else is lost; a later getAsync can try again." The original forgets the
    // id of a model whose fetch failed: getIdsToFetch no longer lists it and toJSON drops it.
    it('after a failed fetch of a HasMany model its id is kept: listed by getIdsToFetch and in toJSON', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2, 3] });
      const promise = zoo.getAsync('animals');
      ctx.server.requests[0].respond({ id: 2 });
      ctx.server.requests[1].fail(404);
      await settle(promise);
      expect(zoo.getIdsToFetch('animals')).to.deep.equal([3]);
      expect(zoo.toJSON().animals).to.have.members([2, 3]);
      zoo.getAsync('animals');
      expect(ctx.server.urls()).to.deep.equal(['/animal/2', '/animal/3', '/animal/3']);
    });

    // Issue 4, as above, for a HasOne: the original's getIdsToFetch returns [] after the failure.
    it('after a failed fetch of a HasOne model a later getAsync tries again', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: 7 });
      const first = zoo.getAsync('keeper');
      ctx.server.requests[0].fail(500);
      await settle(first);
      expect(zoo.getIdsToFetch('keeper')).to.deep.equal([7]);
      const second = zoo.getAsync('keeper');
      expect(ctx.server.urls()).to.deep.equal(['/keeper/7', '/keeper/7']);
      ctx.server.requests[1].respond({ id: 7, name: 'Ann' });
      expect(await second).to.equal(zoo.get('keeper'));
      expect(zoo.get('keeper').get('name')).to.equal('Ann');
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

    // Issue 7: "options objects passed by the caller are never mutated". The original's find()
    // writes `create: false` into the caller's options.
    it('find() does not change the options object it is given', function () {
      new ctx.scope.Animal({ id: 1 });
      const options = { merge: false };
      ctx.scope.Animal.find(1, options);
      expect(options).to.deep.equal({ merge: false });
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
