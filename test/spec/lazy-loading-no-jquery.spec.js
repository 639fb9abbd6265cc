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
const lib = require('../support/lib');
const { useLazyScope, answerById, settle } = require('./_helpers-lazy');

const { Backbone } = lib;

describe('lazy loading without jQuery (native Promise)', function () {
  const ctx = useLazyScope(lib, undefined);

  it('getAsync returns a native Promise', function () {
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
    const promise = zoo.getAsync('animals');
    expect(promise).to.be.an.instanceof(Promise);
    ctx.server.respondAll(answerById());
    return promise;
  });

  it('await gives the relation\'s collection once the missing models are fetched', async function () {
    const lion = new ctx.scope.Animal({ id: 1 });
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2, 3] });
    const promise = zoo.getAsync('animals');
    expect(ctx.server.urls()).to.deep.equal(['/animal/2', '/animal/3']);
    ctx.server.respondAll(answerById({ species: 'fetched' }));
    const animals = await promise;
    expect(animals).to.equal(zoo.get('animals'));
    expect(animals.get(1)).to.equal(lion);
    expect(animals.get(3).get('species')).to.equal('fetched');
    expect(animals.get(3).get('livesIn')).to.equal(zoo);
  });

  it('await gives the HasOne model', async function () {
    const zoo = new ctx.scope.Zoo({ id: 1, keeper: 7 });
    const promise = zoo.getAsync('keeper');
    ctx.server.requests[0].respond({ id: 7, name: 'Ann' });
    const keeper = await promise;
    expect(keeper).to.equal(zoo.get('keeper'));
    expect(keeper.get('name')).to.equal('Ann');
  });

  it('with nothing to fetch resolves with the current value and makes no request', async function () {
    new ctx.scope.Animal({ id: 1 });
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [1] });
    expect(await zoo.getAsync('animals')).to.equal(zoo.get('animals'));
    expect(await zoo.getAsync('keeper')).to.equal(null);
    expect(ctx.server.requests).to.have.lengthOf(0);
  });

  it('refresh: true refetches and updates the existing models', async function () {
    const lion = new ctx.scope.Animal({ id: 1, species: 'old' });
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [1] });
    const promise = zoo.getAsync('animals', { refresh: true });
    expect(ctx.server.urls()).to.deep.equal(['/animal/1']);
    ctx.server.respondAll(answerById({ species: 'new' }));
    await promise;
    expect(lion.get('species')).to.equal('new');
  });

  it('works with Promise.all over several getAsync calls', async function () {
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [2], keeper: 7 });
    const all = Promise.all([zoo.getAsync('animals'), zoo.getAsync('keeper')]);
    ctx.server.respondAll(answerById());
    const [animals, keeper] = await all;
    expect(animals).to.equal(zoo.get('animals'));
    expect(keeper).to.equal(zoo.get('keeper'));
    expect(keeper.id).to.equal(7);
  });

  it('fetches all missing models in one request through url(models)', async function () {
    const house = new ctx.scope.House({ id: 1, occupants: [4, 5] });
    const promise = house.getAsync('occupants');
    expect(ctx.server.urls()).to.deep.equal(['/person/set/4;5/']);
    ctx.server.requests[0].respond([{ id: 4 }, { id: 5 }]);
    const occupants = await promise;
    expect(occupants.pluck('id')).to.have.members([4, 5]);
  });

  it('a failed request rejects the promise and removes the models created for it', async function () {
    const lion = new ctx.scope.Animal({ id: 1 });
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2] });
    const promise = zoo.getAsync('animals');
    ctx.server.requests[0].fail(404);
    const result = await settle(promise);
    expect(result.status).to.equal('rejected');
    expect(ctx.scope.Animal.find(2)).to.equal(null);
    expect(zoo.get('animals').models).to.deep.equal([lion]);
  });

  it('await of a failed getAsync throws', async function () {
    const zoo = new ctx.scope.Zoo({ id: 1, keeper: 7 });
    const promise = zoo.getAsync('keeper');
    ctx.server.requests[0].fail(500);
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
    const shop = new ctx.scope.Shop({ id: 1, customers: [11, 12] });
    expect(shop.get('customers')).to.be.an.instanceof(Backbone.Collection);
    expect(ctx.server.urls()).to.deep.equal(['/customer/11', '/customer/12']);
  });
});
