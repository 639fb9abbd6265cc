'use strict';
// Runs one example in Node, the way its page runs it in a browser: the same example function
// gets Backbone (with backbone-relational installed), `_`, jQuery (or null) and an `out` object,
// and what it writes with `out` is printed on stdout instead of into a <pre>.
//
//   node examples/zoo.js          run one example (each example file calls `main` for this)
//   BR_LIB=original node examples/zoo.js
//                                 the same with backbone-relational 0.10.0 itself, to compare
//
// jQuery needs a `window`; an example that uses it (`needs: ['jquery']`, for `$.when` and the
// promises `getAsync` returns) gets one from jsdom, as in the test suite. The others run with
// `Backbone.$` unset, as a Node application without a DOM would.
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Backbone, `_` and (if asked for) jQuery, with the built library installed on Backbone. */
function loadEnvironment(needs) {
  const _ = require('underscore');
  const Backbone = require('backbone');
  let $ = null;
  if (needs && needs.indexOf('jquery') >= 0) {
    const { JSDOM } = require('jsdom');
    const { window } = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
    $ = require('jquery')(window);
    Backbone.$ = $;
  }
  if (process.env.BR_LIB === 'original') {
    require('backbone-relational');
    // In Node there is no `window`: names resolve on the scopes the application adds.
    Backbone.Relational.store.addModelScope(globalThis);
    return { Backbone, _, $ };
  }
  // The UMD build: under CommonJS it requires 'backbone', installs itself on it and returns the
  // Backbone.Relational namespace.
  const Relational = require(path.join(ROOT, 'dist', 'backbone-relational.js'));
  if (Relational !== Backbone.Relational) {
    throw new Error('require(dist/backbone-relational.js) did not return Backbone.Relational');
  }
  // In Node there is no `window`: names resolve on the scopes the application adds.
  Backbone.Relational.store.addModelScope(globalThis);
  return { Backbone, _, $ };
}

/** An `out` that prints: headings underlined, lines indented, JSON pretty-printed. */
function createOutput(stream) {
  const write = (text) => stream.write(text + '\n');
  return {
    heading(text) {
      write('');
      write('  ' + text);
      write('  ' + '-'.repeat(text.length));
    },
    line(text) {
      String(text)
        .split('\n')
        .forEach((l) => write('    ' + l));
    },
    json(value) {
      this.line(JSON.stringify(value, null, 2));
    },
    check(condition, message) {
      if (!condition) throw new Error('Example check failed: ' + message);
    },
  };
}

/**
 * Run an example; resolves when it (and the promise it may return) is done, rejects on any
 * error or failed `out.check`.
 */
function runExample(example, stream = process.stdout) {
  const env = loadEnvironment(example.needs);
  const out = createOutput(stream);
  stream.write(`\n== ${example.title} ==\n`);
  return Promise.resolve().then(() => example.run(env.Backbone, env._, env.$, out));
}

/** `node examples/<name>.js`: run the example and set the exit code. */
function main(example) {
  runExample(example).then(
    () => {
      process.exitCode = 0;
    },
    (err) => {
      process.stderr.write(`\nFAILED: ${example.title}\n${(err && err.stack) || err}\n`);
      process.exitCode = 1;
    },
  );
}

module.exports = { loadEnvironment, createOutput, runExample, main };
