'use strict';
// A mocha reporter for test/run-all.js: mocha's own `spec` output (what a person reads) plus,
// when the run ends, a small JSON file with the real counts and failures (what run-all adds
// up). The file is named by the BR_RESULTS_FILE environment variable or the reporter option
// `output` (`--reporter-option output=path`); with neither it is just the spec reporter.
const fs = require('fs');
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_TEST_FAIL, EVENT_RUN_END } = Mocha.Runner.constants;

class ResultsReporter extends Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const reporterOption = options.reporterOption || options.reporterOptions || {};
    const output = reporterOption.output || process.env.BR_RESULTS_FILE;
    const failures = [];

    runner.on(EVENT_TEST_FAIL, (test, err) => {
      failures.push({
        title: test.fullTitle(),
        file: test.file || null,
        message: err && err.message ? String(err.message) : String(err),
      });
    });

    runner.once(EVENT_RUN_END, () => {
      if (!output) return;
      const { tests, passes, failures: failed, pending, duration } = this.stats;
      const results = { stats: { tests, passes, failures: failed, pending, duration }, failures };
      // Synchronous on purpose: with `--exit` mocha ends the process right after this event.
      fs.writeFileSync(output, JSON.stringify(results, null, 2));
    });
  }
}

ResultsReporter.description = 'spec output plus a JSON results file for test/run-all.js';

module.exports = ResultsReporter;
