'use strict';
// npm run bench [-- options]
//
// Runs every library × workload × N in a fresh worker process (bench/worker.js), one at a time
// (for each workload and N, every library in turn), prints the tables, and writes
// docs/performance.md and docs/performance.svg. A full run also runs bench/locality.js and
// bench/json-floor.js (the tojson note) and bench/store-floor.js (what an identity map alone
// costs plain Backbone, which the targets are read against).
//
//   --quick             N up to 8,000 and 3 repetitions instead of 5
//   --only a,b          restrict to these libraries and/or workloads (names below); repeatable
//   --libs a,b          libraries: plain, associations, original, this, forget (this library
//                       with store.forgetUnreferenced = true)
//   --workloads a,b     workloads: reset-new, reset-coll, late-new, late-coll, m2m-new, m2m-coll,
//                       destroy, remove, tojson; or groups of them: reset, late, m2m (both
//                       paths of that graph), build (the six), new, coll (one path of each graph)
//   --path new|coll     only the build workloads by that path (constructors, or collections)
//   --sizes 1000,2000   values of N
//   --reps R            repetitions per size (before the slow-run reduction)
//   --timeout S         kill a worker after S seconds (default 900) and stop that series
//   --repeat-noisy K    run a cell again, up to K more times (default 2; 0: never), while its
//                       repetitions spread more than 20% (interquartile range / median), and keep the
//                       attempt that spread least: on this shared machine a wide spread means
//                       another process took the CPU during some of the runs
//   --docs / --no-docs  write docs/ or not (default: write unless the run was narrowed by
//                       --only/--libs/--workloads/--sizes, so a partial run never overwrites them)
//   --json FILE         also write the raw results as JSON
//   --from-json FILE    measure nothing: write docs/ from the raw results of an earlier run
//
// A library is stopped at larger N for a workload once one run of it passed 20 s (CUTOFF_MS, in
// bench/lib/cutoff.js), or, for the workloads that first build a graph (untimed), once building
// it passed 20 s. A worker whose first run took over 10 s (SINGLE_RUN_MS: only
// backbone-relational 0.10.0's do) runs it once.
//
// Narrow runs, e.g.:
//   npm run bench -- --libs plain,this --workloads late-coll --sizes 8000
//   npm run bench -- --only this,plain --path coll --sizes 8000,16000 --reps 3
// "this" (dist/backbone-relational.js) is skipped with a message until it has been built.

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const report = require('./lib/report');
const { runWorker, resultLine } = require('./lib/workers');
const storeFloorScript = require('./store-floor');
const { CUTOFF_MS } = require('./lib/cutoff');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'backbone-relational.js');
const LOCALITY = path.join(__dirname, 'locality.js');
const JSON_FLOOR = path.join(__dirname, 'json-floor.js');
const STORE_FLOOR = path.join(__dirname, 'store-floor.js');
const ALL_SIZES = report.SIZES;

function usage(msg) {
  if (msg) console.error('bench: ' + msg);
  console.error('usage: npm run bench -- [--quick] [--only lib|workload[,...]] [--libs a,b] [--workloads a,b] [--path new|coll] [--sizes n,m] [--reps R] [--timeout S] [--repeat-noisy K] [--docs|--no-docs] [--json FILE] [--from-json FILE]');
  console.error(`  libraries: ${report.LIBS.join(', ')}`);
  console.error(`  workloads: ${report.WORKLOADS.join(', ')}; groups: ${Object.entries(report.GROUPS).map(([g, ws]) => `${g} (${ws.join(', ')})`).join('; ')}`);
  process.exit(64);
}

