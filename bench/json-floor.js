'use strict';
// How building the tojson workload's JSON scales with no library and no Backbone at all:
//   node --expose-gc bench/json-floor.js [--json]
// The graph is plain JavaScript objects (a parent `{id, name, children: [...]}`, a child
// `{id, name, parent: <the parent object>}`), and a plain loop writes the same JSON as the
// workload, `[{id, name, children: [{id, name, parent: <parent id>}]}]`: a shallow copy of
// each object, the children array mapped, the parent replaced by its id. Whatever makes this
// grow faster than linearly with N is a property of the machine and of V8, and every library's
// toJSON pays it too. Prints the median of 11 runs per N and the scaling exponent over
// N = 8,000 to 64,000 (with --json, one line `JSON_FLOOR_RESULT <json>`, which `npm run bench`
// reads for docs/performance.md). Run it with `--max-semi-space-size=128` too, to see what the
// young-generation collections of the JSON being built cost: with a new space that large, none
// runs while it is built.

const { performance } = require('perf_hooks');
const data = require('./lib/data');
const verify = require('./lib/verify');
const { logLogSlope } = require('./lib/report');

const SIZES = [8000, 16000, 32000, 64000];

/** The workload's graph as plain objects, each child pointing at its parent object. */
function plainGraph(n) {
  const parents = data.nestedParents(n);
  for (const parent of parents) {
    for (const child of parent.children) child.parent = parent;
  }
  return parents;
}

function shallowCopy(object) {
  const copy = {};
  for (const key in object) copy[key] = object[key];
  return copy;
}

function childJSON(child) {
  const json = shallowCopy(child);
  json.parent = child.parent.id;
  return json;
}

function parentJSON(parent) {
  const json = shallowCopy(parent);
  json.children = parent.children.map(childJSON);
  return json;
}

function medianMs(parents) {
  for (let i = 0; i < 3; i++) parents.map(parentJSON);
  const times = [];
  for (let r = 0; r < 11; r++) {
    global.gc();
    global.gc();
    const t0 = performance.now();
    const json = parents.map(parentJSON);
    times.push(performance.now() - t0);
    verify.json(json, parents.length);
  }
  times.sort((a, b) => a - b);
  return times[5];
}

function main() {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const json = process.argv.includes('--json');
  const unknown = process.argv.slice(2).filter((a) => a !== '--json');
  if (unknown.length) throw new Error(`unknown argument "${unknown[0]}" (only --json)`);
  // Each graph stays alive while the larger ones are measured, as the bench's warm-up graphs do.
  const graphs = [];
  const points = SIZES.map((n) => {
    graphs.push(plainGraph(n));
    return { n, ms: medianMs(graphs[graphs.length - 1]) };
  });
  const semiSpace = process.execArgv.find((a) => a.startsWith('--max-semi-space-size')) || null;
  const result = { points, exponent: logLogSlope(points.map((p) => [p.n, p.ms])), semiSpace };
  if (json) {
    console.log('JSON_FLOOR_RESULT ' + JSON.stringify(result));
    return;
  }
  console.log(`The tojson workload's JSON built from plain objects, no library${semiSpace ? ` (${semiSpace})` : ''}: median of 11, ms`);
  for (const p of points) console.log(`${p.n.toLocaleString('en').padStart(7)}  ${p.ms.toFixed(1).padStart(6)}`);
  console.log(`exponent over ${SIZES[0].toLocaleString('en')}–${SIZES[SIZES.length - 1].toLocaleString('en')}: ${result.exponent.toFixed(2)}`);
}

main();
