#!/usr/bin/env node
'use strict';
// `npm start` (after `npm run build`): builds the bundled SPA and the TypeScript example, then
// runs every example in Node, each in its own process (the store is global, and each example
// is written as the only one on its page), and prints what each shows.
//
//   node examples/run-all.js            everything
//   node examples/run-all.js zoo house  only these (names as in the EXAMPLES table)
//
// The same example scripts run in the browser pages (open examples/index.html, or
// `node test/browser/run.js --serve`); `npm test` opens every page in headless Chromium.
const { spawnSync } = require('child_process');
const path = require('path');
const { buildAll } = require('./build');

const EXAMPLES = [
  { name: 'zoo', file: 'zoo.js' },
  { name: 'house', file: 'house.js' },
  { name: 'jobs', file: 'jobs.js' },
  { name: 'submodels', file: 'submodels.js' },
  { name: 'get-async', file: 'get-async.js' },
  { name: 'forgetting-store', file: 'forgetting-store.js' },
  { name: 'reuse-instances', file: 'reuse-instances.js' },
  { name: 'paths-and-bubbling', file: 'paths-and-bubbling.js' },
  { name: 'spa', file: 'spa/run.js', build: 'spa' },
  { name: 'es-class', file: 'es-class/run.js', build: 'esClass' },
  { name: 'typed', file: 'typed/run.js', build: 'typed' },
];

function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !EXAMPLES.some((e) => e.name === name));
  if (unknown.length) {
    console.error(`run-all: no example named ${unknown.join(', ')}; the examples: ${EXAMPLES.map((e) => e.name).join(', ')}`);
    return 2;
  }
  const selected = only.length ? EXAMPLES.filter((e) => only.includes(e.name)) : EXAMPLES;

  console.log('backbone-relational-ts: the manual\'s examples, run in Node');
  console.log('(each also has a page in examples/; open examples/index.html)');

  const problems = [];
  let builds = {};
  if (selected.some((e) => e.build)) {
    console.log('\nBuilding the bundled SPA (rollup) and the TypeScript examples (tsc)...');
    builds = buildAll();
    const { spa } = builds;
    console.log(spa.ok ? '  examples/spa/dist/bundle.js: built' : `  examples/spa: FAILED\n${indent(spa.output)}`);
    for (const [dir, build] of [['es-class', builds.esClass], ['typed', builds.typed]]) {
      if (build.ok) {
        console.log(`  examples/${dir}/dist: compiled (tsc --strict, no errors)`);
      } else if (build.emitted) {
        console.log(`  examples/${dir}/dist: compiled, but with ${build.typeErrors.length} TYPE ERROR(S) in the library's typings for this code:`);
        console.log(indent(build.typeErrors.map(shorten).join('\n')));
        problems.push(`${dir}: ${build.typeErrors.length} type error(s) (the example still ran from tsc's output)`);
      } else {
        console.log(`  examples/${dir}: FAILED\n${indent(build.output)}`);
      }
    }
  }

  const failed = [];
  for (const example of selected) {
    if (example.build && !builds[example.build].emitted && !builds[example.build].ok) {
      failed.push(`${example.name} (not built)`);
      continue;
    }
    const result = spawnSync(process.execPath, [path.join(__dirname, example.file)], { stdio: 'inherit' });
    if (result.status !== 0) failed.push(example.name);
  }

  console.log('\n' + '='.repeat(78));
  const ran = selected.length - failed.length;
  console.log(`${ran} of ${selected.length} examples ran without errors` + (failed.length ? `; FAILED: ${failed.join(', ')}` : '.'));
  for (const problem of problems) console.log(`Note: ${problem}`);
  return failed.length ? 1 : 0;
}

function indent(text) {
  return String(text).split('\n').map((line) => `    ${line}`).join('\n');
}

/** A tsc error line without the long "Type ... is missing ..." continuation. */
function shorten(line) {
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

process.exitCode = main();
