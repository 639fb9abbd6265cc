'use strict';
// Manual, "Backbone.Relation options": type, key, relatedModel, reverseRelation, collectionType,
// collectionKey, collectionOptions, createModels, keySource and parse (the core options;
// serialization options and autoFetch are covered elsewhere).
const { expect } = require('chai');
const { Backbone, _, useFreshStore } = require('./_helpers');

describe('Relation options', function () {
  const ctx = useFreshStore();

  describe('type', function () {
    function defineWith(hasOneType, hasManyType) {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [
          { type: hasManyType, key: 'animals', relatedModel: 'Animal' },
          { type: hasOneType, key: 'mascot', relatedModel: 'Animal' },
        ],
      });
      return S;
    }

    it('accepts the relation constructors Backbone.HasOne and Backbone.HasMany', function () {
      const S = defineWith(Backbone.HasOne, Backbone.HasMany);
      const zoo = new S.Zoo({ animals: [{ id: 1 }], mascot: { id: 2 } });
      expect(zoo.getRelation('animals')).to.be.an.instanceof(Backbone.HasMany);
      expect(zoo.getRelation('mascot')).to.be.an.instanceof(Backbone.HasOne);
      expect(zoo.get('animals')).to.be.an.instanceof(Backbone.Collection);
      expect(zoo.get('mascot')).to.be.an.instanceof(S.Animal);
    });

    it("accepts the strings 'HasOne' and 'HasMany'", function () {
      const S = defineWith('HasOne', 'HasMany');
      const zoo = new S.Zoo({ animals: [{ id: 1 }, { id: 3 }], mascot: { id: 2 } });
      expect(zoo.getRelation('animals')).to.be.an.instanceof(Backbone.HasMany);
      expect(zoo.getRelation('mascot')).to.be.an.instanceof(Backbone.HasOne);
      expect(zoo.get('animals').pluck('id')).to.deep.equal([1, 3]);
      expect(zoo.get('mascot').id).to.equal(2);
    });

    it("accepts a string type in a reverseRelation ('HasOne' gives a one-to-one relation)", function () {
      const S = ctx.scope;
      S.House = Backbone.RelationalModel.extend({});
      S.Person = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'home', relatedModel: 'House', reverseRelation: { type: 'HasOne', key: 'owner' } }],
      });
      const house = new S.House({ id: 'h' });
      const person = new S.Person({ id: 'p', home: 'h' });
      expect(house.getRelation('owner')).to.be.an.instanceof(Backbone.HasOne);
      expect(house.get('owner')).to.equal(person);
    });
  });

  describe('key', function () {
    beforeEach(function () {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [
          { type: Backbone.HasMany, key: 'animals', relatedModel: 'Animal' },
          { type: Backbone.HasOne, key: 'mascot', relatedModel: 'Animal' },
        ],
      });
    });

    it('is the attribute holding the related model or collection', function () {
      const S = ctx.scope;
      const zoo = new S.Zoo({ name: 'Artis', mascot: { id: 'm', species: 'Panda' } });
      expect(zoo.get('mascot').get('species')).to.equal('Panda');
      expect(zoo.attributes.mascot).to.equal(zoo.get('mascot'));
      expect(zoo.get('name')).to.equal('Artis');
    });

    it('names the relation for getRelation(key); getRelations() lists every relation', function () {
      const S = ctx.scope;
      const zoo = new S.Zoo();
      const animals = zoo.getRelation('animals');
      const mascot = zoo.getRelation('mascot');
      expect(animals.key).to.equal('animals');
      expect(mascot.key).to.equal('mascot');
      expect(animals.instance).to.equal(zoo);
      expect(zoo.getRelations()).to.have.lengthOf(2);
      expect(zoo.getRelations()).to.include(animals).and.to.include(mascot);
      expect(zoo.getRelation('name')).to.not.be.ok;
    });

    it('gives a HasMany key an empty collection and a HasOne key null when no value is given', function () {
      const S = ctx.scope;
      const zoo = new S.Zoo();
      expect(zoo.get('animals')).to.be.an.instanceof(Backbone.Collection);
      expect(zoo.get('animals').length).to.equal(0);
      expect(zoo.get('mascot')).to.equal(null);
    });
  });

  describe('relatedModel', function () {
    it('accepts a model constructor', function () {
      const S = ctx.scope;
      const Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: Backbone.HasMany, key: 'animals', relatedModel: Animal, reverseRelation: { key: 'livesIn' } }],
      });
      const zoo = new S.Zoo({ animals: [{ id: 1 }] });
      expect(zoo.getRelation('animals').relatedModel).to.equal(Animal);
      expect(zoo.get('animals').at(0)).to.be.an.instanceof(Animal);
      expect(zoo.get('animals').at(0).get('livesIn')).to.equal(zoo);
    });

    it('resolves a dotted name through a scope added with addModelScope', function () {
      const S = ctx.scope;
      S.App = { Models: {} };
      S.App.Models.Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'App.Models.Animal', reverseRelation: { key: 'livesIn' } }],
      });
      const zoo = new S.Zoo({ id: 1, animals: [{ id: 'a' }] });
      const animal = zoo.get('animals').at(0);
      expect(zoo.getRelation('animals').relatedModel).to.equal(S.App.Models.Animal);
      expect(animal).to.be.an.instanceof(S.App.Models.Animal);
      expect(animal.get('livesIn')).to.equal(zoo);
    });

    it('accepts a function returning the type', function () {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{
          type: 'HasMany',
          key: 'animals',
          relatedModel: function () { return S.Animal; },
          reverseRelation: { key: 'livesIn' },
        }],
      });
      const zoo = new S.Zoo({ id: 1, animals: [{ id: 'a' }] });
      expect(zoo.getRelation('animals').relatedModel).to.equal(S.Animal);
      expect(zoo.get('animals').at(0)).to.be.an.instanceof(S.Animal);
      expect(zoo.get('animals').at(0).get('livesIn')).to.equal(zoo);
    });

    it('is self-referential when omitted (HasOne with a HasMany reverse)', function () {
      const S = ctx.scope;
      S.Node = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'parent', reverseRelation: { key: 'children' } }],
      });
      const root = new S.Node({ id: 1 });
      const kid = new S.Node({ id: 2, parent: 1 });
      expect(kid.getRelation('parent').relatedModel).to.equal(S.Node);
      expect(root.getRelation('children').relatedModel).to.equal(S.Node);
      expect(kid.get('parent')).to.equal(root);
      expect(root.get('children').models).to.deep.equal([kid]);
      expect(root.get('parent')).to.equal(null);
    });

    it('is self-referential when omitted (HasMany with a HasOne reverse)', function () {
      const S = ctx.scope;
      S.Node = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'children', reverseRelation: { key: 'parent' } }],
      });
      const root = new S.Node({ id: 1, children: [{ id: 2 }, { id: 3 }] });
      const two = root.get('children').get(2);
      expect(two).to.be.an.instanceof(S.Node);
      expect(two.get('parent')).to.equal(root);
      expect(root.get('children').pluck('id')).to.deep.equal([2, 3]);
    });
  });

  describe('reverseRelation', function () {
    it('defaults to a HasMany for a HasOne relation', function () {
      const S = ctx.scope;
      S.House = Backbone.RelationalModel.extend({});
      S.Person = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'livesIn', relatedModel: 'House', reverseRelation: { key: 'occupants' } }],
      });
      const house = new S.House({ id: 'h' });
      const person = new S.Person({ id: 'p', livesIn: 'h' });
      expect(house.getRelation('occupants')).to.be.an.instanceof(Backbone.HasMany);
      expect(house.get('occupants').models).to.deep.equal([person]);
    });

    it('defaults to a HasOne for a HasMany relation, with relatedModel set to the declaring type', function () {
      const S = ctx.scope;
      S.Person = Backbone.RelationalModel.extend({});
      S.House = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
      });
      const house = new S.House({ id: 'h', occupants: [{ id: 'p' }] });
      const person = house.get('occupants').at(0);
      const reverse = person.getRelation('livesIn');
      expect(reverse).to.be.an.instanceof(Backbone.HasOne);
      expect(reverse.relatedModel).to.equal(S.House);
      expect(person.get('livesIn')).to.equal(house);
    });

    it('creates a one-to-one relation with type HasOne; both sides follow a change', function () {
      const S = ctx.scope;
      S.User = Backbone.RelationalModel.extend({});
      S.Person = Backbone.RelationalModel.extend({
        relations: [{ type: Backbone.HasOne, key: 'user', relatedModel: 'User', reverseRelation: { type: Backbone.HasOne, key: 'person' } }],
      });
      const paul = new S.Person({ id: 'p', user: { id: 'u1', login: 'dude' } });
      const u1 = paul.get('user');
      expect(u1).to.be.an.instanceof(S.User);
      expect(u1.get('person')).to.equal(paul);

      const u2 = new S.User({ id: 'u2' });
      paul.set('user', u2);
      expect(u2.get('person')).to.equal(paul);
      expect(u1.get('person')).to.equal(null);

      u1.set('person', paul);
      expect(paul.get('user')).to.equal(u1);
      expect(u2.get('person')).to.equal(null);
    });

    it('is optional: without it the related type gets no relation back', function () {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal' }],
      });
      const zoo = new S.Zoo({ animals: [{ id: 1 }] });
      const animal = zoo.get('animals').at(0);
      expect(animal.getRelations()).to.have.lengthOf(0);
      expect(animal.has('livesIn')).to.equal(false);
    });

    it('takes further options for the reverse side (here a collectionType for the reverse HasMany)', function () {
      const S = ctx.scope;
      S.House = Backbone.RelationalModel.extend({});
      S.People = Backbone.Collection.extend({ isPeople: true });
      S.Person = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'livesIn', relatedModel: 'House', reverseRelation: { key: 'occupants', collectionType: 'People' } }],
      });
      const house = new S.House({ id: 'h' });
      new S.Person({ id: 'p', livesIn: house });
      expect(house.get('occupants')).to.be.an.instanceof(S.People);
      expect(house.get('occupants').length).to.equal(1);
    });
  });

  describe('collectionType', function () {
    function defineZoo(collectionType) {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      S.AnimalCollection = Backbone.Collection.extend({ model: S.Animal, speciesList() { return this.pluck('species').join(','); } });
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: Backbone.HasMany, key: 'animals', relatedModel: 'Animal', collectionType, reverseRelation: { key: 'livesIn' } }],
      });
      return S;
    }

    it('defaults to Backbone.Relational.Collection, a Backbone.Collection subclass', function () {
      const S = defineZoo(undefined);
      const zoo = new S.Zoo();
      expect(zoo.get('animals')).to.be.an.instanceof(Backbone.Collection);
      expect(zoo.get('animals')).to.be.an.instanceof(Backbone.Relational.Collection);
      expect(zoo.get('animals').constructor).to.equal(Backbone.Relational.Collection);
    });

    it('accepts a collection constructor', function () {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      const Coll = Backbone.Collection.extend({ custom: true });
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: Coll }],
      });
      const zoo = new S.Zoo({ animals: [{ id: 1 }] });
      expect(zoo.get('animals')).to.be.an.instanceof(Coll);
      expect(zoo.get('animals').custom).to.equal(true);
    });

    it('accepts the name of a collection type, and the collection holds relatedModel instances', function () {
      const S = defineZoo('AnimalCollection');
      const zoo = new S.Zoo({ animals: [{ id: 1, species: 'Lion' }, { id: 2, species: 'Zebra' }] });
      const animals = zoo.get('animals');
      expect(animals).to.be.an.instanceof(S.AnimalCollection);
      expect(animals.speciesList()).to.equal('Lion,Zebra');
      expect(animals.model).to.equal(S.Animal);
      animals.each((a) => expect(a).to.be.an.instanceof(S.Animal));
    });

    it('is kept when the relation is set again', function () {
      const S = defineZoo('AnimalCollection');
      const zoo = new S.Zoo({ animals: [{ id: 1 }] });
      const before = zoo.get('animals');
      zoo.set('animals', [{ id: 2 }, { id: 3 }]);
      expect(zoo.get('animals')).to.equal(before);
      expect(zoo.get('animals')).to.be.an.instanceof(S.AnimalCollection);
      expect(zoo.get('animals').pluck('id')).to.deep.equal([2, 3]);
    });

    it('throws when it is a model type instead of a collection type', function () {
      const S = defineZoo(undefined);
      S.Zoo2 = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: S.Animal }],
      });
      expect(() => new S.Zoo2({ id: 1 })).to.throw();
    });

    it('throws a collectionType error when it is not a function at all', function () {
      const S = defineZoo(undefined);
      S.Zoo2 = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: { model: S.Animal } }],
      });
      expect(() => new S.Zoo2({ id: 1 })).to.throw(/collectionType/);
    });
  });

  describe('collectionKey', function () {
    function defineZoo(extra) {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [_.extend({ type: 'HasMany', key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'livesIn' } }, extra)],
      });
      return S;
    }

    it('defaults to true: the collection refers back to the owner under the reverse key', function () {
      const S = defineZoo({});
      const zoo = new S.Zoo({ id: 1 });
      expect(zoo.get('animals').livesIn).to.equal(zoo);
    });

    it('uses a string as the name of the back-reference', function () {
      const S = defineZoo({ collectionKey: 'zoo' });
      const zoo = new S.Zoo({ id: 1 });
      expect(zoo.get('animals').zoo).to.equal(zoo);
      expect(zoo.get('animals').livesIn).to.equal(undefined);
    });

    it('creates no back-reference when false', function () {
      const S = defineZoo({ collectionKey: false });
      const zoo = new S.Zoo({ id: 1 });
      expect(zoo.get('animals').livesIn).to.equal(undefined);
      const refs = Object.keys(zoo.get('animals')).filter((k) => zoo.get('animals')[k] === zoo);
      expect(refs).to.deep.equal([]);
    });

    it('each owner gets its own collection with its own back-reference', function () {
      const S = defineZoo({});
      const a = new S.Zoo({ id: 1 });
      const b = new S.Zoo({ id: 2 });
      expect(a.get('animals')).to.not.equal(b.get('animals'));
      expect(a.get('animals').livesIn).to.equal(a);
      expect(b.get('animals').livesIn).to.equal(b);
    });
  });

  describe('collectionOptions', function () {
    it('passes an options hash to the collection constructor', function () {
      const S = ctx.scope;
      const seen = [];
      S.Animal = Backbone.RelationalModel.extend({});
      S.AnimalCollection = Backbone.Collection.extend({
        initialize(models, options) { seen.push(options); this.label = options && options.label; },
      });
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: 'AnimalCollection', collectionOptions: { label: 'beasts' } }],
      });
      const zoo = new S.Zoo({ id: 1 });
      expect(zoo.get('animals').label).to.equal('beasts');
      expect(seen).to.have.lengthOf(1);
    });

    it('calls a function with the owning model and uses the hash it returns', function () {
      const S = ctx.scope;
      const received = [];
      S.Animal = Backbone.RelationalModel.extend({});
      S.AnimalCollection = Backbone.Collection.extend({
        initialize(models, options) { this.owner = options.owner; this.label = options.label; },
      });
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{
          type: 'HasMany',
          key: 'animals',
          relatedModel: 'Animal',
          collectionType: 'AnimalCollection',
          collectionOptions(model) { received.push(model); return { owner: model, label: model.get('name') }; },
        }],
      });
      const zoo = new S.Zoo({ id: 1, name: 'Artis' });
      expect(received).to.deep.equal([zoo]);
      expect(zoo.get('animals').owner).to.equal(zoo);
      expect(zoo.get('animals').label).to.equal('Artis');
    });
  });

  describe('createModels', function () {
    function defineZoo(createModels) {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [
          { type: 'HasMany', key: 'animals', relatedModel: 'Animal', createModels, reverseRelation: { key: 'livesIn' } },
          { type: 'HasOne', key: 'mascot', relatedModel: 'Animal', createModels },
        ],
      });
      return S;
    }

    it('defaults to true: nested objects become models of relatedModel, registered in the store', function () {
      const S = defineZoo(undefined);
      const zoo = new S.Zoo({ id: 1, animals: [{ id: 'a', species: 'Lion' }], mascot: { id: 'm', species: 'Panda' } });
      const lion = Backbone.Relational.store.find(S.Animal, 'a');
      expect(lion).to.be.an.instanceof(S.Animal);
      expect(zoo.get('animals').at(0)).to.equal(lion);
      expect(lion.get('species')).to.equal('Lion');
      expect(zoo.get('mascot')).to.equal(Backbone.Relational.store.find(S.Animal, 'm'));
    });

    it('false on a HasOne: a nested object is not turned into a model; it links up once created', function () {
      const S = defineZoo(false);
      const zoo = new S.Zoo({ id: 1, mascot: { id: 'm', species: 'Panda' } });
      expect(zoo.get('mascot')).to.equal(null);
      expect(Backbone.Relational.store.find(S.Animal, 'm')).to.not.be.ok;

      const panda = new S.Animal({ id: 'm' });
      expect(zoo.get('mascot')).to.equal(panda);
    });

    it('false on a HasOne still uses a model that already exists in the store', function () {
      const S = defineZoo(false);
      const panda = new S.Animal({ id: 'm' });
      const zoo = new S.Zoo({ id: 1, mascot: { id: 'm' } });
      expect(zoo.get('mascot')).to.equal(panda);
    });

    it('false on a HasMany: ids stay pending and link up when the model is created later', function () {
      const S = defineZoo(false);
      const zoo = new S.Zoo({ id: 1, animals: ['a', 'b'] });
      expect(zoo.get('animals').length).to.equal(0);
      const b = new S.Animal({ id: 'b' });
      expect(zoo.get('animals').models).to.deep.equal([b]);
      expect(b.get('livesIn')).to.equal(zoo);
    });
  });

  describe('keySource', function () {
    beforeEach(function () {
      const S = ctx.scope;
      S.Animal = Backbone.RelationalModel.extend({});
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', keySource: 'animal_ids', relatedModel: 'Animal', reverseRelation: { key: 'livesIn', keySource: 'zoo_id' } }],
      });
    });

    it('reads the initial data from the keySource attribute', function () {
      const S = ctx.scope;
      const a1 = new S.Animal({ id: 1 });
      const zoo = new S.Zoo({ id: 'z', animal_ids: [1, 2] });
      expect(zoo.get('animals').models).to.deep.equal([a1]);
      expect(a1.get('livesIn')).to.equal(zoo);
      const a2 = new S.Animal({ id: 2 });
      expect(zoo.get('animals').models).to.deep.equal([a1, a2]);
    });

    it('does not keep the keySource attribute on the model', function () {
      const S = ctx.scope;
      const zoo = new S.Zoo({ id: 'z', animal_ids: [1] });
      expect(zoo.has('animal_ids')).to.equal(false);
      expect(Object.prototype.hasOwnProperty.call(zoo.attributes, 'animal_ids')).to.equal(false);
    });

    it('uses the regular key afterwards', function () {
      const S = ctx.scope;
      const a1 = new S.Animal({ id: 1 });
      const a2 = new S.Animal({ id: 2 });
      const zoo = new S.Zoo({ id: 'z', animal_ids: [1] });
      zoo.set('animals', [a2]);
      expect(zoo.get('animals').models).to.deep.equal([a2]);
      expect(a1.get('livesIn')).to.equal(null);
      expect(a2.get('livesIn')).to.equal(zoo);
    });

    it('works on a reverse HasOne', function () {
      const S = ctx.scope;
      const zoo = new S.Zoo({ id: 'z' });
      const a = new S.Animal({ id: 3, zoo_id: 'z' });
      expect(a.get('livesIn')).to.equal(zoo);
      expect(a.has('zoo_id')).to.equal(false);
      expect(zoo.get('animals').models).to.deep.equal([a]);
    });
  });

  describe('parse', function () {
    function define(parseOption) {
      const S = ctx.scope;
      S.parsed = [];
      S.Animal = Backbone.RelationalModel.extend({
        parse(resp) { S.parsed.push(resp); return _.extend({ parsed: true }, resp.data); },
      });
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [
          { type: 'HasMany', key: 'animals', relatedModel: 'Animal', parse: parseOption },
          { type: 'HasOne', key: 'mascot', relatedModel: 'Animal', parse: parseOption },
        ],
      });
      return S;
    }

    it('true: nested data is run through relatedModel.parse before models are built', function () {
      const S = define(true);
      const zoo = new S.Zoo({ id: 1, animals: [{ data: { id: 'a', species: 'Lion' } }], mascot: { data: { id: 'm' } } });
      const lion = zoo.get('animals').at(0);
      expect(lion.id).to.equal('a');
      expect(lion.get('species')).to.equal('Lion');
      expect(lion.get('parsed')).to.equal(true);
      expect(zoo.get('mascot').id).to.equal('m');
      expect(zoo.get('mascot').get('parsed')).to.equal(true);
      expect(lion.has('data')).to.equal(false);
    });

    it('defaults to false: nested data is used as attributes as is', function () {
      const S = define(undefined);
      const zoo = new S.Zoo({ id: 1, mascot: { id: 'm', data: { id: 'x' } } });
      expect(S.parsed).to.have.lengthOf(0);
      expect(zoo.get('mascot').id).to.equal('m');
      expect(zoo.get('mascot').get('parsed')).to.equal(undefined);
    });
  });
});
