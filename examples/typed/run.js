'use strict';
// `node examples/typed/run.js`: run the compiled typed example (dist/main.mjs, built by
// `tsc -p examples/typed`, which examples/build.js runs) in Node, as the page runs it.
const path = require('path');
const { pathToFileURL } = require('url');
const { main } = require('../shared/node');

const compiled = path.join(__dirname, 'dist', 'main.mjs');
import(pathToFileURL(compiled).href).then(
  (module) => main(module.example),
  (err) => {
    process.stderr.write(`Cannot load ${path.relative(process.cwd(), compiled)} (run \`node examples/build.js\` first): ${err.message}\n`);
    process.exitCode = 1;
  },
);
