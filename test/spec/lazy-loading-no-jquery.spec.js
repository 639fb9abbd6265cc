'use strict';
// ALLOWED TO FAIL ON THE ORIGINAL: backbone-relational 0.10.0 needs jQuery for getAsync (it calls
// Backbone.$.when), so with BR_LIB=original these tests fail with a TypeError. They describe this
// library's promise of working without jQuery: getAsync then returns a native Promise, and
// `await` works.
//
// The file removes jQuery itself: Backbone.$ is set to undefined for its duration (in before)
// and restored after, so it runs meaningfully in every configuration, not only BR_JQUERY=none.
// This also means the library must look at Backbone.$ when getAsync is called, not when it is
// loaded (applications commonly assign Backbone.$ after loading their libraries).
// Backbone.ajax is a fake (see _helpers-lazy.js) that returns native Promises.
const { expect } = require('chai');
const { Backbone, _, Relational } = require('../support/lib');
const { installFakeAjax, settle, lastSegment } = require('./_helpers-lazy');

describe('lazy loading without jQuery (native Promise)', function () {
  let scope;
  let server;
  let saved$;

  function byId(extra) {
    return (req) => _.extend({ id: Number(lastSegment(req.url)) }, extra);
  }

  function defineModels(s) {
    s.Animal = Backbone.RelationalModel.extend({ urlRoot: '/animal/' });
    s.Keeper = Backbone.RelationalModel.extend({ urlRoot: '/keeper/' });
    s.Zoo = Backbone.RelationalModel.extend({
      relations: [
        {
          type: Backbone.HasMany,
          key: 'animals',
          relatedModel: 'Animal',
          reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
        },
        { type: Backbone.HasOne, key: 'keeper', relatedModel: 'Keeper' },
      ],
    });
    s.Person = Backbone.RelationalModel.extend({ urlRoot: '/person/' });
    s.PersonCollection = Backbone.Collection.extend({
      url: function (models) {
        return '/person/' + (models ? 'set/' + _.map(models, (m) => (m && m.id != null ? m.id : m)).join(';') + '/' : '');
      },
    });
    s.House = Backbone.RelationalModel.extend({
      relations: [
        {
          type: Backbone.HasMany,
          key: 'occupants',
          relatedModel: 'Person',
          collectionType: 'PersonCollection',
          reverseRelation: { key: 'livesIn' },
        },
      ],
    });
    s.Customer = Backbone.RelationalModel.extend({ urlRoot: '/customer/' });
    s.Shop = Backbone.RelationalModel.extend({
      relations: [{ type: Backbone.HasMany, key: 'customers', relatedModel: 'Customer', autoFetch: true }],
    });
  }

  before(function () {
    saved$ = Backbone.$;
    Backbone.$ = undefined;
  });

  after(function () {
    Backbone.$ = saved$;
  });

  beforeEach(function () {
    Relational.store.reset();
    scope = {};
    Relational.store.addModelScope(scope);
    defineModels(scope);
    server = installFakeAjax(Backbone, null);
  });

  afterEach(function () {
    server.restore();
    Relational.store.removeModelScope(scope);
  });

  it('getAsync returns a native Promise', function () {
    const zoo = new scope.Zoo({ id: 1, animals: [2] });
    const promise = zoo.getAsync('animals');
    expect(promise).to.be.an.instanceof(Promise);
    server.respondAll(byId());
    return promise;
  });

  it('await gives the relation\'s collection once the missing models are fetched', async function () {
    const lion = new scope.Animal({ id: 1 });
    const zoo = new scope.Zoo({ id: 1, animals: [1, 2, 3] });
    const promise = zoo.getAsync('animals');
    expect(server.urls()).to.deep.equal(['/animal/2', '/animal/3']);
    server.respondAll(byId({ species: 'fetched' }));
    const animals = await promise;
    expect(animals).to.equal(zoo.get('animals'));
    expect(animals.get(1)).to.equal(lion);
    expect(animals.get(3).get('species')).to.equal('fetched');
    expect(animals.get(3).get('livesIn')).to.equal(zoo);
  });

  it('await gives the HasOne model', async function () {
    const zoo = new scope.Zoo({ id: 1, keeper: 7 });
    const promise = zoo.getAsync('keeper');
    server.requests[0].respond({ id: 7, name: 'Ann' });
    const keeper = await promise;
    expect(keeper).to.equal(zoo.get('keeper'));
    expect(keeper.get('name')).to.equal('Ann');
  });

  it('with nothing to fetch resolves with the current value and makes no request', async function () {
    new scope.Animal({ id: 1 });
    const zoo = new scope.Zoo({ id: 1, animals: [1] });
    expect(await zoo.getAsync('animals')).to.equal(zoo.get('animals'));
    expect(await zoo.getAsync('keeper')).to.equal(null);
    expect(server.requests).to.have.lengthOf(0);
  });

  it('refresh: true refetches and updates the existing models', async function () {
    const lion = new scope.Animal({ id: 1, species: 'old' });
    const zoo = new scope.Zoo({ id: 1, animals: [1] });
    const promise = zoo.getAsync('animals', { refresh: true });
    expect(server.urls()).to.deep.equal(['/animal/1']);
    server.respondAll(byId({ species: 'new' }));
    await promise;
    expect(lion.get('species')).to.equal('new');
  });

  it('works with Promise.all over several getAsync calls', async function () {
    const zoo = new scope.Zoo({ id: 1, animals: [2], keeper: 7 });
    const all = Promise.all([zoo.getAsync('animals'), zoo.getAsync('keeper')]);
    server.respondAll(byId());
    const [animals, keeper] = await all;
    expect(animals).to.equal(zoo.get('animals'));
    expect(keeper).to.equal(zoo.get('keeper'));
    expect(keeper.id).to.equal(7);
  });

  it('fetches all missing models in one request through url(models)', async function () {
    const house = new scope.House({ id: 1, occupants: [4, 5] });
    const promise = house.getAsync('occupants');
    expect(server.urls()).to.deep.equal(['/person/set/4;5/']);
    server.requests[0].respond([{ id: 4 }, { id: 5 }]);
    const occupants = await promise;
    expect(occupants.pluck('id')).to.have.members([4, 5]);
  });

  it('a failed request rejects the promise and removes the models created for it', async function () {
    const lion = new scope.Animal({ id: 1 });
    const zoo = new scope.Zoo({ id: 1, animals: [1, 2] });
    const promise = zoo.getAsync('animals');
    server.requests[0].fail(404);
    const result = await settle(promise);
    expect(result.status).to.equal('rejected');
    expect(scope.Animal.find(2)).to.equal(null);
    expect(zoo.get('animals').models).to.deep.equal([lion]);
  });

  it('await of a failed getAsync throws', async function () {
    const zoo = new scope.Zoo({ id: 1, keeper: 7 });
    const promise = zoo.getAsync('keeper');
    server.requests[0].fail(500);
    let threw = false;
    try {
      await promise;
    } catch (e) {
      threw = true;
    }
    expect(threw).to.equal(true);
    expect(zoo.get('keeper')).to.equal(null);
  });

  it('autoFetch works on instantiation', function () {
    const shop = new scope.Shop({ id: 1, customers: [11, 12] });
    expect(shop.get('customers')).to.be.an.instanceof(Backbone.Collection);
    expect(server.urls()).to.deep.equal(['/customer/11', '/customer/12']);
  });
});
