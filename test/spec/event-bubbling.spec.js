'use strict';
// Event bubbling (opt-in): the events of related models and collections are passed on to the
// relation's owner with backbone-associations' names (`change:animals[1].species`,
// `change:animals[*].species`, `change:user.login`). Turned on per relation (`bubbleEvents: true`)
// or for every relation set up afterwards (`Backbone.Relational.bubbleEvents = true`). Off (the
// default) nothing is passed on: the first block checks that.
const { expect } = require('chai');
const sinon = require('sinon');
const { Backbone, Relational, useFreshStore, recordEvents } = require('./_helpers');
const { associationsEmployee, relationalEmployee } = require('./_employee-types');

function defineTypes(scope, settings = {}) {
  // `bubble`: the bubbleEvents of the declared relations (true by default; undefined leaves it out).
  const bubble = 'bubble' in settings ? settings.bubble : true;
  const reverseBubbles = settings.reverseBubbles;
  const reverseRelation = { key: 'livesIn', includeInJSON: 'id' };
  if (reverseBubbles !== undefined) reverseRelation.bubbleEvents = reverseBubbles;
  const animals = { type: Backbone.HasMany, key: 'animals', relatedModel: 'Animal', reverseRelation };
  if (bubble !== undefined) animals.bubbleEvents = bubble;
  const toys = { type: Backbone.HasMany, key: 'toys', relatedModel: 'Toy' };
  if (bubble !== undefined) toys.bubbleEvents = bubble;
  const user = { type: Backbone.HasOne, key: 'user', relatedModel: 'User' };
  if (bubble !== undefined) user.bubbleEvents = bubble;
  scope.Toy = Backbone.RelationalModel.extend({});
  scope.Animal = Backbone.RelationalModel.extend({ relations: [toys] });
  scope.Zoo = Backbone.RelationalModel.extend({ relations: [animals] });
  scope.User = Backbone.RelationalModel.extend({});
  scope.Person = Backbone.RelationalModel.extend({ relations: [user] });
}

function newZoo(scope) {
  return new scope.Zoo({
    id: 1, name: 'Zoo',
    animals: [{ id: 'a', species: 'lion' }, { id: 'b', species: 'zebra', toys: [{ id: 't1', name: 'ball' }, { id: 't2', name: 'rope' }] }],
  });
}

