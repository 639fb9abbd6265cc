'use strict';
// Manual, "reverseRelation": a relation declared on one type exists on the related type as soon
// as both types are defined, even before any instance of the declaring type is created; and
// "orphan" relations, whose related type is defined after the declaring type.
const { expect } = require('chai');
const { Backbone, useFreshStore } = require('./_helpers');

describe('Reverse relations', function () {
  const ctx = useFreshStore();

  describe('declared on a type of which no instance exists yet', function () {
    beforeEach(function () {
      const S = ctx.scope;
      S.Person = Backbone.RelationalModel.extend({});
      S.House = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
      });
    });

    it('gives the related type its reverse relation', function () {
      const S = ctx.scope;
      const person = new S.Person({ id: 'p1', livesIn: 'house-1' });
      const rel = person.getRelation('livesIn');
      expect(rel).to.be.an.instanceof(Backbone.HasOne);
      expect(rel.relatedModel).to.equal(S.House);
      expect(rel.key).to.equal('livesIn');
    });

    it('keeps the id of a house that is not loaded yet, and links up when it is created', function () {
      const S = ctx.scope;
      const p1 = new S.Person({ id: 'p1', livesIn: 'house-1' });
      const p2 = new S.Person({ id: 'p2', livesIn: 'house-1' });
      expect(p1.get('livesIn')).to.equal(null);

      const house = new S.House({ id: 'house-1' });
      expect(p1.get('livesIn')).to.equal(house);
      expect(p2.get('livesIn')).to.equal(house);
      expect(house.get('occupants').models).to.deep.equal([p1, p2]);
    });

    it('accepts a nested object for the reverse HasOne and creates the house from it', function () {
      const S = ctx.scope;
      const person = new S.Person({ id: 'p1', livesIn: { id: 'house-2', location: 'corner' } });
      const house = person.get('livesIn');
      expect(house).to.be.an.instanceof(S.House);
      expect(house.get('location')).to.equal('corner');
      expect(house.get('occupants').models).to.deep.equal([person]);
    });

    it('gives every instance its own relation object', function () {
      const S = ctx.scope;
      const a = new S.Person({ id: 'a' });
      const b = new S.Person({ id: 'b' });
      expect(a.getRelation('livesIn')).to.not.equal(b.getRelation('livesIn'));
      expect(a.getRelation('livesIn').instance).to.equal(a);
      expect(b.getRelation('livesIn').instance).to.equal(b);
    });

    it('is added to the related type only once, however many instances are created', function () {
      const S = ctx.scope;
      new S.House({ id: 'h1' });
      new S.House({ id: 'h2' });
      const person = new S.Person({ id: 'p' });
      expect(person.getRelations()).to.have.lengthOf(1);
      expect(person.getRelations()[0].key).to.equal('livesIn');
    });
  });

  describe('a HasOne declaring a reverse HasMany', function () {
    it('gives the related type its HasMany before any instance of the declaring type exists', function () {
      const S = ctx.scope;
      S.House = Backbone.RelationalModel.extend({});
      S.Person = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasOne', key: 'livesIn', relatedModel: 'House', reverseRelation: { key: 'occupants' } }],
      });
      const house = new S.House({ id: 'h', occupants: ['p1', 'p2'] });
      expect(house.getRelation('occupants')).to.be.an.instanceof(Backbone.HasMany);
      expect(house.get('occupants').length).to.equal(0);

      const p2 = new S.Person({ id: 'p2' });
      expect(house.get('occupants').models).to.deep.equal([p2]);
      expect(p2.get('livesIn')).to.equal(house);
    });
  });

  describe('orphan relations (the related type is defined after the declaring type)', function () {
    beforeEach(function () {
      const S = ctx.scope;
      S.House = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
      });
      S.Person = Backbone.RelationalModel.extend({});
    });

    it('sets up the reverse relation once the related type is known', function () {
      const S = ctx.scope;
      const person = new S.Person({ id: 'p1', livesIn: 'house-1' });
      expect(person.getRelation('livesIn')).to.be.an.instanceof(Backbone.HasOne);
      expect(person.getRelation('livesIn').relatedModel).to.equal(S.House);
    });

    it('links both sides when the house is created later', function () {
      const S = ctx.scope;
      const person = new S.Person({ id: 'p1', livesIn: 'house-1' });
      const house = new S.House({ id: 'house-1' });
      expect(person.get('livesIn')).to.equal(house);
      expect(house.get('occupants').models).to.deep.equal([person]);
    });

    it('links both sides when the house is created first', function () {
      const S = ctx.scope;
      const house = new S.House({ id: 'house-1', occupants: [{ id: 'p1' }] });
      const person = house.get('occupants').at(0);
      expect(person).to.be.an.instanceof(S.Person);
      expect(person.get('livesIn')).to.equal(house);
    });
  });

  describe('a declaring type defined after instances of the related type exist', function () {
    it('adds the reverse relation to the existing instances', function () {
      const S = ctx.scope;
      S.Person = Backbone.RelationalModel.extend({});
      const person = new S.Person({ id: 'p1', livesIn: 'house-1' });
      S.House = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
      });
      expect(person.getRelation('livesIn')).to.be.an.instanceof(Backbone.HasOne);

      const house = new S.House({ id: 'house-1' });
      expect(person.get('livesIn')).to.equal(house);
      expect(house.get('occupants').models).to.deep.equal([person]);
    });
  });

  describe('several relations to the same type', function () {
    it('keeps each reverse relation separate', function () {
      const S = ctx.scope;
      S.Person = Backbone.RelationalModel.extend({});
      S.House = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
      });
      S.Office = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'staff', relatedModel: 'Person', reverseRelation: { key: 'worksAt' } }],
      });
      const house = new S.House({ id: 'h' });
      const office = new S.Office({ id: 'o' });
      const person = new S.Person({ id: 'p', livesIn: 'h', worksAt: 'o' });
      expect(person.getRelations().map((r) => r.key).sort()).to.deep.equal(['livesIn', 'worksAt']);
      expect(house.get('occupants').models).to.deep.equal([person]);
      expect(office.get('staff').models).to.deep.equal([person]);

      person.set('worksAt', null);
      expect(office.get('staff').length).to.equal(0);
      expect(house.get('occupants').models).to.deep.equal([person]);
    });
  });
});
