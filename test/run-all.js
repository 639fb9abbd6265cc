#!/usr/bin/env node
'use strict';
// The `npm test` runner: runs every test suite over the support matrix, each configuration in
// its own process, adds up the real results and ends with the line `N passed, M failed`.
//
//   node test/run-all.js                      every default run (the RUNS table below)
//   node test/run-all.js --only backbone-1.2.3[,lodash]   just those runs (repeatable; an
//                                              opt-in run such as `original` can be chosen too)
//   node test/run-all.js --grep 'HasMany'     passed to mocha (also -g, --fgrep, -i/--invert);
//                                              command runs (typecheck, ...) are then skipped
//   node test/run-all.js --list               print the table and exit
//   node test/run-all.js --jobs 1             runs at a time (default 2, or BR_JOBS)
//   node test/run-all.js --verbose            print every run's full output, not only failures'
//   node test/run-all.js -- --bail            everything after `--` goes to mocha as is
//
// The build is not run here: `npm test` runs `npm run build` first, and the mocha suites load
// dist/backbone-relational.js through test/support/lib.js.
//
// Counting: passed and failed are mocha's own counts, read from the JSON file that
// test/support/results-reporter.js writes. A run that exits without that file, that reports
// zero tests, that exits non-zero with no failing test, or that hits its time limit has
// crashed and counts as one more failure. The exit code is 1 when anything failed.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const MOCHA_BIN = path.join(path.dirname(require.resolve('mocha/package.json')), 'bin', 'mocha.js');
const REPORTER = path.join(__dirname, 'support', 'results-reporter.js');

