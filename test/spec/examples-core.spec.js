'use strict';
// The examples of the manual that belong to the core, as tests: Zoo/Animal (artis, lion,
// amersfoort), the basic House/Person/User example, the Person/Job/Company many-to-many, and
// the "Larry Page" example of the Event queuing section.
const { expect } = require('chai');
const { Backbone, _, useFreshStore } = require('./_helpers');

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
