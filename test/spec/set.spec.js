'use strict';
// Manual, "set": set/unset/clear on relation keys with ids, attribute objects, models, arrays,
// collections and null; the HasMany options add/merge/remove; both sides of a relation stay
// consistent, also for ids of models that are only created (or given their id) later.
const { expect } = require('chai');
const { Backbone, useFreshStore } = require('./_helpers');

function defineModels(S) {
  S.Person = Backbone.RelationalModel.extend({});
  S.House = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
  });
  S.User = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasOne', key: 'person', relatedModel: 'Person', reverseRelation: { type: 'HasOne', key: 'user' } }],
  });
  S.Node = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasOne', key: 'parent', reverseRelation: { key: 'children' } }],
  });
}

describe('set / unset / clear on relation keys', function () {
  const ctx = useFreshStore(defineModels);

  describe('HasOne', function () {
    let S, h1, h2, p;
    beforeEach(function () {
      S = ctx.scope;
      h1 = new S.House({ id: 'h1' });
      h2 = new S.House({ id: 'h2' });
      p = new S.Person({ id: 'p', name: 'Paul' });
    });

    it('accepts an id', function () {
      p.set('livesIn', 'h1');
      expect(p.get('livesIn')).to.equal(h1);
      expect(h1.get('occupants').models).to.deep.equal([p]);
    });

    it('accepts an attributes object of an existing model, and merges it', function () {
      p.set('livesIn', { id: 'h2', location: 'corner' });
      expect(p.get('livesIn')).to.equal(h2);
      expect(h2.get('location')).to.equal('corner');
      expect(h2.get('occupants').models).to.deep.equal([p]);
    });

    it('creates a model from an attributes object with an unknown id', function () {
      p.set('livesIn', { id: 'h3', location: 'far' });
      const h3 = p.get('livesIn');
      expect(h3).to.be.an.instanceof(S.House);
      expect(h3.get('location')).to.equal('far');
      expect(Backbone.Relational.store.find(S.House, 'h3')).to.equal(h3);
      expect(h3.get('occupants').models).to.deep.equal([p]);
    });

    it('accepts a model', function () {
      p.set('livesIn', h2);
      expect(p.get('livesIn')).to.equal(h2);
      expect(h2.get('occupants').includes(p)).to.equal(true);
    });

    it('accepts a relation key together with other attributes in one hash', function () {
      p.set({ name: 'Paula', livesIn: h1 });
      expect(p.get('name')).to.equal('Paula');
      expect(p.get('livesIn')).to.equal(h1);
      expect(h1.get('occupants').models).to.deep.equal([p]);
    });

    it('returns the model, like Backbone.Model#set', function () {
      expect(p.set('livesIn', h1)).to.equal(p);
    });

    it('moves the model from its old parent to the new one', function () {
      p.set('livesIn', h1);
      p.set('livesIn', 'h2');
      expect(p.get('livesIn')).to.equal(h2);
      expect(h1.get('occupants').length).to.equal(0);
      expect(h2.get('occupants').models).to.deep.equal([p]);
    });

    it('null empties the relation and removes the model from the other side', function () {
      p.set('livesIn', h1);
      p.set('livesIn', null);
      expect(p.get('livesIn')).to.equal(null);
      expect(h1.get('occupants').length).to.equal(0);
    });

    it('unset empties the relation and removes the model from the other side', function () {
      p.set('livesIn', h1);
      p.unset('livesIn');
      expect(p.get('livesIn')).to.not.be.ok;
      expect(h1.get('occupants').length).to.equal(0);
      p.set('livesIn', h2);
      expect(h2.get('occupants').models).to.deep.equal([p]);
    });

    it('clear empties the relation and removes the model from the other side', function () {
      p.set('livesIn', h1);
      p.clear();
      expect(p.get('livesIn')).to.not.be.ok;
      expect(p.get('name')).to.equal(undefined);
      expect(h1.get('occupants').length).to.equal(0);
    });

    it('updates both sides with {silent: true}', function () {
      p.set('livesIn', 'h1', { silent: true });
      expect(p.get('livesIn')).to.equal(h1);
      expect(h1.get('occupants').models).to.deep.equal([p]);
    });

    it('keeps the id of a model that is not loaded yet, and links up when it is created', function () {
      p.set('livesIn', 'h9');
      expect(p.get('livesIn')).to.equal(null);
      const h9 = new S.House({ id: 'h9' });
      expect(p.get('livesIn')).to.equal(h9);
      expect(h9.get('occupants').models).to.deep.equal([p]);
    });

    it('links up when the missing model is created without an id and gets it later via set({id})', function () {
      p.set('livesIn', 'h9');
      const h9 = new S.House({ location: 'new' });
      expect(p.get('livesIn')).to.equal(null);
      h9.set({ id: 'h9' });
      expect(p.get('livesIn')).to.equal(h9);
      expect(h9.get('occupants').models).to.deep.equal([p]);
    });

    it('only waits for the latest id set', function () {
      p.set('livesIn', 'h8');
      p.set('livesIn', 'h9');
      const h8 = new S.House({ id: 'h8' });
      expect(p.get('livesIn')).to.equal(null);
      expect(h8.get('occupants').length).to.equal(0);
      const h9 = new S.House({ id: 'h9' });
      expect(p.get('livesIn')).to.equal(h9);
    });
  });

  describe('HasMany', function () {
    let S, h, a, b, c;
    beforeEach(function () {
      S = ctx.scope;
      h = new S.House({ id: 'h' });
      a = new S.Person({ id: 'a', name: 'A' });
      b = new S.Person({ id: 'b', name: 'B' });
      c = new S.Person({ id: 'c', name: 'C' });
    });

    // As null and undefined (0.10.0): `false` empties the relation.
    it('empties the relation when set to false, null or undefined', function () {
      for (const empty of [false, null, undefined]) {
        h.set('occupants', ['a', 'b']);
        h.set('occupants', empty);
        expect(h.get('occupants').length, String(empty)).to.equal(0);
        expect(a.get('livesIn'), String(empty)).to.equal(null);
      }
    });

    // Ten years of 0.10.0: a model placed in a HasMany gets that collection as its `collection`
    // (so `model.url()` uses the collection's url), also when its own nested data re-points it
    // while the owner is being created.
    it('sets model.collection to the relation\'s collection, also for a model re-pointed while its owner is created', function () {
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'livesIn' } }],
      });
      S.Animal = Backbone.RelationalModel.extend({});
      const zoo = new S.Zoo({ id: 5, animals: [{ id: 6, livesIn: { id: 7 } }] });
      const other = S.Zoo.find(7);
      const animal = S.Animal.find(6);
      const holder = animal.get('livesIn');
      expect([zoo, other]).to.include(holder);
      expect(holder.get('animals').includes(animal)).to.equal(true);
      expect(animal.collection).to.be.an.instanceof(Backbone.Collection);
      expect([zoo.get('animals'), other.get('animals')]).to.include(animal.collection);
    });

    it('accepts an array of ids', function () {
      h.set('occupants', ['a', 'b']);
      expect(h.get('occupants').models).to.deep.equal([a, b]);
      expect(a.get('livesIn')).to.equal(h);
      expect(b.get('livesIn')).to.equal(h);
    });

    it('accepts an array of models', function () {
      h.set('occupants', [c, a]);
      expect(h.get('occupants').models).to.deep.equal([c, a]);
      expect(c.get('livesIn')).to.equal(h);
    });

    it('accepts attribute objects: merges existing models and creates new ones', function () {
      h.set('occupants', [{ id: 'a', name: 'A2' }, { id: 'd', name: 'D' }]);
      const d = Backbone.Relational.store.find(S.Person, 'd');
      expect(d).to.be.an.instanceof(S.Person);
      expect(h.get('occupants').models).to.deep.equal([a, d]);
      expect(a.get('name')).to.equal('A2');
      expect(d.get('livesIn')).to.equal(h);
    });

    it('accepts a mix of ids, models and attribute objects', function () {
      h.set('occupants', ['a', b, { id: 'c' }]);
      expect(h.get('occupants').models).to.deep.equal([a, b, c]);
      [a, b, c].forEach((m) => expect(m.get('livesIn')).to.equal(h));
    });

    it('treats a single id or object as a list of one', function () {
      h.set('occupants', 'b');
      expect(h.get('occupants').models).to.deep.equal([b]);
      h.set('occupants', { id: 'c' });
      expect(h.get('occupants').models).to.deep.equal([c]);
      expect(b.get('livesIn')).to.equal(null);
    });

    it('adds each model once, even when listed twice', function () {
      h.set('occupants', ['a', a, { id: 'a' }]);
      expect(h.get('occupants').models).to.deep.equal([a]);
    });

    it('removes models that are not in the new value, clearing their reverse relation', function () {
      h.set('occupants', [a, b]);
      h.set('occupants', [b, c]);
      expect(h.get('occupants').models).to.deep.equal([b, c]);
      expect(a.get('livesIn')).to.equal(null);
      expect(b.get('livesIn')).to.equal(h);
      expect(c.get('livesIn')).to.equal(h);
    });

    it('keeps the same collection instance across sets', function () {
      const coll = h.get('occupants');
      h.set('occupants', [a]);
      h.set('occupants', null);
      h.set('occupants', [b]);
      expect(h.get('occupants')).to.equal(coll);
      expect(coll.models).to.deep.equal([b]);
    });

    it('null empties the collection and clears the reverse relations', function () {
      h.set('occupants', [a, b]);
      h.set('occupants', null);
      expect(h.get('occupants')).to.be.an.instanceof(Backbone.Collection);
      expect(h.get('occupants').length).to.equal(0);
      expect(a.get('livesIn')).to.equal(null);
      expect(b.get('livesIn')).to.equal(null);
    });

    it('an empty array empties the collection', function () {
      h.set('occupants', [a]);
      h.set('occupants', []);
      expect(h.get('occupants').length).to.equal(0);
      expect(a.get('livesIn')).to.equal(null);
    });

    it('unset leaves an empty collection and clears the reverse relations', function () {
      h.set('occupants', [a, b]);
      h.unset('occupants');
      const coll = h.get('occupants');
      expect(coll).to.be.an.instanceof(Backbone.Collection);
      expect(coll.length).to.equal(0);
      expect(a.get('livesIn')).to.equal(null);
      h.set('occupants', [c]);
      expect(h.get('occupants').models).to.deep.equal([c]);
      expect(c.get('livesIn')).to.equal(h);
    });

    it('clear empties the collection and clears the reverse relations', function () {
      h.set('occupants', [a, b]);
      h.clear();
      expect(h.get('occupants').length).to.equal(0);
      expect(a.get('livesIn')).to.equal(null);
      expect(b.get('livesIn')).to.equal(null);
    });

    it('{add: false} does not add new models but still merges and removes', function () {
      h.set('occupants', [{ id: 'a' }, { id: 'b' }]);
      h.set('occupants', [{ id: 'b', name: 'B2' }, { id: 'c' }], { add: false });
      expect(h.get('occupants').models).to.deep.equal([b]);
      expect(b.get('name')).to.equal('B2');
      expect(a.get('livesIn')).to.equal(null);
      expect(c.get('livesIn')).to.equal(null);
    });

    it('{merge: false} does not update the attributes of existing models', function () {
      h.set('occupants', [a, b]);
      h.set('occupants', [{ id: 'a', name: 'changed' }, { id: 'c', name: 'C2' }], { merge: false });
      expect(h.get('occupants').models).to.deep.equal([a, c]);
      expect(a.get('name')).to.equal('A');
      expect(c.get('name')).to.equal('C');
      expect(b.get('livesIn')).to.equal(null);
    });

    it('{remove: false} keeps models that are not in the new value', function () {
      h.set('occupants', [a]);
      h.set('occupants', [{ id: 'b' }, { id: 'a', name: 'A3' }], { remove: false });
      expect(h.get('occupants').models).to.have.members([a, b]);
      expect(h.get('occupants').length).to.equal(2);
      expect(a.get('name')).to.equal('A3');
      expect(a.get('livesIn')).to.equal(h);
      expect(b.get('livesIn')).to.equal(h);
    });

    it('merges attributes of existing members by default', function () {
      h.set('occupants', [a]);
      h.set('occupants', [{ id: 'a', name: 'merged' }]);
      expect(a.get('name')).to.equal('merged');
      expect(h.get('occupants').models).to.deep.equal([a]);
    });

    it('accepts a Backbone.Collection, which becomes the relation value with a back-reference', function () {
      const coll = new Backbone.Collection([], { model: S.Person });
      h.set('occupants', coll);
      expect(h.get('occupants')).to.equal(coll);
      expect(coll.livesIn).to.equal(h);
      coll.add(a);
      expect(a.get('livesIn')).to.equal(h);
    });

    it('keeps the ids of models that are not loaded yet, and links them up when created', function () {
      h.set('occupants', ['a', 'x', 'y']);
      expect(h.get('occupants').models).to.deep.equal([a]);
      const y = new S.Person({ id: 'y' });
      expect(h.get('occupants').models).to.deep.equal([a, y]);
      expect(y.get('livesIn')).to.equal(h);
    });

    it('links up a missing model that gets its id later via set({id})', function () {
      h.set('occupants', ['x']);
      const x = new S.Person({ name: 'no id yet' });
      expect(h.get('occupants').length).to.equal(0);
      x.set({ id: 'x' });
      expect(h.get('occupants').models).to.deep.equal([x]);
      expect(x.get('livesIn')).to.equal(h);
    });

    it('forgets pending ids that are no longer in the value', function () {
      h.set('occupants', ['x']);
      h.set('occupants', ['a']);
      const x = new S.Person({ id: 'x' });
      expect(h.get('occupants').models).to.deep.equal([a]);
      expect(x.get('livesIn')).to.equal(null);
    });
  });

  describe('moving a model between parents', function () {
    let S, h1, h2, p;
    beforeEach(function () {
      S = ctx.scope;
      h1 = new S.House({ id: 'h1', occupants: [{ id: 'p' }] });
      h2 = new S.House({ id: 'h2' });
      p = S.Person.findOrCreate('p');
    });

    it('via collection.add on the new parent', function () {
      h2.get('occupants').add(p);
      expect(p.get('livesIn')).to.equal(h2);
      expect(h1.get('occupants').length).to.equal(0);
      expect(h2.get('occupants').models).to.deep.equal([p]);
    });

    it('via set on the new parent', function () {
      h2.set('occupants', ['p']);
      expect(p.get('livesIn')).to.equal(h2);
      expect(h1.get('occupants').length).to.equal(0);
    });

    it('via creating a new parent that lists the model', function () {
      const h3 = new S.House({ id: 'h3', occupants: [p] });
      expect(p.get('livesIn')).to.equal(h3);
      expect(h1.get('occupants').length).to.equal(0);
      expect(h3.get('occupants').models).to.deep.equal([p]);
    });

    it('via collection.remove on the old parent (the model is left without a parent)', function () {
      h1.get('occupants').remove(p);
      expect(p.get('livesIn')).to.equal(null);
      expect(h1.get('occupants').length).to.equal(0);
    });
  });

  describe('one-to-one', function () {
    it('setting one side clears the previous partner on both sides', function () {
      const S = ctx.scope;
      const u1 = new S.User({ id: 'u1', person: { id: 'p1' } });
      const u2 = new S.User({ id: 'u2' });
      const p1 = u1.get('person');
      expect(p1.get('user')).to.equal(u1);

      p1.set('user', 'u2');
      expect(u2.get('person')).to.equal(p1);
      expect(u1.get('person')).to.equal(null);

      u2.set('person', null);
      expect(p1.get('user')).to.equal(null);
    });

    it('a model taken by another partner leaves its old partner empty', function () {
      const S = ctx.scope;
      const p1 = new S.Person({ id: 'p1' });
      const p2 = new S.Person({ id: 'p2' });
      const u = new S.User({ id: 'u', person: p1 });
      p2.set('user', u);
      expect(u.get('person')).to.equal(p2);
      expect(p1.get('user')).to.equal(null);
    });
  });

  describe('self-referential', function () {
    it('moves a node between parents and keeps children in step', function () {
      const S = ctx.scope;
      const root = new S.Node({ id: 1 });
      const other = new S.Node({ id: 2 });
      const leaf = new S.Node({ id: 3, parent: 1 });
      expect(root.get('children').models).to.deep.equal([leaf]);
      leaf.set('parent', other);
      expect(root.get('children').length).to.equal(0);
      expect(other.get('children').models).to.deep.equal([leaf]);
      other.get('children').remove(leaf);
      expect(leaf.get('parent')).to.equal(null);
    });
  });
});