// ---------------------------------------------------------------------------------------------
// The matrix. One line per run:
//   mocha(name, env, options)    the suite in .mocharc.json (test/spec/**/*.spec.js) with these
//                                environment variables (see test/support/lib.js); options:
//                                `spec: [globs]` for another suite, `optIn: true` to run it only
//                                when named with --only, `timeout` (ms, whole run).
//   command(name, argv, options) any other command (type tests, browser tests, ...). It may
//                                write its results as {"stats": {"passes": n, "failures": m}}
//                                (the reporter's format) to the file named by $BR_RESULTS_FILE;
//                                if it does not, exit code 0 counts as 1 passed, else 1 failed.
//                                A mocha-based suite can use mocha(name, env, {spec}) instead.
// ---------------------------------------------------------------------------------------------
const RUNS = [
  mocha('backbone-1.6.1', { BR_BACKBONE: 'backbone' }),
  mocha('backbone-1.2.3', { BR_BACKBONE: 'backbone-1.2.3' }),
  mocha('backbone-1.3.3', { BR_BACKBONE: 'backbone-1.3.3' }),
  mocha('backbone-1.4.1', { BR_BACKBONE: 'backbone-1.4.1' }),
  mocha('backbone-1.5.0', { BR_BACKBONE: 'backbone-1.5.0' }),
  mocha('lodash', { BR_UNDERSCORE: 'lodash' }),
  mocha('jquery-1.12', { BR_JQUERY: 'jquery-1.12' }),
  mocha('no-jquery', { BR_JQUERY: 'none' }),
  // The property-based consistency run (over 100,000 random operations) and the memory checks:
  // once, on Backbone 1.6.1 (they test the library's bookkeeping, not Backbone's differences).
  mocha('reliability', { BR_BACKBONE: 'backbone' }, { spec: ['test/reliability/**/*.spec.js'] }),
  // Differential: random operation sequences in lock-step on 0.10.0 and on this library, every
  // observation compared (test/differential/README.md). On the newest and the oldest Backbone.
  mocha('differential-1.6.1', { BR_BACKBONE: 'backbone' }, { spec: ['test/differential/differential.spec.js'] }),
  mocha('differential-1.2.3', { BR_BACKBONE: 'backbone-1.2.3' }, { spec: ['test/differential/differential.spec.js'] }),
  // This library on lodash (0.10.0's world keeps underscore, with which alone it runs), on the
  // oldest Backbone, whose own `pluck` and `invoke` lodash 4 breaks.
  mocha('differential-1.2.3-lodash', { BR_BACKBONE: 'backbone-1.2.3', BR_UNDERSCORE: 'lodash' }, { spec: ['test/differential/differential.spec.js'] }),
  command('typecheck', ['node', require.resolve('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']),
  // Type tests against dist's declarations (test/types/run.js), strict, no casts.
  command('types', ['node', 'test/types/run.js']),
  // `npm pack`, installed into an empty project: require, import and TypeScript resolve it.
  command('package', ['node', 'test/package/pack-test.js']),
  // Every page in examples/ in headless Chromium (found, or brought: see test/browser/chromium.js).
  command('browser', ['node', 'test/browser/run.js']),
  // The same suite against backbone-relational 0.10.0 itself, to check what a test expects.
  mocha('original', { BR_LIB: 'original' }, { optIn: true }),
  // The differential harness's self-check: 0.10.0 against itself must show no difference.
  mocha('differential-self-check', { BR_DIFF_SELF: 'original' }, { spec: ['test/differential/differential.spec.js'], optIn: true }),
];

function mocha(name, env = {}, options = {}) {
  return { kind: 'mocha', name, env, ...options };
}

function command(name, argv, options = {}) {
  return { kind: 'command', name, argv, env: options.env || {}, ...options };
}

const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------
function parseArgs(argv) {
  const opts = { only: [], mochaArgs: [], grep: false, list: false, verbose: false, jobs: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--') {
      opts.mochaArgs.push(...argv.slice(i + 1));
      break;
    } else if (arg === '--only') {
      opts.only.push(...value().split(',').filter(Boolean));
    } else if (arg.startsWith('--only=')) {
      opts.only.push(...arg.slice('--only='.length).split(',').filter(Boolean));
    } else if (arg === '--grep' || arg === '-g' || arg === '--fgrep' || arg === '-f') {
      opts.mochaArgs.push(arg, value());
      opts.grep = true;
    } else if (/^--(grep|fgrep)=/.test(arg)) {
      opts.mochaArgs.push(arg);
      opts.grep = true;
    } else if (arg === '--invert' || arg === '-i') {
      opts.mochaArgs.push(arg);
    } else if (arg === '--jobs' || arg === '-j') {
      opts.jobs = Number(value());
    } else if (arg === '--list') {
      opts.list = true;
    } else if (arg === '--verbose' || arg === '-v') {
      opts.verbose = true;
    } else if (arg === '--help' || arg === '-h') {
      usage();
    } else {
      usage(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

function usage(error) {
  const text = fs.readFileSync(__filename, 'utf8').split('\n');
  const help = text.slice(2, text.findIndex((line) => line.startsWith('// The build'))).map((l) => l.replace(/^\/\/ ?/, ''));
  if (error) console.error(`run-all: ${error}\n`);
  console.error(help.join('\n'));
  process.exit(error ? 2 : 0);
}

function selectRuns(opts) {
  if (opts.only.length) {
    const unknown = opts.only.filter((name) => !RUNS.some((run) => run.name === name));
    if (unknown.length) usage(`no run named ${unknown.join(', ')} (try --list)`);
    return RUNS.filter((run) => opts.only.includes(run.name));
  }
  // mocha's --grep selects tests, which a plain command has none of.
  return RUNS.filter((run) => !run.optIn && !(opts.grep && run.kind !== 'mocha'));
}

function describeEnv(env) {
  const pairs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? pairs.join(' ') : '(defaults)';
}

// ---------------------------------------------------------------------------------------------
// Running one configuration
// ---------------------------------------------------------------------------------------------
function runOne(run, opts, tmpDir) {
  const resultsFile = path.join(tmpDir, `${run.name.replace(/[^\w.-]/g, '_')}.json`);
  let argv;
  if (run.kind === 'mocha') {
    const suiteArgs = run.spec
      ? // Another suite: ignore .mocharc.json's spec list but keep its other settings.
        ['--no-config', '--timeout', '10000', '--exit', ...run.spec]
      : ['--config', path.join(ROOT, '.mocharc.json')];
    argv = [
      process.execPath,
      MOCHA_BIN,
      ...suiteArgs,
      '--reporter',
      REPORTER,
      process.stdout.isTTY ? '--color' : '--no-color',
      ...opts.mochaArgs,
    ];
  } else {
    argv = run.argv[0] === 'node' ? [process.execPath, ...run.argv.slice(1)] : run.argv;
  }
  const env = { ...process.env, ...run.env, BR_RESULTS_FILE: resultsFile };
  const started = Date.now();

  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env, detached: true });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));

    let timedOut = false;
    const limit = run.timeout || DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, limit);

    let finished = false;
    const finish = (code, signal, spawnError) => {
      if (finished) return; // 'error' can be followed by 'close'
      finished = true;
      clearTimeout(timer);
      running.delete(child);
      const result = {
        run,
        code,
        signal,
        output,
        seconds: (Date.now() - started) / 1000,
        passed: 0,
        failed: 0,
        pending: 0,
        failures: [],
        crash: null,
      };
      let results = null;
      try {
        results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
      } catch (e) {
        results = null;
      }

      if (spawnError) {
        result.crash = `could not start: ${spawnError.message}`;
      } else if (timedOut) {
        result.crash = `killed after ${Math.round(limit / 1000)}s time limit`;
      } else if (results && results.stats) {
        result.passed = results.stats.passes || 0;
        result.failed = results.stats.failures || 0;
        result.pending = results.stats.pending || 0;
        result.failures = results.failures || [];
        // A line worth showing even when the run passes (which browser the browser run used).
        result.note = results.note || null;
        if (result.passed + result.failed === 0) {
          result.crash = 'reported zero tests';
        } else if (code !== 0 && result.failed === 0) {
          result.crash = `exit code ${code !== null ? code : signal} with no failing test`;
        }
      } else if (run.kind === 'command' && !results && signal === null) {
        // A plain command: its exit code is its one result.
        if (code === 0) result.passed = 1;
        else result.failed = 1;
      } else {
        result.crash = `no results (exit ${code !== null ? code : signal})`;
      }
      resolve(result);
    };
    child.on('error', (err) => finish(null, null, err));
    child.on('close', (code, signal) => finish(code, signal, null));
  });
}

