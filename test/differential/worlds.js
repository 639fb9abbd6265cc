'use strict';
// Loading a "world": a fresh Backbone, `_` and jQuery with one relational library installed on
// them, sharing no module instance with any other world loaded in this process.
//
//   BR_BACKBONE    npm name of the Backbone both worlds use: 'backbone' (1.6.1, default),
//                  'backbone-1.2.3', ... (as in test/support/lib.js)
//   BR_UNDERSCORE  'underscore' (default) or 'lodash' (for this library's world: 0.10.0's and
//                  backbone-associations' always have underscore, see loadWorld)
//   BR_JQUERY      'jquery' (default), 'jquery-1.12' or 'none'
//
// Isolation: a world's modules (Backbone, `_` and the relational library, with every file
// they require from their own packages) are instantiated afresh for each world: each file is
// compiled once per process (vm.compileFunction) and its module function is then run with a
// module cache of the world's own, so every world has its own closures and objects, as if the
// process had loaded it first. Other modules (Node's, jsdom) come from the ordinary `require`.
// `assertIsolated` checks the result: no world shares Backbone, its prototypes, the store or
// the event queue with an earlier one.
//
// jQuery: Backbone.$ is set to a jQuery on a jsdom window, as test/support/lib.js does. Running
// jQuery's factory on jsdom takes ~60 ms, more than the rest of a world together, so by default
// one jQuery is made per process and given to every world; the libraries use only its
// `Deferred` and `when` here (getAsync combines its requests with them; Backbone.ajax reaches
// only the fake server of a step that has one, server.js, and there are no views).
// BR_DIFF_FRESH_JQUERY=1 makes one per world instead.
//
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist', 'backbone-relational.js');

const choice = {
  backbone: process.env.BR_BACKBONE || 'backbone',
  underscore: process.env.BR_UNDERSCORE || 'underscore',
  jquery: process.env.BR_JQUERY || 'jquery',
};

// The libraries require 'backbone' and 'underscore' by those names: send them to the chosen ones.
const redirects = { backbone: choice.backbone, underscore: choice.underscore };
let redirectInstalled = false;

function installRedirect() {
  if (redirectInstalled) return;
  redirectInstalled = true;
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const target = Object.prototype.hasOwnProperty.call(redirects, request) ? redirects[request] : request;
    return original.call(this, target, parent, ...rest);
  };
}

/** Directories (and files) whose modules belong to a world. */
function worldModulePaths() {
  const pkgDir = (name) => path.dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] })) + path.sep;
  return [pkgDir(choice.backbone), pkgDir(choice.underscore), pkgDir('backbone-relational'), pkgDir('backbone-associations'), DIST];
}

const compiled = new Map(); // filename -> module function

function moduleFunction(filename) {
  if (!compiled.has(filename)) {
    const source = fs.readFileSync(filename, 'utf8').replace(/^#!.*/, '');
    compiled.set(filename, vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename }));
  }
  return compiled.get(filename);
}

/**
 * `require(request)` from `fromFile` inside a world whose own module cache is `cache`: world
 * modules are run afresh (once per world), anything else comes from Node's `require`.
 */
function worldRequire(request, fromFile, cache, paths) {
  const parent = { id: fromFile, filename: fromFile, paths: Module._nodeModulePaths(path.dirname(fromFile)) };
  const filename = Module._resolveFilename(request, parent);
  if (!paths.some((p) => filename.startsWith(p))) return require(filename);
  if (cache.has(filename)) return cache.get(filename).exports;
  const module = { id: filename, filename, exports: {}, loaded: false };
  cache.set(filename, module);
  const localRequire = (next) => worldRequire(next, filename, cache, paths);
  localRequire.resolve = (next) => Module._resolveFilename(next, { id: filename, filename, paths: Module._nodeModulePaths(path.dirname(filename)) });
  moduleFunction(filename).call(module.exports, module.exports, localRequire, module, filename, path.dirname(filename));
  module.loaded = true;
  return module.exports;
}

let sharedWindow = null;
let sharedJquery = null;

/** The jQuery for a new world (see above), or undefined with BR_JQUERY=none. */
function jquery() {
  if (choice.jquery === 'none') return undefined;
  if (process.env.BR_DIFF_FRESH_JQUERY) {
    const paths = [path.dirname(require.resolve(`${choice.jquery}/package.json`, { paths: [ROOT] })) + path.sep];
    return worldRequire(choice.jquery, path.join(__dirname, 'worlds.js'), new Map(), paths)(jsdomWindow());
  }
  if (!sharedJquery) sharedJquery = require(choice.jquery)(jsdomWindow());
  return sharedJquery;
}

/** One jsdom window for every world's jQuery (a window holds no state the libraries share). */
function jsdomWindow() {
  if (!sharedWindow) {
    const { JSDOM } = require('jsdom');
    sharedWindow = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' }).window;
  }
  return sharedWindow;
}

const seenBackbones = new WeakSet();

