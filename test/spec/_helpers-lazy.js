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

module.exports = { installFakeAjax, settle, lastSegment };
