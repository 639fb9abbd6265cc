'use strict';
// Regression tests for behaviour where backbone-relational 0.10.0 is wrong: the seven bugs
// listed in issue 7, and places where 0.10.0 contradicts the manual or the spec README.
//
// NOTE: every test in this file FAILS on the original library (BR_LIB=original) by design;
// each one names the bug it covers. They are meant to pass on this library.
const { expect } = require('chai');
const sinon = require('sinon');
const { Backbone, _, useFreshStore, stubWarn } = require('./_helpers');

const DUPLICATE = 'Cannot instantiate more than one Backbone.RelationalModel with the same id per type!';

function defineModels(S) {
  S.Person = Backbone.RelationalModel.extend({});
  S.People = Backbone.Collection.extend({ model: S.Person });
  S.House = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
  });
  S.Node = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasOne', key: 'parent', reverseRelation: { key: 'children' } }],
  });
}

describe('Fixed bugs of 0.10.0', function () {
  const ctx = useFreshStore(defineModels);

  // Issue 7, bug 1: reset() of a HasMany leaves the dropped models' reverse HasOne pointing at
  // the owner.
  it('bug 1: reset() of a HasMany clears the reverse relation of the dropped models', function () {
    const S = ctx.scope;
    const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
    const [one, two] = h.get('occupants').models;
    h.get('occupants').reset([two, { id: 3 }]);
    const three = S.Person.findOrCreate(3);
    expect(one.get('livesIn')).to.equal(null);
    expect(two.get('livesIn')).to.equal(h);
    expect(three.get('livesIn')).to.equal(h);
    h.get('occupants').reset([]);
    expect(two.get('livesIn')).to.equal(null);
    expect(three.get('livesIn')).to.equal(null);
  });

  it('bug 1: a silent reset() of a HasMany clears the reverse relation of the dropped models too', function () {
    const S = ctx.scope;
    const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
    const [one, two] = h.get('occupants').models;
    const heard = [];
    one.on('all', (name) => heard.push(name));
    h.get('occupants').reset([two], { silent: true });
    expect(one.get('livesIn')).to.equal(null);
    expect(two.get('livesIn')).to.equal(h);
    expect(h.get('occupants').models).to.deep.equal([two]);
    // (Silently, as the reset itself.)
    expect(heard).to.deep.equal([]);
  });

  // Issue 7, bug 2: setting a HasMany to a Backbone.Collection instance never sets the reverse
  // relation of its models.
  it('bug 2: setting a HasMany to a Backbone.Collection sets the reverse relation of its models', function () {
    const S = ctx.scope;
    const h = new S.House({ id: 'h' });
    const p = new S.Person({ id: 'p' });
    const coll = new Backbone.Collection([p], { model: S.Person });
    h.set('occupants', coll);
    expect(h.get('occupants')).to.equal(coll);
    expect(p.get('livesIn')).to.equal(h);
  });

  // Issue 7, bug 2: ... and the previous members keep pointing back.
  it('bug 2: setting a HasMany to a Backbone.Collection clears the reverse relation of the previous members', function () {
    const S = ctx.scope;
    const h = new S.House({ id: 'h', occupants: [{ id: 'old' }] });
    const old = h.get('occupants').at(0);
    h.set('occupants', new Backbone.Collection([new S.Person({ id: 'new' })], { model: S.Person }));
    expect(old.get('livesIn')).to.equal(null);
  });

  // Issue 7, bug 2: the same when the collection is given to the constructor.
  it('bug 2: a Backbone.Collection given to the constructor sets the reverse relation of its models', function () {
    const S = ctx.scope;
    const p = new S.Person({ id: 'p' });
    const h = new S.House({ id: 'h', occupants: new Backbone.Collection([p], { model: S.Person }) });
    expect(h.get('occupants').includes(p)).to.equal(true);
    expect(p.get('livesIn')).to.equal(h);
  });

  // Bug 2, with the collection of another owner: 0.10.0 left it held by both houses, its
  // members pointing at the first one only (this library once emptied it).
  it('bug 2: a collection another HasMany holds moves to the new owner with its models', function () {
    const S = ctx.scope;
    const first = new S.House({ id: 'first', occupants: [{ id: 'p' }] });
    const second = new S.House({ id: 'second' });
    const shared = first.get('occupants');
    const p = shared.at(0);
    second.set('occupants', shared);
    expect(second.get('occupants')).to.equal(shared);
    expect(shared.pluck('id')).to.deep.equal(['p']);
    expect(p.get('livesIn')).to.equal(second);
    expect(first.get('occupants')).to.not.equal(shared);
    expect(first.get('occupants').length).to.equal(0);
    expect(shared.livesIn).to.equal(second);
  });

  // Found by the differential soak (seed 2038198565): a collection given silently, then the key
  // emptied. 0.10.0 never linked the collection's model, so it never let go of it either.
  it('bug 2: a model of a collection given to a HasMany lets go of the owner when the key is emptied', function () {
    const S = ctx.scope;
    const p = new S.Person({ id: 'p' });
    const people = new S.People([p]);
    const h = new S.House({ id: 'h' });
    h.set('occupants', people, { silent: true });
    expect(p.get('livesIn')).to.equal(h);
    const heard = [];
    p.on('change:livesIn', (person, house) => heard.push(house));
    h.set('occupants', undefined);
    expect(h.get('occupants').length).to.equal(0);
    expect(p.get('livesIn')).to.equal(null);
    expect(heard).to.deep.equal([null]);
  });

  // Found by the differential soak (seed 2038198565, migration.md 8): nested data that set the
  // same key on the same model left 0.10.0's relation listening to the nested collection, so a
  // model joining the collection it holds fired no add:<key>.
  it('bug 8: after a set whose nested data set the same key on the same model, a model joining fires add:<key> once', function () {
    const S = ctx.scope;
    const n = new S.Node({ id: '1' });
    n.set('children', [{ id: 1, children: new Backbone.Collection([n]) }]);
    const added = [];
    n.on('add:children', (child) => added.push(child.id));
    const child = new S.Node({ id: 2, parent: 1 });
    expect(child.get('parent')).to.equal(n);
    expect(n.get('children').includes(child)).to.equal(true);
    expect(added).to.deep.equal([2]);
  });

  // Found by the differential soak (seed 2038198565, migration.md 15): 0.10.0 took a model out
  // of a HasMany by id when the related model with that id was destroyed, so a model of another
  // type sharing the id left instead.
  it('bug 15: destroying a model does not take a model of another type with its id out of a HasMany', function () {
    const S = ctx.scope;
    sinon.stub(Backbone, 'sync');
    const house = new S.House({ id: 3 });
    const nodes = [new S.Node({ id: 3 }), new S.Node({ id: 'owner' })];
    nodes[1].set('children', new Backbone.Collection([house]));
    nodes[0].destroy();
    expect(nodes[1].get('children').models).to.deep.equal([house]);
  });

  it('bug 15: unregistering a model does not take a model of another type with its id out of a HasMany', function () {
    const S = ctx.scope;
    const house = new S.House({ id: 3 });
    const nodes = [new S.Node({ id: 3 }), new S.Node({ id: 'owner' })];
    nodes[1].get('children').set(house);
    Backbone.Relational.store.unregister(nodes[0]);
    expect(nodes[1].get('children').models).to.deep.equal([house]);
  });

  // Issue 7, bug 3: a self-referential model created as its own parent has parent === itself
  // but an empty `children`.
  it('bug 3: a model created as its own parent is also its own child', function () {
    const S = ctx.scope;
    const n = new S.Node({ id: 1, parent: 1 });
    expect(n.get('parent')).to.equal(n);
    expect(n.get('children').models).to.deep.equal([n]);
  });

  // The same with the HasMany declared (found by the differential soak with a server, seed
  // 549624230): 0.10.0 put the model in its own children, and its parent stayed null.
  it('bug 3: a model created as its own child is also its own parent, until it joins another parent', function () {
    const Tree = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'children', reverseRelation: { key: 'parent' } }],
    });
    const n = new Tree({ id: 1, children: [1] });
    expect(n.get('children').models).to.deep.equal([n]);
    expect(n.get('parent')).to.equal(n);
    const other = new Tree({ id: 2 });
    other.get('children').add(n);
    expect(n.get('parent')).to.equal(other);
    expect(n.get('children').models).to.deep.equal([]);
  });

  // Issue 7, bug 4: an id of 0 assigned after creation is never registered.
  it('bug 4: an id of 0 assigned after creation is registered in the store', function () {
    const S = ctx.scope;
    const zero = new S.Person({ name: 'zero' });
    zero.set('id', 0);
    expect(Backbone.Relational.store.find(S.Person, 0)).to.equal(zero);
    expect(S.Person.findOrCreate(0)).to.equal(zero);
  });

  // migration.md 12: with cids that are numbers (`cidPrefix: ''`), 0.10.0's store took a new
  // model whose cid was a registered model's id for that model (Backbone's `get` reads
  // `_byId[cid]`), so never held it; unregistering the new model then removed the other one.
  it('a model whose cid is a registered model\'s id is registered, and unregistering it leaves that model', function () {
    const S = ctx.scope;
    S.Bare = Backbone.RelationalModel.extend({ cidPrefix: '' });
    new S.Bare();
    // (How many unique ids a model takes before its cid differs by library.)
    const before = Number(_.uniqueId());
    const takenFirst = Number(new S.Bare().cid) - before - 1;
    const key = before + 1000;
    const first = new S.Bare({ id: key });
    while (Number(_.uniqueId()) < key - 1 - takenFirst);
    const second = new S.Bare({ id: 5 });
    expect(second.cid).to.equal(String(key));
    const coll = Backbone.Relational.store.getCollection(S.Bare);
    expect(coll.models).to.deep.equal([first, second]);
    expect(S.Bare.find(5)).to.equal(second);
    Backbone.Relational.store.unregister(second);
    expect(coll.models).to.deep.equal([first]);
    expect(coll.get(first.cid)).to.equal(first);
  });

  // migration.md 12: before Backbone 1.4 a silent set of the id fires no event at all, and
  // 0.10.0 left the model under its old id in the store and in its collections, for good.
  it('a silent set that changes the id moves the model to its new id in the store and its collections', function () {
    const S = ctx.scope;
    const p = new S.Person({ id: 4 });
    const people = new Backbone.Collection([p], { model: S.Person });
    const plain = new Backbone.Collection([p]);
    p.set({ id: 5 }, { silent: true });
    expect(S.Person.find(4)).to.equal(null);
    expect(S.Person.find(5)).to.equal(p);
    expect(people.get(4)).to.equal(undefined);
    expect(people.get(5)).to.equal(p);
    expect(plain.get(4)).to.equal(undefined);
    expect(plain.get(5)).to.equal(p);
  });

  // migration.md 12, the same before Backbone 1.4 without `silent`: a `change:<key>` listener
  // that sets the model again runs, queued, before the `change` event Backbone 1.2 and 1.3 move
  // the id on, and starts a new set: by then the previous id is the new one, so 0.10.0 left the
  // model under its old id in the store and its collections (found by the soak, seed 103945698).
  it('a set that changes the id, with a change listener that sets the model again, moves it to its new id in the store and its collections', function () {
    const S = ctx.scope;
    const Tagged = S.Person.extend({
      initialize() {
        this.on('change:name', () => this.set('label', this.get('name')));
      },
    });
    const p = new Tagged({ id: 3 });
    const people = new Backbone.Collection([p], { model: Tagged });
    p.set({ id: 1, name: 'x' });
    expect(p.get('label')).to.equal('x');
    expect(Tagged.find(3)).to.equal(null);
    expect(Tagged.find(1)).to.equal(p);
    expect(Tagged.findOrCreate({ id: 3 })).to.not.equal(p);
    expect(people.get(3)).to.equal(undefined);
    expect(people.get(1)).to.equal(p);
  });

  // Issue 7, bug 4: ... so a second instance with id 0 could be created without an error.
  it('bug 4: a second instance with an id of 0 assigned later throws the duplicate-id error', function () {
    const S = ctx.scope;
    stubWarn();
    const zero = new S.Person({ name: 'zero' });
    zero.set('id', 0);
    expect(() => new S.Person({ id: 0 })).to.throw(Error, DUPLICATE);
  });

  // Issue 7, bug 4: a relation waiting for id 0 links up when a model gets id 0 later.
  it('bug 4: a relation waiting for id 0 links up when a model is given id 0 later', function () {
    const S = ctx.scope;
    const h = new S.House({ id: 'h', occupants: [0] });
    const zero = new S.Person({ name: 'zero' });
    zero.set('id', 0);
    expect(h.get('occupants').models).to.deep.equal([zero]);
    expect(zero.get('livesIn')).to.equal(h);
  });

  // Issue 7, bug 5: the first instance of a sub-model type skips the duplicate-id check against
  // its siblings.
  it('bug 5: the first instance of a sub-model type cannot take the id of a sibling type\'s model', function () {
    const S = ctx.scope;
    stubWarn();
    S.Animal = Backbone.RelationalModel.extend({ subModelTypes: { bird: 'Bird', mammal: 'Mammal' } });
    S.Bird = S.Animal.extend({});
    S.Mammal = S.Animal.extend({});
    const bird = new S.Bird({ id: 2 });
    expect(() => new S.Mammal({ id: 2 })).to.throw(Error, DUPLICATE);
    expect(Backbone.Relational.store.find(S.Animal, 2)).to.equal(bird);
  });

  // Issue 7, bug 6: a nested create that refers back to the outer model by id leaves `user` as
  // the raw id instead of the User.
  it('bug 6: a nested create referring back to the outer model by id still resolves its other relations', function () {
    const S = ctx.scope;
    S.User = Backbone.RelationalModel.extend({});
    S.Job = Backbone.RelationalModel.extend({});
    S.Worker = Backbone.RelationalModel.extend({
      relations: [
        { type: 'HasOne', key: 'user', relatedModel: 'User', reverseRelation: { type: 'HasOne', key: 'worker' } },
        { type: 'HasMany', key: 'jobs', relatedModel: 'Job', reverseRelation: { key: 'worker' } },
      ],
    });
    const user = new S.User({ id: 9 });
    const w = new S.Worker({ id: 8, jobs: [{ worker: { id: 8, user: 9 } }] });
    expect(w.get('user')).to.equal(user);
    expect(user.get('worker')).to.equal(w);
    expect(w.get('jobs').length).to.equal(1);
    expect(w.get('jobs').at(0).get('worker')).to.equal(w);
  });

  // Issue 7, bug 7: a nested self-referencing create can throw a TypeError halfway and leave a
  // half-built model in the store and in another model's relation.
  it('bug 7: a nested self-referencing create does not throw and leaves a consistent graph', function () {
    const S = ctx.scope;
    let root;
    expect(() => {
      root = new S.Node({ id: 1, children: [{ id: 2, parent: 1 }, { id: 3, children: [2] }] });
    }).to.not.throw();
    const store = Backbone.Relational.store;
    const two = store.find(S.Node, 2);
    const three = store.find(S.Node, 3);
    expect(store.find(S.Node, 1)).to.equal(root);
    expect(three.get('parent')).to.equal(root);
    expect(root.get('children').includes(three)).to.equal(true);
    const parentOfTwo = two.get('parent');
    expect([root, three]).to.include(parentOfTwo);
    expect(parentOfTwo.get('children').includes(two)).to.equal(true);
    const other = parentOfTwo === root ? three : root;
    expect(other.get('children').includes(two)).to.equal(false);
    expect(Backbone.Relational.eventQueue.isBlocked()).to.equal(false);
  });

  // The same TypeError, from another path: a nested model naming the model being created by id
  // is also the model another HasMany waits for; taking it from there asks the new model's
  // HasMany to remove it before that HasMany has a collection.
  it('bug 7: a nested model naming the model being created, awaited by another HasMany, does not throw', function () {
    const S = ctx.scope;
    const waiting = new S.House({ occupants: ['a'] });
    let house;
    expect(() => {
      house = new S.House({ id: 1, occupants: [{ id: 'a', livesIn: 1 }] });
    }).to.not.throw();
    const a = S.Person.findOrCreate('a');
    // The nested data places it in house 1, and there only.
    expect(a.get('livesIn')).to.equal(house);
    expect(house.get('occupants').models).to.deep.equal([a]);
    expect(waiting.get('occupants').length).to.equal(0);
    expect(Backbone.Relational.store.find(S.House, 1)).to.equal(house);
    expect(Backbone.Relational.eventQueue.isBlocked()).to.equal(false);
  });

  // Contradicts the manual ("createModels: Specifies whether models will be created from
  // nested objects or not"): 0.10.0 ignores createModels: false on a HasMany and builds models
  // from the nested objects anyway.
  it('createModels: false on a HasMany does not turn nested objects into models', function () {
    const S = ctx.scope;
    S.Animal = Backbone.RelationalModel.extend({});
    S.Zoo = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', createModels: false, reverseRelation: { key: 'livesIn' } }],
    });
    const zoo = new S.Zoo({ id: 1, animals: [{ id: 'a', species: 'Lion' }] });
    expect(Backbone.Relational.store.find(S.Animal, 'a')).to.not.be.ok;
    expect(zoo.get('animals').length).to.equal(0);
    const lion = new S.Animal({ id: 'a' });
    expect(zoo.get('animals').models).to.deep.equal([lion]);
  });

  // Contradicts the spec README ("relations (array, or a function returning one)"): 0.10.0
  // throws a TypeError in extend when `relations` is a function.
  it('relations may be a function returning the array of relations', function () {
    const S = ctx.scope;
    S.Animal = Backbone.RelationalModel.extend({});
    S.Zoo = Backbone.RelationalModel.extend({
      relations: function () {
        return [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'livesIn' } }];
      },
    });
    const zoo = new S.Zoo({ id: 1, animals: [{ id: 2 }] });
    expect(zoo.getRelation('animals')).to.be.an.instanceof(Backbone.HasMany);
    expect(zoo.get('animals').at(0).get('livesIn')).to.equal(zoo);
  });

  // migration.md 39: in 0.10.0 a relation heard its model and its collection through Backbone
  // handlers, which the application's `off` removed with its own; the relation then no longer
  // followed changes, and the two sides of the graph parted. Here the relations keep hearing
  // their model's changes and their collection's additions and removals.
  describe('off() of the application', function () {
    function household() {
      const S = ctx.scope;
      const first = new S.House({ id: 'h1', occupants: [{ id: 1 }, { id: 2 }] });
      const second = new S.House({ id: 'h2' });
      return { first, second, one: Backbone.Relational.store.find(S.Person, 1) };
    }

    it('on a model leaves its HasOne moving it between the HasManys', function () {
      const { first, second, one } = household();
      one.off();
      one.set({ livesIn: second });
      expect(first.get('occupants').pluck('id')).to.deep.equal([2]);
      expect(second.get('occupants').pluck('id')).to.deep.equal([1]);
    });

    it('on a model whose reverse relation came after a handler of its own change event leaves it hearing', function () {
      const S = ctx.scope;
      S.Tenant = Backbone.RelationalModel.extend({});
      const tenant = new S.Tenant({ id: 't' });
      tenant.on('relational:change:flat', () => {});
      S.Flat = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'tenants', relatedModel: 'Tenant', reverseRelation: { key: 'flat' } }],
      });
      const first = new S.Flat({ id: 'f1', tenants: ['t'] });
      const second = new S.Flat({ id: 'f2' });
      tenant.off();
      tenant.set({ flat: second });
      expect(first.get('tenants').pluck('id')).to.deep.equal([]);
      expect(second.get('tenants').pluck('id')).to.deep.equal(['t']);
    });

    it("of a relation's event on a model leaves the relation hearing it", function () {
      const { first, one } = household();
      one.off('relational:change:livesIn');
      one.set({ livesIn: null });
      expect(first.get('occupants').pluck('id')).to.deep.equal([2]);
    });

    it('on the owner leaves its HasMany a collection, which lets the dropped model go', function () {
      const { first, one } = household();
      first.off();
      first.set({ occupants: [2] });
      expect(first.get('occupants')).to.be.an.instanceof(Backbone.Collection);
      expect(first.get('occupants').pluck('id')).to.deep.equal([2]);
      expect(one.get('livesIn')).to.equal(null);
    });

    it("on a HasMany's collection leaves a removed model letting go of the owner", function () {
      const { first, one } = household();
      first.get('occupants').off();
      first.get('occupants').remove(one);
      expect(one.get('livesIn')).to.equal(null);
    });
  });
});
