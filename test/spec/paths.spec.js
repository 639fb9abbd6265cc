'use strict';
// Paths (opt-in): `get` and `set` through relations, as backbone-associations reads them
// (`zoo.get('animals[0].species')`, `person.get('user.login')`, `zoo.set('animals[1].name', 'Rex')`).
// Turned on with `Backbone.Relational.paths = true`, or `paths: true` on a type. Off (the
// default), keys are attribute names as in 0.10.0: the first block checks that.
const { expect } = require('chai');
const { Backbone, Relational, useFreshStore, recordEvents } = require('./_helpers');
const { associationsEmployee, relationalEmployee } = require('./_employee-types');

function defineZoo(scope, zooProps) {
  scope.Animal = Backbone.RelationalModel.extend({});
  scope.Zoo = Backbone.RelationalModel.extend(Object.assign({
    relations: [{ type: Backbone.HasMany, key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'livesIn', includeInJSON: 'id' } }],
  }, zooProps));
  scope.User = Backbone.RelationalModel.extend({});
  scope.Person = Backbone.RelationalModel.extend(Object.assign({
    relations: [{ type: Backbone.HasOne, key: 'user', relatedModel: 'User' }],
  }, zooProps));
}

function newZoo(scope) {
  return new scope.Zoo({ id: 1, name: 'Zoo', animals: [{ id: 'a', species: 'lion' }, { id: 'b', species: 'zebra' }] });
}

