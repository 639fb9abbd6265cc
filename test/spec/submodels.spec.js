'use strict';
// Sub-models: subModelTypes, subModelTypeAttribute, build, the manual's Mammal/Primate/Carnivore
// example, deep hierarchies, the shared id space, relations to and from sub-models.
// Every expectation here was checked against backbone-relational 0.10.0 (BR_LIB=original).
const { expect } = require('chai');
const sinon = require('sinon');
const { Backbone, Relational } = require('../support/lib');

const DUPLICATE = /Cannot instantiate more than one Backbone.RelationalModel with the same id per type/;

describe('sub-models (subModelTypes, subModelTypeAttribute, build)', function () {
  let scope;
  let warn;

  function defineModels(s) {
    // --- exactly the manual's example ---
    s.Animal = Backbone.RelationalModel.extend({ urlRoot: '/animal/' });
    s.AnimalCollection = Backbone.Collection.extend({ model: s.Animal });
    s.Mammal = s.Animal.extend({
      subModelTypes: {
        primate: 'Primate',
        carnivore: 'Carnivore',
      },
    });
    s.Primate = s.Mammal.extend();
    s.Carnivore = s.Mammal.extend();
    s.MammalCollection = s.AnimalCollection.extend({ model: s.Mammal });

    // --- a deeper hierarchy: Creature > (Furry > (Ape, Cat)), Bird ---
    s.Banana = Backbone.RelationalModel.extend();
    s.Creature = Backbone.RelationalModel.extend({
      subModelTypes: { furry: 'Furry', bird: 'Bird' },
      relations: [{ type: 'HasOne', key: 'mother', relatedModel: 'Creature', includeInJSON: 'id' }],
    });
    s.Furry = s.Creature.extend({ subModelTypes: { ape: 'Ape', cat: 'Cat' } });
    s.Ape = s.Furry.extend({
      relations: [
        {
          type: 'HasMany',
          key: 'bananas',
          relatedModel: 'Banana',
          reverseRelation: { key: 'eater', includeInJSON: 'id' },
        },
      ],
    });
    s.Cat = s.Furry.extend();
    s.Bird = s.Creature.extend();
    s.CreatureCollection = Backbone.Collection.extend({ model: s.Creature });
    s.Zoo = Backbone.RelationalModel.extend({
      relations: [
        {
          type: 'HasMany',
          key: 'creatures',
          relatedModel: 'Creature',
          reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
        },
      ],
    });
    s.Pen = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasOne', key: 'furry', relatedModel: 'Furry', includeInJSON: 'id' }],
    });

    // --- a custom subModelTypeAttribute ---
    s.Vehicle = Backbone.RelationalModel.extend({
      subModelTypeAttribute: 'kind',
      subModelTypes: { car: 'Car', bike: 'Bike' },
    });
    s.Car = s.Vehicle.extend();
    s.Bike = s.Vehicle.extend();
    s.VehicleCollection = Backbone.Collection.extend({ model: s.Vehicle });
  }

  beforeEach(function () {
    Relational.store.reset();
    scope = {};
    Relational.store.addModelScope(scope);
    defineModels(scope);
    // duplicate-id errors are preceded by a (large) console.warn in the original
    warn = sinon.stub(console, 'warn');
  });

  afterEach(function () {
    warn.restore();
    Relational.store.removeModelScope(scope);
  });

  describe('the manual\'s Mammal / Primate / Carnivore example', function () {
    let mammals;

    beforeEach(function () {
      mammals = new scope.MammalCollection([
        { id: 3, species: 'chimp', type: 'primate' },
        { id: 5, species: 'panther', type: 'carnivore' },
      ]);
    });

    it('builds a Primate and a Carnivore from the type attribute', function () {
      expect(mammals.length).to.equal(2);
      expect(mammals.get(3)).to.be.an.instanceof(scope.Primate);
      expect(mammals.get(5)).to.be.an.instanceof(scope.Carnivore);
      expect(mammals.get(3).get('species')).to.equal('chimp');
    });

    it('chimp is an animal, is not a carnivore, is a primate', function () {
      const chimp = mammals.get(3);
      expect(chimp instanceof scope.Animal).to.equal(true);
      expect(chimp instanceof scope.Carnivore).to.equal(false);
      expect(chimp instanceof scope.Primate).to.equal(true);
      expect(chimp instanceof scope.Mammal).to.equal(true);
    });

    it('the Primate with id 3 is the Mammal with id 3', function () {
      const chimp = mammals.get(3);
      expect(scope.Mammal.find(3)).to.equal(chimp);
      expect(scope.Primate.find(3)).to.equal(chimp);
      expect(Relational.store.find(scope.Mammal, 3)).to.equal(chimp);
    });

    it('a sibling type does not find it', function () {
      expect(scope.Carnivore.find(3)).to.equal(null);
      expect(scope.Primate.find(5)).to.equal(null);
    });

    it('a sibling cannot take the same id', function () {
      expect(() => new scope.Carnivore({ id: 3 })).to.throw(DUPLICATE);
      expect(() => new scope.Primate({ id: 5 })).to.throw(DUPLICATE);
      expect(scope.Mammal.find(3)).to.be.an.instanceof(scope.Primate);
    });

    it('the super-model cannot take the id of a sub-model instance', function () {
      new scope.Mammal({ id: 100 });
      expect(() => new scope.Mammal({ id: 3 })).to.throw(DUPLICATE);
    });

    it('the id becomes free again once the sub-model instance is unregistered', function () {
      Relational.store.unregister(mammals.get(3));
      const panther2 = new scope.Carnivore({ id: 3 });
      expect(scope.Mammal.find(3)).to.equal(panther2);
    });

    it('sub-models share the super-model\'s store collection', function () {
      const coll = Relational.store.getCollection(scope.Mammal);
      expect(Relational.store.getCollection(scope.Primate)).to.equal(coll);
      expect(Relational.store.getCollection(scope.Carnivore)).to.equal(coll);
      expect(coll.get(3)).to.equal(mammals.get(3));
      expect(coll.get(5)).to.equal(mammals.get(5));
    });
  });

  describe('build', function () {
    it('Mammal.build({ id: 3, species: "chimp", type: "primate" }) builds a Primate', function () {
      const chimp = scope.Mammal.build({ id: 3, species: 'chimp', type: 'primate' });
      expect(chimp).to.be.an.instanceof(scope.Primate);
      expect(chimp.id).to.equal(3);
      expect(chimp.get('species')).to.equal('chimp');
      expect(scope.Mammal.find(3)).to.equal(chimp);
    });

    it('builds the super-model itself without a type or with an unknown type', function () {
      const plain = scope.Mammal.build({ id: 1 });
      const unknown = scope.Mammal.build({ id: 2, type: 'fish' });
      expect(plain.constructor).to.equal(scope.Mammal);
      expect(unknown.constructor).to.equal(scope.Mammal);
    });

    it('passes options on to the constructor', function () {
      const Parsed = scope.Mammal.extend({
        parse: function (resp) {
          return resp.data;
        },
      });
      const m = Parsed.build({ data: { id: 9, species: 'x' } }, { parse: true });
      expect(m.id).to.equal(9);
      expect(m.has('data')).to.equal(false);
    });

    it('findOrCreate and a collection of the super-model build the right sub-type', function () {
      const carnivore = scope.Mammal.findOrCreate({ id: 7, type: 'carnivore' });
      expect(carnivore).to.be.an.instanceof(scope.Carnivore);
      const coll = new scope.MammalCollection();
      coll.add({ id: 8, type: 'primate' });
      expect(coll.get(8)).to.be.an.instanceof(scope.Primate);
    });

    it('a sub-model built through its own constructor is found through the super-model', function () {
      const chimp = new scope.Primate({ id: 11 });
      expect(scope.Mammal.find(11)).to.equal(chimp);
      expect(scope.Mammal.findOrCreate({ id: 11, name: 'Cheeta' })).to.equal(chimp);
      expect(chimp.get('name')).to.equal('Cheeta');
    });
  });

  describe('deep hierarchies (a sub-model with its own sub-models)', function () {
    it('builds a grand-child type from the root type', function () {
      expect(scope.Creature.build({ id: 1, type: 'ape' })).to.be.an.instanceof(scope.Ape);
      expect(scope.Creature.build({ id: 2, type: 'cat' })).to.be.an.instanceof(scope.Cat);
      expect(scope.Creature.build({ id: 3, type: 'furry' }).constructor).to.equal(scope.Furry);
      expect(scope.Creature.build({ id: 4, type: 'bird' })).to.be.an.instanceof(scope.Bird);
    });

    it('a collection of the root type builds every level of the hierarchy', function () {
      const coll = new scope.CreatureCollection([
        { id: 1, type: 'ape' },
        { id: 2, type: 'cat' },
        { id: 3, type: 'bird' },
        { id: 4, type: 'furry' },
        { id: 5 },
      ]);
      expect(coll.get(1)).to.be.an.instanceof(scope.Ape);
      expect(coll.get(2)).to.be.an.instanceof(scope.Cat);
      expect(coll.get(3)).to.be.an.instanceof(scope.Bird);
      expect(coll.get(4).constructor).to.equal(scope.Furry);
      expect(coll.get(5).constructor).to.equal(scope.Creature);
    });

    it('an Ape 3 is found as Furry 3 and as Creature 3', function () {
      const ape = new scope.Ape({ id: 3 });
      expect(scope.Furry.find(3)).to.equal(ape);
      expect(scope.Creature.find(3)).to.equal(ape);
      expect(Relational.store.find(scope.Creature, 3)).to.equal(ape);
      expect(scope.Cat.find(3)).to.equal(null);
      expect(scope.Bird.find(3)).to.equal(null);
    });

    it('the whole hierarchy shares one id space and one store collection', function () {
      const ape = new scope.Ape({ id: 3 });
      new scope.Furry({ id: 50 });
      new scope.Creature({ id: 51 });
      expect(() => new scope.Furry({ id: 3 })).to.throw(DUPLICATE);
      expect(() => new scope.Creature({ id: 3 })).to.throw(DUPLICATE);
      const coll = Relational.store.getCollection(scope.Creature);
      expect(Relational.store.getCollection(scope.Ape)).to.equal(coll);
      expect(Relational.store.getCollection(scope.Furry)).to.equal(coll);
      expect(coll.get(3)).to.equal(ape);
      expect(coll.get(50)).to.be.an.instanceof(scope.Furry);
    });

    it('toJSON adds the type value of each level', function () {
      expect(new scope.Ape({ id: 1 }).toJSON().type).to.equal('ape');
      expect(new scope.Furry({ id: 2 }).toJSON().type).to.equal('furry');
      expect(new scope.Bird({ id: 3 }).toJSON().type).to.equal('bird');
      expect(new scope.Creature({ id: 4 }).toJSON()).to.not.have.property('type');
    });
  });

  describe('nested subModelTypes through a plain collection (as 0.10.0)', function () {
    function defineApes(s) {
      s.Beast = Backbone.RelationalModel.extend({ urlRoot: '/beast/' });
      s.Mammal2 = s.Beast.extend({ subModelTypes: { primate: 'Primate2', carnivore: 'Carnivore2', ape: 'Primate2' } });
      s.Primate2 = s.Mammal2.extend({ subModelTypes: { human: 'Human2' } });
      s.Carnivore2 = s.Mammal2.extend();
      s.Human2 = s.Primate2.extend();
      s.Mammal2Collection = Backbone.Collection.extend({ model: s.Mammal2 });
    }

    it('builds every level, also when two type values name one sub-model', function () {
      defineApes(scope);
      const mammals = new scope.Mammal2Collection([{ type: 'primate' }, { type: 'carnivore' }, { type: 'human' }, { type: 'ape' }]);
      expect(mammals.map((m) => m.constructor)).to.deep.equal([scope.Primate2, scope.Carnivore2, scope.Human2, scope.Primate2]);
    });
  });

  describe('the relations of a sub-model (as 0.10.0)', function () {
    // A sub-model's own `relations` is the copy it made when it was set up: a reverse relation
    // added to its super-model afterwards is added to the super-model (and to the sub-models
    // its subModelTypes name), not to a type that merely extends it.
    it('a sub-type made with extend keeps the relations it had when it was set up', function () {
      scope.File = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'owner', relatedModel: 'Banana' }],
      });
      scope.Video = scope.File.extend({});
      scope.Folder = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'files', relatedModel: 'File', reverseRelation: { key: 'folder' } }],
      });
      expect(scope.File.prototype.relations).to.have.lengthOf(2);
      expect(scope.Video.prototype.relations).to.have.lengthOf(1);
    });

    it('a sub-model declaring a key of its super-model with another relation type overrides it', function () {
      scope.Document = Backbone.RelationalModel.extend({
        subModelTypes: { report: 'Report' },
        relations: [{ type: 'HasOne', key: 'parts', relatedModel: 'Banana' }],
      });
      scope.Report = scope.Document.extend({
        relations: [{ type: 'HasMany', key: 'parts', relatedModel: 'Banana' }],
      });
      const report = new scope.Report({ id: 1, parts: [{ id: 'b1' }, { id: 'b2' }] });
      expect(report.getRelation('parts')).to.be.an.instanceof(Backbone.HasMany);
      expect(report.get('parts').pluck('id')).to.deep.equal(['b1', 'b2']);
      expect(new scope.Document({ id: 2 }).getRelation('parts')).to.be.an.instanceof(Backbone.HasOne);
    });
  });

  describe('toJSON of sub-models', function () {
    it('includes the type attribute even when the model was created without it', function () {
      const chimp = new scope.Primate({ id: 3, species: 'chimp' });
      expect(chimp.has('type')).to.equal(false);
      expect(chimp.toJSON()).to.deep.equal({ id: 3, species: 'chimp', type: 'primate' });
    });

    it('keeps the type attribute given in the data', function () {
      const mammals = new scope.MammalCollection([{ id: 5, species: 'panther', type: 'carnivore' }]);
      expect(mammals.get(5).toJSON()).to.deep.equal({ id: 5, species: 'panther', type: 'carnivore' });
    });

    it('adds nothing to a model of the super-model type itself', function () {
      expect(new scope.Mammal({ id: 1, species: 'x' }).toJSON()).to.deep.equal({ id: 1, species: 'x' });
    });

    it('includes the type of sub-models nested in a relation', function () {
      const zoo = new scope.Zoo({ id: 1, creatures: [{ id: 2, type: 'bird', name: 'Tweety' }] });
      expect(zoo.toJSON().creatures).to.deep.equal([{ id: 2, type: 'bird', name: 'Tweety', mother: null, livesIn: 1 }]);
    });
  });

  describe('subModelTypeAttribute', function () {
    it('defaults to "type"', function () {
      expect(scope.Mammal.prototype.subModelTypeAttribute).to.equal('type');
      expect(Backbone.RelationalModel.prototype.subModelTypeAttribute).to.equal('type');
    });

    it('a custom attribute selects the sub-type', function () {
      expect(scope.Vehicle.build({ id: 1, kind: 'car' })).to.be.an.instanceof(scope.Car);
      const coll = new scope.VehicleCollection([{ id: 2, kind: 'bike' }]);
      expect(coll.get(2)).to.be.an.instanceof(scope.Bike);
    });

    it('with a custom attribute, "type" no longer selects anything', function () {
      const v = scope.Vehicle.build({ id: 1, type: 'car' });
      expect(v.constructor).to.equal(scope.Vehicle);
    });

    it('toJSON adds the custom attribute, not "type"', function () {
      const json = new scope.Car({ id: 1, wheels: 4 }).toJSON();
      expect(json).to.deep.equal({ id: 1, wheels: 4, kind: 'car' });
    });
  });

  describe('relations and sub-models', function () {
    it('a relation to a super-model finds an existing sub-model instance by id', function () {
      const ape = new scope.Ape({ id: 3 });
      const zoo = new scope.Zoo({ id: 1, creatures: [3] });
      expect(zoo.get('creatures').at(0)).to.equal(ape);
      expect(ape.get('livesIn')).to.equal(zoo);
    });

    it('a relation to a super-model builds the right sub-types from nested data', function () {
      const zoo = new scope.Zoo({
        id: 1,
        creatures: [
          { id: 4, type: 'bird' },
          { id: 5, type: 'ape' },
          { id: 6, type: 'cat' },
          { id: 7 },
        ],
      });
      const c = zoo.get('creatures');
      expect(c.get(4)).to.be.an.instanceof(scope.Bird);
      expect(c.get(5)).to.be.an.instanceof(scope.Ape);
      expect(c.get(6)).to.be.an.instanceof(scope.Cat);
      expect(c.get(7).constructor).to.equal(scope.Creature);
      expect(c.get(5).get('livesIn')).to.equal(zoo);
    });

    it('a relation to a sub-type does not pick up a sibling with that id', function () {
      new scope.Bird({ id: 4 });
      const ape = new scope.Ape({ id: 5 });
      const pen = new scope.Pen({ id: 1, furry: 4 });
      expect(pen.get('furry')).to.equal(null);
      expect(pen.toJSON().furry).to.equal(4);
      pen.set('furry', 5);
      expect(pen.get('furry')).to.equal(ape);
    });

    it('a sub-model inherits the relations of its super-model (including reverse relations)', function () {
      const cat = new scope.Cat({ id: 5 });
      const ape = new scope.Ape({ id: 3, mother: 5 });
      expect(ape.getRelation('mother')).to.be.an.instanceof(Backbone.HasOne);
      expect(ape.get('mother')).to.equal(cat);
      expect(ape.getRelation('livesIn')).to.be.an.instanceof(Backbone.HasOne);
      expect(cat.getRelation('livesIn')).to.be.an.instanceof(Backbone.HasOne);
    });

    it('a sub-model adds its own relations next to the inherited ones; siblings do not get them', function () {
      const ape = new scope.Ape({ id: 3, bananas: [{ id: 'b1' }] });
      const cat = new scope.Cat({ id: 4 });
      expect(Object.keys(ape._relations)).to.have.members(['mother', 'livesIn', 'bananas']);
      expect(ape.get('bananas').at(0).get('eater')).to.equal(ape);
      expect(cat.getRelation('bananas')).to.equal(undefined);
      expect(cat.get('bananas')).to.equal(undefined);
    });

    it('toJSON of a sub-model serializes inherited and own relations and its type', function () {
      const zoo = new scope.Zoo({ id: 9 });
      const ape = new scope.Ape({ id: 3, name: 'Kong', livesIn: zoo, mother: 2, bananas: [{ id: 'b1' }] });
      expect(ape.toJSON()).to.deep.equal({
        id: 3,
        name: 'Kong',
        livesIn: 9,
        mother: 2,
        bananas: [{ id: 'b1', eater: 3 }],
        type: 'ape',
      });
    });
  });
});