function assertIsolated(world) {
  const B = world.Backbone;
  // (backbone-associations has no store or event queue.)
  const relational = B.Relational || {};
  if (seenBackbones.has(B) || seenBackbones.has(B.Model.prototype) || seenBackbones.has(relational.store)) {
    throw new Error('differential: a world shares Backbone or its store with an earlier world');
  }
  if (seenBackbones.has(relational.eventQueue)) throw new Error('differential: a world shares the event queue');
  for (const shared of [B, B.Model.prototype, B.Collection.prototype, relational.store, relational.eventQueue]) {
    if (!shared) continue;
    seenBackbones.add(shared);
  }
}

/**
 * A fresh world with `kind` = 'original' (backbone-relational 0.10.0), 'dist' (this library's
 * built UMD file) or 'associations' (backbone-associations 0.6.2, for the ports in
 * test/spec/paths.spec.js and event-bubbling.spec.js). Backbone.sync sends only to a step's
 * server (`world.server`, see server.js).
 */
function loadWorld(kind) {
  installRedirect();
  const paths = worldModulePaths();
  const cache = new Map();
  const from = path.join(__dirname, 'worlds.js');
  const load = (request) => worldRequire(request, from, cache, paths);
  // backbone-associations 0.6.2 passes a context to `_.each`, which lodash 4 ignores, and 0.10.0
  // cannot even define its types with lodash 4: their worlds always have underscore (the world
  // of the library compared with them has the configured `_`). (By file name: the test process
  // may send the name 'underscore' to lodash itself, see test/support/lib.js.)
  const underscore = redirects.underscore;
  if (kind === 'associations' || kind === 'original') redirects.underscore = underscoreFile();
  let _;
  let Backbone;
  try {
    _ = load('underscore');
    Backbone = load('backbone');
    Backbone.$ = jquery();
    if (kind === 'original') {
      load('backbone-relational');
    } else if (kind === 'dist') {
      load(DIST);
    } else if (kind === 'associations') {
      load('backbone-associations');
      if (!Backbone.AssociatedModel) throw new Error('differential: backbone-associations did not install on Backbone');
    } else {
      throw new Error(`differential: unknown library ${kind}`);
    }
  } finally {
    redirects.underscore = underscore;
  }
  if (kind !== 'associations' && (!Backbone.Relational || !Backbone.RelationalModel)) throw new Error(`differential: ${kind} did not install on Backbone`);
  // A server only during a step that asks for one (`world.server`, see server.js). Otherwise a
  // save or destroy of a saved model calls this and nothing happens (no success callback, no
  // 'request' or 'sync' event).
  const world = { kind, Backbone, _, timers: [], timerSeq: 0, server: null, lateAnswers: [] };
  const backboneSync = Backbone.sync;
  Backbone.sync = function (method, model) {
    if (!world.server) return null;
    world.server.forCollection = model instanceof Backbone.Collection;
    return backboneSync.apply(this, arguments);
  };
  Backbone.ajax = function (params) {
    if (!world.server) throw new Error('differential: no server in this step');
    return world.server.request(params);
  };
  assertIsolated(world);
  return world;
}

/** The main file of the underscore package, whatever the name 'underscore' is sent to. */
function underscoreFile() {
  const packageFile = require.resolve('underscore/package.json', { paths: [ROOT] });
  return path.join(path.dirname(packageFile), require(packageFile).main);
}

const realSetTimeout = global.setTimeout;
const realClearTimeout = global.clearTimeout;

/**
 * Runs `fn` with setTimeout/clearTimeout queueing into `world.timers`, Node's and the jsdom
 * window's (where jQuery 3 runs the callbacks of a Deferred's `then`).
 */
function withTimers(world, fn) {
  const windowTimers = sharedWindow && { setTimeout: sharedWindow.setTimeout, clearTimeout: sharedWindow.clearTimeout };
  const setTimer = function (callback, delay, ...args) {
    const id = ++world.timerSeq;
    world.timers.push({ id, callback, delay: Number(delay) || 0, args });
    return id;
  };
  const clearTimer = function (id) {
    const index = world.timers.findIndex((timer) => timer.id === id);
    if (index !== -1) world.timers.splice(index, 1);
  };
  global.setTimeout = setTimer;
  global.clearTimeout = clearTimer;
  if (windowTimers) Object.assign(sharedWindow, { setTimeout: setTimer, clearTimeout: clearTimer });
  try {
    return fn();
  } finally {
    global.setTimeout = realSetTimeout;
    global.clearTimeout = realClearTimeout;
    if (windowTimers) Object.assign(sharedWindow, windowTimers);
  }
}

/**
 * Runs the world's queued timers, shortest delay first (ties in the order they were set),
 * including timers they set themselves, up to a bound. `onError` gets each thrown error.
 */
function flushTimers(world, onError) {
  for (let ran = 0; world.timers.length && ran < 1000; ran++) {
    let next = 0;
    for (let i = 1; i < world.timers.length; i++) if (world.timers[i].delay < world.timers[next].delay) next = i;
    const [timer] = world.timers.splice(next, 1);
    withTimers(world, () => {
      try {
        timer.callback(...timer.args);
      } catch (err) {
        onError(err);
      }
    });
  }
  world.timers.length = 0;
}

/** Whether the configured `_` is lodash: then only this library's world has it (see loadWorld). */
const SELF_HAS_LODASH = /lodash/.test(choice.underscore);

module.exports = { loadWorld, withTimers, flushTimers, choice, SELF_HAS_LODASH };
