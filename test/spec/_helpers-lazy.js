'use strict';
// Shared helpers for the lazy-loading specs (getAsync / getIdsToFetch / autoFetch / fetchRelated).
//
// `installFakeAjax(Backbone, $)` replaces `Backbone.ajax` with a recording fake (a sinon stub)
// and returns a `server` object:
//
//   server.requests        every request made, in order: { url, type, params, xhr, respond, fail }
//   server.urls()          the urls requested so far
//   req.respond(body)      answer with 200: calls the success callback Backbone.sync passed,
//                          then resolves the returned xhr (as jQuery.ajax does)
//   req.fail(status)       answer with an error status: calls the error callback, then rejects
//   server.respondAll(fn)  answer every pending request with `fn(req)` (a body), in order
//   server.restore()       put the previous `Backbone.ajax` back
//
// The returned xhr is a jQuery Deferred's promise when `$` (with `Deferred`) is given, like
// `jQuery.ajax` returns; otherwise a native Promise (for the no-jQuery specs). Nothing here
// depends on timing: a request stays pending until the test answers it.
const sinon = require('sinon');

function installFakeAjax(Backbone, $) {
  const previous = Backbone.ajax;
  const server = { requests: [] };

  const fake = sinon.spy(function fakeAjax(params) {
    const useJQuery = !!($ && $.Deferred);
    let xhr;
    let resolve;
    let reject;
    if (useJQuery) {
      const deferred = $.Deferred();
      xhr = deferred.promise();
      resolve = (body) => deferred.resolve(body, 'success', xhr);
      reject = () => deferred.reject(xhr, 'error', xhr.statusText);
    } else {
      xhr = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Mark as handled: the code under test may legitimately not listen to every request.
      xhr.catch(() => {});
    }
    xhr.readyState = 1;

    const req = {
      url: params.url,
      type: params.type,
      params,
      xhr,
      settled: false,
      respond(body) {
        if (req.settled) throw new Error('request ' + req.url + ' already answered');
        req.settled = true;
        xhr.readyState = 4;
        xhr.status = 200;
        xhr.responseText = JSON.stringify(body);
        if (params.success) params.success(body, 'success', xhr);
        resolve(body);
      },
      fail(status) {
        if (req.settled) throw new Error('request ' + req.url + ' already answered');
        req.settled = true;
        xhr.readyState = 4;
        xhr.status = status || 500;
        xhr.statusText = 'error';
        xhr.responseText = '';
        if (params.error) params.error(xhr, 'error', 'error');
        reject(xhr);
      },
    };
    server.requests.push(req);
    return xhr;
  });

  Backbone.ajax = fake;
  server.ajax = fake;
  server.urls = () => server.requests.map((r) => r.url);
  server.pending = () => server.requests.filter((r) => !r.settled);
  server.respondAll = (bodyFor) => {
    server.pending().forEach((req) => req.respond(bodyFor(req)));
  };
  server.restore = () => {
    Backbone.ajax = previous;
  };
  return server;
}

// Settle any thenable (jQuery or native) into a native promise of
// { status: 'fulfilled', value } or { status: 'rejected', reason }.
function settle(thenable) {
  return new Promise((resolve) => {
    thenable.then(
      (value) => resolve({ status: 'fulfilled', value }),
      (reason) => resolve({ status: 'rejected', reason })
    );
  });
}

// The id at the end of a url such as '/animal/7' -> '7'.
function lastSegment(url) {
  const parts = String(url).split('/').filter(Boolean);
  return decodeURIComponent(parts[parts.length - 1]);
}

// A url(models) that builds one url for a set of models. It accepts models or bare ids, so it
// gives the same url whichever of the two the library passes in.
function setUrl(_, base) {
  return function (models) {
    return base + (models ? 'set/' + _.map(models, (m) => (m && m.id != null ? m.id : m)).join(';') + '/' : '');
  };
}