function parseArgs(argv) {
  const o = { quick: false, only: [], libs: null, workloads: null, path: null, sizes: null, reps: null, timeout: 900, repeatNoisy: 2, docs: null, json: null, fromJson: null };
  const list = (v) => (v || '').split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(a + ' needs a value');
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--only') o.only.push(...list(next()));
    else if (a === '--libs') o.libs = list(next());
    else if (a === '--workloads') o.workloads = list(next());
    else if (a === '--path') o.path = next();
    else if (a === '--sizes') o.sizes = list(next()).map(Number);
    else if (a === '--reps') o.reps = Number(next());
    else if (a === '--timeout') o.timeout = Number(next());
    else if (a === '--repeat-noisy') o.repeatNoisy = Number(next());
    else if (a === '--docs') o.docs = true;
    else if (a === '--no-docs') o.docs = false;
    else if (a === '--json') o.json = next();
    else if (a === '--from-json') o.fromJson = next();
    else if (a === '--help' || a === '-h') usage();
    else usage('unknown option ' + a);
  }
  // A workload name, or a group of them (report.GROUPS), as a list of workload names; null
  // when it is neither.
  const expand = (x) => (report.WORKLOADS.includes(x) ? [x] : report.GROUPS[x] ? report.GROUPS[x].slice() : null);
  const isWorkload = (x) => expand(x) !== null;
  let libs = o.libs || report.LIBS.slice();
  for (const x of o.workloads || []) if (!isWorkload(x)) usage('unknown workload ' + x);
  let workloads = o.workloads ? o.workloads.flatMap(expand) : report.WORKLOADS.slice();
  for (const x of [...libs, ...o.only.filter((x) => report.LIBS.includes(x))]) if (!report.LIBS.includes(x)) usage('unknown library ' + x);
  for (const x of o.only) if (!report.LIBS.includes(x) && !isWorkload(x)) usage(`--only: "${x}" is neither a library (${report.LIBS.join(', ')}) nor a workload (${report.WORKLOADS.join(', ')}) or group (${Object.keys(report.GROUPS).join(', ')})`);
  const onlyLibs = o.only.filter((x) => report.LIBS.includes(x));
  const onlyWl = o.only.filter((x) => !report.LIBS.includes(x)).flatMap(expand);
  if (onlyLibs.length) libs = libs.filter((l) => onlyLibs.includes(l));
  if (onlyWl.length) workloads = workloads.filter((w) => onlyWl.includes(w));
  if (o.path !== null) {
    if (o.path !== 'new' && o.path !== 'coll') usage('--path must be new or coll');
    workloads = workloads.filter((w) => report.GROUPS[o.path].includes(w));
  }
  // Keep the canonical order whatever order was given.
  libs = report.LIBS.filter((l) => libs.includes(l));
  workloads = report.WORKLOADS.filter((w) => workloads.includes(w));
  let sizes = o.sizes || (o.quick ? ALL_SIZES.filter((n) => n <= 8000) : ALL_SIZES);
  if (sizes.some((n) => !(Number.isInteger(n) && n > 0))) usage('--sizes must be positive integers');
  if (!(Number.isInteger(o.repeatNoisy) && o.repeatNoisy >= 0)) usage('--repeat-noisy must be a whole number, 0 or more');
  sizes = Array.from(new Set(sizes)).sort((a, b) => a - b);
  const reps = o.reps || (o.quick ? 3 : 5);
  const narrowed = o.only.length > 0 || !!o.libs || !!o.workloads || o.path !== null || !!o.sizes;
  const docs = o.docs === null ? !narrowed : o.docs;
  if (!libs.length || !workloads.length) usage('nothing to run');
  return { ...o, libs, workloads, sizes, reps, docs, narrowed };
}

// Run one of the bench's measuring scripts (`node --expose-gc <args> --json`) and return the
// JSON it printed after `prefix`, or null, saying so, when it failed.
function runScript(args, prefix, timeoutS) {
  const r = spawnSync(process.execPath, ['--expose-gc', ...args, '--json'], { encoding: 'utf8', timeout: timeoutS * 1000, env: process.env });
  const res = resultLine(r.stdout, prefix);
  if (!res) {
    const script = args.map((a) => (a.startsWith(__dirname) ? path.relative(ROOT, a) : a)).join(' ');
    console.log(`bench: ${script} failed: ${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`);
  }
  return res;
}

