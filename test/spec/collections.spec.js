'use strict';
// The patches Backbone-relational makes to Backbone.Collection: a collection whose `model` is a
// RelationalModel reuses the store's instances, and add/set/reset/remove/sort/fetch keep the
// relations of its models consistent. Plain collections are left alone.
const { expect } = require('chai');
const { Backbone, sinon, useFreshStore } = require('./_helpers');

function defineModels(S) {
  S.Person = Backbone.RelationalModel.extend({});
  S.House = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasMany', key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
  });
  S.People = Backbone.Collection.extend({ model: S.Person, url: '/people' });
  S.Houses = Backbone.Collection.extend({ model: S.House, url: '/houses' });
}

// A Backbone.sync that answers every request at once with `state.response`.
function fakeServer() {
  const state = { response: null, calls: [] };
  sinon.stub(Backbone, 'sync').callsFake(function (method, model, options) {
    state.calls.push(method);
    options.success(state.response);
    return null;
  });
  return state;
}

describe('Collections of relational models', function () {
  const ctx = useFreshStore(defineModels);
  let S, p5;
  beforeEach(function () {
    S = ctx.scope;
    p5 = new S.Person({ id: 5, name: 'five' });
  });

  describe('reusing store instances', function () {
    it('add({id}) gives the existing model, and does not merge attributes by default', function () {
      const people = new S.People();
      people.add({ id: 5, name: 'added' });
      expect(people.at(0)).to.equal(p5);
      expect(p5.get('name')).to.equal('five');
    });

    it('add with {merge: true} merges the attributes into the existing model', function () {
      const people = new S.People();
      people.add({ id: 5, name: 'merged' }, { merge: true });
      expect(people.at(0)).to.equal(p5);
      expect(p5.get('name')).to.equal('merged');
    });

    it('set merges attributes into the existing model by default', function () {
      const people = new S.People();
      people.set([{ id: 5, name: 'set' }]);
      expect(people.at(0)).to.equal(p5);
      expect(p5.get('name')).to.equal('set');
    });

    it('set with {merge: false} does not merge', function () {
      const people = new S.People();
      people.set([{ id: 5, name: 'ignored' }], { merge: false });
      expect(people.at(0)).to.equal(p5);
      expect(p5.get('name')).to.equal('five');
    });

    it('reset merges attributes into the existing model', function () {
      const people = new S.People();
      people.reset([{ id: 5, name: 'reset' }]);
      expect(people.at(0)).to.equal(p5);
      expect(p5.get('name')).to.equal('reset');
    });

    it('the constructor merges attributes into the existing model', function () {
      const people = new S.People([{ id: 5, name: 'constructed' }]);
      expect(people.at(0)).to.equal(p5);
      expect(p5.get('name')).to.equal('constructed');
    });

    it('several collections share the one instance', function () {
      const a = new S.People([{ id: 5 }]);
      const b = new S.People();
      b.add({ id: 5 });
      expect(a.get(5)).to.equal(p5);
      expect(b.get(5)).to.equal(p5);
    });

    it('creates and registers models for unknown ids', function () {
      const people = new S.People([{ id: 6, name: 'six' }]);
      const six = people.get(6);
      expect(six).to.be.an.instanceof(S.Person);
      expect(Backbone.Relational.store.find(S.Person, 6)).to.equal(six);
      expect(S.Person.findOrCreate(6)).to.equal(six);
    });

    it('a collection given {model} in its options reuses instances too', function () {
      const people = new Backbone.Collection([], { model: S.Person });
      people.add({ id: 5 });
      expect(people.at(0)).to.equal(p5);
    });

    // Two members come to share an id when one of another type is given a member's id after
    // joining: Backbone's id lookup then names the one given it last. Adding the data of the
    // collection's own model again finds that model, and the lookup names it from then on.
    it('add({id}) finds its model when a member of another type was given the same id', function () {
      const people = new S.People([{ id: 6 }]);
      const six = people.get(6);
      const house = new S.House();
      people.add(house);
      house.set('id', 6);
      expect(people.get(6)).to.equal(house);
      expect(people.add({ id: 6 })).to.equal(six);
      expect(people.get(6)).to.equal(six);
      expect(people.length).to.equal(2);
    });

    it('create() with a known id returns the existing model, updated', function () {
      fakeServer().response = {};
      const people = new S.People();
      const created = people.create({ id: 5, name: 'created' });
      expect(created).to.equal(p5);
      expect(p5.get('name')).to.equal('created');
      expect(people.includes(p5)).to.equal(true);
    });
  });

  describe('removing many models at once', function () {
    // Compared with plain Backbone models removed from a plain collection the same way.
    function removal(ModelType, count, choose) {
      const coll = new Backbone.Collection([], { model: ModelType });
      const models = Array.from({ length: count }, (_, i) => new ModelType({ id: 'r' + i }));
      coll.add(models);
      const seen = [];
      coll.on('remove', (model, c, options) => seen.push([model.id, options.index]));
      const gone = coll.remove(choose(models, ModelType));
      return {
        seen,
        gone: gone.map((m) => m.id),
        left: coll.pluck('id'),
        found: models.map((m) => (coll.get(m.id) ? 1 : 0)).join(''),
        foundByCid: models.map((m) => (coll.get(m.cid) ? 1 : 0)).join(''),
        collectionOf: models.map((m) => (m.collection === coll ? 1 : 0)).join(''),
      };
    }

    // Of 100 models: 90, 40 (fewer than stay) and all of them.
    const picks = [['most of them', (m) => !/0$/.test(m.id)], ['40 of them', (m) => /[0-3]$/.test(m.id)], ['every one', () => true]];
    for (const [what, pick] of picks) {
      it(`removing ${what} gives the events, indices and lookups Backbone gives`, function () {
        const Plain = Backbone.Model.extend({});
        const expected = removal(Plain, 100, (models) => models.filter(pick));
        const actual = removal(S.Person, 100, (models) => models.filter(pick));
        expect(actual.gone.length).to.equal(expected.gone.length);
        expect(actual).to.deep.equal(expected);
      });
    }

    it('removing them out of order, some twice, by model, id or cid, among others not in it, gives what Backbone gives', function () {
      // 50 of 100, from the back: every third named a second time (by id), every fifth by its
      // cid, with a model of the same type and an id that are not in the collection.
      const choose = (models, ModelType) => {
        const list = [];
        for (let i = 99; i >= 0; i -= 2) {
          const model = models[i];
          list.push(i % 5 === 0 ? model.cid : model);
          if (i % 3 === 0) list.push(model.id);
          if (i === 51) list.push(new ModelType({ id: 'stranger' }), 'r-none');
        }
        return list;
      };
      const Plain = Backbone.Model.extend({});
      const expected = removal(Plain, 100, choose);
      const actual = removal(S.Person, 100, choose);
      expect(actual.gone.length).to.equal(50);
      expect(actual).to.deep.equal(expected);
    });
  });

  describe('relations of the models in a collection', function () {
    it('adding attributes with a relation key links both sides', function () {
      const h = new S.House({ id: 'h' });
      const people = new S.People();
      people.add({ id: 7, livesIn: 'h' });
      const seven = people.get(7);
      expect(seven.get('livesIn')).to.equal(h);
      expect(h.get('occupants').models).to.deep.equal([seven]);
    });

    it('membership of a plain collection is independent of the relation', function () {
      const h = new S.House({ id: 'h' });
      const people = new S.People();
      people.add({ id: 7, livesIn: 'h' });
      people.remove(7);
      expect(people.length).to.equal(0);
      expect(h.get('occupants').pluck('id')).to.deep.equal([7]);
      expect(S.Person.findOrCreate(7).get('livesIn')).to.equal(h);
    });

    it('a model keeps the first collection it was added to as model.collection', function () {
      const people = new S.People([p5]);
      const h = new S.House({ id: 'h' });
      h.get('occupants').add(p5);
      expect(p5.collection).to.equal(people);
      const p8 = new S.Person({ id: 8 });
      h.get('occupants').add(p8);
      expect(p8.collection).to.equal(h.get('occupants'));
    });

    it('removing from a relation collection by id clears the reverse relation', function () {
      const h = new S.House({ id: 'h', occupants: [5] });
      expect(p5.get('livesIn')).to.equal(h);
      h.get('occupants').remove(5);
      expect(h.get('occupants').length).to.equal(0);
      expect(p5.get('livesIn')).to.equal(null);
    });

    it('adding the same model twice to a relation collection keeps one copy', function () {
      const h = new S.House({ id: 'h' });
      h.get('occupants').add(p5);
      h.get('occupants').add({ id: 5 });
      h.get('occupants').add(5);
      expect(h.get('occupants').models).to.deep.equal([p5]);
    });

    it('reset of a relation collection points the new members at the owner', function () {
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }] });
      h.get('occupants').reset([{ id: 3 }, p5]);
      const three = S.Person.findOrCreate(3);
      expect(h.get('occupants').models).to.deep.equal([three, p5]);
      expect(three.get('livesIn')).to.equal(h);
      expect(p5.get('livesIn')).to.equal(h);
    });

    it('sort reorders a relation collection without changing its members or their relations', function () {
      const h = new S.House({ id: 'h' });
      const occupants = h.get('occupants');
      occupants.comparator = 'name';
      occupants.add([{ id: 10, name: 'b' }, { id: 11, name: 'a' }]);
      expect(occupants.pluck('name')).to.deep.equal(['a', 'b']);
      occupants.get(11).set('name', 'z');
      occupants.sort();
      expect(occupants.pluck('name')).to.deep.equal(['b', 'z']);
      occupants.each((m) => expect(m.get('livesIn')).to.equal(h));
    });

    it("a relation collection's own add event sees the reverse relation already set", function () {
      const h = new S.House({ id: 'h' });
      const seen = [];
      h.get('occupants').on('add', (model) => seen.push(model.get('livesIn')));
      new S.Person({ id: 9, livesIn: 'h' });
      expect(seen).to.deep.equal([h]);
    });

    it("a relation collection's own remove event sees the reverse relation already cleared", function () {
      const h = new S.House({ id: 'h', occupants: [5] });
      const seen = [];
      h.get('occupants').on('remove', (model) => seen.push(model.get('livesIn')));
      p5.set('livesIn', null);
      expect(seen).to.deep.equal([null]);
    });
  });

  describe('merging nested relation data through a collection', function () {
    it('set replaces the members of a nested HasMany', function () {
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }, { id: 2 }] });
      const houses = new S.Houses([h]);
      houses.set([{ id: 'h', occupants: [{ id: 3 }] }]);
      expect(h.get('occupants').pluck('id')).to.deep.equal([3]);
      expect(S.Person.findOrCreate(1).get('livesIn')).to.equal(null);
    });

    it('add({merge: true}) and reset pass remove:false down, so a nested HasMany keeps its members', function () {
      const h = new S.House({ id: 'h', occupants: [{ id: 1 }] });
      const houses = new S.Houses([h]);
      houses.add({ id: 'h', occupants: [{ id: 2 }] }, { merge: true });
      expect(h.get('occupants').pluck('id')).to.deep.equal([1, 2]);
      houses.reset([{ id: 'h', occupants: [{ id: 3 }] }]);
      expect(h.get('occupants').pluck('id')).to.deep.equal([1, 2, 3]);
      expect(houses.models).to.deep.equal([h]);
    });
  });

  describe('fetch', function () {
    it('a collection fetch links relations to existing models and builds nested ones', function () {
      const server = fakeServer();
      server.response = [{ id: 'h1', occupants: [5, 6] }, { id: 'h2', occupants: [{ id: 7, name: 'seven' }] }];
      const houses = new S.Houses();
      houses.fetch();
      const h1 = houses.get('h1');
      const h2 = houses.get('h2');
      expect(server.calls).to.deep.equal(['read']);
      expect(h1.get('occupants').models).to.deep.equal([p5]);
      expect(p5.get('livesIn')).to.equal(h1);
      const seven = h2.get('occupants').at(0);
      expect(seven.get('name')).to.equal('seven');
      expect(seven.get('livesIn')).to.equal(h2);

      const six = new S.Person({ id: 6 });
      expect(six.get('livesIn')).to.equal(h1);
    });

    it('fetching again updates the relations of the existing models', function () {
      const server = fakeServer();
      const houses = new S.Houses();
      server.response = [{ id: 'h1', occupants: [5] }, { id: 'h2' }];
      houses.fetch();
      const h1 = houses.get('h1');
      const h2 = houses.get('h2');
      server.response = [{ id: 'h1' , occupants: [] }, { id: 'h2', occupants: [5] }];
      houses.fetch();
      expect(houses.get('h1')).to.equal(h1);
      expect(h1.get('occupants').length).to.equal(0);
      expect(h2.get('occupants').models).to.deep.equal([p5]);
      expect(p5.get('livesIn')).to.equal(h2);
    });

    it('a model fetch updates its relations', function () {
      const server = fakeServer();
      const h = new S.House({ id: 'h' });
      server.response = { id: 'h', name: 'fetched', occupants: [5, { id: 6 }] };
      h.fetch();
      expect(h.get('name')).to.equal('fetched');
      expect(h.get('occupants').pluck('id')).to.deep.equal([5, 6]);
      expect(p5.get('livesIn')).to.equal(h);
    });
  });

  describe('create with wait: true', function () {
    it('each model joins its relations a tick later, even when a listener throws for an earlier one', async function () {
      // (Let any release a previous test scheduled run on the real clock first.)
      await new Promise((resolve) => setTimeout(resolve, 5));
      sinon.stub(Backbone, 'sync').returns(null); // the server never answers
      const clock = sinon.useFakeTimers();
      try {
        const h = new S.House({ id: 'h' });
        let thrown = 0;
        h.on('add:occupants', () => {
          if (!thrown++) throw new Error('boom');
        });
        const people = new S.People();
        people.create({ id: 1, livesIn: 'h' }, { wait: true });
        people.create({ id: 2, livesIn: 'h' }, { wait: true });
        expect(people.length).to.equal(0);
        expect(h.get('occupants').length).to.equal(0);
        expect(() => clock.tick(1)).to.throw('boom');
        clock.tick(1);
        // 0.10.0 deferred each model on its own: the second joined although the first threw.
        expect(h.get('occupants').pluck('id')).to.deep.equal([1, 2]);
        expect(S.Person.find(2).get('livesIn')).to.equal(h);
      } finally {
        clock.restore();
      }
    });
    it('models left waiting among many released ones still join a tick later, in the order they were made', async function () {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sinon.stub(Backbone, 'sync').returns(null);
      S.Person.prototype.validate = (attrs) => (attrs.invalid ? 'invalid' : undefined);
      const clock = sinon.useFakeTimers();
      try {
        const h = new S.House({ id: 'h' });
        const people = new S.People();
        people.create({ id: 1, livesIn: 'h' }, { wait: true });
        const joined = [];
        const waiting = [1];
        // Each add releases two models and leaves the invalid third one unadded after them (it
        // never joins, on 0.10.0 either), then one more waits: the emptied slots sit between
        // models still waiting, enough of them to be compacted.
        for (let i = 0; i < 100; i++) {
          const ids = [100 + i, 200 + i, 300 + i];
          people.add([{ id: ids[0], livesIn: 'h' }, { id: ids[1], livesIn: 'h' }, { id: ids[2], livesIn: 'h', invalid: true }], { validate: true });
          people.create({ id: 500 + i, livesIn: 'h' }, { wait: true });
          joined.push(ids[0], ids[1]);
          waiting.push(500 + i);
          expect(h.get('occupants').pluck('id')).to.deep.equal(joined);
        }
        // A nested house releases its occupants, then itself, behind the waiting models.
        new S.Houses().add({ id: 'h2', occupants: [{ id: 400 }, { id: 401 }] });
        expect(S.House.find('h2').get('occupants').pluck('id')).to.deep.equal([400, 401]);
        expect(people.length).to.equal(200);
        clock.tick(1);
        expect(h.get('occupants').pluck('id')).to.deep.equal(joined.concat(waiting));
      } finally {
        clock.restore();
        delete S.Person.prototype.validate;
      }
    });
  });

  describe('a relation adding to its collection', function () {
    it('calls the `add` of a collectionType that overrides it, for models set on the reverse side and for late ones', function () {
      const calls = [];
      S.Tenants = Backbone.Collection.extend({
        add(models, options) {
          calls.push({ ids: [].concat(models).map((m) => m.id), parse: options && options.parse });
          return Backbone.Collection.prototype.add.call(this, models, options);
        },
      });
      S.Flat = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'tenants', relatedModel: 'Person', collectionType: 'Tenants', reverseRelation: { key: 'flat' } }],
      });
      const early = new S.Person({ id: 11, flat: 'f1' });
      const flat = new S.Flat({ id: 'f1' });
      p5.set('flat', flat);
      expect(flat.get('tenants').pluck('id')).to.deep.equal([11, 5]);
      expect(calls).to.deep.equal([{ ids: [11], parse: false }, { ids: [5], parse: false }]);
      expect(early.get('flat')).to.equal(flat);
    });

    it('gives `relational:add`, `add` and `add:<key>` listeners options of their own: unfrozen, one object per event', function () {
      const house = new S.House({ id: 'h1' });
      const seen = { relational: [], add: [], key: [] };
      house.get('occupants').on('relational:add', (model, coll, options) => seen.relational.push(options));
      house.get('occupants').on('add', (model, coll, options) => seen.add.push(options));
      house.on('add:occupants', (model, coll, options) => seen.key.push(options));
      p5.set('livesIn', house);
      new S.Person({ id: 6, livesIn: 'h1' });
      for (const list of [seen.relational, seen.add, seen.key]) {
        expect(list).to.have.length(2);
        expect(list[0]).to.not.equal(list[1]);
        for (const options of list) {
          expect(Object.isFrozen(options)).to.equal(false);
          expect(options).to.include({ add: true, merge: false, parse: false });
        }
      }
      // A listener may change its options without touching later additions.
      seen.relational[0].add = 'changed';
      new S.Person({ id: 7, livesIn: 'h1' });
      expect(seen.relational[2].add).to.equal(true);
      expect(house.get('occupants').pluck('id')).to.deep.equal([5, 6, 7]);
    });
  });

  describe('asking a collection whether it holds a model', function () {
    // 0.10.0's `set`, `remove` and its announcements asked `get(model) || get(model.cid)`: a
    // collection's own `modelId` hears the same questions, with the same arguments.
    function recordingModelIds() {
      const asked = [];
      const Recording = Backbone.Collection.extend({
        model: S.Person,
        modelId(attrs, idAttribute) {
          asked.push(typeof attrs === 'string' ? 'cid' : attrs.id);
          return Backbone.Collection.prototype.modelId.call(this, attrs, idAttribute);
        },
      });
      return { collection: new Recording(), asked };
    }

    it('add, set and remove of new, present and missing models ask modelId what 0.10.0 asked', function () {
      // What 0.10.0 asked, run side by side with each Backbone version (whose own `set` and
      // `_removeModels` ask a little more or less from version to version).
      const [major, minor] = Backbone.VERSION.split('.').map(Number);
      const setAsksTwiceMore = major === 1 && (minor === 4 || minor === 5);
      const removeAsksOnceLess = major === 1 && minor <= 2;
      const { collection, asked } = recordingModelIds();

      collection.add([p5, { id: 6 }]);
      expect(asked.splice(0)).to.deep.equal([5, 'cid', 6, 'cid', 5, 5, 6, 6, 5, 6]);
      collection.set([{ id: 6 }, { id: 7 }], { remove: false });
      expect(asked.splice(0)).to.deep.equal([...(setAsksTwiceMore ? [6, 6] : []), 6, 7, 'cid', 6, 7, 7, 7]);
      const eight = new S.Person({ id: 8 });
      collection.remove([eight, p5]);
      expect(asked.splice(0)).to.deep.equal([8, 'cid', 5, 5, 5, ...(removeAsksOnceLess ? [] : [5])]);
      expect(collection.pluck('id')).to.deep.equal([6, 7]);
    });

    it('a model of another type merely sharing a member\'s id ("5" and 5) is neither added nor announced (only the new one is)', function () {
      const people = new S.People([p5]);
      const events = [];
      people.on('all', (name) => events.push(name));
      const house = new S.House({ id: '5' });
      people.add([house, { id: 6 }]);
      expect(people.pluck('id')).to.deep.equal([5, 6]);
      expect(events).to.deep.equal(['add', 'update', 'relational:add']);
    });

    it('a model merely sharing a member\'s id is asked about no more than in 0.10.0', function () {
      const { collection, asked } = recordingModelIds();
      collection.add(p5);
      asked.splice(0);
      const house = new S.House({ id: '5' });
      collection.add(house);
      collection.set([house], { remove: false });
      // (Backbone's own `set` asks once more in each call; 0.10.0 asked `get(house)` only.)
      expect(asked.splice(0)).to.deep.equal(['5', '5', '5', '5']);
      expect(collection.models).to.deep.equal([p5]);
    });
  });

  // (0.10.0 threw a TypeError looking for the reverse relation of a model that has no relations.)
  it('a plain Backbone.Model added to a HasMany\'s collection is simply held (FAILS on 0.10.0)', function () {
    const house = new S.House({ id: 'h' });
    const plain = new Backbone.Model({ id: 'x' });
    house.get('occupants').add(plain);
    expect(house.get('occupants').models).to.deep.equal([plain]);
    house.get('occupants').remove(plain);
    expect(house.get('occupants').length).to.equal(0);
  });

  describe('filling an empty collection', function () {
    // A relation filling its new collection, and `set`/`add`/`reset` on an empty collection of
    // relational models, skip Backbone's `set` where nothing can tell (src/direct-additions.ts).
    // Each scenario runs twice: with Backbone's own collection methods, and with a collection
    // type whose `modelId` is its own (it calls Backbone's), for which Backbone's `set` runs.
    // Everything a listener and the caller can see must be the same.
    const Slow = Backbone.Collection.extend({
      modelId() {
        return Backbone.Collection.prototype.modelId.apply(this, arguments);
      },
    });

    function describeValue(value) {
      if (value instanceof Backbone.Model) return 'model ' + value.get('name');
      if (value instanceof Backbone.Collection) return 'collection ' + value.map((m) => m.get('name')).join(',');
      if (Array.isArray(value)) return value.map(describeValue);
      if (value && typeof value === 'object') {
        const pairs = [];
        for (const key in value) pairs.push([key, describeValue(value[key])]);
        return pairs;
      }
      return value;
    }
    function recorder(log, who) {
      return function (...args) {
        log.push([who].concat(args.map(describeValue)));
      };
    }
    function stateOf(collection) {
      return {
        names: collection.map((m) => m.get('name')),
        length: collection.length,
        models: collection.models.length,
        byId: Object.keys(collection._byId).filter((k) => !/^c\d+$/.test(k)).sort(),
        byCid: collection.map((m) => collection._byId[m.cid] === m),
      };
    }

    function nestedFill(Base, suffix) {
      const log = [];
      S['Occupants' + suffix] = Base.extend({
        initialize() {
          this.on('all', recorder(log, 'occupants'));
        },
      });
      S['Resident' + suffix] = Backbone.RelationalModel.extend({});
      S['Home' + suffix] = Backbone.RelationalModel.extend({
        relations: [{
          type: 'HasMany', key: 'residents', relatedModel: 'Resident' + suffix, collectionType: 'Occupants' + suffix,
          reverseRelation: { key: 'home' },
        }],
      });
      const home = new S['Home' + suffix]({
        id: 'h', name: 'home',
        residents: [{ id: 1, name: 'one' }, { id: 'two', name: 'two' }, { name: 'no id' }, { id: 4, name: 'four' }],
      });
      const residents = home.get('residents');
      log.push(['state', stateOf(residents)]);
      log.push(['reverse', residents.map((m) => m.get('home') === home)]);
      const empty = new S['Home' + suffix]({ id: 'e', name: 'empty', residents: [] });
      log.push(['empty', stateOf(empty.get('residents'))]);
      return log;
    }

    function directCalls(Base, suffix) {
      const log = [];
      S['Member' + suffix] = Backbone.RelationalModel.extend({});
      const Members = Base.extend({ model: S['Member' + suffix] });
      const cases = [
        ['set', [{ id: 1, name: 'a' }, { id: 2, name: 'b' }], { extra: 'x' }],
        ['set', [{ id: 3, name: 'c' }], { remove: false, merge: true }],
        ['set', [{ id: 5, name: 'e' }, { id: 6, name: 'f' }], { silent: true }],
        ['set', [{ id: 7, name: 'g' }], { add: false }],
        ['set', [{ id: 8, name: 'h' }], { at: 0 }],
        ['set', { id: 9, name: 'i' }, undefined],
        ['add', [{ id: 10, name: 'j' }, { id: 11, name: 'k' }], { custom: true }],
        ['add', { id: 12, name: 'l' }, undefined],
        ['reset', [{ id: 13, name: 'm' }, { name: 'n' }], undefined],
        ['set', [{ id: 14, name: 'o' }, { id: 14, name: 'o again' }], undefined],
        ['set', [{ id: 15, name: 'p' }, { id: '15', name: 'p as a string' }], undefined],
        ['set', 'cid as id', undefined],
        ['set', 'same model twice', undefined],
        ['set', 'twelve', undefined],
        ['set', 'cid that is every model\'s key', undefined],
        ['set', 'models left in the array', undefined],
        ['set', 'models left in the array', { remove: false }],
        ['set', 'a listener changing the options', undefined],
      ];
      for (const [method, items, options] of cases) {
        const members = new Members();
        members.on('all', recorder(log, method));
        let input = items;
        if (items === 'cid as id') {
          const first = new S['Member' + suffix]({ name: 'q' });
          input = [first, new S['Member' + suffix]({ id: first.cid, name: 'r' })];
        } else if (items === 'same model twice') {
          const model = new S['Member' + suffix]({ id: 16, name: 's' });
          input = [model, model];
        } else if (items === 'cid that is every model\'s key') {
          // (Backbone's `get` of any model first reads `_byId["[object Object]"]`.)
          const odd = new S['Member' + suffix]({ id: 17, name: 'u' });
          odd.cid = '[object Object]';
          input = [odd, new S['Member' + suffix]({ id: 18, name: 'v' })];
        } else if (items === 'models left in the array') {
          // (An empty collection whose `models` an application filled by hand.)
          members.models.push(new S['Member' + suffix]({ id: 'w' + log.length, name: 'w' }));
          input = [{ id: 'x' + log.length, name: 'x' }];
        } else if (items === 'a listener changing the options') {
          const first = new S['Member' + suffix]({ id: 21, name: 'y' });
          first.on('add', (model, collection, options) => {
            options.remove = false;
            options.silent = true;
          });
          input = [first, new S['Member' + suffix]({ id: 22, name: 'z' })];
        } else if (items === 'twelve') {
          input = [];
          for (let i = 0; i < 12; i++) input.push({ id: 100 + (i % 11), name: 't' + i });
        }
        const returned = members[method](input, options);
        log.push(['returned', method, describeValue(returned), Array.isArray(returned) && returned === members.models]);
        log.push(['state', stateOf(members)]);
      }
      return log;
    }

    it('a new relation fills its collection as Backbone\'s set would: events, options, order, lookups', function () {
      expect(nestedFill(Backbone.Collection, 'Fast')).to.deep.equal(nestedFill(Slow, 'Slow'));
    });

    it('set, add and reset of an empty collection of relational models answer as Backbone\'s set would', function () {
      expect(directCalls(Backbone.Collection, 'Fast')).to.deep.equal(directCalls(Slow, 'Slow'));
    });

    // One model joining a relation's collection nobody listens to, from the other side
    // (`guest.set('lodge', lodge, options)`), skips Backbone's `add` (`addModelDirectly`). With
    // options of the application's that have inherited and symbol keys, or a `__proto__` key of
    // their own, what the models and the caller see is what they see through Backbone's `add`
    // (which a collection type with an `add` of its own makes the library call), in Backbone 1.2
    // (whose `set` copies options with `_.defaults`) as in later versions.
    function oneModelAdded(Base, suffix) {
      const log = [];
      S['Guest' + suffix] = Backbone.RelationalModel.extend({});
      S['Lodge' + suffix] = Backbone.RelationalModel.extend({
        relations: [{
          type: 'HasMany', key: 'guests', relatedModel: 'Guest' + suffix, collectionType: Base,
          reverseRelation: { key: 'lodge' },
        }],
      });
      const lodge = new S['Lodge' + suffix]({ id: 'l', name: 'lodge' });
      const mark = Symbol('mark');
      const describeHeard = (heard) => [describeValue(heard), heard[mark], Object.getPrototypeOf(heard) === Object.prototype];
      lodge.on('all', (name, ...args) => log.push(['lodge', name, describeValue(args[0]), describeHeard(args[args.length - 1])]));
      const inherited = Object.create({ inherited: 'from the prototype' });
      inherited.own = 'own';
      inherited[mark] = 'symbol';
      const cases = [undefined, { custom: 1, merge: true }, inherited, JSON.parse('{"__proto__": {"x": 1}, "after": 2}'), { constructor: 'a key Object.prototype has' }];
      cases.forEach((options, i) => {
        const guest = new S['Guest' + suffix]({ id: i + 1, name: 'guest ' + i });
        guest.on('all', (name, ...args) => log.push(['guest', name, describeValue(args[0]), describeHeard(args[args.length - 1])]));
        const returned = guest.set('lodge', lodge, options);
        log.push(['returned', returned === guest, guest.get('lodge') === lodge]);
      });
      log.push(['state', stateOf(lodge.get('guests'))]);
      return log;
    }

    it('one model joining a relation\'s collection from the other side hears what Backbone\'s add gives it, inherited keys and all', function () {
      const OwnAdd = Backbone.Collection.extend({
        add() {
          return Backbone.Collection.prototype.add.apply(this, arguments);
        },
      });
      const direct = oneModelAdded(Backbone.Collection, 'Fast');
      expect(direct).to.deep.equal(oneModelAdded(OwnAdd, 'Slow'));
      // (The cases do reach the guests' `add`, with the application's keys.)
      expect(direct.filter((entry) => entry[0] === 'guest' && entry[1] === 'add')).to.have.length(5);
      expect(JSON.stringify(direct)).to.contain('from the prototype');
    });

    it('given no models, an empty collection fires nothing and returns a new empty list (or nothing, for no model)', function () {
      const members = new S.People();
      const events = [];
      members.on('all', (name) => events.push(name));
      const returned = [members.set([]), members.add([], { silent: false }), members.set([], { remove: false })];
      for (const list of returned) {
        expect(list).to.deep.equal([]);
        expect(list).to.not.equal(members.models);
      }
      expect(returned[0]).to.not.equal(returned[1]);
      expect(members.set(null)).to.equal(undefined);
      expect(members.add(undefined)).to.equal(undefined);
      expect(events).to.deep.equal([]);
      expect(members.length).to.equal(0);
    });
  });

  describe('plain collections', function () {
    it('behave as in Backbone: add ignores a duplicate id, set merges', function () {
      const plain = new Backbone.Collection();
      const added = [];
      plain.on('add', (m) => added.push(m.id));
      plain.add({ id: 1, a: 1 });
      plain.add({ id: 1, a: 2 });
      expect(plain.length).to.equal(1);
      expect(plain.get(1).get('a')).to.equal(1);
      expect(added).to.deep.equal([1]);
      plain.set([{ id: 1, a: 3 }]);
      expect(plain.get(1).get('a')).to.equal(3);
      expect(plain.get(1)).to.be.an.instanceof(Backbone.Model);
    });
  });
});
