#!/usr/bin/env node
'use strict';
// The published package, as a user gets it: `npm pack` the project (dist/ must be built),
// install the tarball with backbone and underscore into an empty project in a temporary
// folder, and check from there, in fresh Node processes:
//
//   - the tarball holds dist/ and nothing it should not;
//   - `require('backbone-relational-ts')` returns the `Backbone.Relational` namespace, installed
//     on the application's own `require('backbone')`;
//   - `import` gives the same objects (default export = namespace, named exports), on the same
//     Backbone, also when one process both requires and imports the package (one copy runs);
//   - an import-only and a require-only process each get working relations;
//   - the bundler build (dist/backbone-relational.mjs) exports the same names as Node's import;
//   - TypeScript (strict) compiles a CommonJS and an ES module consumer against the installed
//     declarations, with `module: node16` and with `moduleResolution: bundler`.
//
// Nothing is downloaded: the dependencies are installed with `npm install --offline` from the
// npm cache (the project's own `npm install` put them there), or, failing that, copied from this
// project's node_modules. Prints one line per check and ends with `N passed, M failed`; when
// $BR_RESULTS_FILE is set (test/run-all.js) the counts are also written there.
//
//   node test/package/pack-test.js            (after `npm run build`)
//   node test/package/pack-test.js --keep     keep the temporary project and print its path
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const PKG = require(path.join(ROOT, 'package.json'));
const NAME = PKG.name;
const keep = process.argv.includes('--keep');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = require.resolve('typescript/bin/tsc', { paths: [ROOT] });

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    const detail = fn();
    passed++;
    console.log(`  ok   ${name}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    failed++;
    console.log(`  FAIL ${name}\n       ${String(error && error.message || error).split('\n').join('\n       ')}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function npm(args, cwd) {
  return execFileSync(NPM, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Run a script in a fresh Node process in the consumer project; returns its stdout as JSON. */
function runNode(project, fileName, source) {
  const file = path.join(project, fileName);
  fs.writeFileSync(file, source);
  const result = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${fileName} exited ${result.status}: ${result.stderr.trim().split('\n').slice(0, 8).join('\n')}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

function installedVersion(name) {
  return require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version;
}

function main() {
  for (const file of ['backbone-relational.js', 'backbone-relational.mjs', 'backbone-relational.d.ts']) {
    if (!fs.existsSync(path.join(ROOT, 'dist', file))) {
      console.log(`dist/${file} is missing: run \`npm run build\` first.`);
      console.log('0 passed, 1 failed');
      process.exitCode = 1;
      return;
    }
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'br-pack-test-'));
  console.log(`pack test in ${work}`);
  try {
    run(work);
  } finally {
    if (keep) console.log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

function run(work) {
  // 1. Pack. `--ignore-scripts`: the tarball is made from dist/ as built.
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT));
  const tarball = path.join(work, packed[0].filename);
  const files = packed[0].files.map((file) => file.path).sort();

  check('tarball holds the package files and nothing else', () => {
    const expected = ['LICENSE', 'package.json', ...Object.values(collectExportTargets(PKG)).map((file) => file.replace(/^\.\//, ''))];
    for (const file of new Set(expected)) assert(files.includes(file), `missing from the tarball: ${file}`);
    const unexpected = files.filter((file) => !/^(dist\/backbone-relational\.[\w.]+|package\.json|README\.md|LICENSE)$/.test(file));
    assert(!unexpected.length, `unexpected files: ${unexpected.join(', ')}`);
    return `${files.length} files, ${Math.round(packed[0].size / 1024)} kB packed`;
  });

  // 2. An empty project with the tarball, backbone and underscore (and the typings, for tsc).
  const project = path.join(work, 'consumer');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  const deps = ['backbone', 'underscore', '@types/backbone', '@types/underscore', '@types/jquery'];
  check('the tarball installs into an empty project', () => {
    const specs = deps.map((name) => `${name}@${installedVersion(name)}`);
    try {
      npm(['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball, ...specs], project);
      return 'npm install --offline';
    } catch (error) {
      // Not all in the npm cache (npm resolves the peer dependency even with --omit=peer): the
      // package unpacked from its tarball, as npm would place it, the rest copied from here.
      const modules = path.join(project, 'node_modules');
      fs.mkdirSync(modules, { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', modules], { stdio: 'pipe' });
      fs.renameSync(path.join(modules, 'package'), path.join(modules, NAME));
      for (const name of deps) {
        const from = path.dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] }));
        fs.cpSync(from, path.join(modules, name), { recursive: true, dereference: true });
      }
      return 'tarball unpacked (the npm cache lacks its dependencies); dependencies copied from node_modules';
    }
  });
  const installed = path.join(project, 'node_modules', NAME);
  check('the installed package is the packed one, not a link to the project', () => {
    assert(!fs.lstatSync(installed).isSymbolicLink(), `${installed} is a symbolic link`);
    assert(fs.existsSync(path.join(installed, 'dist', 'backbone-relational.js')), 'dist/backbone-relational.js missing');
    assert(!fs.existsSync(path.join(installed, 'src')), 'src/ was installed');
  });

  // 3. Runtime checks, each in a fresh process.
  const SMOKE = `
    const Animal = R.Model.extend({});
    const Zoo = R.Model.extend({
      relations: [{ type: 'HasMany', key: 'animals', relatedModel: Animal, reverseRelation: { key: 'livesIn', includeInJSON: 'id' } }],
    });
    const artis = new Zoo({ id: 1, name: 'Artis' });
    const lion = new Animal({ id: 2, species: 'Lion', livesIn: artis });
    const smoke = artis.get('animals').pluck('species').join() === 'Lion' && lion.get('livesIn') === artis
      && JSON.stringify(lion.toJSON()) === '{"id":2,"species":"Lion","livesIn":1}';
  `;

  check('require() returns Backbone.Relational, installed on the application\'s Backbone', () => {
    const out = runNode(project, 'cjs.js', `
      const Backbone = require('backbone');
      const path = require('path');
      const R = require('${NAME}');
      ${SMOKE}
      console.log(JSON.stringify({
        namespace: Backbone.Relational === R,
        names: ['Model', 'Relation', 'HasOne', 'HasMany', 'Store', 'Collection', 'Semaphore', 'BlockingQueue', 'store', 'eventQueue']
          .filter((name) => R[name] == null),
        legacy: Backbone.RelationalModel === R.Model && Backbone.HasOne === R.HasOne && Backbone.HasMany === R.HasMany
          && Backbone.Store === R.Store && Backbone.Relation === R.Relation && Backbone.Semaphore === R.Semaphore
          && Backbone.BlockingQueue === R.BlockingQueue,
        showWarnings: R.showWarnings,
        store: R.store instanceof R.Store,
        file: path.relative(process.cwd(), require.resolve('${NAME}')),
        smoke,
      }));
    `);
    assert(out.namespace, 'require() did not return Backbone.Relational');
    assert(!out.names.length, `missing on the namespace: ${out.names.join(', ')}`);
    assert(out.legacy, 'the 0.10.0 names on Backbone are not the namespace\'s objects');
    assert(out.showWarnings === true && out.store, 'showWarnings / store wrong');
    assert(out.smoke, 'Zoo/Animal relation does not work');
    return out.file;
  });

  check('import gives the same namespace and named exports, on the application\'s Backbone', () => {
    const out = runNode(project, 'esm.mjs', `
      import Backbone from 'backbone';
      import R, * as all from '${NAME}';
      import { RelationalModel, Model, HasOne, HasMany, Relation, Store, Collection, Semaphore, BlockingQueue, Relational } from '${NAME}';
      ${SMOKE}
      console.log(JSON.stringify({
        namespace: Backbone.Relational === R && Relational === R,
        named: RelationalModel === R.Model && Model === R.Model && HasOne === R.HasOne && HasMany === R.HasMany
          && Relation === R.Relation && Store === R.Store && Collection === R.Collection && Semaphore === R.Semaphore
          && BlockingQueue === R.BlockingQueue && Backbone.RelationalModel === RelationalModel,
        exports: Object.keys(all).sort(),
        smoke,
      }));
    `);
    assert(out.namespace, 'the default export is not Backbone.Relational');
    assert(out.named, 'named exports differ from the namespace members');
    assert(out.smoke, 'Zoo/Animal relation does not work');
    return `exports: ${out.exports.join(' ')}`;
  });

  check('one process that both requires and imports runs one copy of the library', () => {
    const out = runNode(project, 'mixed.mjs', `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const Backbone = require('backbone');
      const fromRequire = require('${NAME}');
      const fromImport = await import('${NAME}');
      // A type made through each entry point, related to each other.
      const Item = fromImport.RelationalModel.extend({});
      const Owner = fromRequire.Model.extend({ relations: [{ type: 'HasMany', key: 'items', relatedModel: Item, reverseRelation: { key: 'owner' } }] });
      const owner = new Owner({ id: 1, items: [{ id: 10 }, { id: 11 }] });
      console.log(JSON.stringify({
        same: fromImport.default === fromRequire && fromImport.RelationalModel === fromRequire.Model
          && Backbone.Relational === fromRequire,
        related: owner.get('items').length === 2 && owner.get('items').get(10).get('owner') === owner,
      }));
    `);
    assert(out.same, 'require() and import gave different copies');
    assert(out.related, 'types made through require() and import are not related');
  });

  check('the bundler build exports the same names as Node\'s import', () => {
    const out = runNode(project, 'bundler.mjs', `
      import * as node from '${NAME}';
      const pkg = (await import('./node_modules/${NAME}/package.json', { with: { type: 'json' } })).default;
      const bundler = await import('./node_modules/${NAME}/' + pkg.exports['.'].import.default);
      console.log(JSON.stringify({ node: Object.keys(node).sort(), bundler: Object.keys(bundler).sort(),
        installs: bundler.default.Model.prototype instanceof (await import('backbone')).default.Model }));
    `);
    assert(JSON.stringify(out.node) === JSON.stringify(out.bundler),
      `node: ${out.node.join(' ')}\nbundler: ${out.bundler.join(' ')}`);
    assert(out.installs, 'the bundler build does not extend the application\'s Backbone.Model');
  });

  // 4. TypeScript consumers.
  // Only what the packaging decides: each module shape resolves, and its names are the right
  // kind of thing (the API's own typing is test/types' job).
  const tsSources = {
    'ts/cjs.cts': `
      import Backbone = require('backbone');
      import Relational = require('${NAME}');
      const Zoo = Relational.Model.extend({ relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal' }] });
      const zoo: Relational.Model = new Relational.Model({ id: 1 });
      const plain: Backbone.Model = zoo;
      const definition: Relational.RelationDefinition = { type: 'HasOne', key: 'owner', relatedModel: 'Person' };
      const store: Relational.Store = Relational.store;
      const queue: Relational.BlockingQueue = Relational.eventQueue;
      const relation: Relational.HasOne | Relational.HasMany | undefined = zoo.getRelation('animals');
      Relational.showWarnings = false;
      Relational.Semaphore.acquire();
      export { Zoo, plain, definition, store, queue, relation };
    `,
    'ts/esm.mts': `
      import Backbone from 'backbone';
      import Relational, {
        RelationalModel, Model, HasOne, HasMany, Relation, Store, Collection, Semaphore, BlockingQueue,
        type RelationDefinition,
      } from '${NAME}';
      const Zoo = RelationalModel.extend({ relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal' }] });
      const zoo: RelationalModel = new Model({ id: 1 });
      const plain: Backbone.Model = zoo;
      const definition: RelationDefinition = { type: 'HasOne', key: 'owner', relatedModel: 'Person' };
      const store: Store = Relational.store;
      const queue: BlockingQueue = Relational.eventQueue;
      const relation: HasOne | HasMany | undefined = zoo.getRelation('animals');
      const same: boolean = Relation === Relational.Relation && Collection === Relational.Collection && Semaphore === Relational.Semaphore;
      Relational.showWarnings = false;
      export { Zoo, plain, definition, store, queue, relation, same };
    `,
  };
  for (const [file, source] of Object.entries(tsSources)) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), source.replace(/^ {6}/gm, ''));
  }
  const tsconfigs = {
    'tsconfig.node16.json': { module: 'node16', moduleResolution: 'node16' },
    'tsconfig.bundler.json': { module: 'esnext', moduleResolution: 'bundler' },
  };
  for (const [file, options] of Object.entries(tsconfigs)) {
    fs.writeFileSync(path.join(project, file), JSON.stringify({
      compilerOptions: { ...options, target: 'es2019', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['es2019', 'dom'] },
      files: Object.keys(tsSources).filter((source) => options.module === 'node16' || source.endsWith('.mts')),
    }, null, 2));
    check(`TypeScript (strict, ${options.moduleResolution}) compiles against the installed declarations`, () => {
      const result = spawnSync(process.execPath, [TSC, '-p', file], { cwd: project, encoding: 'utf8' });
      assert(result.status === 0, (result.stdout + result.stderr).trim().split('\n').slice(0, 12).join('\n'));
    });
  }
}

/** Every file the package.json entry points name. */
function collectExportTargets(pkg) {
  const targets = {};
  const walk = (value, where) => {
    if (typeof value === 'string') { if (value.startsWith('./dist/')) targets[where] = value; return; }
    if (value && typeof value === 'object') for (const key of Object.keys(value)) walk(value[key], `${where}.${key}`);
  };
  walk(pkg.exports, 'exports');
  for (const field of ['main', 'module', 'types']) if (pkg[field]) targets[field] = `./${pkg[field].replace(/^\.\//, '')}`;
  return targets;
}

main();
console.log(`${passed} passed, ${failed} failed`);
if (process.env.BR_RESULTS_FILE) {
  fs.writeFileSync(process.env.BR_RESULTS_FILE, JSON.stringify({ stats: { passes: passed, failures: failed } }));
}
if (failed) process.exitCode = 1;
