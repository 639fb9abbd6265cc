'use strict';
// Reuse on `new` (`reuseInstances`, opt-in): `new Type({ id })` while a model with that id
// exists returns that model, with the new attributes set, as Backbone.IdentityMap's wrapped
// constructors did (see /work/shared/spec/backbone-identity-map-article.txt), instead of
// throwing the duplicate-id error. Off (the default) nothing changes: the last block checks the
// 0.10.0 error is still thrown.
const { expect } = require('chai');
const { Backbone, Relational, useFreshStore, recordEvents, stubWarn } = require('./_helpers');

const DUPLICATE = 'Cannot instantiate more than one Backbone.RelationalModel with the same id per type!';

// Backbone 1.4 triggers `changeId` on every `set` that names the id, changed or not (and even
// silent); what reuse fires is compared without it.
function withoutChangeId(events) {
  return events.filter((entry) => entry[0] !== 'changeId');
}

describe('reuse on new (reuseInstances)', function () {
  describe('ported from Backbone.IdentityMap (only the set-up changed)', function () {
    // The article wraps a type: `var Mapped = Backbone.IdentityMap(MyModel)`. The port:
    // `var Mapped = Backbone.Relational.reuseInstances(MyModel)` (which turns reuse on for
    // MyModel itself and returns it), and `Backbone.Relational.store.reset()` for
    // `Backbone.IdentityMap.resetCache()`.
    useFreshStore();
    let MyModel;
    let MyIdentityMappedModel;

    beforeEach(function () {
      MyModel = Backbone.RelationalModel.extend({});
      MyIdentityMappedModel = Backbone.Relational.reuseInstances(MyModel);
    });

    it('new with the id of an existing model returns that model', function () {
      const myModelInstance1 = new MyIdentityMappedModel({ id: 1 });
      const myModelInstance2 = new MyIdentityMappedModel({ id: 1 }); // OMG myModelInstance1 === myModelInstance2 !!!
      expect(myModelInstance2).to.equal(myModelInstance1);
      expect(new MyIdentityMappedModel({ id: 2 })).to.not.equal(myModelInstance1);
    });

    it('sets the other attributes passed to the constructor on the model returned', function () {
      const first = new MyIdentityMappedModel({ id: 1, name: 'first', colour: 'red' });
      const second = new MyIdentityMappedModel({ id: 1, name: 'second' });
      expect(second).to.equal(first);
      expect(first.attributes).to.deep.equal({ id: 1, name: 'second', colour: 'red' });
    });

    it('honours parse: the existing model parses the data before it is set', function () {
      const Parsed = Backbone.Relational.reuseInstances(Backbone.RelationalModel.extend({
        parse(response) {
          return { id: response.id, name: response.title.toUpperCase() };
        },
      }));
      const first = new Parsed({ id: 1, title: 'one' }, { parse: true });
      const second = new Parsed({ id: 1, title: 'uno' }, { parse: true });
      expect(second).to.equal(first);
      expect(first.get('name')).to.equal('UNO');
      expect(first.has('title')).to.equal(false);
    });

    it('models created without an id are new objects every time', function () {
      const a = new MyIdentityMappedModel({ name: 'x' });
      const b = new MyIdentityMappedModel({ name: 'x' });
      const c = new MyIdentityMappedModel();
      expect(a).to.not.equal(b);
      expect(c).to.not.equal(a);
    });

    it('a model given its id later is found by new from then on', function () {
      const model = new MyIdentityMappedModel({ name: 'later' });
      model.set({ id: 7 });
      expect(new MyIdentityMappedModel({ id: 7 })).to.equal(model);
    });

    it('extending: an extended type, set up the same way, reuses its own instances', function () {
      const MyExtendedModel = MyModel.extend({ kind: 'extended' });
      const MyExtendedAndIdentityMappedModel = Backbone.Relational.reuseInstances(MyExtendedModel);
      const one = new MyExtendedAndIdentityMappedModel({ id: 1 });
      expect(new MyExtendedAndIdentityMappedModel({ id: 1 })).to.equal(one);
      // Not a sub-model (no subModelTypes): its ids are its own, as each mapped class's were.
      expect(new MyIdentityMappedModel({ id: 1 })).to.not.equal(one);
    });

    it('a collection whose model is the mapped type holds the same instances (Collection._prepareModel)', function () {
      const existing = new MyIdentityMappedModel({ id: 1, name: 'shared' });
      const Models = Backbone.Collection.extend({ model: MyIdentityMappedModel });
      const models = new Models([{ id: 1, name: 'fetched' }, { id: 2 }]);
      expect(models.get(1)).to.equal(existing);
      expect(existing.get('name')).to.equal('fetched');
      expect(new MyIdentityMappedModel({ id: 2 })).to.equal(models.get(2));
    });

    it('clone gives a new object', function () {
      const model = new MyIdentityMappedModel({ id: 1, name: 'original' });
      const copy = model.clone();
      expect(copy).to.not.equal(model);
      expect(copy.get('name')).to.equal('original');
      expect(new MyIdentityMappedModel({ id: 1 })).to.equal(model);
    });

    it('clearing the cache (store.reset) makes new create new models again', function () {
      const before = new MyIdentityMappedModel({ id: 1 });
      Backbone.Relational.store.reset();
      const after = new MyIdentityMappedModel({ id: 1 });
      expect(after).to.not.equal(before);
      expect(new MyIdentityMappedModel({ id: 1 })).to.equal(after);
    });

    it('views backed by the same id see each other\'s changes (the article\'s problem)', function () {
      const seen = [];
      const forView1 = new MyIdentityMappedModel({ id: 1, title: 'draft' });
      forView1.on('change:title', (model, title) => seen.push(title));
      // Another part of the application loads the same record separately.
      const forView2 = new MyIdentityMappedModel({ id: 1, title: 'draft' });
      forView2.set('title', 'published');
      expect(seen).to.deep.equal(['published']);
    });
  });

  describe('what new does with an existing id', function () {
    const ctx = useFreshStore((s) => {
      s.Owner = Backbone.RelationalModel.extend({});
      s.Animal = Backbone.RelationalModel.extend({
        reuseInstances: true,
        defaults: { legs: 4 },
        initialize() {
          this.initialized = (this.initialized || 0) + 1;
        },
        relations: [{
          type: Backbone.HasOne,
          key: 'owner',
          relatedModel: 'Owner',
          includeInJSON: 'id',
          reverseRelation: { key: 'pets', includeInJSON: 'id' },
        }],
      });
    });

    it('sets only the attributes given: the defaults are not applied again', function () {
      const { Animal } = ctx.scope;
      const rex = new Animal({ id: 1, name: 'Rex', legs: 3 });
      expect(new Animal({ id: 1, name: 'Rex II' })).to.equal(rex);
      expect(rex.get('legs')).to.equal(3);
      expect(rex.get('name')).to.equal('Rex II');
    });

    it('does not run initialize again, nor register a second model', function () {
      const { Animal } = ctx.scope;
      const rex = new Animal({ id: 1 });
      new Animal({ id: 1 });
      new Animal({ id: 1 });
      expect(rex.initialized).to.equal(1);
      expect(Relational.store.getCollection(Animal).models).to.deep.equal([rex]);
    });

    it('fires change:<attr> and change for what changed, with the options given to new', function () {
      const { Animal } = ctx.scope;
      const rex = new Animal({ id: 1, name: 'Rex', colour: 'brown' });
      const events = recordEvents(rex);
      new Animal({ id: 1, name: 'Max', colour: 'brown' }, { source: 'server' });
      expect(withoutChangeId(events).map((entry) => entry[0])).to.deep.equal(['change:name', 'change']);
      expect(events.of('change:name')[0][2]).to.equal('Max');
      expect(events.of('change')[0][2].source).to.equal('server');
    });

    it('fires nothing when nothing changed, or with silent', function () {
      const { Animal } = ctx.scope;
      const rex = new Animal({ id: 1, name: 'Rex' });
      const events = recordEvents(rex);
      new Animal({ id: 1, name: 'Rex' });
      new Animal({ id: 1, name: 'Quiet' }, { silent: true });
      expect(withoutChangeId(events)).to.deep.equal([]);
      expect(rex.get('name')).to.equal('Quiet');
    });

    it('updates the relations of the model returned, on both sides', function () {
      const { Animal, Owner } = ctx.scope;
      const ann = new Owner({ id: 'ann' });
      const bob = new Owner({ id: 'bob' });
      const rex = new Animal({ id: 1, owner: 'ann' });
      expect(ann.get('pets').models).to.deep.equal([rex]);
      expect(new Animal({ id: 1, owner: 'bob' })).to.equal(rex);
      expect(rex.get('owner')).to.equal(bob);
      expect(ann.get('pets').length).to.equal(0);
      expect(bob.get('pets').models).to.deep.equal([rex]);
    });

    it('its events wait in the event queue until the graph is consistent', function () {
      const { Animal, Owner } = ctx.scope;
      const ann = new Owner({ id: 'ann' });
      const bob = new Owner({ id: 'bob' });
      const rex = new Animal({ id: 1, owner: ann });
      const seen = [];
      rex.on('change:owner', (model, owner) => {
        seen.push([owner.id, bob.get('pets').includes(rex), ann.get('pets').includes(rex)]);
      });
      bob.on('add:pets', (pet) => seen.push(['add:pets', pet === rex, rex.get('owner') === bob]));

      Relational.eventQueue.block();
      new Animal({ id: 1, owner: 'bob' });
      expect(seen).to.deep.equal([]);
      Relational.eventQueue.unblock();
      expect(seen).to.have.deep.members([['bob', true, false], ['add:pets', true, true]]);
    });

    it('validates when asked: an invalid update leaves the model as it was, with its validationError', function () {
      const { Animal } = ctx.scope;
      Animal.prototype.validate = (attrs) => (attrs.legs < 0 ? 'negative legs' : undefined);
      const rex = new Animal({ id: 1, legs: 4 });
      const again = new Animal({ id: 1, legs: -1 }, { validate: true });
      expect(again).to.equal(rex);
      expect(rex.get('legs')).to.equal(4);
      expect(rex.validationError).to.equal('negative legs');
    });

    it('options.collection: the collection is not given the existing model, and nothing waits for the discarded one', function (done) {
      const { Animal } = ctx.scope;
      const rex = new Animal({ id: 1 });
      const pack = new Backbone.Collection([], { model: Animal });
      expect(new Animal({ id: 1, name: 'r' }, { collection: pack })).to.equal(rex);
      expect(rex.collection).to.equal(undefined);
      pack.add(rex);
      expect(rex.collection).to.equal(pack);
      // A tick later the library releases models their collection never added: nothing to do here.
      setTimeout(() => {
        expect(pack.models).to.deep.equal([rex]);
        done();
      }, 5);
    });
  });

  describe('parse', function () {
    const ctx = useFreshStore((s) => {
      s.calls = [];
      s.Record = Backbone.RelationalModel.extend({
        reuseInstances: true,
        parse(response) {
          s.calls.push(this);
          return response.record;
        },
      });
    });

    it('the id is the parsed one: data wrapped by the server finds its model', function () {
      const { Record } = ctx.scope;
      const record = new Record({ record: { id: 5, v: 1 } }, { parse: true });
      expect(new Record({ record: { id: 5, v: 2 } }, { parse: true })).to.equal(record);
      expect(record.attributes).to.deep.equal({ id: 5, v: 2 });
    });

    it('parse runs for the id (on a model then discarded), then on the existing model; not at all without parse: true', function () {
      const { Record, calls } = ctx.scope;
      const record = new Record({ record: { id: 5 } }, { parse: true });
      calls.length = 0;
      new Record({ record: { id: 5, v: 2 } }, { parse: true });
      expect(calls.length).to.equal(2);
      expect(calls[0]).to.not.equal(record);
      expect(calls[1]).to.equal(record);
      calls.length = 0;
      new Record({ id: 5, v: 3 });
      expect(calls.length).to.equal(0);
      expect(record.get('v')).to.equal(3);
    });

    it('a parse that consumes its input, so the second run names another id: a clear error, the model unchanged', function () {
      const { Record } = ctx.scope;
      Record.prototype.parse = function (response) {
        const data = response.record;
        delete response.record;
        return data || {};
      };
      const record = new Record({ record: { id: 5, v: 1 } }, { parse: true });
      expect(() => new Record({ record: { id: 5, v: 2 } }, { parse: true }))
        .to.throw(Error, /reuseInstances: parsing the data again for the model with id 5 gave the id undefined/);
      expect(record.attributes).to.deep.equal({ id: 5, v: 1 });
      expect(Relational.store.getCollection(Record).models).to.deep.equal([record]);
    });
  });

  describe('sub-models', function () {
    const ctx = useFreshStore((s) => {
      s.Animal = Backbone.RelationalModel.extend({
        reuseInstances: true,
        subModelTypes: { mammal: 'Mammal', bird: 'Bird', reptile: 'Reptile' },
      });
      s.Mammal = s.Animal.extend({ subModelTypes: { primate: 'Primate' } });
      s.Primate = s.Mammal.extend();
      s.Bird = s.Animal.extend();
      s.Reptile = s.Animal.extend({ reuseInstances: false });
      s.AnimalCollection = Backbone.Collection.extend({ model: s.Animal });
    });

    it('new Animal with the id of an existing Mammal returns that Mammal', function () {
      const { Animal, Mammal } = ctx.scope;
      const mammal = Animal.build({ id: 1, type: 'mammal', name: 'Bob' });
      expect(mammal).to.be.an.instanceof(Mammal);
      expect(new Animal({ id: 1, type: 'mammal', name: 'Bobby' })).to.equal(mammal);
      expect(new Animal({ id: 1 })).to.equal(mammal);
      expect(mammal.get('name')).to.equal('Bobby');
    });

    it('build and collections return the existing sub-model too', function () {
      const { Animal, Mammal, Primate, AnimalCollection } = ctx.scope;
      const chimp = new Primate({ id: 3, type: 'primate' });
      expect(Animal.build({ id: 3, type: 'primate', age: 4 })).to.equal(chimp);
      expect(Mammal.build({ id: 3, type: 'primate' })).to.equal(chimp);
      const animals = new AnimalCollection([{ id: 3, type: 'primate', age: 5 }]);
      expect(animals.at(0)).to.equal(chimp);
      expect(chimp.get('age')).to.equal(5);
    });

    it('the sub-types inherit the flag', function () {
      const { Mammal, Primate, Bird } = ctx.scope;
      const mammal = new Mammal({ id: 1 });
      const chimp = new Primate({ id: 2 });
      const bird = new Bird({ id: 4 });
      expect(new Mammal({ id: 1 })).to.equal(mammal);
      expect(new Mammal({ id: 2 })).to.equal(chimp);
      expect(new Primate({ id: 2 })).to.equal(chimp);
      expect(new Bird({ id: 4 })).to.equal(bird);
    });

    it('new Mammal with the id of a Bird: the duplicate-id error, saying why; the store unchanged', function () {
      const { Animal, Mammal, Bird } = ctx.scope;
      const warn = stubWarn();
      const bird = new Bird({ id: 1, name: 'Tweety' });
      let error = null;
      try {
        new Mammal({ id: 1, name: 'Bob' });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.an.instanceof(Error);
      expect(error.message).to.equal(`${DUPLICATE} (reuseInstances: the model with id 1 is not an instance of the type given to \`new\`, so it cannot be returned in its place)`);
      expect(warn.calledOnce).to.equal(true);
      expect(Animal.find(1)).to.equal(bird);
      expect(bird.get('name')).to.equal('Tweety');
      expect(Relational.store.getCollection(Animal).models).to.deep.equal([bird]);
    });

    it('new Mammal with the id of a plain Animal: the same error', function () {
      const { Animal, Mammal } = ctx.scope;
      stubWarn();
      const animal = new Animal({ id: 1 });
      expect(() => new Mammal({ id: 1 })).to.throw(Error, /is not an instance of the type given to `new`/);
      expect(Animal.find(1)).to.equal(animal);
    });

    it('a sub-type can turn it off; a sub-type can turn it on for itself only', function () {
      const s = ctx.scope;
      stubWarn();
      const reptile = new s.Reptile({ id: 10 });
      expect(() => new s.Reptile({ id: 10 })).to.throw(Error, DUPLICATE);
      expect(new s.Animal({ id: 10 })).to.equal(reptile);

      s.Plant = Backbone.RelationalModel.extend({ subModelTypes: { tree: 'Tree' } });
      s.Tree = s.Plant.extend({ reuseInstances: true });
      const oak = new s.Tree({ id: 1 });
      expect(new s.Tree({ id: 1 })).to.equal(oak);
      expect(() => new s.Plant({ id: 1 })).to.throw(Error, DUPLICATE);
    });
  });

  describe('ES classes', function () {
    useFreshStore();

    it('class ... extends RelationalModel, with setup({ reuseInstances: true }) or in a static block', function () {
      class Animal extends Backbone.RelationalModel {}
      Animal.setup({ reuseInstances: true });
      class Plant extends Backbone.RelationalModel {
        static {
          this.setup({ reuseInstances: true });
        }
      }
      const rex = new Animal({ id: 1 });
      const oak = new Plant({ id: 1 });
      expect(new Animal({ id: 1, name: 'Rex' })).to.equal(rex);
      expect(rex.get('name')).to.equal('Rex');
      expect(new Plant({ id: 1 })).to.equal(oak);
    });

    it('a subclass inherits it, and its constructor gets the existing model as this', function () {
      class Animal extends Backbone.RelationalModel {}
      Animal.setup({ reuseInstances: true });
      const seen = [];
      class Dog extends Animal {
        constructor(attributes, options) {
          super(attributes, options);
          seen.push(this);
        }
      }
      Dog.setup();
      const rex = new Dog({ id: 1 });
      expect(new Dog({ id: 1 })).to.equal(rex);
      // The subclass constructor ran again, on the model returned (see the guide).
      expect(seen).to.deep.equal([rex, rex]);
    });

    it('class fields are initialised again on the model returned (documented: keep state in initialize)', function () {
      class Pet extends Backbone.RelationalModel {
        nickname = 'none';
        initialize() {
          this.visits = 0;
        }
      }
      Pet.setup({ reuseInstances: true });
      const pet = new Pet({ id: 1 });
      pet.nickname = 'Rex';
      pet.visits = 3;
      expect(new Pet({ id: 1 })).to.equal(pet);
      expect(pet.nickname).to.equal('none');
      expect(pet.visits).to.equal(3);
    });

    it('a private field makes the second new throw a TypeError (JavaScript refuses to add it twice); the store stays right', function () {
      class Secret extends Backbone.RelationalModel {
        #token = 't';
        token() {
          return this.#token;
        }
      }
      Secret.setup({ reuseInstances: true });
      const secret = new Secret({ id: 1 });
      expect(() => new Secret({ id: 1, v: 2 })).to.throw(TypeError);
      expect(Secret.find(1)).to.equal(secret);
      expect(secret.get('v')).to.equal(2);
      expect(secret.token()).to.equal('t');
      expect(Relational.store.getCollection(Secret).length).to.equal(1);
    });

    it('an extend-style constructor works when it returns what the parent constructor returns', function () {
      const Animal = Backbone.RelationalModel.extend({
        reuseInstances: true,
        constructor: function Animal() {
          return Backbone.RelationalModel.apply(this, arguments);
        },
      });
      const rex = new Animal({ id: 1 });
      expect(new Animal({ id: 1 })).to.equal(rex);
    });
  });

  describe('collections and findOrCreate', function () {
    const ctx = useFreshStore((s) => {
      s.Animal = Backbone.RelationalModel.extend({ reuseInstances: true });
      s.Animals = Backbone.Collection.extend({ model: s.Animal });
      s.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: Backbone.HasMany, key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'zoo' } }],
      });
    });

    it('new Collection([...]), add, set and reset with data for an existing id give the existing model', function () {
      const { Animal, Animals } = ctx.scope;
      const rex = new Animal({ id: 1, name: 'Rex' });
      const animals = new Animals([{ id: 1, name: 'a' }]);
      expect(animals.at(0)).to.equal(rex);
      const other = new Animals();
      other.add({ id: 1, name: 'b' });
      expect(other.at(0)).to.equal(rex);
      other.set([{ id: 1, name: 'c' }, { id: 2 }]);
      expect(other.get(1)).to.equal(rex);
      other.reset([{ id: 1, name: 'd' }]);
      expect(other.models).to.deep.equal([rex]);
      expect(rex.get('name')).to.equal('d');
    });

    it('collection.add(new Animal({ id })) adds the existing model once', function () {
      const { Animal, Animals } = ctx.scope;
      const rex = new Animal({ id: 1 });
      const animals = new Animals([rex]);
      const events = recordEvents(animals);
      animals.add(new Animal({ id: 1, name: 'again' }));
      expect(animals.models).to.deep.equal([rex]);
      expect(events.count('add')).to.equal(0);
      expect(rex.get('name')).to.equal('again');
    });

    it('findOrCreate, and relations given data, find the same model as new', function () {
      const { Animal, Zoo } = ctx.scope;
      const rex = new Animal({ id: 1 });
      expect(Animal.findOrCreate({ id: 1, age: 2 })).to.equal(rex);
      const zoo = new Zoo({ id: 'z', animals: [{ id: 1, age: 3 }] });
      expect(zoo.get('animals').at(0)).to.equal(rex);
      expect(new Animal({ id: 1 }).get('zoo')).to.equal(zoo);
      expect(rex.get('age')).to.equal(3);
    });
  });

  describe('ids set after new', function () {
    const ctx = useFreshStore((s) => {
      s.Animal = Backbone.RelationalModel.extend({ reuseInstances: true });
    });

    it('a model cannot take the id of another: the duplicate-id error, saying why, and both models stay as they were', function () {
      const { Animal } = ctx.scope;
      const warn = stubWarn();
      const rex = new Animal({ id: 1 });
      const nameless = new Animal({ name: 'nameless' });
      expect(() => nameless.set({ id: 1 })).to.throw(Error,
        `${DUPLICATE} (reuseInstances: only \`new\` returns an existing model; a model that exists cannot take the id 1 of another)`);
      expect(warn.calledOnce).to.equal(true);
      expect(nameless.id).to.equal(undefined);
      expect(Animal.find(1)).to.equal(rex);
      expect(new Animal({ id: 1 })).to.equal(rex);
      nameless.set({ id: 2 });
      expect(new Animal({ id: 2 })).to.equal(nameless);
    });
  });

  describe('bad input', function () {
    useFreshStore();

    it('reuseInstances given to extend or setup must be a boolean', function () {
      expect(() => Backbone.RelationalModel.extend({ reuseInstances: 'yes' }))
        .to.throw(TypeError, 'reuseInstances must be true or false, not "yes"');
      class Animal extends Backbone.RelationalModel {}
      expect(() => Animal.setup({ reuseInstances: 1 })).to.throw(TypeError, 'reuseInstances must be true or false, not 1');
    });

    it('Relational.reuseInstances takes a relational model type and a boolean', function () {
      const Animal = Backbone.RelationalModel.extend({});
      expect(() => Relational.reuseInstances(Backbone.Model)).to.throw(TypeError, /expected a RelationalModel type, got a function \(/);
      expect(() => Relational.reuseInstances({})).to.throw(TypeError, 'reuseInstances: expected a RelationalModel type, got an object');
      expect(() => Relational.reuseInstances(Animal, 'no')).to.throw(TypeError, 'reuseInstances: expected true or false, got "no"');
      expect(Animal.prototype.reuseInstances).to.equal(undefined);
      expect(Relational.reuseInstances(Animal)).to.equal(Animal);
      expect(Animal.prototype.reuseInstances).to.equal(true);
      Relational.reuseInstances(Animal, false);
      expect(Animal.prototype.reuseInstances).to.equal(false);
    });

    it('a parse that throws while reusing: the error, and the existing model unchanged', function () {
      const Animal = Backbone.RelationalModel.extend({
        reuseInstances: true,
        parse(response) {
          if (response.bad && this.id !== undefined) throw new Error('bad data');
          return response;
        },
      });
      const rex = new Animal({ id: 1, name: 'Rex' }, { parse: true });
      expect(() => new Animal({ id: 1, name: 'Bad', bad: true }, { parse: true })).to.throw(Error, 'bad data');
      expect(rex.attributes).to.deep.equal({ id: 1, name: 'Rex' });
      expect(new Animal({ id: 1, name: 'Good' })).to.equal(rex);
      expect(rex.get('name')).to.equal('Good');
    });

    it('the names are on the module and on Backbone.Relational', function () {
      expect(Relational.reuseInstances).to.be.a('function');
      expect(Backbone.Relational.reuseInstances).to.equal(Relational.reuseInstances);
      expect(require('../support/lib').Relational.reuseInstances).to.equal(Relational.reuseInstances);
    });
  });

  describe('the guide\'s example (docs/guide.md, Reusing instances on new)', function () {
    useFreshStore();

    it('runs as written: again === rex, rex.toJSON() is { legs: 3, id: 1, name: \'Rex II\' }; Plant, Person on and off', function () {
      const Animal = Backbone.RelationalModel.extend({ reuseInstances: true, defaults: { legs: 4 } });

      const rex = new Animal({ id: 1, name: 'Rex', legs: 3 });
      const again = new Animal({ id: 1, name: 'Rex II' });
      expect(again === rex).to.equal(true);
      // (The order of the keys is Backbone's: 1.2 and 1.3 put the defaults last.)
      expect(rex.toJSON()).to.deep.equal({ legs: 3, id: 1, name: 'Rex II' });

      class Plant extends Backbone.RelationalModel {
        static { this.setup({ reuseInstances: true }); }
      }
      const Person = Backbone.RelationalModel.extend({});
      Backbone.Relational.reuseInstances(Person);
      expect(new Plant({ id: 1 })).to.equal(new Plant({ id: 1 }));
      expect(new Person({ id: 1 })).to.equal(new Person({ id: 1 }));
      Backbone.Relational.reuseInstances(Person, false);
      stubWarn();
      expect(() => new Person({ id: 1 })).to.throw(Error, DUPLICATE);
    });
  });

  describe('off (the default): 0.10.0\'s duplicate-id error', function () {
    useFreshStore();

    it('new with an existing id throws, and warns, as 0.10.0 did', function () {
      const Animal = Backbone.RelationalModel.extend({});
      const warn = stubWarn();
      const rex = new Animal({ id: 1 });
      expect(() => new Animal({ id: 1, name: 'again' })).to.throw(Error, DUPLICATE);
      expect(warn.calledOnce).to.equal(true);
      expect(warn.firstCall.args[0]).to.equal('Duplicate id! Old RelationalModel=%o, new RelationalModel=%o');
      let message = null;
      try {
        new Animal({ id: 1 });
      } catch (e) {
        message = e.message;
      }
      expect(message).to.equal(DUPLICATE);
      expect(rex.has('name')).to.equal(false);
    });

    it('reuseInstances: false is the same as leaving it out', function () {
      const Animal = Backbone.RelationalModel.extend({ reuseInstances: false });
      stubWarn();
      new Animal({ id: 1 });
      expect(() => new Animal({ id: 1 })).to.throw(Error, DUPLICATE);
    });
  });
});
