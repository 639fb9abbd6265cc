// Builds the files package.json points at, all from src/index.ts:
//
//   dist/backbone-relational.js    UMD. A plain <script> after underscore.js and backbone.js
//                                  finds `window.Backbone` and installs everything on it;
//                                  `require()` gets `require('backbone')` and returns the
//                                  `Backbone.Relational` namespace itself; AMD gets
//                                  `define(['backbone'], ...)`.
//   dist/backbone-relational.mjs   ES module with the default and the named exports.
//   dist/backbone-relational.d.ts   every declaration in one file, shaped for `require()`
//                                  (`export =` the namespace), and
//   dist/backbone-relational.d.mts the same for `import` (re-exported from the .d.ts),
//
// and (the last two with scripts/package-entries.mjs):
//
//   dist/backbone-relational.node.mjs  Node's `import`: the CommonJS build re-exported, so Node
//                                  runs one copy of the library however it is loaded.
//
// Backbone (and underscore, should the source ever import it) stay external: the library
// must extend the very Backbone instance the application uses, never a bundled copy.
//
// `npm run build` runs `rollup -c --bundleConfigAsCjs`, so this file can use `export default`
// although the package is CommonJS ("type": "commonjs"); calling rollup directly needs the
// same flag: `npx rollup -c --bundleConfigAsCjs`.
import path from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { nodeEsmWrapper, dualDeclarations } from './scripts/package-entries.mjs';

const entry = path.resolve('src/index.ts');
const external = ['backbone', 'underscore'];
const globals = { backbone: 'Backbone', underscore: '_' };

// The UMD file must hand CommonJS the default export (the namespace) as `module.exports`.
// Rollup only allows `output.exports: 'default'` for an entry with no named exports, so the
// UMD build starts from this one-line virtual module that re-exports just the default.
const UMD_ENTRY = 'virtual:backbone-relational-umd-entry';
function defaultExportOnly() {
  return {
    name: 'default-export-only',
    resolveId(id) {
      return id === UMD_ENTRY ? id : null;
    },
    load(id) {
      return id === UMD_ENTRY ? `export { default } from ${JSON.stringify(entry)};` : null;
    },
  };
}

// An import rollup cannot resolve would silently become an extra external dependency (and a
// missing global in the script-tag build): make it a build error instead.
// The import cycles between the model, relation and store modules are resolved on purpose in
// src/internal.ts (it fixes the evaluation order), so cycles through that file are expected;
// any other cycle is still reported.
function onwarn(warning, warn) {
  if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'MISSING_GLOBAL_NAME') {
    throw new Error(warning.message);
  }
  if (
    warning.code === 'CIRCULAR_DEPENDENCY' &&
    (warning.ids || []).some((id) => path.resolve(id) === path.resolve('src/internal.ts'))
  ) {
    return;
  }
  warn(warning);
}

// Type errors are reported as warnings here (the JS is still written, so tests can run);
// `npm run typecheck`, which `npm test` also runs, is what fails on them.
const compile = () =>
  typescript({
    tsconfig: './tsconfig.json',
    // Declarations come from rollup-plugin-dts below, not from this plugin.
    declaration: false,
    declarationMap: false,
    outDir: undefined,
    sourceMap: true,
    inlineSources: true,
  });

export default [
  {
    input: UMD_ENTRY,
    external,
    onwarn,
    plugins: [defaultExportOnly(), compile()],
    output: {
      file: 'dist/backbone-relational.js',
      format: 'umd',
      // A dotted name makes the browser branch do
      //   global.Backbone = global.Backbone || {}; global.Backbone.Relational = factory(global.Backbone)
      // which leaves `window.Backbone` itself alone (a plain `Backbone` name would replace it
      // with the namespace) and assigns the object the module already installed there.
      name: 'Backbone.Relational',
      exports: 'default',
      globals,
      // Backbone is a CommonJS module / browser global without `__esModule`: the source's
      // `import Backbone from 'backbone'` receives it as is, with no interop wrapper.
      interop: 'defaultOnly',
      sourcemap: true,
    },
  },
  {
    input: entry,
    external,
    onwarn,
    plugins: [compile(), nodeEsmWrapper({ cjsFile: 'backbone-relational.js', fileName: 'backbone-relational.node.mjs' })],
    output: {
      file: 'dist/backbone-relational.mjs',
      format: 'es',
      interop: 'defaultOnly',
      sourcemap: true,
    },
  },
  {
    input: entry,
    external,
    onwarn,
    plugins: [dts({ tsconfig: './tsconfig.json' }), dualDeclarations({ cjsFileName: 'backbone-relational.d.ts' })],
    output: {
      file: 'dist/backbone-relational.d.mts',
      format: 'es',
    },
  },
];
