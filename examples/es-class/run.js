'use strict';
// `node examples/es-class/run.js`: run the compiled ES-class example (dist/zoo.mjs, built by
// `tsc -p examples/es-class`, which examples/build.js runs) in Node, as the page runs it.
const path = require('path');
const { pathToFileURL } = require('url');
const { main } = require('../shared/node');

const compiled = path.join(__dirname, 'dist', 'zoo.mjs');
import(pathToFileURL(compiled).href).then(
  (module) => main(module.example),
  (err) => {
    process.stderr.write(`Cannot load ${path.relative(process.cwd(), compiled)} (run \`node examples/build.js\` first): ${err.message}\n`);
    process.exitCode = 1;
  },
);
