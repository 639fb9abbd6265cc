#!/usr/bin/env node
'use strict';
// `npm run test:types`: compiles the type tests against the built declarations (dist/ must be
// built) with the project's TypeScript, in strict mode, nothing emitted:
//
//   test/types/tsconfig.json          test/types/*.ts, resolving the package through its
//                                     "exports" as a bundler-based application does
//                                     (dist/backbone-relational.d.mts)
//   test/types/node16/tsconfig.json   .cts / .mts files, as Node's own module systems resolve it
//                                     (dist/backbone-relational.d.ts for require, .d.mts for import)
//
// Each test file counts as one test: it passes when the compiler reports nothing in it (an
// error in a declaration file counts against every test file of that project). Prints the
// errors and ends with `N passed, M failed`; with $BR_RESULTS_FILE set (test/run-all.js), the
// counts are also written there.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const TSC = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
const PROJECTS = ['test/types/tsconfig.json', 'test/types/node16/tsconfig.json'];

let passed = 0;
let failed = 0;
for (const project of PROJECTS) {
  const listed = spawnSync(process.execPath, [TSC, '-p', project, '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' });
  const testFiles = listed.stdout.split('\n').map((line) => line.trim())
    .filter((file) => file && file.startsWith(path.join(ROOT, 'test', 'types')) && !file.endsWith('.d.ts'))
    .map((file) => path.relative(ROOT, file));
  const result = spawnSync(process.execPath, [TSC, '-p', project, '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8' });
  const output = (result.stdout + result.stderr).trim();
  // Errors by file: `path(line,col): error TS...` plus its indented continuation lines.
  const errors = new Map();
  let current = null;
  for (const line of output.split('\n')) {
    const match = /^(.+?)\(\d+,\d+\): error /.exec(line);
    if (match) {
      current = path.relative(ROOT, path.resolve(ROOT, match[1]));
      if (!errors.has(current)) errors.set(current, []);
    }
    if (current && line) errors.get(current).push(line);
  }
  const elsewhere = [...errors.keys()].filter((file) => !testFiles.includes(file));
  if (!testFiles.length || (result.status !== 0 && !errors.size)) {
    failed++;
    console.log(`FAIL ${project}: tsc exited ${result.status}\n${output}`);
    continue;
  }
  for (const file of testFiles) {
    const own = errors.get(file) || [];
    const lines = own.concat(...elsewhere.map((other) => errors.get(other)));
    if (lines.length) {
      failed++;
      console.log(`FAIL ${file}\n  ${lines.join('\n  ')}`);
    } else {
      passed++;
      console.log(`ok   ${file}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
if (process.env.BR_RESULTS_FILE) {
  fs.writeFileSync(process.env.BR_RESULTS_FILE, JSON.stringify({ stats: { passes: passed, failures: failed } }));
}
process.exitCode = failed ? 1 : 0;
