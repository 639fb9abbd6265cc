// Runs one example in a page: loaded after underscore, jQuery, backbone and backbone-relational,
// before the example's own script. The example function gets the page's Backbone, `_` and
// jQuery and an `out` object that writes into <pre id="output">; when the example is done the
// body gets data-status="done" (or "failed", with the error shown in red), which is what the
// browser tests wait for.
(function (window) {
  'use strict';
  var document = window.document;

  function outputElement() {
    var pre = document.getElementById('output');
    if (!pre) {
      pre = document.createElement('pre');
      pre.id = 'output';
      document.body.appendChild(pre);
    }
    return pre;
  }

  function append(className, text) {
    var span = document.createElement('span');
    span.className = className;
    span.appendChild(document.createTextNode(text + '\n'));
    outputElement().appendChild(span);
  }

  function createOutput() {
    return {
      heading: function (text) {
        append('heading', text);
      },
      line: function (text) {
        append('line', String(text));
      },
      json: function (value) {
        append('json', JSON.stringify(value, null, 2));
      },
      check: function (condition, message) {
        if (!condition) throw new Error('Example check failed: ' + message);
      },
    };
  }

  function finish(status, error) {
    if (error) {
      append('error', 'Error: ' + (error && error.message ? error.message : error));
      // Also on the console, where the browser tests (and a developer) look for errors.
      window.console.error(error);
    }
    document.body.setAttribute('data-status', status);
  }

  window.RelationalExamples = {
    /** Run `example` ({title, run(Backbone, _, $, out), needs}) and show what it writes. */
    start: function (example) {
      var title = document.getElementById('title');
      if (title && !title.textContent) title.textContent = example.title;
      document.title = example.title + ' - backbone-relational-ts examples';
      var result;
      try {
        result = example.run(window.Backbone, window._, window.jQuery || null, createOutput());
      } catch (e) {
        finish('failed', e);
        return;
      }
      if (result && typeof result.then === 'function') {
        result.then(
          function () {
            finish('done');
          },
          function (e) {
            finish('failed', e || new Error('the example\'s promise was rejected'));
          },
        );
      } else {
        finish('done');
      }
    },
  };
})(window);