describe('paths (opt-in)', function () {
  afterEach(function () {
    Relational.paths = false;
    Relational.pathSeparator = '.';
  });

  describe('off (the default): keys are attribute names, as in 0.10.0', function () {
    const ctx = useFreshStore((scope) => defineZoo(scope));

    it('get of a path is the attribute of that name, so undefined', function () {
      const zoo = newZoo(ctx.scope);
      expect(Relational.paths).to.equal(false);
      expect(zoo.get('animals[0].species')).to.equal(undefined);
      expect(zoo.get('animals.0.species')).to.equal(undefined);
    });

    it('set of a path sets an attribute of that name', function () {
      const zoo = newZoo(ctx.scope);
      zoo.set('animals[1].name', 'Rex');
      expect(zoo.attributes['animals[1].name']).to.equal('Rex');
      expect(zoo.get('animals').at(1).get('name')).to.equal(undefined);
    });

    it('get and set are the methods they are without paths', function () {
      expect(Backbone.RelationalModel.prototype.get).to.equal(Backbone.Model.prototype.get);
      expect(Object.prototype.hasOwnProperty.call(ctx.scope.Zoo.prototype, 'get')).to.equal(false);
    });
  });

  describe('Backbone.Relational.paths = true', function () {
    const ctx = useFreshStore((scope) => {
      Relational.paths = true;
      defineZoo(scope);
    });

    it('get reads through a HasMany by index and through a HasOne', function () {
      const zoo = newZoo(ctx.scope);
      const person = new ctx.scope.Person({ id: 1, user: { id: 'u1', login: 'ann' } });
      expect(zoo.get('animals[0].species')).to.equal('lion');
      expect(zoo.get('animals[1].species')).to.equal('zebra');
      expect(zoo.get('animals.1.species')).to.equal('zebra');
      expect(zoo.get('animals[1]')).to.equal(zoo.get('animals').at(1));
      expect(person.get('user.login')).to.equal('ann');
      expect(person.get('user')).to.equal(ctx.scope.User.find('u1'));
    });

    it('get goes on through reverse relations, any number of steps', function () {
      const zoo = newZoo(ctx.scope);
      expect(zoo.get('animals[1].livesIn.name')).to.equal('Zoo');
      expect(zoo.get('animals[0].livesIn.animals[1].species')).to.equal('zebra');
    });

    it('a path through a missing link gives undefined', function () {
      const zoo = newZoo(ctx.scope);
      const person = new ctx.scope.Person({ id: 1 });
      expect(zoo.get('animals[5].species')).to.equal(undefined);
      expect(zoo.get('animals[0].nothing.deeper')).to.equal(undefined);
      expect(person.get('user.login')).to.equal(undefined);
      expect(zoo.get('name.length')).to.equal(undefined);
    });

    it('set writes through a HasMany by index, firing the events on the model it reaches', function () {
      const zoo = newZoo(ctx.scope);
      const rex = zoo.get('animals').at(1);
      const events = recordEvents(rex);
      expect(zoo.set('animals[1].name', 'Rex')).to.equal(zoo);
      expect(rex.get('name')).to.equal('Rex');
      expect(zoo.get('animals[1].name')).to.equal('Rex');
      expect(events.names()).to.deep.equal(['change:name', 'change']);
      expect(zoo.has('animals[1].name')).to.equal(true);
      expect(zoo.escape('animals[1].name')).to.equal('Rex');
    });

    it('set writes through a HasOne, and relations along the path are updated as by a set on that model', function () {
      const person = new ctx.scope.Person({ id: 1, user: { id: 'u1', login: 'ann' } });
      person.set('user.login', 'bob');
      expect(ctx.scope.User.find('u1').get('login')).to.equal('bob');
      const zoo = newZoo(ctx.scope);
      const other = new ctx.scope.Zoo({ id: 2 });
      zoo.set('animals[0].livesIn', other);
      expect(zoo.get('animals').pluck('id')).to.deep.equal(['b']);
      expect(other.get('animals').pluck('id')).to.deep.equal(['a']);
    });

    it('an object mixing own attributes and paths sets each on its model; listeners hear once all are set', function () {
      const zoo = newZoo(ctx.scope);
      const seen = [];
      zoo.get('animals').at(0).on('change:name', () => seen.push(['animal', zoo.get('name')]));
      zoo.on('change:name', () => seen.push(['zoo', zoo.get('animals[0].name')]));
      zoo.set({ name: 'Zed', 'animals[0].name': 'Leo', 'animals[1].name': 'Stripes' });
      expect(zoo.get('name')).to.equal('Zed');
      expect(zoo.get('animals').pluck('name')).to.deep.equal(['Leo', 'Stripes']);
      expect(seen).to.deep.equal([['zoo', 'Leo'], ['animal', 'Zed']]);
    });

    it('unset through a path', function () {
      const zoo = newZoo(ctx.scope);
      zoo.unset('animals[0].species');
      expect(zoo.get('animals').at(0).has('species')).to.equal(false);
    });

    it('set through a missing link is an error naming the path, and sets nothing', function () {
      const zoo = newZoo(ctx.scope);
      const person = new ctx.scope.Person({ id: 1 });
      expect(() => zoo.set({ name: 'Changed', 'animals[7].name': 'Rex' }))
        .to.throw(Error, 'Cannot set the path "animals[7].name": "animals[7]" leads to no model');
      expect(zoo.get('name')).to.equal('Zoo');
      expect(() => person.set('user.login', 'x')).to.throw(Error, 'Cannot set the path "user.login": "user" leads to no model');
      expect(() => zoo.set('animals.name', 'x')).to.throw(Error, '"animals" is a collection');
      expect(() => zoo.set('animals[0]', {})).to.throw(Error, 'must end in an attribute name');
      expect(Relational.eventQueue.isBlocked()).to.equal(false);
    });

    it('set returns false, as Backbone does, when validation refuses the value at the end of the path', function () {
      ctx.scope.Animal.prototype.validate = (attrs) => (attrs.name === 'bad' ? 'no' : undefined);
      const zoo = newZoo(ctx.scope);
      expect(zoo.set('animals[0].name', 'bad', { validate: true })).to.equal(false);
      expect(zoo.get('animals[0].name')).to.equal(undefined);
    });

    it('an attribute whose name contains the separator keeps working', function () {
      const zoo = newZoo(ctx.scope);
      // No attribute `first`: `first.name` is an attribute name.
      zoo.set('first.name', 'Ann');
      expect(zoo.attributes['first.name']).to.equal('Ann');
      expect(zoo.get('first.name')).to.equal('Ann');
      // An attribute of that very name wins over the path.
      const withDots = new ctx.scope.Zoo({ id: 3, 'animals.0.species': 'own', animals: [{ id: 'c', species: 'owl' }] });
      expect(withDots.get('animals.0.species')).to.equal('own');
      withDots.set('animals.0.species', 'still own');
      expect(withDots.attributes['animals.0.species']).to.equal('still own');
      expect(withDots.get('animals[0].species')).to.equal('owl');
    });

    it('the separator is configurable, and must be a non-empty string without brackets', function () {
      const person = new ctx.scope.Person({ id: 1, user: { id: 'u1', login: 'ann' } });
      Relational.pathSeparator = '/';
      expect(person.get('user/login')).to.equal('ann');
      expect(person.get('user.login')).to.equal(undefined);
      person.set('user/login', 'bob');
      expect(person.get('user/login')).to.equal('bob');
      for (const bad of ['', '[', 'a]', 3, null]) {
        expect(() => { Relational.pathSeparator = bad; }).to.throw(TypeError, 'pathSeparator');
      }
      expect(Relational.pathSeparator).to.equal('/');
    });

    it('turning paths off again gives back the plain get and set', function () {
      Relational.paths = false;
      const zoo = newZoo(ctx.scope);
      expect(zoo.get('animals[0].species')).to.equal(undefined);
      expect(Backbone.RelationalModel.prototype.get).to.equal(Backbone.Model.prototype.get);
    });

    it('only true or false is taken', function () {
      expect(() => { Relational.paths = 'yes'; }).to.throw(TypeError, 'Backbone.Relational.paths must be true or false');
      expect(Relational.paths).to.equal(true);
    });
  });

  describe('paths: true on a type', function () {
    const ctx = useFreshStore((scope) => defineZoo(scope, { paths: true }));

    it('turns paths on for that type and its sub-types only', function () {
      const zoo = newZoo(ctx.scope);
      expect(zoo.get('animals[1].species')).to.equal('zebra');
      const SubZoo = ctx.scope.Zoo.extend({});
      const sub = new SubZoo({ id: 9, animals: [{ id: 'x', species: 'yak' }] });
      expect(sub.get('animals[0].species')).to.equal('yak');
      // Animal did not turn paths on.
      expect(zoo.get('animals').at(0).get('livesIn.name')).to.equal(undefined);
      expect(Relational.paths).to.equal(false);
    });

    it('paths: false on a sub-type turns it off there', function () {
      const PlainZoo = ctx.scope.Zoo.extend({ paths: false });
      const zoo = new PlainZoo({ id: 9, animals: [{ id: 'x', species: 'yak' }] });
      expect(zoo.get('animals[0].species')).to.equal(undefined);
    });

    it('works for ES classes through setup', function () {
      class Garden extends Backbone.RelationalModel {}
      Garden.setup({ paths: true, relations: [{ type: Backbone.HasOne, key: 'keeper', relatedModel: ctx.scope.User }] });
      const garden = new Garden({ keeper: { id: 'k', login: 'kim' } });
      expect(garden.get('keeper.login')).to.equal('kim');
    });

    it('a paths option that is not a boolean is an error', function () {
      expect(() => Backbone.RelationalModel.extend({ paths: 'yes' })).to.throw(TypeError, 'paths must be true or false');
    });
  });

  describe('ported from backbone-associations (only the set-up changed)', function () {
    useFreshStore();
    afterEach(function () {
      Relational.paths = false;
    });

    // The same application code, run once on backbone-associations 0.6.2 and once here.
    function application(types) {
      const results = [];
      const emp = new types.Employee({ fname: 'John', works_for: { name: 'Acme', locations: [{ city: 'Paris' }, { city: 'Oslo' }] } });
      results.push(emp.get('works_for.name'), emp.get('works_for.locations[1].city'), emp.get('works_for.locations[2].city'));
      emp.set('works_for.name', 'Globex');
      emp.set('works_for.locations[0].city', 'Lyon');
      emp.set({ fname: 'Jane', 'works_for.locations[1].zip': '0150' });
      results.push(emp.get('works_for.name'), emp.get('works_for.locations[0].city'), emp.get('works_for.locations[1].zip'), emp.get('fname'));
      results.push(emp.get('works_for').get('locations').pluck('city'));
      return results;
    }

    it('gives the same values', function () {
      const theirs = application({ Employee: associationsEmployee() });
      Relational.paths = true;
      const ours = application({ Employee: relationalEmployee() });
      expect(theirs).to.deep.equal(['Acme', 'Oslo', undefined, 'Globex', 'Lyon', '0150', 'Jane', ['Lyon', 'Oslo']]);
      expect(ours).to.deep.equal(theirs);
    });
  });
});
