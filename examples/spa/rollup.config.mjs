// Bundles the single-page app the way an application bundles its npm dependencies:
//
//   npx rollup -c examples/spa/rollup.config.mjs     (examples/build.js runs this for you)
//
// src/main.js imports 'backbone', 'jquery' and 'backbone-relational-ts' by their npm names.
// Backbone, underscore and jQuery come from node_modules through @rollup/plugin-node-resolve
// (and @rollup/plugin-commonjs for Backbone's and jQuery's CommonJS builds). This repository
// *is* backbone-relational-ts, so it is not in its own node_modules: the small alias plugin
// below resolves the package name to the package root, to the ES module build its
// package.json declares (`exports['.'].import.default`, else `module`), i.e. what a bundler
// gets from `node_modules/backbone-relational-ts` in an application.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function esmEntry() {
  const dot = pkg.exports && pkg.exports['.'];
  const fromExports = dot && dot.import && (typeof dot.import === 'string' ? dot.import : dot.import.default);
  const entry = fromExports || pkg.module;
  if (!entry) throw new Error('package.json names no ES module build (exports["."].import or module)');
  return path.join(root, entry);
}

/** `import ... from 'backbone-relational-ts'` -> this package's ES module build. */
function thisPackage() {
  return {
    name: 'resolve-this-package',
    resolveId(source) {
      if (source !== pkg.name) return null;
      const file = esmEntry();
      if (!fs.existsSync(file)) this.error(`${path.relative(root, file)} is missing: run \`npm run build\` first`);
      return file;
    },
  };
}

export default {
  input: path.join(here, 'src', 'main.js'),
  output: {
    file: path.join(here, 'dist', 'bundle.js'),
    format: 'iife',
    sourcemap: true,
  },
  plugins: [
    thisPackage(),
    // One Backbone for the app and the library: both import it, and both must get the same copy.
    nodeResolve({ browser: true, dedupe: ['backbone', 'underscore', 'jquery'] }),
    commonjs(),
  ],
  onwarn(warning, warn) {
    // A bare import nobody resolved would be left as an (undefined) global: fail instead.
    if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'MISSING_GLOBAL_NAME') throw new Error(warning.message);
    warn(warning);
  },
};
