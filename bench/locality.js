'use strict';
// How much toJSON's time per model depends on the size of the graph around the models:
//   node --expose-gc bench/locality.js [plain|this|original|associations] [--big N] [--json]
// Serializes the same 8,000 parents (with their 3 children each) in two settings:
//   - alone: the whole graph is these 8,000 parents;
//   - in a big graph: the first 8,000 parents of a graph of N (default 64,000), and 8,000 parents
//     spread evenly through it.
// The work is identical (same models, same JSON), so any difference in time per parent comes
// from where the models lie in memory and how much memory the process touches, not from the
// algorithm. Prints the median of 11 runs of each, in ns per parent (with --json, one line
// `LOCALITY_RESULT <json>`, which `npm run bench` reads for docs/performance.md).

const { performance } = require('perf_hooks');
const data = require('./lib/data');

const SMALL = 8000;
const LIBS = require('./lib/adapters');

function parseArgs(argv) {
  const opts = { lib: 'this', big: 64000, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--big') opts.big = Number(argv[++i]);
    else if (argv[i] === '--json') opts.json = true;
    else if (LIBS[argv[i]]) opts.lib = argv[i];
    else throw new Error(`unknown argument "${argv[i]}" (a library: ${Object.keys(LIBS).join(', ')}; or --big N)`);
  }
  if (!(opts.big >= 2 * SMALL)) throw new Error(`--big must be at least ${2 * SMALL}`);
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  return opts;
}

// A collection of the given parents, serialized with the library's own collection toJSON.
function collectionOf(ctx, parents) {
  const collection = new ctx.Parents();
  collection.models = parents;
  collection.length = parents.length;
  return collection;
}

function nsPerParent(collection) {
  for (let i = 0; i < 3; i++) collection.toJSON();
  const times = [];
  for (let r = 0; r < 11; r++) {
    global.gc();
    const t0 = performance.now();
    const json = collection.toJSON();
    times.push(performance.now() - t0);
    if (json.length !== collection.length) throw new Error(`toJSON gave ${json.length} parents, expected ${collection.length}`);
  }
  times.sort((a, b) => a - b);
  return (times[5] * 1e6) / collection.length;
}

// Back to the event loop, as bench/worker.js does between runs: what a library put off to a
// later tick (and the graph it still holds until then) is released before the next graph.
function tick() {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const adapter = LIBS[opts.lib]();
  const ctx = adapter.define();
  const build = (n) => {
    if (adapter.beginRun) adapter.beginRun(ctx);
    return adapter.buildResetColl(ctx, data.nestedParents(n)).parents.models;
  };

  const alone = nsPerParent(collectionOf(ctx, build(SMALL)));
  await tick();
  const all = build(opts.big);
  const first = nsPerParent(collectionOf(ctx, all.slice(0, SMALL)));
  const step = all.length / SMALL;
  const spread = nsPerParent(collectionOf(ctx, all.filter((_, i) => i % step === 0)));
  if (opts.json) {
    console.log('LOCALITY_RESULT ' + JSON.stringify({ lib: opts.lib, small: SMALL, big: opts.big, alone, first, spread }));
    return;
  }
  const f = (x) => x.toFixed(0).padStart(6);
  console.log(`${opts.lib}: toJSON of 8,000 parents, ns per parent (median of 11)`);
  console.log(`${f(alone)}  alone (a graph of 8,000 parents)`);
  console.log(`${f(first)}  the first 8,000 of a graph of ${opts.big.toLocaleString('en')}`);
  console.log(`${f(spread)}  8,000 spread through a graph of ${opts.big.toLocaleString('en')}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
