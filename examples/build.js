'use strict';
// Builds the examples that need a build step (the library itself is built by
// `npm run build`, which `npm start` and `npm test` run first):
//
//   examples/spa/dist/bundle.js     rollup -c examples/spa/rollup.config.mjs
//   examples/es-class/dist/*.mjs    tsc -p examples/es-class (strict, against the built .d.ts)
//   examples/typed/dist/*.mjs       tsc -p examples/typed (the same; typed models)
//
//   node examples/build.js                      build them all; exit 1 on any error
//   node examples/build.js --allow-type-errors  a type error in a TypeScript example is
//                                               reported, but tsc's output is still used
//
// Both tools are the project's own (node_modules), run with this Node.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ROLLUP = path.join(path.dirname(require.resolve('rollup/package.json')), 'dist', 'bin', 'rollup');
const TSC = require.resolve('typescript/bin/tsc');

const LIBRARY_FILES = ['dist/backbone-relational.js', 'dist/backbone-relational.mjs', 'dist/backbone-relational.d.ts'];

function run(argv) {
  const result = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return {
    code: result.status,
    output: `${result.stdout || ''}${result.stderr || ''}${result.error ? result.error.message : ''}`.trim(),
  };
}

function checkLibraryBuilt() {
  const missing = LIBRARY_FILES.filter((file) => !fs.existsSync(path.join(ROOT, file)));
  return missing.length ? `missing ${missing.join(', ')}: run \`npm run build\` first` : null;
}

/** Bundle the SPA. Returns { ok, output, file }. */
function buildSpa() {
  const file = path.join(__dirname, 'spa', 'dist', 'bundle.js');
  const missing = checkLibraryBuilt();
  if (missing) return { ok: false, output: missing, file };
  fs.rmSync(file, { force: true });
  const result = run([ROLLUP, '-c', path.join('examples', 'spa', 'rollup.config.mjs')]);
  return { ok: result.code === 0 && fs.existsSync(file), output: result.output, file };
}

/**
 * Compile a TypeScript example (`dir` under examples/, whose compiled `entry` is checked for).
 * Returns { ok, emitted, typeErrors, output }: `emitted` when tsc wrote the JavaScript (it does
 * despite type errors), `ok` when there were no errors.
 */
function buildTypeScript(dir, entry) {
  const outDir = path.join(__dirname, dir, 'dist');
  const missing = checkLibraryBuilt();
  if (missing) return { ok: false, emitted: false, typeErrors: [], output: missing };
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = run([TSC, '-p', path.join('examples', dir), '--pretty', 'false']);
  const typeErrors = result.output.split('\n').filter((line) => /error TS\d+/.test(line));
  const emitted = fs.existsSync(path.join(outDir, entry));
  return { ok: result.code === 0 && emitted, emitted, typeErrors, output: result.output };
}

/** The ES-class example (examples/es-class). */
function buildEsClass() {
  return buildTypeScript('es-class', 'zoo.mjs');
}

/** The manual's examples with typed models (examples/typed). */
function buildTyped() {
  return buildTypeScript('typed', 'main.mjs');
}

function buildAll() {
  return { spa: buildSpa(), esClass: buildEsClass(), typed: buildTyped() };
}

module.exports = { buildSpa, buildEsClass, buildTyped, buildAll, ROOT };

if (require.main === module) {
  const allowTypeErrors = process.argv.includes('--allow-type-errors');
  const { spa, esClass, typed } = buildAll();
  let failed = false;
  if (spa.ok) {
    console.log(`built ${path.relative(ROOT, spa.file)}`);
  } else {
    failed = true;
    console.log(`FAILED to bundle the SPA:\n${spa.output}`);
  }
  for (const [dir, build] of [['es-class', esClass], ['typed', typed]]) {
    if (build.ok) {
      console.log(`compiled examples/${dir} (tsc, strict)`);
    } else if (build.emitted && allowTypeErrors) {
      console.log(`compiled examples/${dir} with ${build.typeErrors.length} type error(s):\n${build.output}`);
    } else {
      failed = true;
      console.log(`FAILED to compile examples/${dir}:\n${build.output}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}