// One cell (library × workload × N): a worker's result, measured again (up to --repeat-noisy
// times) while its repetitions spread more than report.NOISY_SPREAD. The attempt that spread
// least is kept, with every attempt's median and spread in `attempts` so the report can say
// which cells were repeated and which stayed noisy.
function measureCell(lib, wl, n, opts) {
  let best = runWorker(lib, wl, n, opts.reps, opts.timeout);
  if (best.error) return best;
  const attempts = [{ median: best.median, spread: report.spread(best) }];
  let wall = best.wall;
  while (attempts.length <= opts.repeatNoisy && report.spread(best) > report.NOISY_SPREAD) {
    const again = runWorker(lib, wl, n, opts.reps, opts.timeout);
    wall += again.wall;
    // A failure on a repeat is a failure of the cell, as on its first attempt.
    if (again.error) return Object.assign(again, { wall, attempts });
    attempts.push({ median: again.median, spread: report.spread(again) });
    if (report.spread(again) < report.spread(best)) best = again;
  }
  best.wall = wall;
  if (attempts.length > 1) best.attempts = attempts;
  return best;
}

// ", 3 attempts (spread 34%, 25%, 12%)" for a repeated cell; "" for one measured once.
function attemptsText(res) {
  if (!res.attempts) return '';
  return `; ${res.attempts.length} attempts (spread ${res.attempts.map((a) => Math.round(a.spread * 100) + '%').join(', ')}), kept the least spread`;
}

function pad(s, n) {
  return String(s).padEnd(n);
}

// The commit measured, and whether the library's or the bench's files differed from it.
function currentCommit() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  const changes = spawnSync('git', ['status', '--porcelain', '--', 'src', 'bench', 'package.json'], { cwd: ROOT, encoding: 'utf8' });
  return head.stdout.trim() + (changes.stdout.trim() ? ' (with uncommitted changes)' : '');
}