/** The bubbled events in `log`: those whose name holds a path (a bracket or a dot after the colon). */
function bubbled(log) {
  return log.names().filter((name) => /:.*[[.]/.test(name) || /^(change|sort|update|destroy):\w+$/.test(name));
}

describe('event bubbling (opt-in)', function () {
  afterEach(function () {
    Relational.bubbleEvents = false;
    Relational.bubbleWildcards = true;
  });

  describe('off (the default)', function () {
    const ctx = useFreshStore((scope) => defineTypes(scope, { bubble: undefined }));

    it('the owner hears none of its related models\' events, and nothing listens to them for it', function () {
      const zoo = newZoo(ctx.scope);
      const animals = zoo.get('animals');
      const events = recordEvents(zoo);
      animals.at(1).set('species', 'okapi');
      animals.at(1).get('toys').at(0).set('name', 'bell');
      expect(Relational.bubbleEvents).to.equal(false);
      expect(events.names()).to.deep.equal([]);
      expect(animals._events && animals._events.all).to.equal(undefined);
    });
  });

  describe('bubbleEvents: true on a relation', function () {
    const ctx = useFreshStore((scope) => defineTypes(scope));

    it('a related model\'s change:<attr> fires on the owner with its index, and with [*]', function () {
      const zoo = newZoo(ctx.scope);
      const zebra = zoo.get('animals').at(1);
      const events = recordEvents(zoo);
      zebra.set('species', 'okapi');
      expect(events.names()).to.deep.equal([
        'change:animals[1].species', 'change:animals[*].species', 'change:animals[1]', 'change:animals[*]',
      ]);
      // The arguments are the related model's own.
      const [, model, value, options] = events.of('change:animals[1].species')[0];
      expect(model).to.equal(zebra);
      expect(value).to.equal('okapi');
      expect(options).to.be.an('object');
      expect(events.of('change:animals[1]')[0][1]).to.equal(zebra);
    });

    it('without wildcards (bubbleWildcards = false) only the indexed names fire', function () {
      Relational.bubbleWildcards = false;
      const zoo = newZoo(ctx.scope);
      const events = recordEvents(zoo);
      zoo.get('animals').at(0).set('species', 'puma');
      expect(events.names()).to.deep.equal(['change:animals[0].species', 'change:animals[0]']);
      expect(() => { Relational.bubbleWildcards = 1; }).to.throw(TypeError, 'bubbleWildcards must be true or false');
    });

    it('events bubble on through every bubbling relation, with each index on the way', function () {
      const zoo = newZoo(ctx.scope);
      const rope = zoo.get('animals').at(1).get('toys').at(1);
      const events = recordEvents(zoo);
      rope.set('name', 'cord');
      expect(bubbled(events)).to.deep.equal([
        'change:animals[1].toys[1].name', 'change:animals[*].toys[*].name',
        'change:animals[1].toys[1]', 'change:animals[*].toys[*]',
      ]);
      expect(events.of('change:animals[1].toys[1].name')[0][1]).to.equal(rope);
    });

    it('add, remove and reset of the related collection reach the owner once, as 0.10.0 passes them on', function () {
      const zoo = newZoo(ctx.scope);
      const animals = zoo.get('animals');
      const events = recordEvents(zoo);
      animals.add({ id: 'c', species: 'owl' });
      animals.remove('a');
      animals.reset([{ id: 'd' }]);
      expect(events.count('add:animals')).to.equal(1);
      expect(events.count('remove:animals')).to.equal(1);
      expect(events.count('reset:animals')).to.equal(1);
      expect(events.of('add:animals')[0][1]).to.equal(ctx.scope.Animal.find('c'));
      // Backbone's `update` and `sort` bubble as backbone-associations passed them on.
      expect(events.count('update:animals')).to.equal(2);
      animals.comparator = 'id';
      animals.sort();
      expect(events.count('sort:animals')).to.equal(1);
    });

    it('a model that leaves the relation is no longer heard; one that joins is', function () {
      const zoo = newZoo(ctx.scope);
      const lion = zoo.get('animals').at(0);
      zoo.get('animals').remove(lion);
      const owl = new ctx.scope.Animal({ id: 'c' });
      zoo.get('animals').add(owl);
      const events = recordEvents(zoo);
      lion.set('species', 'cat');
      owl.set('species', 'owl');
      expect(bubbled(events)).to.deep.equal(['change:animals[1].species', 'change:animals[*].species', 'change:animals[1]', 'change:animals[*]']);
    });

    it('through a HasOne: change:user.login and change:user; a replaced user is no longer heard', function () {
      const person = new ctx.scope.Person({ id: 1, user: { id: 'u1', login: 'ann' } });
      const ann = person.get('user');
      const events = recordEvents(person);
      ann.set('login', 'anne');
      expect(events.names()).to.deep.equal(['change:user.login', 'change:user']);
      expect(events.of('change:user.login')[0].slice(1, 3)).to.deep.equal([ann, 'anne']);
      person.set('user', { id: 'u2', login: 'bob' });
      events.length = 0;
      ann.set('login', 'gone');
      person.get('user').set('login', 'bobby');
      expect(events.names()).to.deep.equal(['change:user.login', 'change:user']);
      expect(events[0][1].id).to.equal('u2');
    });

    it('other events of a related model bubble too (destroy: Backbone removes the model first, so no index)', function () {
      sinon.stub(Backbone, 'sync');
      const zoo = newZoo(ctx.scope);
      const events = recordEvents(zoo);
      zoo.get('animals').at(1).destroy();
      expect(events.names()).to.deep.equal(['remove:animals', 'update:animals', 'destroy:animals']);
      expect(events.of('destroy:animals')[0][1].id).to.equal('b');
      const events2 = recordEvents(zoo);
      zoo.get('animals').at(0).trigger('sync', zoo.get('animals').at(0), {}, {});
      expect(events2.names()).to.deep.equal(['sync:animals[0]', 'sync:animals[*]']);
    });

    it('bubbled events wait in the event queue: listeners see the graph as the whole set left it', function () {
      const zoo = newZoo(ctx.scope);
      const seen = [];
      zoo.on('change:animals[0].species', (animal) => seen.push([animal.get('livesIn') === zoo, zoo.get('name'), zoo.get('animals').length]));
      zoo.set({ name: 'New', animals: [{ id: 'a', species: 'tiger' }, { id: 'b' }, { id: 'c' }] });
      expect(seen).to.deep.equal([[true, 'New', 3]]);
    });

    it('a bubbleEvents that is not a boolean is an error', function () {
      ctx.scope.Bad = Backbone.RelationalModel.extend({ relations: [{ type: Backbone.HasOne, key: 'x', relatedModel: 'User', bubbleEvents: 'yes' }] });
      expect(() => new ctx.scope.Bad({ id: 1 })).to.throw(TypeError, 'bubbleEvents must be true or false');
    });
  });

  describe('graphs with cycles', function () {
    const ctx = useFreshStore((scope) => defineTypes(scope, { reverseBubbles: true }));

    it('both sides bubbling: each model fires each event once, and nothing loops', function () {
      const zoo = newZoo(ctx.scope);
      const [lion, zebra] = zoo.get('animals').models;
      const zooEvents = recordEvents(zoo);
      const lionEvents = recordEvents(lion);
      const zebraEvents = recordEvents(zebra);
      zoo.set('name', 'Zed');
      expect(zooEvents.names()).to.deep.equal(['change:name', 'change']);
      expect(lionEvents.names()).to.deep.equal(['change:livesIn.name', 'change:livesIn']);
      expect(zebraEvents.names()).to.deep.equal(['change:livesIn.name', 'change:livesIn']);

      zooEvents.length = lionEvents.length = zebraEvents.length = 0;
      lion.set('species', 'puma');
      // The zoo hears it; the zebra hears it through the zoo; it never comes back to the lion or the zoo.
      expect(lionEvents.names()).to.deep.equal(['change:species', 'change']);
      expect(zooEvents.names()).to.deep.equal(['change:animals[0].species', 'change:animals[*].species', 'change:animals[0]', 'change:animals[*]']);
      expect(zebraEvents.names()).to.deep.equal([
        'change:livesIn.animals[0].species', 'change:livesIn.animals[*].species', 'change:livesIn.animals[0]', 'change:livesIn.animals[*]',
      ]);
    });

    it('Backbone.Relational.bubbleEvents = true turns it on for every relation set up afterwards', function () {
      Relational.bubbleEvents = true;
      ctx.scope.Cage = Backbone.RelationalModel.extend({
        relations: [
          { type: Backbone.HasOne, key: 'animal', relatedModel: 'Animal' },
          { type: Backbone.HasOne, key: 'quiet', relatedModel: 'Animal', bubbleEvents: false },
        ],
      });
      const cage = new ctx.scope.Cage({ id: 1, animal: { id: 'x' }, quiet: { id: 'y' } });
      const events = recordEvents(cage);
      cage.get('animal').set('name', 'Rex');
      cage.get('quiet').set('name', 'Mute');
      expect(events.names()).to.deep.equal(['change:animal.name', 'change:animal']);
      expect(() => { Relational.bubbleEvents = 'all'; }).to.throw(TypeError, 'Backbone.Relational.bubbleEvents must be true or false');
    });
  });

  describe('ported from backbone-associations (only the set-up changed)', function () {
    useFreshStore();

    const NAMES = [
      'change:locations[0].city', 'change:locations[1].city', 'change:locations[*].city', 'change:locations[1]', 'change:locations[*]',
      'add:locations', 'remove:locations', 'change:works_for.locations[1].city', 'change:works_for.locations[*].city',
      'change:works_for.name', 'change:works_for',
    ];

    // The same application code, run once on backbone-associations 0.6.2 and once here. Each
    // event name is listened to on its own (backbone-associations bubbles only to names listened to).
    function application(types) {
      const log = [];
      const describeArg = (arg) => (arg && arg.attributes ? `model ${arg.get('city') || arg.get('name')}` : arg && arg.models ? 'collection' : typeof arg);
      const listen = (target, who) => NAMES.forEach((name) => target.on(name, function () {
        log.push(`${who} ${name} (${Array.prototype.map.call(arguments, describeArg).join(', ')})`);
      }));
      const emp = new types.Employee({ fname: 'John', works_for: { name: 'Acme', locations: [{ city: 'Paris' }, { city: 'Oslo' }] } });
      const company = emp.get('works_for');
      listen(emp, 'employee');
      listen(company, 'company');
      company.get('locations').at(1).set('city', 'Bergen');
      company.set('name', 'Globex');
      company.get('locations').add({ city: 'Rome' });
      company.get('locations').remove(company.get('locations').at(0));
      company.get('locations').at(0).set('city', 'Oslo');
      return log;
    }

    it('gives the same events, with the same arguments, in the same order', function () {
      const theirs = application({ Employee: associationsEmployee() });
      Relational.bubbleEvents = true;
      const ours = application({ Employee: relationalEmployee() });
      expect(theirs).to.include('company change:locations[1].city (model Bergen, string, object)');
      expect(theirs).to.include('employee change:works_for.locations[1].city (model Bergen, string, object)');
      expect(ours).to.deep.equal(theirs);
    });
  });
});
