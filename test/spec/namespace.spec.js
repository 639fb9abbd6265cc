'use strict';
// The public names: the 0.10.0 globals on Backbone, and the Backbone.Relational namespace with
// its newer aliases (spec README, "Public surface").
//
// NOTE: this file is EXPECTED TO FAIL on the original library (BR_LIB=original): 0.10.0's
// Backbone.Relational only has `store`, `eventQueue` and `showWarnings`; the aliases `Model`,
// `Relation`, `HasOne`, `HasMany`, `Store`, `Collection`, `Semaphore` and `BlockingQueue` are
// new in this library.
const { expect } = require('chai');
const lib = require('./_helpers');

const { Backbone, useFreshStore } = lib;
// Read before any test runs (and before any test could change it).
const initialShowWarnings = Backbone.Relational.showWarnings;

describe('Public names', function () {
  describe('0.10.0 names on Backbone', function () {
    it('RelationalModel is a Backbone.Model subclass', function () {
      expect(Backbone.RelationalModel).to.be.a('function');
      expect(Backbone.RelationalModel.prototype).to.be.an.instanceof(Backbone.Model);
    });

    it('Relation, HasOne and HasMany are relation constructors; HasOne and HasMany extend Relation', function () {
      expect(Backbone.Relation).to.be.a('function');
      expect(Backbone.HasOne.prototype).to.be.an.instanceof(Backbone.Relation);
      expect(Backbone.HasMany.prototype).to.be.an.instanceof(Backbone.Relation);
    });

    it('Store, Semaphore and BlockingQueue exist', function () {
      expect(Backbone.Store).to.be.a('function');
      expect(Backbone.Semaphore).to.be.an('object');
      expect(Backbone.BlockingQueue).to.be.a('function');
    });

    it('Backbone.Relational has store, eventQueue and showWarnings (true by default)', function () {
      expect(Backbone.Relational).to.be.an('object');
      expect(Backbone.Relational.store).to.be.an.instanceof(Backbone.Store);
      expect(Backbone.Relational.eventQueue).to.be.an.instanceof(Backbone.BlockingQueue);
      expect(initialShowWarnings).to.equal(true);
    });
  });

  describe('Backbone.Relational aliases', function () {
    const aliases = {
      Model: 'RelationalModel',
      Relation: 'Relation',
      HasOne: 'HasOne',
      HasMany: 'HasMany',
      Store: 'Store',
      Semaphore: 'Semaphore',
      BlockingQueue: 'BlockingQueue',
    };
    Object.keys(aliases).forEach(function (alias) {
      it(`Backbone.Relational.${alias} is Backbone.${aliases[alias]}`, function () {
        expect(Backbone.Relational[alias], alias).to.exist;
        expect(Backbone.Relational[alias]).to.equal(Backbone[aliases[alias]]);
      });
    });

    it('Backbone.Relational.Collection is a Backbone.Collection subclass', function () {
      const Coll = Backbone.Relational.Collection;
      expect(Coll).to.be.a('function');
      expect(new Coll()).to.be.an.instanceof(Backbone.Collection);
    });
  });

  describe('the module exports', function () {
    it('are the same objects as the names on Backbone', function () {
      const R = lib.Relational;
      expect(R.store).to.equal(Backbone.Relational.store);
      expect(R.eventQueue).to.equal(Backbone.Relational.eventQueue);
      expect(R.Model).to.equal(Backbone.RelationalModel);
      expect(R.HasOne).to.equal(Backbone.HasOne);
      expect(R.HasMany).to.equal(Backbone.HasMany);
      expect(R.Store).to.equal(Backbone.Store);
    });
  });

  describe('using the aliases', function () {
    const ctx = useFreshStore();

    it('a model defined with Relational.Model and Relational.HasMany works like one defined with the 0.10.0 names', function () {
      const S = ctx.scope;
      const R = Backbone.Relational;
      S.Animal = R.Model.extend({});
      S.Zoo = R.Model.extend({
        relations: [{ type: R.HasMany, key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'livesIn', type: R.HasOne } }],
      });
      const zoo = new S.Zoo({ id: 1, animals: [{ id: 2 }] });
      expect(zoo).to.be.an.instanceof(Backbone.RelationalModel);
      expect(zoo.getRelation('animals')).to.be.an.instanceof(Backbone.HasMany);
      expect(zoo.get('animals').at(0).get('livesIn')).to.equal(zoo);
    });

    it('a Relational.Collection of relational models reuses store instances', function () {
      const S = ctx.scope;
      const R = Backbone.Relational;
      S.Animal = R.Model.extend({});
      const lion = new S.Animal({ id: 5 });
      const Coll = R.Collection.extend({ model: S.Animal });
      const coll = new Coll();
      coll.add({ id: 5 });
      expect(coll.at(0)).to.equal(lion);
    });
  });
});
