'use strict';
// Shared set-up for the spec files: a fresh store and model scope per test, and small
// utilities for recording events and capturing console warnings.
const sinon = require('sinon');
const lib = require('../support/lib');

const { Relational } = lib;

// Reset the global store and register a new, empty scope object on which a test defines its
// model types, so that string names ('Animal', 'App.Models.Animal') resolve to this test's types.
function freshScope() {
  Relational.store.reset();
  const scope = {};
  Relational.store.addModelScope(scope);
  return scope;
}

// Standard hooks for a describe block. `define(scope)` is called before every test with a
// fresh scope; the returned context object exposes `scope` to the tests.
function useFreshStore(define) {
  const ctx = { scope: null };
  beforeEach(function () {
    Relational.showWarnings = true;
    ctx.scope = freshScope();
    if (define) define(ctx.scope);
  });
  afterEach(function () {
    // Give relations declared in this test (possibly still waiting for their related type)
    // the chance to resolve against this test's scope, so that they cannot leak into the
    // next test, which defines types with the same names.
    try {
      new lib.Backbone.RelationalModel();
    } catch (e) {
      // ignore
    }
    if (ctx.scope) Relational.store.removeModelScope(ctx.scope);
    // A test that stopped halfway through a set (on 0.10.0, which has no opt-in features, say)
    // must not leave the global event queue blocked for the next one.
    try {
      while (Relational.eventQueue.isBlocked()) Relational.eventQueue.unblock();
    } catch (e) {
      // ignore
    }
    Relational.store.reset();
    Relational.showWarnings = true;
    sinon.restore();
  });
  return ctx;
}

// Record every event triggered on `obj` (a model or collection) as [name, ...args].
function recordEvents(obj) {
  const log = [];
  obj.on('all', function (name, ...args) {
    log.push([name, ...args]);
  });
  log.names = function () {
    return log.map((entry) => entry[0]);
  };
  log.count = function (name) {
    return log.filter((entry) => entry[0] === name).length;
  };
  log.of = function (name) {
    return log.filter((entry) => entry[0] === name);
  };
  return log;
}

// Replace console.warn with a sinon stub for the rest of the test (restored in afterEach).
function stubWarn() {
  return sinon.stub(console, 'warn');
}

module.exports = { ...lib, sinon, freshScope, useFreshStore, recordEvents, stubWarn };
