'use strict';
// The examples of the manual that belong to the core, as tests: Zoo/Animal (artis, lion,
// amersfoort), the basic House/Person/User example, the Person/Job/Company many-to-many, and
// the "Larry Page" example of the Event queuing section; then the examples of docs/guide.md.
const { expect } = require('chai');
const { Backbone, _, Relational, useFreshStore, stubWarn } = require('./_helpers');

describe('Examples of the manual', function () {
  const ctx = useFreshStore();

  describe('Zoo and Animal', function () {
    beforeEach(function () {
      const S = ctx.scope;
      S.Zoo = Backbone.RelationalModel.extend({
        relations: [{
          type: Backbone.HasMany,
          key: 'animals',
          relatedModel: 'Animal',
          collectionType: 'AnimalCollection',
          reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
        }],
      });
      S.Animal = Backbone.RelationalModel.extend({ urlRoot: '/animal/' });
      S.AnimalCollection = Backbone.Collection.extend({ model: S.Animal });
    });

    it('`animals` in artis contains lion', function () {
      const S = ctx.scope;
      const artis = new S.Zoo({ name: 'Artis' });
      const lion = new S.Animal({ species: 'Lion', livesIn: artis });
      expect(artis.get('animals').pluck('species')).to.deep.equal(['Lion']);
      expect(artis.get('animals')).to.be.an.instanceof(S.AnimalCollection);
      expect(lion.get('livesIn')).to.equal(artis);
    });

    it('lion moves to amersfoort, and artis no longer contains it', function () {
      const S = ctx.scope;
      const artis = new S.Zoo({ name: 'Artis' });
      const lion = new S.Animal({ species: 'Lion', livesIn: artis });
      const amersfoort = new S.Zoo({ name: 'Dierenpark Amersfoort', animals: [lion] });
      expect(lion.get('livesIn')).to.equal(amersfoort);
      expect(lion.get('livesIn').get('name') + ', ' + artis.get('animals').length).to.equal('Dierenpark Amersfoort, 0');
      expect(amersfoort.get('animals').models).to.deep.equal([lion]);
    });

    it('updating animal.livesIn updates zoo.animals, and the other way round', function () {
      const S = ctx.scope;
      const artis = new S.Zoo({ name: 'Artis' });
      const amersfoort = new S.Zoo({ name: 'Dierenpark Amersfoort' });
      const lion = new S.Animal({ species: 'Lion' });
      artis.get('animals').add(lion);
      expect(lion.get('livesIn')).to.equal(artis);
      lion.set('livesIn', amersfoort);
      expect(artis.get('animals').length).to.equal(0);
      expect(amersfoort.get('animals').models).to.deep.equal([lion]);
      amersfoort.get('animals').remove(lion);
      expect(lion.get('livesIn')).to.equal(null);
    });
  });

  describe('the basic example: House, Person and User', function () {
    let S, paul, ourHouse;
    beforeEach(function () {
      S = ctx.scope;
      S.House = Backbone.RelationalModel.extend({
        relations: [{
          type: Backbone.HasMany,
          key: 'occupants',
          relatedModel: 'Person',
          includeInJSON: Backbone.Model.prototype.idAttribute,
          collectionType: 'PersonCollection',
          reverseRelation: { key: 'livesIn' },
        }],
      });
      S.Person = Backbone.RelationalModel.extend({
        relations: [{
          type: Backbone.HasOne,
          key: 'user',
          relatedModel: 'User',
          reverseRelation: { type: Backbone.HasOne, key: 'person' },
        }],
        initialize: function () {},
      });
      S.PersonCollection = Backbone.Collection.extend({
        url: function (models) {
          return '/person/' + (models ? 'set/' + models.map((m) => m.id).join(';') + '/' : '');
        },
      });
      S.User = Backbone.RelationalModel.extend();

      paul = new S.Person({ id: 'person-1', name: 'Paul', user: { id: 'user-1', login: 'dude', email: 'me@gmail.com' } });
      ourHouse = new S.House({ id: 'house-1', location: 'in the middle of the street', occupants: ['person-1', 'person-2', 'person-5'] });
    });

    it("creates a User from the JSON, so paul.get('user').get('login') is 'dude'", function () {
      expect(paul.get('user')).to.be.an.instanceof(S.User);
      expect(paul.get('user').get('login')).to.equal('dude');
      expect(paul.get('user').get('person')).to.equal(paul);
    });

    it('turns ourHouse.occupants into a collection of Persons whose first element is paul', function () {
      const occupants = ourHouse.get('occupants');
      expect(occupants).to.be.an.instanceof(S.PersonCollection);
      expect(occupants.at(0)).to.equal(paul);
      expect(occupants.length).to.equal(1);
    });

    it('gives the occupants collection a reference back to ourHouse', function () {
      expect(ourHouse.get('occupants').livesIn).to.equal(ourHouse);
    });

    it('points paul.livesIn back to ourHouse', function () {
      expect(paul.get('livesIn')).to.equal(ourHouse);
    });

    it('adds person-2 to ourHouse once it is loaded', function () {
      const person2 = new S.Person({ id: 'person-2', name: 'Anne' });
      expect(ourHouse.get('occupants').models).to.deep.equal([paul, person2]);
      expect(person2.get('livesIn')).to.equal(ourHouse);
    });

    it('removing paul triggers remove:occupants on ourHouse and change:livesIn on paul', function () {
      const log = [];
      ourHouse
        .on('add:occupants', function (model, coll) { log.push(['add', model, coll]); })
        .on('remove:occupants', function (model, coll) { log.push(['remove', model, coll]); });
      paul.on('change:livesIn', function (model, attr) { log.push(['change:livesIn', model, attr]); });

      ourHouse.get('occupants').remove(paul);
      expect(log).to.have.lengthOf(2);
      expect(log).to.deep.include(['remove', paul, ourHouse.get('occupants')]);
      expect(log).to.deep.include(['change:livesIn', paul, null]);
      expect('paul.livesIn=' + paul.get('livesIn')).to.equal('paul.livesIn=null');
    });

    it('moving into theirHouse triggers add:occupants there and change:livesIn on paul', function () {
      ourHouse.get('occupants').remove(paul);
      const log = [];
      ourHouse.on('add:occupants', (model) => log.push(['ourHouse add', model]));
      paul.on('change:livesIn', (model, attr) => log.push(['change:livesIn', attr]));
      const theirHouse = new S.House({ id: 'house-2' });
      theirHouse.on('add:occupants', (model) => log.push(['theirHouse add', model]));
      paul.set({ livesIn: theirHouse });
      expect(log).to.have.lengthOf(2);
      expect(log).to.deep.include(['theirHouse add', paul]);
      expect(log).to.deep.include(['change:livesIn', theirHouse]);
      expect('theirHouse.occupants=' + theirHouse.get('occupants').pluck('name')).to.equal('theirHouse.occupants=Paul');
    });
  });

  describe('many-to-many: Person, Job and Company', function () {
    let S;
    beforeEach(function () {
      S = ctx.scope;
      S.Person = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'jobs', relatedModel: 'Job', reverseRelation: { key: 'person' } }],
      });
      S.Job = Backbone.RelationalModel.extend({ defaults: { startDate: null, endDate: null } });
      S.Company = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'employees', relatedModel: 'Job', reverseRelation: { key: 'company' } }],
      });
    });

    it('a Job links a Person and a Company, seen from both sides', function () {
      const paul = new S.Person({ id: 'paul' });
      const acme = new S.Company({ id: 'acme' });
      const job = new S.Job({ person: paul, company: acme, startDate: '2015-08-19' });
      expect(paul.get('jobs').models).to.deep.equal([job]);
      expect(acme.get('employees').models).to.deep.equal([job]);
      expect(job.get('endDate')).to.equal(null);
      expect(paul.get('jobs').map((j) => j.get('company'))).to.deep.equal([acme]);
      expect(acme.get('employees').map((j) => j.get('person'))).to.deep.equal([paul]);
    });

    it("niceCompany's add:employees sees a Job with person and company set", function () {
      const paul = new S.Person({ id: 'paul' });
      const niceCompany = new S.Company({ name: 'niceCompany' });
      const seen = [];
      niceCompany.on('add:employees', function (model, coll) {
        seen.push([model.get('person'), model.get('company'), coll]);
      });
      paul.get('jobs').add({ company: niceCompany });
      expect(seen).to.have.lengthOf(1);
      expect(seen[0][0]).to.equal(paul);
      expect(seen[0][1]).to.equal(niceCompany);
      expect(seen[0][2]).to.equal(niceCompany.get('employees'));
    });

    it('a person can have jobs at several companies and a company several employees', function () {
      const a = new S.Person({ id: 'a' });
      const b = new S.Person({ id: 'b' });
      const x = new S.Company({ id: 'x' });
      const y = new S.Company({ id: 'y' });
      new S.Job({ id: 1, person: 'a', company: 'x' });
      new S.Job({ id: 2, person: 'a', company: 'y' });
      new S.Job({ id: 3, person: 'b', company: 'x' });
      expect(a.get('jobs').map((j) => j.get('company'))).to.deep.equal([x, y]);
      expect(x.get('employees').map((j) => j.get('person'))).to.deep.equal([a, b]);
      expect(y.get('employees').map((j) => j.get('person'))).to.deep.equal([a]);
    });

    it('removing a job from a person leaves it at its company', function () {
      const a = new S.Person({ id: 'a' });
      const x = new S.Company({ id: 'x' });
      const job = new S.Job({ id: 1, person: a, company: x });
      a.get('jobs').remove(job);
      expect(job.get('person')).to.equal(null);
      expect(job.get('company')).to.equal(x);
      expect(x.get('employees').models).to.deep.equal([job]);
    });
  });

  describe('the Larry Page example (Event queuing)', function () {
    beforeEach(function () {
      const S = ctx.scope;
      S.Person = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'jobs', relatedModel: 'Job', reverseRelation: { key: 'person' } }],
      });
      S.Job = Backbone.RelationalModel.extend({ defaults: { startDate: null, endDate: null } });
      S.Company = Backbone.RelationalModel.extend({
        relations: [{ type: 'HasMany', key: 'employees', relatedModel: 'Job', reverseRelation: { key: 'company' } }],
      });
    });

    it("inside add:jobs, job.get('person') and job.get('company') are models", function () {
      const S = ctx.scope;
      const p = new S.Person({ id: 'p1', name: 'Larry Page' });
      const alerts = [];
      p.on('add:jobs', function (job) {
        alerts.push(job.get('person').get('name') + ' @ ' + job.get('company').get('name'));
      });
      p.get('jobs').add({ company: { name: 'Google' }, person: p.id });
      expect(alerts).to.deep.equal(['Larry Page @ Google']);
    });

    it('afterwards the whole graph is linked up', function () {
      const S = ctx.scope;
      const p = new S.Person({ id: 'p1', name: 'Larry Page' });
      p.get('jobs').add({ company: { name: 'Google' }, person: p.id });
      const job = p.get('jobs').at(0);
      const google = job.get('company');
      expect(google).to.be.an.instanceof(S.Company);
      expect(job.get('person')).to.equal(p);
      expect(google.get('employees').models).to.deep.equal([job]);
      expect(Backbone.Relational.eventQueue.isBlocked()).to.equal(false);
    });
  });
});