// A responder for `server.respondAll`: answers a request for '/animal/7' with { id: 7, ...extra }.
function answerById(extra) {
  return (req) => {
    const raw = lastSegment(req.url);
    const id = /^\d+$/.test(raw) ? Number(raw) : raw;
    return Object.assign({ id: id }, extra);
  };
}

// The models the lazy-loading specs share, defined on the scope `s`.
function defineLazyModels(Backbone, _, s) {
  s.Animal = Backbone.RelationalModel.extend({ urlRoot: '/animal/' });
  s.Keeper = Backbone.RelationalModel.extend({ urlRoot: '/keeper/' });
  s.Zoo = Backbone.RelationalModel.extend({
    urlRoot: '/zoo/',
    relations: [
      {
        type: Backbone.HasMany,
        key: 'animals',
        relatedModel: 'Animal',
        includeInJSON: 'id',
        reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
      },
      { type: Backbone.HasOne, key: 'keeper', relatedModel: 'Keeper', includeInJSON: 'id' },
    ],
  });

  // batched: the manual's House / PersonCollection
  s.Person = Backbone.RelationalModel.extend({ urlRoot: '/person/' });
  s.PersonCollection = Backbone.Collection.extend({ url: setUrl(_, '/person/') });
  s.House = Backbone.RelationalModel.extend({
    relations: [
      {
        type: Backbone.HasMany,
        key: 'occupants',
        relatedModel: 'Person',
        includeInJSON: Backbone.Model.prototype.idAttribute,
        collectionType: 'PersonCollection',
        reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
      },
    ],
  });
  // a collectionType whose url ignores its argument: no batching possible
  s.Plant = Backbone.RelationalModel.extend({ urlRoot: '/plant/' });
  s.PlantCollection = Backbone.Collection.extend({
    url: function () {
      return '/plant/';
    },
  });
  s.Garden = Backbone.RelationalModel.extend({
    relations: [{ type: 'HasMany', key: 'plants', relatedModel: 'Plant', collectionType: 'PlantCollection' }],
  });

  // autoFetch: the manual's Shop / Customer / Address
  s.calls = [];
  s.Customer = Backbone.RelationalModel.extend({ urlRoot: '/customer/' });
  s.Address = Backbone.RelationalModel.extend({ urlRoot: '/address/' });
  s.Shop = Backbone.RelationalModel.extend({
    relations: [
      {
        type: Backbone.HasMany,
        key: 'customers',
        relatedModel: 'Customer',
        autoFetch: true,
      },
      {
        type: Backbone.HasOne,
        key: 'address',
        relatedModel: 'Address',
        autoFetch: {
          success: function (model, response) {
            s.calls.push(['success', model, response]);
          },
          error: function (model, response) {
            s.calls.push(['error', model, response]);
          },
        },
      },
    ],
  });
  s.ShopCollection = Backbone.Collection.extend({ model: s.Shop, url: '/shop/' });
}

// Mocha hooks for a lazy-loading spec: `Backbone.$` is `$` (a jQuery, or undefined for none)
// for the file's duration; each test gets a fresh store, a scope with the shared models and a
// fake server. Returns { scope, server }, filled in for each test.
function useLazyScope(lib, $) {
  const { Backbone, _, Relational } = lib;
  const ctx = { scope: null, server: null };
  let saved$;
  before(function () {
    saved$ = Backbone.$;
    Backbone.$ = $;
  });
  after(function () {
    Backbone.$ = saved$;
  });
  beforeEach(function () {
    Relational.store.reset();
    ctx.scope = {};
    Relational.store.addModelScope(ctx.scope);
    defineLazyModels(Backbone, _, ctx.scope);
    ctx.server = installFakeAjax(Backbone, $);
  });
  afterEach(function () {
    ctx.server.restore();
    Relational.store.removeModelScope(ctx.scope);
  });
  return ctx;
}

module.exports = { installFakeAjax, settle, lastSegment, setUrl, answerById, defineLazyModels, useLazyScope };
