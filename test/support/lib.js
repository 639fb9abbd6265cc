'use strict';
// Loads Backbone, `_`, jQuery and a relational library the way a Node application would,
// choosing each by environment variable so one suite runs over the whole support matrix:
//
//   BR_LIB         'dist' (default: this library's built UMD file) or 'original'
//                  (backbone-relational 0.10.0, for checking that a test's expectation is
//                  what the original library does)
//   BR_BACKBONE    npm name of the Backbone to use: 'backbone' (1.6.1), 'backbone-1.2.3', ...
//   BR_UNDERSCORE  'underscore' (default) or 'lodash'
//   BR_JQUERY      'jquery' (3.x, default), 'jquery-1.12' or 'none'
//
// `require('backbone')` and `require('underscore')` are redirected to the chosen packages, so
// the library under test (which requires them by those names) gets the same instances.
const Module = require('module');
const path = require('path');

const choice = {
  lib: process.env.BR_LIB || 'dist',
  backbone: process.env.BR_BACKBONE || 'backbone',
  underscore: process.env.BR_UNDERSCORE || 'underscore',
  jquery: process.env.BR_JQUERY || 'jquery',
};

const redirects = { backbone: choice.backbone, underscore: choice.underscore };
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (Object.prototype.hasOwnProperty.call(redirects, request) && redirects[request] !== request) {
    return originalResolve.call(this, redirects[request], parent, ...rest);
  }
  return originalResolve.call(this, request, parent, ...rest);
};

const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
const window = dom.window;

const _ = require('underscore');
const Backbone = require('backbone');
let $ = null;
if (choice.jquery !== 'none') {
  $ = require(choice.jquery)(window);
}
Backbone.$ = $ || undefined;

let Relational;
if (choice.lib === 'original') {
  require('backbone-relational');
  Relational = Backbone.Relational;
} else {
  Relational = require(path.join(__dirname, '..', '..', 'dist', 'backbone-relational.js'));
}

module.exports = { Backbone, _, $, Relational, window, choice };