// The examples of docs/guide.md, run as written (its sections build on each other, as the
// reader goes), each comment of the guide (`// ['Lion']`, ...) asserted.
describe('Examples of the guide (docs/guide.md)', function () {
  const ctx = useFreshStore(function (S) {
    S.Zoo = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany,
        key: 'animals',
        relatedModel: 'Animal',
        reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
      }],
    });
    S.Animal = Backbone.RelationalModel.extend({ urlRoot: '/animal/' });
  });

  /** The section "Relations", up to `getRelation`. */
  function relationsSection(S) {
    const artis = new S.Zoo({ id: 1, name: 'Artis' });
    const lion = new S.Animal({ id: 'lion', species: 'Lion', livesIn: artis });
    const afterLion = artis.get('animals').pluck('species');
    const amersfoort = new S.Zoo({ id: 2, name: 'Dierenpark Amersfoort', animals: [lion] });
    const movedTo = lion.get('livesIn').get('name');
    const leftInArtis = artis.get('animals').length;
    const zoo = new S.Zoo({ id: 3, animals: ['tiger', 'bear'] });
    const waiting = [zoo.get('animals').length, zoo.getIdsToFetch('animals')];
    const tiger = new S.Animal({ id: 'tiger', species: 'Tiger' });
    const loaded = [zoo.get('animals').length, tiger.get('livesIn') === zoo];
    amersfoort.set('animals', [{ id: 'zebra', species: 'Zebra' }], { remove: false });
    const kept = amersfoort.get('animals').pluck('id');
    amersfoort.set('animals', [{ id: 'zebra' }]);
    const replaced = amersfoort.get('animals').pluck('id');
    return { artis, lion, amersfoort, zoo, tiger, afterLion, movedTo, leftInArtis, waiting, loaded, kept, replaced };
  }

  it('Relations: either side changes the other, an id waits for its model, a HasMany key is set as collection.set', function () {
    const r = relationsSection(ctx.scope);
    expect(r.afterLion).to.deep.equal(['Lion']);
    expect(r.movedTo).to.equal('Dierenpark Amersfoort');
    expect(r.leftInArtis).to.equal(0);
    expect(r.waiting).to.deep.equal([0, ['tiger', 'bear']]);
    expect(r.loaded).to.deep.equal([1, true]);
    expect(r.kept).to.deep.equal(['lion', 'zebra']);
    expect(r.replaced).to.deep.equal(['zebra']);
    expect(r.lion.get('livesIn')).to.equal(null);
    const relation = r.amersfoort.getRelation('animals');
    expect(relation).to.be.an.instanceof(Backbone.HasMany);
    expect([relation.key, relation.relatedModel, relation.related]).to.deep.equal(['animals', ctx.scope.Animal, r.amersfoort.get('animals')]);
    expect(r.amersfoort.getRelations()).to.deep.equal([relation]);
  });

  it('Events: add and remove on the collection fire change:livesIn, then add:animals or remove:animals', function () {
    const { artis, lion } = relationsSection(ctx.scope);
    const log = [];
    artis.on('add:animals', (animal, animals) => log.push(['add', animal.id, animals === artis.get('animals')]));
    artis.on('remove:animals', (animal, animals) => log.push(['remove', animal.id, animals === artis.get('animals')]));
    lion.on('change:livesIn', (animal, zoo) => log.push(['livesIn', zoo && zoo.id]));
    artis.get('animals').add(lion);
    artis.get('animals').remove(lion);
    expect(log).to.deep.equal([['livesIn', 1], ['add', 'lion', true], ['livesIn', null], ['remove', 'lion', true]]);
  });

  it('Events: collection.add called directly fires the collection\'s add before livesIn is updated, add:<key> after', function () {
    const { artis, lion } = relationsSection(ctx.scope);
    const seen = [];
    artis.get('animals').on('add', (animal) => seen.push(['add', animal.get('livesIn')]));
    artis.on('add:animals', (animal) => seen.push(['add:animals', animal.get('livesIn')]));
    artis.on('change:animals', () => seen.push(['change:animals']));
    artis.get('animals').add(lion);
    expect(seen).to.deep.equal([['add', null], ['add:animals', artis]]);
  });

  it('The store: a second instance throws; findOrCreate, find, getCollection and unregister', function () {
    const S = ctx.scope;
    const { zoo, tiger } = relationsSection(S);
    stubWarn();
    expect(() => new S.Animal({ id: 'tiger' })).to.throw(Error, 'Cannot instantiate more than one Backbone.RelationalModel with the same id per type!');
    expect(S.Animal.findOrCreate('tiger')).to.equal(tiger);
    expect(S.Animal.findOrCreate({ id: 'tiger', age: 3 }).get('age')).to.equal(3);
    expect(S.Animal.find({ id: 'nope' })).to.equal(null);
    expect(Relational.store.getCollection(S.Animal).pluck('id')).to.deep.equal(['lion', 'tiger', 'zebra']);
    Relational.store.unregister(tiger);
    expect(zoo.get('animals').pluck('id')).to.deep.equal([]);
    expect(Relational.store.find(S.Animal, 'tiger')).to.equal(null);
  });

  it('The store: unregister of a store collection empties it, and relations keep its models', function () {
    const S = ctx.scope;
    const { amersfoort, zoo } = relationsSection(S);
    Relational.store.unregister(Relational.store.getCollection(S.Animal));
    expect(Relational.store.getCollection(S.Animal).length).to.equal(0);
    expect(S.Animal.find('zebra')).to.equal(null);
    expect(amersfoort.get('animals').pluck('id')).to.deep.equal(['zebra']);
    expect(zoo.get('animals').pluck('id')).to.deep.equal(['tiger']);
  });

  it('ES classes: setup() after the class, relations on the prototype', function () {
    class Animal extends Backbone.RelationalModel {}
    Animal.setup();

    class Zoo extends Backbone.RelationalModel {}
    Zoo.prototype.relations = [{
      type: Backbone.HasMany,
      key: 'animals',
      relatedModel: Animal,
      reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
    }];
    Zoo.setup();

    const zoo = new Zoo({ id: 1, animals: [{ id: 'lion' }] });
    expect(zoo.get('animals').at(0)).to.be.an.instanceof(Animal);
    expect(zoo.get('animals').at(0).get('livesIn')).to.equal(zoo);
    expect(zoo.toJSON()).to.deep.equal({ id: 1, animals: [{ id: 'lion', livesIn: 1 }] });
  });

  it('Sub-models: the Mammal types under the Zoo\'s Animal', function () {
    const S = ctx.scope;
    relationsSection(S);
    const Mammal = S.Mammal = S.Animal.extend({
      subModelTypes: { primate: 'Primate', carnivore: 'Carnivore' },
    });
    const Primate = S.Primate = Mammal.extend();
    const Carnivore = S.Carnivore = Mammal.extend();
    const MammalCollection = Backbone.Collection.extend({ model: Mammal });

    const mammals = new MammalCollection([
      { id: 3, species: 'chimp', type: 'primate' },
      { id: 5, species: 'panther', type: 'carnivore' },
    ]);
    const chimp = mammals.get(3);
    expect(chimp instanceof Primate).to.equal(true);
    expect(Mammal.build({ id: 6, type: 'carnivore' })).to.be.an.instanceof(Carnivore);
    expect(Mammal.find(3) === chimp).to.equal(true);
    expect(chimp.toJSON()).to.deep.equal({ id: 3, species: 'chimp', type: 'primate', livesIn: null });
    expect(S.Animal.find(3)).to.equal(null);
  });

  it('Serialization: includeInJSON as a list of attributes, and false on the reverse side', function () {
    const S = ctx.scope;
    S.Person = Backbone.RelationalModel.extend({
      relations: [{
        type: 'HasOne', key: 'user', relatedModel: 'User', includeInJSON: ['login'],
        reverseRelation: { type: 'HasOne', key: 'person', includeInJSON: false },
      }],
    });
    S.User = Backbone.RelationalModel.extend();
    const paul = new S.Person({ id: 'p1', name: 'Paul', user: { id: 'u1', login: 'dude', email: 'x@y' } });
    expect(paul.toJSON()).to.deep.equal({ id: 'p1', name: 'Paul', user: { login: 'dude' } });
    expect(paul.get('user').toJSON()).to.deep.equal({ id: 'u1', login: 'dude', email: 'x@y' });
  });

  it('Serialization: the Farm reads livestock and writes pets (with the livesIn its FarmAnimal inherits)', function () {
    const S = ctx.scope;
    relationsSection(S);
    const FarmAnimal = S.Animal.extend();
    const Farm = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany, key: 'animals', keySource: 'livestock', keyDestination: 'pets',
        relatedModel: FarmAnimal, reverseRelation: { key: 'farm', includeInJSON: 'name' },
      }],
    });
    const farm = new Farm({ name: 'Old MacDonald', livestock: [{ species: 'Sheep' }] });
    farm.get('animals').add({ species: 'Cow' });
    expect(farm.toJSON()).to.deep.equal({
      name: 'Old MacDonald',
      pets: [
        { species: 'Sheep', livesIn: null, farm: 'Old MacDonald' },
        { species: 'Cow', livesIn: null, farm: 'Old MacDonald' },
      ],
    });
  });

  it('Serialization: clone has no id and empty relations', function () {
    const { artis } = relationsSection(ctx.scope);
    const lion = ctx.scope.Animal.find('lion');
    artis.get('animals').add(lion);
    const copy = lion.clone();
    expect(copy).to.not.equal(lion);
    expect(copy.id == null).to.equal(true);
    expect(copy.get('species')).to.equal('Lion');
    expect(copy.get('livesIn')).to.equal(null);
    expect(artis.get('animals').models).to.deep.equal([lion]);
  });
});