const running = new Set();

function killTree(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (e) {
    try {
      child.kill('SIGKILL');
    } catch (ignored) {
      // already gone
    }
  }
}

let tmpDirToRemove = null;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) killTree(child);
    if (tmpDirToRemove) fs.rmSync(tmpDirToRemove, { recursive: true, force: true });
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------
function isBad(result) {
  return Boolean(result.crash) || result.failed > 0;
}

function statusText(result) {
  const counts = `${result.passed} passed, ${result.failed} failed` + (result.pending ? `, ${result.pending} pending` : '');
  return result.crash ? `CRASHED (${result.crash}); ${counts}` : counts;
}

// For a failing mocha run, the spec reporter's epilogue (the counts and each failure with its
// diff and stack) is what matters; its full output is shown when the run crashed or with
// --verbose.
function failureText(result) {
  const lines = result.output.split('\n');
  if (result.run.kind === 'mocha' && !result.crash) {
    const start = lines.findIndex((line) => /^\s*\d+ passing\b/.test(line.replace(/\x1b\[[0-9;]*m/g, '')));
    if (start >= 0) return lines.slice(start).join('\n');
  }
  const tail = 400;
  return (lines.length > tail ? [`... (${lines.length - tail} earlier lines omitted)`] : []).concat(lines.slice(-tail)).join('\n');
}

function printResult(result, opts) {
  const head = `${isBad(result) ? 'FAIL' : 'ok  '} ${result.run.name}: ${statusText(result)} (${result.seconds.toFixed(1)}s)`;
  if (opts.verbose || isBad(result)) {
    const rule = '-'.repeat(78);
    console.log(`\n${rule}\n${result.run.name} [${describeEnv(result.run.env)}]\n${rule}`);
    console.log((opts.verbose ? result.output : failureText(result)).replace(/\s+$/, ''));
    console.log(head);
  } else {
    console.log(head);
  }
  if (result.note && !opts.verbose) console.log(`     ${result.note}`);
}

function printSummary(results) {
  const width = Math.max(...results.map((r) => r.run.name.length), 4);
  console.log('\nSummary');
  for (const result of results) {
    console.log(`  ${isBad(result) ? 'FAIL' : 'ok  '}  ${result.run.name.padEnd(width)}  ${statusText(result)}  [${describeEnv(result.run.env)}] ${result.seconds.toFixed(1)}s`);
  }
  const failedTitles = results.flatMap((r) => r.failures.map((f) => `  ${r.run.name}: ${f.title}`));
  if (failedTitles.length) {
    console.log('\nFailing tests');
    const shown = failedTitles.slice(0, 100);
    console.log(shown.join('\n'));
    if (failedTitles.length > shown.length) console.log(`  ... and ${failedTitles.length - shown.length} more`);
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.list) {
    for (const run of RUNS) {
      const what = run.kind === 'mocha' ? `mocha ${run.spec ? run.spec.join(' ') : '(.mocharc.json)'}` : run.argv.map((a) => (path.isAbsolute(a) ? path.relative(ROOT, a) : a)).join(' ');
      console.log(`${run.name.padEnd(16)} ${run.optIn ? 'opt-in ' : 'default'}  ${describeEnv(run.env).padEnd(28)} ${what}`);
    }
    return 0;
  }

  const runs = selectRuns(opts);
  const jobs = Math.min(runs.length, Math.max(1, opts.jobs || Number(process.env.BR_JOBS) || Math.min(2, os.cpus().length)));
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-run-all-'));
  tmpDirToRemove = tmpDir;
  console.log(`Running ${runs.length} configuration(s), ${jobs} at a time: ${runs.map((r) => r.name).join(', ')}`);
  const started = Date.now();

  const results = new Array(runs.length);
  let next = 0;
  async function worker() {
    while (next < runs.length) {
      const index = next++;
      results[index] = await runOne(runs[index], opts, tmpDir);
      printResult(results[index], opts);
    }
  }
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }

  printSummary(results);
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed + (r.crash ? 1 : 0), 0);
  const crashed = results.filter((r) => r.crash).length;
  console.log(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)}s` + (crashed ? `; ${crashed} run(s) crashed (each counted as 1 failure)` : ''));
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || crashed > 0 || results.length === 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
