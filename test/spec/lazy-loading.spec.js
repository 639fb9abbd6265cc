'use strict';
// Lazy loading with jQuery present: getAsync, getIdsToFetch, batched fetches through a
// collectionType's url(models), refresh, failures, and autoFetch.
//
// Backbone.ajax is replaced by a recording fake (see _helpers-lazy.js) whose requests stay
// pending until a test answers them. This file always runs with a jQuery on Backbone.$: if the
// run has none (BR_JQUERY=none), it loads one for its own duration and restores Backbone.$ after.
// Every expectation here was checked against backbone-relational 0.10.0 (BR_LIB=original).
const { expect } = require('chai');
const lib = require('../support/lib');
const { useLazyScope, answerById, settle, lastSegment } = require('./_helpers-lazy');

const { Backbone, _, $, window, choice } = lib;

const jq = $ || require(choice.jquery === 'none' ? 'jquery' : choice.jquery)(window);

describe('lazy loading with jQuery (getAsync, getIdsToFetch, autoFetch)', function () {
  const ctx = useLazyScope(lib, jq);

  describe('getIdsToFetch', function () {
    it('lists the ids of HasMany models that are not loaded, in the given order', function () {
      new ctx.scope.Animal({ id: 1 });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [3, 1, 2] });
      expect(zoo.getIdsToFetch('animals')).to.deep.equal([3, 2]);
    });

    it('lists the id of a HasOne model that is not loaded, and nothing once it is', function () {
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: 'k1' });
      expect(zoo.getIdsToFetch('keeper')).to.deep.equal(['k1']);
      new ctx.scope.Keeper({ id: 'k1' });
      expect(zoo.get('keeper')).to.equal(ctx.scope.Keeper.find('k1'));
      expect(zoo.getIdsToFetch('keeper')).to.deep.equal([]);
    });

    it('is empty for empty relations', function () {
      const zoo = new ctx.scope.Zoo({ id: 1 });
      expect(zoo.getIdsToFetch('animals')).to.deep.equal([]);
      expect(zoo.getIdsToFetch('keeper')).to.deep.equal([]);
    });

    it('with refresh also lists the loaded models', function () {
      new ctx.scope.Animal({ id: 1 });
      new ctx.scope.Keeper({ id: 'k1' });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2], keeper: 'k1' });
      expect(zoo.getIdsToFetch('animals', true)).to.have.members([1, 2]);
      expect(zoo.getIdsToFetch('animals', true)).to.have.lengthOf(2);
      expect(zoo.getIdsToFetch('keeper', true)).to.deep.equal(['k1']);
    });

    it('accepts the Relation object instead of the key', function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [4, 5] });
      expect(zoo.getIdsToFetch(zoo.getRelation('animals'))).to.deep.equal([4, 5]);
    });

    it('stops listing a model once it is created locally', function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [4, 5] });
      new ctx.scope.Animal({ id: 5 });
      expect(zoo.getIdsToFetch('animals')).to.deep.equal([4]);
    });

    it('returns exactly the ids that getAsync requests', function () {
      new ctx.scope.Animal({ id: 1 });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2, 3] });
      const expected = zoo.getIdsToFetch('animals');
      zoo.getAsync('animals');
      expect(ctx.server.urls().map(lastSegment).map(Number)).to.deep.equal(expected);
    });

    it('with refresh returns exactly the ids that getAsync({ refresh: true }) requests', function () {
      new ctx.scope.Animal({ id: 1 });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2, 3] });
      const expected = zoo.getIdsToFetch('animals', true);
      zoo.getAsync('animals', { refresh: true });
      expect(ctx.server.urls().map(lastSegment).map(Number)).to.have.members(expected);
      expect(ctx.server.requests).to.have.lengthOf(expected.length);
    });
  });

  describe('getAsync: one request per missing model', function () {
    it('sends one GET per model that is not loaded, to the related model\'s url', function () {
      new ctx.scope.Animal({ id: 1 });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2, 3] });
      zoo.getAsync('animals');
      expect(ctx.server.urls()).to.deep.equal(['/animal/2', '/animal/3']);
      expect(ctx.server.requests.map((r) => r.type)).to.deep.equal(['GET', 'GET']);
    });

    it('resolves with the relation\'s collection holding the fetched models', async function () {
      const lion = new ctx.scope.Animal({ id: 1 });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2, 3] });
      const promise = zoo.getAsync('animals');
      ctx.server.respondAll(answerById({ species: 'fetched' }));
      const animals = await promise;
      expect(animals).to.equal(zoo.get('animals'));
      expect(animals.pluck('id')).to.deep.equal([1, 2, 3]);
      expect(animals.at(0)).to.equal(lion);
      expect(animals.get(2).get('species')).to.equal('fetched');
      expect(animals.get(3).get('livesIn')).to.equal(zoo);
      expect(ctx.scope.Animal.find(2)).to.equal(animals.get(2));
    });

    it('keeps a model for each requested id in the store and in the relation while the requests are pending', function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2, 3] });
      zoo.getAsync('animals');
      expect(zoo.get('animals').pluck('id')).to.deep.equal([2, 3]);
      expect(ctx.scope.Animal.find(2)).to.equal(zoo.get('animals').get(2));
    });

    it('fetches a HasOne model and resolves with it', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: 'k1' });
      const promise = zoo.getAsync('keeper');
      expect(ctx.server.urls()).to.deep.equal(['/keeper/k1']);
      ctx.server.requests[0].respond({ id: 'k1', name: 'Ann' });
      const keeper = await promise;
      expect(keeper).to.be.an.instanceof(ctx.scope.Keeper);
      expect(keeper).to.equal(zoo.get('keeper'));
      expect(keeper.get('name')).to.equal('Ann');
    });

    it('with nothing to fetch makes no request and resolves with the current collection', async function () {
      new ctx.scope.Animal({ id: 1 });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1] });
      // never answered: the promise must resolve without any response
      const animals = await zoo.getAsync('animals');
      expect(ctx.server.requests).to.have.lengthOf(0);
      expect(animals).to.equal(zoo.get('animals'));
    });

    it('with nothing to fetch resolves with the HasOne model, or null when empty', async function () {
      const keeper = new ctx.scope.Keeper({ id: 'k1' });
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: 'k1' });
      const empty = new ctx.scope.Zoo({ id: 2 });
      expect(await zoo.getAsync('keeper')).to.equal(keeper);
      expect(await empty.getAsync('keeper')).to.equal(null);
      expect(ctx.server.requests).to.have.lengthOf(0);
    });

    it('fetches nothing the second time once everything is loaded', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
      const first = zoo.getAsync('animals');
      ctx.server.respondAll(answerById());
      await first;
      await zoo.getAsync('animals');
      expect(ctx.server.requests).to.have.lengthOf(1);
    });

    it('passes other options on to Backbone.sync', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2, 3] });
      const successes = [];
      const promise = zoo.getAsync('animals', {
        headers: { 'X-Test': 'yes' },
        success: function (model, resp) {
          successes.push([model, resp]);
        },
      });
      expect(ctx.server.requests.map((r) => r.params.headers)).to.deep.equal([{ 'X-Test': 'yes' }, { 'X-Test': 'yes' }]);
      ctx.server.respondAll(answerById());
      await promise;
      expect(successes).to.have.lengthOf(2);
      expect(successes.map((c) => c[0])).to.have.members([ctx.scope.Animal.find(2), ctx.scope.Animal.find(3)]);
      expect(successes[0][1]).to.have.property('id');
    });
  });

  describe('getAsync with refresh: true', function () {
    it('refetches the loaded models too and updates the same instances', async function () {
      const lion = new ctx.scope.Animal({ id: 1, species: 'old' });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2] });
      const promise = zoo.getAsync('animals', { refresh: true });
      expect(ctx.server.urls()).to.have.members(['/animal/1', '/animal/2']);
      ctx.server.respondAll(answerById({ species: 'new' }));
      const animals = await promise;
      expect(animals.get(1)).to.equal(lion);
      expect(lion.get('species')).to.equal('new');
      expect(animals.pluck('species')).to.deep.equal(['new', 'new']);
      expect(animals.length).to.equal(2);
    });

    it('refetches a loaded HasOne model', async function () {
      const keeper = new ctx.scope.Keeper({ id: 'k1', name: 'old' });
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: 'k1' });
      const promise = zoo.getAsync('keeper', { refresh: true });
      expect(ctx.server.urls()).to.deep.equal(['/keeper/k1']);
      ctx.server.requests[0].respond({ id: 'k1', name: 'new' });
      expect(await promise).to.equal(keeper);
      expect(keeper.get('name')).to.equal('new');
    });
  });

  describe('getAsync: one request for all models through collectionType url(models)', function () {
    it('sends a single request for all missing models (the manual\'s /person/set/1;2;3/ style)', function () {
      new ctx.scope.Person({ id: 1 });
      const house = new ctx.scope.House({ id: 'h1', occupants: [1, 2, 3] });
      house.getAsync('occupants');
      expect(ctx.server.urls()).to.deep.equal(['/person/set/2;3/']);
      expect(ctx.server.requests[0].type).to.equal('GET');
    });

    it('resolves with the collection holding all models, merged with the response', async function () {
      const paul = new ctx.scope.Person({ id: 1, name: 'Paul' });
      const house = new ctx.scope.House({ id: 'h1', occupants: [1, 2, 3] });
      const promise = house.getAsync('occupants');
      ctx.server.requests[0].respond([
        { id: 2, name: 'Two' },
        { id: 3, name: 'Three' },
      ]);
      const occupants = await promise;
      expect(occupants).to.equal(house.get('occupants'));
      expect(occupants.pluck('id')).to.have.members([1, 2, 3]);
      expect(occupants.get(1)).to.equal(paul);
      expect(occupants.get(3).get('name')).to.equal('Three');
      expect(occupants.get(2).get('livesIn')).to.equal(house);
      expect(ctx.scope.Person.find(2)).to.equal(occupants.get(2));
    });

    it('with refresh fetches all of them, loaded ones included, in one request', async function () {
      const paul = new ctx.scope.Person({ id: 1, name: 'Paul' });
      const house = new ctx.scope.House({ id: 'h1', occupants: [1, 2] });
      const promise = house.getAsync('occupants', { refresh: true });
      expect(ctx.server.requests).to.have.lengthOf(1);
      expect(ctx.server.urls()[0]).to.be.oneOf(['/person/set/1;2/', '/person/set/2;1/']);
      ctx.server.requests[0].respond([
        { id: 1, name: 'Paul 2' },
        { id: 2, name: 'Two' },
      ]);
      await promise;
      expect(paul.get('name')).to.equal('Paul 2');
      expect(house.get('occupants').length).to.equal(2);
    });

    it('makes no request when nothing is missing', async function () {
      new ctx.scope.Person({ id: 1 });
      const house = new ctx.scope.House({ id: 'h1', occupants: [1] });
      const occupants = await house.getAsync('occupants');
      expect(ctx.server.requests).to.have.lengthOf(0);
      expect(occupants.length).to.equal(1);
    });

    it('falls back to one request per model when url() gives the same url for a set', function () {
      const garden = new ctx.scope.Garden({ id: 1, plants: [1, 2] });
      garden.getAsync('plants');
      expect(ctx.server.urls()).to.deep.equal(['/plant/1', '/plant/2']);
    });
  });

  describe('the returned promise', function () {
    it('is a jQuery promise: done, fail, then, always, state', function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
      const promise = zoo.getAsync('animals');
      ['done', 'fail', 'then', 'always', 'state', 'promise'].forEach((name) => {
        expect(promise[name], name).to.be.a('function');
      });
    });

    it('.done receives the relation\'s content', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
      let received;
      const promise = zoo.getAsync('animals').done(function (value) {
        received = value;
      });
      ctx.server.respondAll(answerById());
      await settle(promise);
      expect(received).to.equal(zoo.get('animals'));
    });

    it('works with $.when over several getAsync calls, like model.save()', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2], keeper: 'k1' });
      const a = zoo.getAsync('animals');
      const k = zoo.getAsync('keeper');
      let args = null;
      const all = jq.when(a, k).done(function () {
        args = _.toArray(arguments);
      });
      expect(args).to.equal(null);
      ctx.server.requests[0].respond({ id: 2 });
      expect(args).to.equal(null);
      ctx.server.requests[1].respond({ id: 'k1' });
      await settle(all);
      expect(args).to.deep.equal([zoo.get('animals'), zoo.get('keeper')]);
    });

    it('combines with $.when and a model.save() request', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
      const lion = new ctx.scope.Animal({ id: 9 });
      let done = false;
      const all = jq.when(zoo.getAsync('animals'), lion.save({ species: 'Lion' })).done(function () {
        done = true;
      });
      ctx.server.respondAll((req) => (req.type === 'PUT' ? { id: 9, species: 'Lion' } : { id: 2 }));
      await settle(all);
      expect(done).to.equal(true);
      expect(ctx.server.requests.map((r) => r.type)).to.have.members(['GET', 'PUT']);
    });

    it('.then passes the content on to the next step', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: 'k1' });
      const chained = zoo.getAsync('keeper').then((keeper) => keeper.get('name'));
      ctx.server.requests[0].respond({ id: 'k1', name: 'Ann' });
      expect(await chained).to.equal('Ann');
    });

    it('$.when(...).fail runs when one of the requests fails', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2], keeper: 'k1' });
      let failed = false;
      let done = false;
      const all = jq
        .when(zoo.getAsync('animals'), zoo.getAsync('keeper'))
        .done(() => {
          done = true;
        })
        .fail(() => {
          failed = true;
        });
      ctx.server.requests[0].respond({ id: 2 });
      ctx.server.requests[1].fail(500);
      await settle(all);
      expect(failed).to.equal(true);
      expect(done).to.equal(false);
    });
  });

  describe('failure', function () {
    it('rejects the promise; .fail receives the failed request', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
      let xhr = null;
      const promise = zoo.getAsync('animals').fail(function (x) {
        xhr = x;
      });
      ctx.server.requests[0].fail(404);
      const result = await settle(promise);
      expect(result.status).to.equal('rejected');
      expect(xhr).to.equal(ctx.server.requests[0].xhr);
      expect(xhr.status).to.equal(404);
    });

    it('removes the models created for the failed fetch from the store and the relation', async function () {
      const lion = new ctx.scope.Animal({ id: 1 });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2, 3] });
      const promise = zoo.getAsync('animals');
      ctx.server.requests[0].respond({ id: 2, species: 'Zebra' });
      ctx.server.requests[1].fail(404);
      const result = await settle(promise);
      expect(result.status).to.equal('rejected');
      expect(ctx.scope.Animal.find(3)).to.equal(null);
      expect(zoo.get('animals').get(3)).to.not.be.ok;
      // the model that existed before, and the one fetched successfully, stay
      expect(zoo.get('animals').pluck('id')).to.deep.equal([1, 2]);
      expect(ctx.scope.Animal.find(1)).to.equal(lion);
      expect(lion.get('livesIn')).to.equal(zoo);
      expect(ctx.scope.Animal.find(2).get('species')).to.equal('Zebra');
    });

    // As 0.10.0: the placeholder was the relation's model for that id; destroying it ends the
    // relation's wait, so a later getAsync asks for nothing (and no DELETE is sent).
    it('after a failed request (one per model) a later getAsync makes no request for that model', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2, 3] });
      const promise = zoo.getAsync('animals');
      ctx.server.requests[0].respond({ id: 2 });
      ctx.server.requests[1].fail(404);
      await settle(promise);
      expect(zoo.get('animals').pluck('id')).to.deep.equal([2]);
      expect(zoo.getIdsToFetch('animals')).to.deep.equal([]);
      zoo.getAsync('animals');
      expect(ctx.server.requests.map((r) => `${r.type} ${r.url}`)).to.deep.equal(['GET /animal/2', 'GET /animal/3']);
    });

    it('after a failed request for a HasOne model a later getAsync makes no request', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: 7 });
      const first = zoo.getAsync('keeper');
      ctx.server.requests[0].fail(500);
      await settle(first);
      expect(zoo.getIdsToFetch('keeper')).to.deep.equal([]);
      expect(await zoo.getAsync('keeper')).to.equal(null);
      expect(ctx.server.urls()).to.deep.equal(['/keeper/7']);
    });

    it('removes a HasOne placeholder from the store and the relation', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, keeper: 'k1' });
      const promise = zoo.getAsync('keeper');
      ctx.server.requests[0].fail(500);
      expect((await settle(promise)).status).to.equal('rejected');
      expect(zoo.get('keeper')).to.equal(null);
      expect(ctx.scope.Keeper.find('k1')).to.equal(null);
    });

    it('leaves models that existed before in place when a refresh fails', async function () {
      const lion = new ctx.scope.Animal({ id: 1, species: 'Lion' });
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [1] });
      const promise = zoo.getAsync('animals', { refresh: true });
      ctx.server.requests[0].fail(500);
      expect((await settle(promise)).status).to.equal('rejected');
      expect(ctx.scope.Animal.find(1)).to.equal(lion);
      expect(zoo.get('animals').models).to.deep.equal([lion]);
      expect(lion.get('species')).to.equal('Lion');
    });

    it('calls the error option', async function () {
      const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
      const errors = [];
      const promise = zoo.getAsync('animals', {
        error: function (model, resp) {
          errors.push([model, resp]);
        },
      });
      ctx.server.requests[0].fail(404);
      await settle(promise);
      expect(errors).to.have.lengthOf(1);
      expect(errors[0][0].id).to.equal(2);
      expect(errors[0][1].status).to.equal(404);
    });

    it('a failed batched request rejects and leaves the relation and the store as before; the ids stay fetchable', async function () {
      const paul = new ctx.scope.Person({ id: 1 });
      const house = new ctx.scope.House({ id: 'h1', occupants: [1, 4, 5] });
      const promise = house.getAsync('occupants');
      expect(ctx.server.requests).to.have.lengthOf(1);
      ctx.server.requests[0].fail(500);
      expect((await settle(promise)).status).to.equal('rejected');
      expect(house.get('occupants').models).to.deep.equal([paul]);
      expect(ctx.scope.Person.find(4)).to.equal(null);
      expect(ctx.scope.Person.find(5)).to.equal(null);
      expect(house.getIdsToFetch('occupants')).to.deep.equal([4, 5]);
      expect(house.toJSON().occupants).to.have.members([1, 4, 5]);
    });

    it('after a failed batch a later getAsync can try again', async function () {
      const house = new ctx.scope.House({ id: 'h1', occupants: [4] });
      const first = house.getAsync('occupants');
      ctx.server.requests[0].fail(503);
      await settle(first);
      const second = house.getAsync('occupants');
      expect(ctx.server.urls()).to.deep.equal(['/person/set/4/', '/person/set/4/']);
      ctx.server.requests[1].respond([{ id: 4, name: 'Four' }]);
      const occupants = await second;
      expect(occupants.pluck('name')).to.deep.equal(['Four']);
    });
  });

  describe('the guide\'s example (docs/guide.md, Lazy loading)', function () {
    it('getIdsToFetch lists p1 and p2; getAsync asks for each and resolves with both loaded; refresh asks again', async function () {
      const S = ctx.scope;
      S.House = Backbone.RelationalModel.extend({
        relations: [{ type: Backbone.HasMany, key: 'occupants', relatedModel: 'Person', reverseRelation: { key: 'livesIn' } }],
      });
      S.Person = Backbone.RelationalModel.extend({ urlRoot: '/person/' });

      const house = new S.House({ id: 'h1', occupants: ['p1', 'p2'] });
      expect(house.getIdsToFetch('occupants')).to.deep.equal(['p1', 'p2']);
      const loading = house.getAsync('occupants').then((occupants) => occupants);
      expect(ctx.server.requests.map((r) => `${r.type} ${r.url}`)).to.deep.equal(['GET /person/p1', 'GET /person/p2']);
      ctx.server.respondAll((req) => ({ id: lastSegment(req.url), name: 'Name of ' + lastSegment(req.url) }));
      const occupants = await loading;
      expect(occupants).to.equal(house.get('occupants'));
      expect(occupants.pluck('name')).to.deep.equal(['Name of p1', 'Name of p2']);
      expect(occupants.map((p) => p.get('livesIn'))).to.deep.equal([house, house]);
      house.getAsync('occupants', { refresh: true });
      expect(ctx.server.urls().slice(2)).to.deep.equal(['/person/p1', '/person/p2']);
    });
  });

  describe('autoFetch (the manual\'s Shop / Customer / Address)', function () {
    it('autoFetch: true requests each missing model when the model is created', function () {
      new ctx.scope.Shop({ id: 1, customers: [11, 12] });
      expect(ctx.server.urls()).to.deep.equal(['/customer/11', '/customer/12']);
    });

    it('autoFetch with options requests the model and calls success with the model and response', function () {
      new ctx.scope.Shop({ id: 1, address: 21 });
      expect(ctx.server.urls()).to.deep.equal(['/address/21']);
      ctx.server.requests[0].respond({ id: 21, street: 'Main Street' });
      expect(ctx.scope.calls).to.have.lengthOf(1);
      const [name, model, response] = ctx.scope.calls[0];
      expect(name).to.equal('success');
      expect(model).to.be.an.instanceof(ctx.scope.Address);
      expect(model.id).to.equal(21);
      expect(response).to.deep.equal({ id: 21, street: 'Main Street' });
    });

    it('autoFetch with options calls error when the request fails', function () {
      new ctx.scope.Shop({ id: 1, address: 22 });
      ctx.server.requests[0].fail(404);
      expect(ctx.scope.calls).to.have.lengthOf(1);
      expect(ctx.scope.calls[0][0]).to.equal('error');
      expect(ctx.scope.calls[0][1].id).to.equal(22);
      expect(ctx.scope.calls[0][2].status).to.equal(404);
    });

    it('the fetched data reaches the models in the store', function () {
      new ctx.scope.Shop({ id: 1, customers: [11], address: 21 });
      ctx.server.respondAll(answerById({ name: 'fetched' }));
      expect(ctx.scope.Customer.find(11).get('name')).to.equal('fetched');
      expect(ctx.scope.Address.find(21).get('name')).to.equal('fetched');
    });

    it('requests nothing when nothing is missing', function () {
      new ctx.scope.Customer({ id: 11 });
      new ctx.scope.Address({ id: 21 });
      const shop = new ctx.scope.Shop({ id: 1, customers: [11], address: 21 });
      new ctx.scope.Shop({ id: 2 });
      expect(ctx.server.requests).to.have.lengthOf(0);
      expect(shop.get('customers').pluck('id')).to.deep.equal([11]);
    });

    it('does nothing without autoFetch (the default)', function () {
      new ctx.scope.Zoo({ id: 1, animals: [1, 2], keeper: 'k1' });
      expect(ctx.server.requests).to.have.lengthOf(0);
    });

    it('runs independently of the fetch that created the model', async function () {
      const shops = new ctx.scope.ShopCollection();
      const fetching = shops.fetch();
      expect(ctx.server.urls()).to.deep.equal(['/shop/']);
      ctx.server.requests[0].respond([
        { id: 1, customers: [11] },
        { id: 2, customers: [12], address: 21 },
      ]);
      expect(shops.length).to.equal(2);
      // the collection's fetch is done, while the shops' own fetches are still under way
      expect(fetching.state()).to.equal('resolved');
      expect(ctx.server.urls().slice(1)).to.have.members(['/customer/11', '/customer/12', '/address/21']);
      expect(ctx.server.pending()).to.have.lengthOf(3);
    });
  });
});
