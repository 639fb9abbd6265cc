'use strict';
// Manual, "Catalog of Events" and "Event queuing": add:<key>, remove:<key> and change:<key> with
// their arguments, the plain Backbone change events, how many of each a common operation fires
// and in which order, and that listeners see a consistent object graph.
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
}

// Records the public events fired on `obj` as { name, args }. Left out: Backbone-relational's
// internal 'relational:*' events, and Backbone 1.4/1.5's 'changeId', which those versions fire
// for every set that includes the id, changed or not.
function record(obj, log, label) {
  obj.on('all', function (name, ...args) {
    if (name.indexOf('relational:') === 0 || name === 'changeId') return;
    log.push({ name: label ? label + ':' + name : name, args });
  });
  return log;
}
const names = (log) => log.map((e) => e.name);
const count = (log, name) => log.filter((e) => e.name === name).length;
const find = (log, name) => log.find((e) => e.name === name);

describe('Events', function () {
  const ctx = useFreshStore(defineModels);
  let S, h1, h2, p;
  beforeEach(function () {
    S = ctx.scope;
    h1 = new S.House({ id: 'h1' });
    h2 = new S.House({ id: 'h2' });
    p = new S.Person({ id: 'p', name: 'Paul' });
  });

  describe('a model created through a relation', function () {
    // 0.10.0: the change events of a new model's first `set` wait in the event queue and reach
    // whoever listens by the time they fire: listeners bound in `initialize`, and the relation's
    // collection, which has added the new model by then.
    function defineZoo() {
      S.Animal = Backbone.RelationalModel.extend({
        initialize() {
          this.heard = [];
          this.on('all', (name) => this.heard.push(name));
        },
      });
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'livesIn' } }],
      });
    }

    it('fires change on the relation\'s collection once for the new model', function () {
      defineZoo();
      const zoo = new S.Zoo({ id: 'z' });
      const log = record(zoo.get('animals'), []);
      zoo.set({ animals: [{ id: 'a1' }] });
      expect(names(log)).to.deep.equal(['update', 'change:id', 'change', 'add', 'sort', 'change:livesIn']);
      expect(count(log, 'change')).to.equal(1);
      expect(find(log, 'change').args[0]).to.equal(zoo.get('animals').get('a1'));
    });

    it('does not reach a collection whose own add creates the model: they fire before it adds the model', function () {
      defineZoo();
      const zoo = new S.Zoo({ id: 'z' });
      const log = record(zoo.get('animals'), []);
      zoo.get('animals').add({ id: 'a1', name: 'Rex' });
      expect(zoo.get('animals').get('a1').heard).to.include.members(['change:name', 'change']);
      // Only what linking the new member to the zoo fires afterwards reaches the collection.
      expect(names(log)).to.deep.equal(['add', 'update', 'change:livesIn']);
    });

    it('reaches listeners the new model bound in initialize', function () {
      defineZoo();
      const zoo = new S.Zoo({ id: 'z', animals: [{ id: 'a1', name: 'Rex' }] });
      expect(zoo.get('animals').get('a1').heard).to.include.members(['change:name', 'change:livesIn', 'change']);
    });

    it('fires change on the collection again when the animal changes through zoo.set, and nothing for the same data', function () {
      defineZoo();
      const zoo = new S.Zoo({ id: 'z', animals: [{ id: 'a1', name: 'Rex' }] });
      const log = record(zoo.get('animals'), []);
      zoo.set({ animals: [{ id: 'a1', name: 'Max' }] });
      expect(names(log)).to.deep.equal(['change:name', 'change']);
      log.length = 0;
      zoo.set({ animals: [{ id: 'a1', name: 'Max' }] });
      expect(names(log)).to.deep.equal([]);
    });
  });

  describe('setting a HasOne', function () {
    it('fires change:<key> once on the model with (model, related model, options)', function () {
      const log = record(p, []);
      p.set('livesIn', h1);
      expect(count(log, 'change:livesIn')).to.equal(1);
      const [model, related, options] = find(log, 'change:livesIn').args;
      expect(model).to.equal(p);
      expect(related).to.equal(h1);
      expect(options).to.be.an('object');
    });

    it('fires add:<key> once on the other side with (added model, collection, options)', function () {
      const log = record(h1, []);
      p.set('livesIn', h1);
      expect(names(log)).to.deep.equal(['add:occupants']);
      const [model, coll, options] = log[0].args;
      expect(model).to.equal(p);
      expect(coll).to.equal(h1.get('occupants'));
      expect(options).to.be.an('object');
    });

    it('fires one plain change event, before change:<key>', function () {
      const log = record(p, []);
      p.set('livesIn', h1);
      expect(count(log, 'change')).to.equal(1);
      const relevant = names(log).filter((n) => n === 'change' || n === 'change:livesIn');
      expect(relevant).to.deep.equal(['change', 'change:livesIn']);
    });

    it('fires nothing when the same value is set again (as model, id or attributes)', function () {
      p.set('livesIn', h1);
      const log = record(p, []);
      record(h1, log, 'h1');
      p.set('livesIn', h1);
      p.set('livesIn', 'h1');
      p.set('livesIn', { id: 'h1' });
      expect(log).to.deep.equal([]);
    });

    it('moving fires remove:<key> on the old parent, add:<key> on the new one, and change:<key> once', function () {
      p.set('livesIn', h1);
      const log = [];
      record(p, log, 'p');
      record(h1, log, 'h1');
      record(h2, log, 'h2');
      p.set('livesIn', h2);
      expect(count(log, 'h1:remove:occupants')).to.equal(1);
      expect(count(log, 'h2:add:occupants')).to.equal(1);
      expect(count(log, 'p:change:livesIn')).to.equal(1);
      expect(find(log, 'p:change:livesIn').args[1]).to.equal(h2);
      expect(find(log, 'h1:remove:occupants').args[0]).to.equal(p);
      expect(find(log, 'h1:remove:occupants').args[1]).to.equal(h1.get('occupants'));
      const order = names(log).filter((n) => /occupants/.test(n));
      expect(order).to.deep.equal(['h1:remove:occupants', 'h2:add:occupants']);
    });

    it('null fires remove:<key> on the old parent and change:<key> with null', function () {
      p.set('livesIn', h1);
      const log = [];
      record(p, log, 'p');
      record(h1, log, 'h1');
      p.set('livesIn', null);
      expect(count(log, 'h1:remove:occupants')).to.equal(1);
      expect(count(log, 'p:change:livesIn')).to.equal(1);
      expect(find(log, 'p:change:livesIn').args[1]).to.equal(null);
    });

    it('an id of a model that is not loaded yet fires nothing until the model is created', function () {
      const log = record(p, []);
      p.set('livesIn', 'h9');
      expect(log).to.deep.equal([]);
      const h9 = new S.House({ id: 'h9' });
      expect(count(log, 'change:livesIn')).to.equal(1);
      expect(find(log, 'change:livesIn').args[1]).to.equal(h9);
    });

    it('a change from the other side fires change:<key> but no plain change event', function () {
      const log = record(p, []);
      h1.get('occupants').add(p);
      expect(count(log, 'change:livesIn')).to.equal(1);
      expect(find(log, 'change:livesIn').args[1]).to.equal(h1);
      expect(count(log, 'change')).to.equal(0);
    });

    it('one-to-one: both sides fire change:<key> once', function () {
      const u = new S.User({ id: 'u' });
      const log = [];
      record(p, log, 'p');
      record(u, log, 'u');
      p.set('user', u);
      expect(count(log, 'p:change:user')).to.equal(1);
      expect(count(log, 'u:change:person')).to.equal(1);
      expect(find(log, 'u:change:person').args[1]).to.equal(p);
      u.set('person', null);
      expect(count(log, 'p:change:user')).to.equal(2);
      expect(log.filter((e) => e.name === 'p:change:user')[1].args[1]).to.equal(null);
    });
  });

  describe('setting a HasMany', function () {
    let a, b, c;
    beforeEach(function () {
      a = new S.Person({ id: 'a' });
      b = new S.Person({ id: 'b' });
      c = new S.Person({ id: 'c' });
    });

    it('fires add:<key> per new model in order, then change:<key> once with (model, collection)', function () {
      const log = record(h1, []);
      h1.set('occupants', [a, b, c]);
      const adds = log.filter((e) => e.name === 'add:occupants');
      expect(adds.map((e) => e.args[0])).to.deep.equal([a, b, c]);
      expect(count(log, 'change:occupants')).to.equal(1);
      const change = find(log, 'change:occupants');
      expect(change.args[0]).to.equal(h1);
      expect(change.args[1]).to.equal(h1.get('occupants'));
      const relationEvents = names(log).filter((n) => /occupants/.test(n));
      expect(relationEvents[relationEvents.length - 1]).to.equal('change:occupants');
    });

    it('fires remove:<key> per removed model and one change:<key>', function () {
      h1.set('occupants', [a, b, c]);
      const log = record(h1, []);
      h1.set('occupants', [b]);
      expect(log.filter((e) => e.name === 'remove:occupants').map((e) => e.args[0])).to.have.members([a, c]);
      expect(count(log, 'remove:occupants')).to.equal(2);
      expect(count(log, 'add:occupants')).to.equal(0);
      expect(count(log, 'change:occupants')).to.equal(1);
    });

    it('fires change:<key> on each member whose HasOne changed', function () {
      const log = [];
      record(a, log, 'a');
      record(b, log, 'b');
      h1.set('occupants', [a, b]);
      expect(count(log, 'a:change:livesIn')).to.equal(1);
      expect(count(log, 'b:change:livesIn')).to.equal(1);
      expect(find(log, 'a:change:livesIn').args[1]).to.equal(h1);
    });

    it('fires nothing when the same members are set again', function () {
      h1.set('occupants', [a, b]);
      const log = record(h1, []);
      record(a, log, 'a');
      h1.set('occupants', [a, b]);
      h1.set('occupants', ['a', 'b']);
      expect(log).to.deep.equal([]);
    });

    it('merging only attributes of members fires their change events, not the relation events', function () {
      h1.set('occupants', [a]);
      const log = record(h1, []);
      record(a, log, 'a');
      h1.set('occupants', [{ id: 'a', name: 'renamed' }]);
      expect(names(log)).to.deep.equal(['a:change:name', 'a:change']);
    });

    it('adding to the collection fires add:<key>, without change:<key>', function () {
      const log = record(h1, []);
      h1.get('occupants').add(a);
      expect(names(log)).to.deep.equal(['add:occupants']);
    });

    it('removing from the collection fires remove:<key>, without change:<key>', function () {
      h1.get('occupants').add(a);
      const log = record(h1, []);
      h1.get('occupants').remove(a);
      expect(names(log)).to.deep.equal(['remove:occupants']);
      expect(log[0].args[0]).to.equal(a);
    });

    it('reset of the collection fires reset:<key> with the collection', function () {
      h1.get('occupants').add(a);
      const log = record(h1, []);
      h1.get('occupants').reset([b]);
      expect(names(log)).to.deep.equal(['reset:occupants']);
      expect(log[0].args[0]).to.equal(h1.get('occupants'));
    });

    it('a pending id fires add:<key> when its model is created', function () {
      h1.set('occupants', ['a', 'x']);
      const log = record(h1, []);
      const x = new S.Person({ id: 'x' });
      expect(names(log)).to.deep.equal(['add:occupants']);
      expect(log[0].args[0]).to.equal(x);
    });
  });

  describe('silent', function () {
    it('{silent: true} on a HasOne set fires nothing on either side', function () {
      const log = [];
      record(p, log, 'p');
      record(h1, log, 'h1');
      p.set('livesIn', h1, { silent: true });
      expect(log).to.deep.equal([]);
      expect(h1.get('occupants').models).to.deep.equal([p]);
    });

    it('{silent: true} on a HasMany set or add fires nothing', function () {
      const log = [];
      record(p, log, 'p');
      record(h1, log, 'h1');
      h1.set('occupants', [p], { silent: true });
      h1.get('occupants').add({ id: 'y' }, { silent: true });
      expect(log).to.deep.equal([]);
      expect(p.get('livesIn')).to.equal(h1);
      expect(S.Person.findOrCreate('y').get('livesIn')).to.equal(h1);
    });
  });

  describe('plain attributes', function () {
    it('fire change:<attr> then change, once', function () {
      const log = record(p, []);
      p.set('name', 'Paula');
      expect(names(log)).to.deep.equal(['change:name', 'change']);
      expect(log[0].args[1]).to.equal('Paula');
    });

    it('setting the same value twice fires no second change', function () {
      const log = record(p, []);
      p.set('name', 'Paula');
      p.set('name', 'Paula');
      expect(names(log)).to.deep.equal(['change:name', 'change']);
    });

    it('a set of a relation key with plain attributes fires each change:<attr> once', function () {
      const log = record(p, []);
      p.set({ name: 'Paula', age: 3, livesIn: h1 });
      expect(count(log, 'change:name')).to.equal(1);
      expect(count(log, 'change:age')).to.equal(1);
      expect(count(log, 'change:livesIn')).to.equal(1);
      expect(count(log, 'change')).to.equal(1);
    });
  });

  describe('Backbone.Relational.eventQueue', function () {
    it('holds change events while blocked and fires them when unblocked', function () {
      const queue = Backbone.Relational.eventQueue;
      const log = record(p, []);
      queue.block();
      try {
        p.set('name', 'Queued');
        expect(log).to.deep.equal([]);
        expect(p.get('name')).to.equal('Queued');
      } finally {
        queue.unblock();
      }
      expect(names(log)).to.deep.equal(['change:name', 'change']);
    });

    it('is not blocked between operations', function () {
      p.set('livesIn', h1);
      h2.set('occupants', [p]);
      new S.House({ id: 'h3', occupants: [{ id: 'q' }] });
      expect(Backbone.Relational.eventQueue.isBlocked()).to.equal(false);
    });
  });

  describe('listeners see a consistent graph', function () {
    it('in change:<key>, both the old and the new parent are already updated', function () {
      p.set('livesIn', h1);
      const seen = [];
      p.on('change:livesIn', function (model, house) {
        seen.push([house, h1.get('occupants').includes(p), h2.get('occupants').includes(p), model.previous('livesIn')]);
      });
      p.set('livesIn', h2);
      expect(seen).to.deep.equal([[h2, false, true, h1]]);
    });

    it('in add:<key>, the added model already points back', function () {
      const seen = [];
      h1.on('add:occupants', (model, coll) => seen.push([model.get('livesIn'), coll.includes(model)]));
      p.set('livesIn', h1);
      new S.Person({ id: 'q', livesIn: 'h1' });
      expect(seen).to.deep.equal([[h1, true], [h1, true]]);
    });

    it('in remove:<key>, the removed model no longer points back', function () {
      p.set('livesIn', h1);
      const seen = [];
      h1.on('remove:occupants', (model, coll) => seen.push([model.get('livesIn'), coll.includes(model)]));
      p.set('livesIn', h2);
      expect(seen).to.deep.equal([[h2, false]]);
    });

    it('when a new parent is created with a model, the model\'s change:<key> sees the finished parent', function () {
      const seen = [];
      p.on('change:livesIn', function (model, house) {
        seen.push([house.id, house.get('name'), house.get('occupants').includes(p)]);
      });
      new S.House({ id: 'h3', name: 'Third', occupants: [p] });
      expect(seen).to.deep.equal([['h3', 'Third', true]]);
    });

    it('a collection holding the model hears its add:<key>, remove:<key> and change:<key>, as Backbone passes them on', function () {
      const houses = new Backbone.Collection([h1, h2]);
      const people = new Backbone.Collection([p]);
      const log = [];
      houses.on('add:occupants remove:occupants', (model, coll) => log.push(['houses', model.id, coll === h1.get('occupants') ? 'h1' : 'h2']));
      people.on('change:livesIn', (model, house) => log.push(['people', model.id, house && house.id]));
      p.set('livesIn', h1);
      p.set('livesIn', h2);
      expect(log).to.deep.equal([
        ['houses', 'p', 'h1'], ['people', 'p', 'h1'],
        ['houses', 'p', 'h1'], ['houses', 'p', 'h2'], ['people', 'p', 'h2'],
      ]);
    });

    it('a collection that starts listening after a change hears the next one', function () {
      const people = new Backbone.Collection([p]);
      p.set('livesIn', h1);
      const seen = [];
      people.on('change:livesIn', (model, house) => seen.push(house.id));
      p.set('livesIn', h2);
      expect(seen).to.deep.equal(['h2']);
    });

    it('in change:<key> of a one-to-one, the partner already points back', function () {
      const u = new S.User({ id: 'u' });
      const seen = [];
      u.on('change:person', (user, person) => seen.push([person, person.get('user')]));
      p.set('user', u);
      expect(seen).to.deep.equal([[p, u]]);
    });
  });
});