// Write docs/performance.md and docs/performance.svg from a run's raw results.
function writeDocs(run) {
  const docs = path.join(ROOT, 'docs');
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(path.join(docs, 'performance.md'), report.markdown(run));
  fs.writeFileSync(path.join(docs, 'performance.svg'), report.svg(run));
  console.log('bench: wrote docs/performance.md and docs/performance.svg');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.fromJson) {
    writeDocs(JSON.parse(fs.readFileSync(path.resolve(opts.fromJson), 'utf8')));
    return;
  }
  const started = Date.now();
  const commit = currentCommit();
  const loadStart = os.loadavg()[0];
  const results = {};
  const libSkipped = {};
  const libVersions = {};
  let backboneVersion = null;
  let nodeVersion = process.version;
  let failures = 0;

  console.log(`bench: ${opts.libs.join(', ')} × ${opts.workloads.join(', ')} × N = ${opts.sizes.join(', ')}; ${opts.reps} repetitions${opts.quick ? ' (quick)' : ''}; cut-off ${CUTOFF_MS / 1000} s`);
  if (loadStart > 0.5) console.log(`bench: note: load average is ${loadStart.toFixed(2)}; other processes are using the CPU and will add noise`);

  // Libraries take turns at each workload and size, so the runs a ratio compares are made
  // close together: a machine whose speed drifts during the ~20 minutes of a bench then moves
  // both sides of a ratio alike.
  const measuring = [];
  for (const lib of opts.libs) {
    results[lib] = {};
    if ((lib === 'this' || lib === 'forget') && !fs.existsSync(DIST)) {
      libSkipped[lib] = `${path.relative(ROOT, DIST)} does not exist (run \`npm run build\` first)`;
      console.log(`\nbench: SKIPPING "${lib}" (this library): ${libSkipped[lib]}.`);
      continue;
    }
    measuring.push(lib);
  }
  for (const wl of opts.workloads) {
    console.log(`\n== ${wl}`);
    const stop = {};
    for (const lib of measuring) results[lib][wl] = {};
    for (const n of opts.sizes) {
      for (const lib of measuring) {
        if (stop[lib]) {
          results[lib][wl][n] = stop[lib];
          continue;
        }
        const res = measureCell(lib, wl, n, opts);
        results[lib][wl][n] = res;
        const head = `  N=${String(n).padStart(6)}  ${pad(lib, 12)}`;
        if (res.error) {
          failures++;
          console.log(`${head}  ${res.verification ? 'WRONG RESULT' : 'ERROR'}: ${res.error}`);
          stop[lib] = { skipped: `not run after a failure at N=${n}`, short: 'not run' };
          continue;
        }
        if (res.versions) {
          backboneVersion = backboneVersion || res.versions.backbone;
          nodeVersion = res.versions.node || nodeVersion;
          if (res.versions.library) libVersions[lib] = res.versions.library;
        }
        const times = res.times.map((t) => report.fmtMs(t)).join(', ');
        const heap = res.heapPerModel != null ? `  heap ${Math.round(res.heapPerModel)} B/model` : '';
        console.log(`${head}  median ${pad(report.fmtMs(res.median) + ' ms', 11)} [${times}]${heap}  (${res.wall.toFixed(1)} s)${attemptsText(res)}`);
        if (res.max > CUTOFF_MS) {
          stop[lib] = { skipped: `stopped: a run at N=${n} took ${(res.max / 1000).toFixed(1)} s (> ${CUTOFF_MS / 1000} s)`, short: 'stopped', cutoff: res.max };
          console.log(`  ${' '.repeat(8)}  ${pad(lib, 12)}  stopping here: a run took over ${CUTOFF_MS / 1000} s`);
        } else if (res.setupMax > CUTOFF_MS) {
          // destroy/remove/tojson first build their graph (untimed); when that alone passed the
          // cut-off, the next size cannot be prepared in reasonable time either.
          stop[lib] = { skipped: `stopped: building the graph at N=${n} took ${(res.setupMax / 1000).toFixed(1)} s (> ${CUTOFF_MS / 1000} s)`, short: 'stopped', setupCutoff: res.setupMax };
          console.log(`  ${' '.repeat(8)}  ${pad(lib, 12)}  stopping here: building its graph took over ${CUTOFF_MS / 1000} s`);
        }
      }
    }
  }

  // The tojson note in docs/performance.md: the same toJSON work, alone and inside a big graph.
  const locality = {};
  if (opts.workloads.includes('tojson') && opts.sizes.includes(64000)) {
    for (const lib of opts.libs.filter((l) => (l === 'plain' || l === 'this') && !libSkipped[l])) {
      const res = runScript(['--max-old-space-size=8192', LOCALITY, lib], 'LOCALITY_RESULT ', opts.timeout);
      if (res) locality[lib] = res;
    }
    for (const x of Object.values(locality)) {
      console.log(`bench: locality (${x.lib}): toJSON of 8,000 parents, ${Math.round(x.alone)} ns/parent alone, ${Math.round(x.first)} as the first 8,000 of ${x.big}, ${Math.round(x.spread)} spread through them`);
    }
  }

  // Also for that note: the same JSON built from plain objects with no library, with V8's
  // default new space and with one large enough that no scavenge runs while it is built.
  const jsonFloor = [];
  if (opts.workloads.includes('tojson') && opts.sizes.includes(64000)) {
    for (const flags of [[], ['--max-semi-space-size=128']]) {
      const res = runScript([...flags, JSON_FLOOR], 'JSON_FLOOR_RESULT ', opts.timeout);
      if (!res) continue;
      jsonFloor.push(res);
      const ms = res.points.map((p) => `${p.ms.toFixed(1)} ms at ${p.n}`).join(', ');
      console.log(`bench: json floor${res.semiSpace ? ` (${res.semiSpace})` : ''}: ${ms}; exponent ${res.exponent.toFixed(2)}`);
    }
  }

  // The note on the targets: what an identity map alone costs plain Backbone (bench/store-floor.js),
  // at N = 8,000, when the run measured plain Backbone and this library there.
  let storeFloor = null;
  if (['plain', 'this'].every((l) => opts.libs.includes(l) && !libSkipped[l]) && opts.sizes.includes(8000) &&
      storeFloorScript.WORKLOADS.every((w) => opts.workloads.includes(w))) {
    storeFloor = runScript([STORE_FLOOR, '--n', '8000', '--rounds', '3'], 'STORE_FLOOR_RESULT ', opts.timeout);
    if (storeFloor) {
      for (const wl of storeFloor.workloads) {
        const c = storeFloor.cells[wl];
        console.log(`bench: store floor, ${wl} at 8,000: ` + storeFloor.variants.map((v) => `${v} ${report.fmtRatio(c[v].timeRatio)}`).join(', '));
      }
    }
  }

  const wallSeconds = (Date.now() - started) / 1000;
  const cpus = os.cpus();
  const meta = {
    command: (() => {
      // The options that shaped the results (not where the raw JSON went, nor --docs).
      const a = process.argv.slice(2).filter((x, i, all) => x !== '--docs' && x !== '--json' && all[i - 1] !== '--json');
      return 'npm run bench' + (a.length ? ' -- ' + a.join(' ') : '');
    })(),
    date: new Date().toISOString(),
    commit,
    quick: opts.quick,
    reps: opts.reps,
    repeatNoisy: opts.repeatNoisy,
    wallSeconds,
    cpu: { model: cpus.length ? cpus[0].model.trim() : 'unknown', count: cpus.length, speed: cpus.length ? cpus[0].speed : 0 },
    totalmem: os.totalmem(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: nodeVersion,
    backbone: backboneVersion || 'unknown',
    libVersions,
    libSkipped,
    loadStart,
    loadEnd: os.loadavg()[0],
    locality,
    jsonFloor,
    storeFloor,
  };
  const run = { results, sizes: opts.sizes, libs: opts.libs, workloads: opts.workloads, meta };

  const measured = opts.libs.filter((l) => !libSkipped[l]);
  if (measured.length) console.log(report.consoleReport(results, opts.sizes, measured, opts.workloads));
  else console.log('\nbench: nothing was measured.');
  if (opts.libs.includes('this')) {
    console.log('\nTargets (issue 16) for this library:');
    if (libSkipped.this) console.log(`  not measured: ${libSkipped.this}`);
    else {
      const absent = report.SIZES.filter((n) => !opts.sizes.includes(n));
      if (absent.length) console.log(`  (this run left out N = ${absent.join(', ')}: a target met at every N measured is "not fully measured")`);
      const m = report.targetMatrix(results, 'this', opts.sizes, opts.workloads, false);
      for (const row of m.rows) {
        console.log(`  ${row[0]}`);
        for (let i = 1; i < row.length; i++) if (row[i] !== 'n/a') console.log(`    ${m.header[i]}: ${row[i]}`);
      }
      for (const t of report.targets(results, 'this', opts.sizes, opts.workloads)) console.log(`  - ${t.target}: ${t.text.replace(/\*\*/g, '')}`);
    }
  }
  console.log(`\nbench: done in ${wallSeconds.toFixed(0)} s`);

  if (opts.json) {
    fs.writeFileSync(path.resolve(opts.json), JSON.stringify(run, null, 2) + '\n');
    console.log(`bench: wrote ${opts.json}`);
  }
  if (opts.docs) {
    writeDocs(run);
  } else {
    console.log('bench: docs/ not written (narrowed run; pass --docs to write them anyway)');
  }
  if (failures) {
    console.log(`bench: ${failures} run(s) failed (see above)`);
    process.exitCode = 1;
  }
}

main();
