'use strict';
// ALLOWED TO FAIL ON THE ORIGINAL: backbone-relational 0.10.0 removed the 0.8-era
// `fetchRelated(key, options, refresh)` (replaced by `getAsync(key, options)` with
// `options.refresh`). This library keeps it for old application code, as a thin wrapper over
// getAsync's fetching that warns once that it is deprecated.
//
// What 0.8 code does with it: `$.when.apply($, model.fetchRelated('key')).done(...)`, i.e. it
// expects an ARRAY of requests (one per fetched model, or one for a batched url(models) fetch;
// empty when nothing is missing). That is what these tests ask for.
// (`update:<key>` events from 0.8 are not emulated; 0.10.0 fires `change:<key>` instead.)
const { expect } = require('chai');
const sinon = require('sinon');
const lib = require('../support/lib');
const { useLazyScope, answerById, settle } = require('./_helpers-lazy');

const { Backbone, $, window, choice } = lib;

const jq = $ || require(choice.jquery === 'none' ? 'jquery' : choice.jquery)(window);

describe('0.8 compatibility: fetchRelated(key, options, refresh)', function () {
  const ctx = useLazyScope(lib, jq);
  let warnSpy;

  function deprecationWarnings() {
    return warnSpy.getCalls().filter((c) => c.args.some((a) => /fetchRelated/.test(String(a))));
  }

  // Spy on console.warn for the whole file, so the once-only deprecation warning is counted
  // from the first call of fetchRelated on.
  before(function () {
    warnSpy = sinon.spy(console, 'warn');
  });

  after(function () {
    warnSpy.restore();
  });

  // Keep this test first: it checks the warning of the very first fetchRelated call.
  it('warns once (console.warn mentioning fetchRelated) that it is deprecated', function () {
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
    zoo.fetchRelated('animals');
    zoo.fetchRelated('animals');
    new ctx.scope.Zoo({ id: 2, animals: [3] }).fetchRelated('animals');
    expect(deprecationWarnings()).to.have.lengthOf(1);
  });

  it('exists on RelationalModel', function () {
    expect(Backbone.RelationalModel.prototype.fetchRelated).to.be.a('function');
  });

  it('returns an array with one request per missing model', function () {
    new ctx.scope.Animal({ id: 1 });
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [1, 2, 3] });
    const requests = zoo.fetchRelated('animals');
    expect(Array.isArray(requests)).to.equal(true);
    expect(requests).to.have.lengthOf(2);
    expect(ctx.server.urls()).to.deep.equal(['/animal/2', '/animal/3']);
    requests.forEach((r) => expect(r.done).to.be.a('function'));
  });

  it('$.when.apply($, requests) resolves once all are answered, with the models loaded', async function () {
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [2, 3] });
    let done = false;
    const all = jq.when.apply(jq, zoo.fetchRelated('animals')).done(function () {
      done = true;
    });
    ctx.server.requests[0].respond({ id: 2, species: 'Zebra' });
    expect(done).to.equal(false);
    ctx.server.requests[1].respond({ id: 3, species: 'Lion' });
    await settle(all);
    expect(done).to.equal(true);
    expect(zoo.get('animals').pluck('species')).to.deep.equal(['Zebra', 'Lion']);
    expect(zoo.get('animals').get(3).get('livesIn')).to.equal(zoo);
  });

  it('returns an empty array and makes no request when nothing is missing', function () {
    new ctx.scope.Animal({ id: 1 });
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [1] });
    expect(zoo.fetchRelated('animals')).to.deep.equal([]);
    expect(ctx.server.requests).to.have.lengthOf(0);
  });

  it('the third argument (refresh) refetches the loaded models', async function () {
    const lion = new ctx.scope.Animal({ id: 1, species: 'old' });
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [1] });
    const requests = zoo.fetchRelated('animals', {}, true);
    expect(requests).to.have.lengthOf(1);
    expect(ctx.server.urls()).to.deep.equal(['/animal/1']);
    ctx.server.respondAll(answerById({ species: 'new' }));
    await settle(jq.when.apply(jq, requests));
    expect(lion.get('species')).to.equal('new');
  });

  it('passes options on to Backbone.sync', function () {
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
    const success = sinon.spy();
    zoo.fetchRelated('animals', { success: success, headers: { 'X-Old': '1' } });
    expect(ctx.server.requests[0].params.headers).to.deep.equal({ 'X-Old': '1' });
    ctx.server.respondAll(answerById());
    expect(success.calledOnce).to.equal(true);
  });

  it('fetches a HasOne relation', async function () {
    const zoo = new ctx.scope.Zoo({ id: 1, keeper: 7 });
    const requests = zoo.fetchRelated('keeper');
    expect(requests).to.have.lengthOf(1);
    expect(ctx.server.urls()).to.deep.equal(['/keeper/7']);
    ctx.server.requests[0].respond({ id: 7, name: 'Ann' });
    await settle(jq.when.apply(jq, requests));
    expect(zoo.get('keeper').get('name')).to.equal('Ann');
  });

  it('returns a single request for a batched url(models) fetch', function () {
    const house = new ctx.scope.House({ id: 1, occupants: [4, 5] });
    const requests = house.fetchRelated('occupants');
    expect(requests).to.have.lengthOf(1);
    expect(ctx.server.urls()).to.deep.equal(['/person/set/4;5/']);
  });

  it('a failed request removes the model created for it, as getAsync does', async function () {
    const zoo = new ctx.scope.Zoo({ id: 1, animals: [2] });
    const requests = zoo.fetchRelated('animals');
    ctx.server.requests[0].fail(404);
    await settle(jq.when.apply(jq, requests));
    expect(ctx.scope.Animal.find(2)).to.equal(null);
    expect(zoo.get('animals').length).to.equal(0);
  });
});
