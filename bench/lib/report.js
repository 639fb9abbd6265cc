'use strict';
// Tables, scaling exponents, targets, docs/performance.md and docs/performance.svg from the
// results gathered by bench/run.js. results[lib][workload][n] is one of
//   { median, times, heapPerModel, ... }   a verified measurement
//   { skipped: 'reason' }                   not run (cut-off, earlier failure)
//   { error: 'message', verification }      the worker failed

const { CUTOFF_S, SINGLE_RUN_S } = require('./cutoff');

const LIBS = ['plain', 'associations', 'original', 'this', 'forget'];
const LIB_LABEL = {
  plain: 'plain Backbone',
  associations: 'backbone-associations 0.6.2',
  original: 'backbone-relational 0.10.0',
  this: 'this library',
  forget: 'this library, store.forgetUnreferenced',
};
// The build workloads build each graph by two paths: by constructors (`-new`) and through
// collections (`-coll`). Earlier reports had one path per graph, under the name in FORMER.
const WORKLOADS = ['reset-new', 'reset-coll', 'late-new', 'late-coll', 'm2m-new', 'm2m-coll', 'destroy', 'remove', 'tojson'];
const WORKLOAD_LABEL = {
  'reset-new': 'nested children, by constructors (new Parent)',
  'reset-coll': 'nested children, through a collection (parents.reset)',
  'late-new': 'late binding by id, by constructors (children first, then parents)',
  'late-coll': 'late binding by id, through collections (children.reset, then parents.set)',
  'm2m-new': 'Person/Job/Company many-to-many, by constructors',
  'm2m-coll': 'Person/Job/Company many-to-many, through collections (companies.reset, persons.reset)',
  destroy: 'destroy every child one by one',
  remove: 'collection.remove(all parents)',
  tojson: 'toJSON of the whole graph',
};
const BUILD = ['reset-new', 'reset-coll', 'late-new', 'late-coll', 'm2m-new', 'm2m-coll'];
// The name each workload had in reports before the build workloads were split by path.
const FORMER = { 'reset-coll': 'reset', 'late-new': 'late', 'm2m-new': 'm2m' };
// Names that select several workloads on the command line (bench/run.js).
const GROUPS = {
  reset: ['reset-new', 'reset-coll'],
  late: ['late-new', 'late-coll'],
  m2m: ['m2m-new', 'm2m-coll'],
  build: BUILD,
  new: BUILD.filter((w) => w.endsWith('-new')),
  coll: BUILD.filter((w) => w.endsWith('-coll')),
};
const CHART_TITLE = {
  'reset-new': 'reset-new: new Parent(nested)',
  'reset-coll': 'reset-coll: parents.reset(nested)',
  'late-new': 'late-new: new Child…, then new Parent…',
  'late-coll': 'late-coll: children.reset, parents.set',
  'm2m-new': 'm2m-new: new Company…, new Person…',
  'm2m-coll': 'm2m-coll: companies/persons.reset',
  destroy: 'destroy: every child, one by one',
  remove: 'remove: collection.remove(all parents)',
  tojson: 'tojson: toJSON of the whole graph',
};
// Every N the bench measures by default; the targets hold "at every N from 1,000 to 64,000".
const SIZES = [1000, 2000, 4000, 8000, 16000, 32000, 64000];

// The targets of issue 16, for this library against plain Backbone (the floor) measured in the
// same run.
const TARGET = {
  build: 1.3, // time of every build workload, at most this × plain Backbone's, at every N
  teardown: 1.5, // destroy and remove: at most this × plain Backbone's, at every N
  teardownWorkloads: ['destroy', 'remove'],
  exponentSlack: 0.05, // exponent over 8k–64k at most plain Backbone's own for the workload + this
  heap: 1.2, // heap per model (build workloads), at most this × plain Backbone's, at every N
  speedup: 50, // every build workload at least this many times faster than 0.10.0 ...
  speedupN: 8000, // ... at this N
};

// A cell whose repetitions spread more than this (interquartile range / median) is measured
// again by bench/run.js (--repeat-noisy), as issue 16's check asks.
const NOISY_SPREAD = 0.2;

/**
 * How far a cell's repetitions spread: their interquartile range over their median; 0 for a
 * single run. Not (max - min): one slow run among nine or eleven (a major GC landing in it, a
 * moment of another process) would alone call a calm cell noisy. (For 3 runs it is half of
 * max - min.)
 */
function spread(c) {
  if (!c || !c.times || c.times.length < 2 || !(c.median > 0)) return 0;
  const s = c.times.slice().sort((a, b) => a - b);
  return (quantile(s, 0.75) - quantile(s, 0.25)) / c.median;
}
// The q-quantile of sorted numbers, interpolating between neighbours.
function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return lo + 1 < sorted.length ? sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (at - lo) : sorted[lo];
}

function cell(results, lib, wl, n) {
  return results[lib] && results[lib][wl] && results[lib][wl][n];
}
function isStopped(c) {
  return !!(c && c.skipped && (c.cutoff || c.setupCutoff));
}
function ok(c) {
  return c && typeof c.median === 'number';
}

function fmtMs(ms) {
  if (ms >= 10000) return Math.round(ms).toLocaleString('en-US');
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}
function fmtRatio(r) {
  if (!isFinite(r)) return '–';
  if (r >= 100) return Math.round(r) + '×';
  if (r >= 10) return r.toFixed(0) + '×';
  return r.toFixed(2) + '×';
}
function fmtN(n) {
  return n.toLocaleString('en-US');
}
function shortN(n) {
  return n >= 1000 ? n / 1000 + 'k' : String(n);
}

function cellText(results, lib, wl, n, withRatio) {
  const c = cell(results, lib, wl, n);
  if (!c) return '';
  if (c.error) return c.verification ? 'WRONG RESULT' : 'ERROR';
  if (c.skipped) return c.short || 'skipped';
  let s = fmtMs(c.median);
  if (c.times && c.times.length === 1) s += '¹';
  if (spread(c) > NOISY_SPREAD) s += '~';
  else if (c.attempts) s += '²';
  if (withRatio && lib !== 'plain') {
    const p = cell(results, 'plain', wl, n);
    if (ok(p)) s += ' (' + fmtRatio(c.median / p.median) + ')';
  }
  return s;
}

// Least-squares slope of log(time) over log(N): over N = 8,000..64,000 when at least two such
// sizes were measured, else over every size measured (then flagged as a partial range).
// `fromN` narrows the range (for the notes below the table).
function exponent(results, lib, wl, sizes, fromN = 8000) {
  const pts = sizes.map((n) => [n, cell(results, lib, wl, n)]).filter(([, c]) => ok(c) && c.median > 0);
  let use = pts.filter(([n]) => n >= fromN && n <= 64000);
  let full = use.length >= 2;
  if (!full) use = pts;
  if (use.length < 2) return null;
  const from = use[0][0];
  const to = use[use.length - 1][0];
  return { slope: logLogSlope(use.map(([n, c]) => [n, c.median])), from, to, full: full && from === 8000 && to === 64000, points: use.length };
}
/** Least-squares slope of log(time) over log(N), for `[N, time]` points: the scaling exponent. */
function logLogSlope(points) {
  const xs = points.map(([n]) => Math.log(n));
  const ys = points.map(([, t]) => Math.log(t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
  }
  return sxy / sxx;
}
function fmtExp(e) {
  if (!e) return '–';
  const range = `${shortN(e.from)}–${shortN(e.to)}`;
  return e.full ? e.slope.toFixed(2) : `${e.slope.toFixed(2)} (${range})`;
}

// ---------------------------------------------------------------- plain-text tables (console)

function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((v, i) => (i === 0 ? String(v).padStart(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function consoleReport(results, sizes, libs, workloads) {
  const out = [];
  for (const wl of workloads) {
    out.push(`\n${wl}: ${workloadTitle(wl)} — median ms (ratio to plain Backbone)`);
    const rows = sizes.map((n) => [fmtN(n), ...libs.map((lib) => cellText(results, lib, wl, n, true) || '·')]);
    out.push(textTable(['N', ...libs.map((l) => LIB_LABEL[l])], rows));
  }
  out.push('\nScaling exponent (slope of log time over log N; 8k–64k, else the range shown)');
  out.push(textTable(['library', ...workloads], exponentRows(results, sizes, libs, workloads)));
  for (const wl of workloads.filter((w) => BUILD.includes(w))) {
    out.push(`\nHeap per model, ${wl} (bytes; ratio to plain Backbone)`);
    out.push(textTable(['N', ...libs.map((l) => LIB_LABEL[l])], sizes.map((n) => [fmtN(n), ...libs.map((lib) => heapText(results, lib, wl, n) || '·')])));
  }
  return out.join('\n');
}

// A workload's heading: what it does, and the name it had in earlier reports.
function workloadTitle(wl) {
  return WORKLOAD_LABEL[wl] + (FORMER[wl] ? ` (formerly "${FORMER[wl]}")` : '');
}

// The exponent table's rows, with the target's limit (plain Backbone's own + the slack) under
// plain Backbone's row.
function exponentRows(results, sizes, libs, workloads) {
  const rows = [];
  for (const lib of libs) {
    rows.push([LIB_LABEL[lib], ...workloads.map((wl) => fmtExp(exponent(results, lib, wl, sizes)))]);
    if (lib === 'plain') {
      rows.push([`limit for the others (plain + ${TARGET.exponentSlack})`, ...workloads.map((wl) => {
        const e = exponent(results, 'plain', wl, sizes);
        return e && e.full ? (Math.round(e.slope * 100) / 100 + TARGET.exponentSlack).toFixed(2) : '–';
      })]);
    }
  }
  return rows;
}

function heapText(results, lib, wl, n) {
  const c = cell(results, lib, wl, n);
  if (!ok(c) || c.heapPerModel == null) return '';
  let s = String(Math.round(c.heapPerModel));
  const p = cell(results, 'plain', wl, n);
  if (lib !== 'plain' && ok(p) && p.heapPerModel > 0) s += ' (' + fmtRatio(c.heapPerModel / p.heapPerModel) + ')';
  return s;
}

// ---------------------------------------------------------------- targets (issue 16)

// Ratios and exponents are compared as the report shows them, to two decimals, so a value
// printed as the limit itself meets it.
function atMost(value, limit) {
  return Math.round(value * 100) <= Math.round(limit * 100);
}

function maxRatio(results, lib, wl, sizes, field) {
  let worst = null;
  const missing = [];
  let stoppedAt = null;
  for (const n of sizes) {
    const p = cell(results, 'plain', wl, n);
    if (!ok(p)) continue;
    const c = cell(results, lib, wl, n);
    if (isStopped(c)) {
      if (stoppedAt === null) stoppedAt = n;
      continue;
    }
    if (!ok(c) || (field === 'heapPerModel' && c.heapPerModel == null)) {
      missing.push(n);
      continue;
    }
    const r = field === 'heapPerModel' ? c.heapPerModel / p.heapPerModel : c.median / p.median;
    if (!worst || r > worst.r) worst = { r, n };
  }
  return { worst, missing, stoppedAt };
}

// One check of one workload: { met: true | false | null (not (fully) measured), text (for the
// per-target rows, starting with the workload), value (for the per-workload table) }.
function check(met, wl, value, notes, partial) {
  const extra = notes && notes.length ? ', ' + notes.join(', ') : '';
  return { met, partial: met === null && !!partial, wl, value: value + extra, text: `${wl} ${value}${extra}` };
}

// Worst ratio to plain Backbone over the sizes, at most `limit`; sizes of SIZES missing from the
// run leave a target that holds so far "not fully measured".
function ratioCheck(results, lib, wl, sizes, limit, field) {
  const { worst, missing, stoppedAt } = maxRatio(results, lib, wl, sizes, field);
  if (!worst) return check(null, wl, '–');
  let met = atMost(worst.r, limit);
  const notes = [];
  if (missing.length) {
    met = false;
    notes.push(`missing at N=${missing.map(shortN).join(',')}`);
  }
  if (stoppedAt !== null) {
    met = false;
    notes.push(`stopped (> ${CUTOFF_S} s) before N=${shortN(stoppedAt)}`);
  }
  // Sizes of 1,000–64,000 the run left out (said once, above the targets): a target that holds
  // at every size measured is then not fully measured.
  let partial = false;
  if (met && SIZES.some((n) => !sizes.includes(n))) {
    met = null;
    partial = true;
  }
  return check(met, wl, `≤ ${fmtRatio(worst.r)} (worst at N=${shortN(worst.n)})`, notes, partial);
}

// Exponent over 8k–64k at most plain Backbone's own (same run) + TARGET.exponentSlack. A library
// stopped by the cut-off before 64k fails it when its exponent over the sizes it reached is
// already above the limit.
function exponentCheck(results, lib, wl, sizes) {
  const e = exponent(results, lib, wl, sizes);
  if (!e) return check(null, wl, '–');
  const ep = exponent(results, 'plain', wl, sizes);
  if (!ep || !ep.full) return check(null, wl, `${fmtExp(e)} (plain's over 8k–64k not measured)`);
  const limit = Math.round(ep.slope * 100) / 100 + TARGET.exponentSlack;
  const stopped = sizes.some((n) => isStopped(cell(results, lib, wl, n)));
  const below = atMost(e.slope, limit);
  const met = e.full ? below : stopped && !below ? false : null;
  return check(met, wl, `${fmtExp(e)} (limit ${limit.toFixed(2)})`);
}

// At least TARGET.speedup× faster than 0.10.0 at N = TARGET.speedupN. When the original was
// stopped by the cut-off before that N, it takes longer there than its last run: a lower bound.
function speedupCheck(results, lib, wl) {
  const N = TARGET.speedupN;
  const o = cell(results, 'original', wl, N);
  const c = cell(results, lib, wl, N);
  if (!ok(c)) return check(null, wl, `– (not measured at N=${shortN(N)})`);
  if (ok(o)) {
    const r = o.median / c.median;
    return check(r >= TARGET.speedup, wl, fmtRatio(r));
  }
  if (o && o.skipped && o.cutoff) {
    const r = o.cutoff / c.median;
    return check(r >= TARGET.speedup ? true : null, wl, `> ${fmtRatio(r)} (0.10.0 stopped before N=${shortN(N)})`);
  }
  return check(null, wl, `– (0.10.0 not measured at N=${shortN(N)})`);
}

// How much faster than 0.10.0 plain Backbone itself is, where the speed-up target is read: a
// workload where it is under the target asks this library to beat plain Backbone.
function plainSpeedupNote(results, libs, workloads) {
  if (!libs.includes('plain') || !libs.includes('original')) return [];
  const build = BUILD.filter((wl) => workloads.includes(wl));
  if (!build.length) return [];
  const checks = build.map((wl) => speedupCheck(results, 'plain', wl));
  const under = checks.filter((c) => c.met === false).map((c) => c.wl);
  return [`For reference, plain Backbone itself, building the same graphs with no store and no relations, is faster than 0.10.0 at N = ${fmtN(TARGET.speedupN)} by: ` +
    checks.map((c) => c.text).join('; ') + '.' +
    (under.length ? ` On ${under.join(', ')} the ${TARGET.speedup}× target would have this library faster than plain Backbone.` : '')];
}

// Every check of every workload of the run, for `lib`: { wl: { time, exponent, heap, speedup } },
// each a check or undefined where the target does not apply (no time target for tojson, heap
// only for the build workloads, no speed-up of 0.10.0 over itself).
function workloadChecks(results, lib, sizes, workloads) {
  const out = {};
  for (const wl of workloads) {
    const x = {};
    if (BUILD.includes(wl)) x.time = ratioCheck(results, lib, wl, sizes, TARGET.build, 'median');
    else if (TARGET.teardownWorkloads.includes(wl)) x.time = ratioCheck(results, lib, wl, sizes, TARGET.teardown, 'median');
    x.exponent = exponentCheck(results, lib, wl, sizes);
    if (BUILD.includes(wl)) {
      x.heap = ratioCheck(results, lib, wl, sizes, TARGET.heap, 'heapPerModel');
      if (lib !== 'original') x.speedup = speedupCheck(results, lib, wl);
    }
    out[wl] = x;
  }
  return out;
}

// A target over several workloads: not met if one fails it, met if all meet it, else not
// (fully) measured.
function combine(checks) {
  const met = checks.some((c) => c.met === false) ? false : checks.length && checks.every((c) => c.met === true) ? true : null;
  let word = met === true ? '**met**' : met === false ? '**not met**' : 'not measured';
  if (met === null && checks.some((c) => c.met === true || c.partial)) word = 'not fully measured';
  return { met, text: word + (checks.length ? ': ' + checks.map((c) => c.text).join('; ') : '') };
}

const TARGET_TEXT = {
  build: `Build workloads (reset, late binding, many-to-many; by constructors and by collections): at most ${TARGET.build}× plain Backbone at every N from 1,000 to 64,000`,
  teardown: `destroy one by one and remove all: at most ${TARGET.teardown}× plain Backbone at every N`,
  exponent: `Scaling exponent (8,000 to 64,000) at most plain Backbone's own for that workload + ${TARGET.exponentSlack}, measured in the same run`,
  heap: `Heap per model at most ${TARGET.heap}× plain Backbone's (build workloads, every N)`,
  speedup: `At least ${TARGET.speedup}× faster than backbone-relational 0.10.0 at N = ${fmtN(TARGET.speedupN)} on every build workload, by both paths`,
};

// The targets of issue 16 for `lib`, each over the workloads of the run it concerns.
function targets(results, lib, sizes, workloads = WORKLOADS) {
  const w = workloadChecks(results, lib, sizes, workloads);
  const pick = (key, wls) => wls.filter((wl) => w[wl] && w[wl][key]).map((wl) => w[wl][key]);
  const list = [];
  const build = workloads.filter((wl) => BUILD.includes(wl));
  const teardown = workloads.filter((wl) => TARGET.teardownWorkloads.includes(wl));
  if (build.length) list.push({ key: 'build', target: TARGET_TEXT.build, ...combine(pick('time', build)) });
  if (teardown.length) list.push({ key: 'teardown', target: TARGET_TEXT.teardown, ...combine(pick('time', teardown)) });
  list.push({ key: 'exponent', target: TARGET_TEXT.exponent, ...combine(pick('exponent', workloads)) });
  if (build.length) list.push({ key: 'heap', target: TARGET_TEXT.heap, ...combine(pick('heap', build)) });
  if (build.length && lib !== 'original') list.push({ key: 'speedup', target: TARGET_TEXT.speedup, ...combine(pick('speedup', build)) });
  return list;
}

// One row per workload, one column per target: the table a reader checks a workload in.
function targetMatrix(results, lib, sizes, workloads, markdown) {
  const w = workloadChecks(results, lib, sizes, workloads);
  const fmt = (c) => {
    if (!c) return 'n/a';
    const word = c.met === true ? 'met' : c.met === false ? 'NOT MET' : c.partial ? 'not fully measured' : 'not measured';
    return (markdown && c.met !== null ? `**${word}**` : word) + ': ' + c.value;
  };
  const header = ['workload', `time vs plain (≤ ${TARGET.build}× build, ≤ ${TARGET.teardown}× destroy/remove)`,
    `exponent 8k–64k (≤ plain's + ${TARGET.exponentSlack})`, `heap/model vs plain (≤ ${TARGET.heap}×)`,
    `faster than 0.10.0 at N=${shortN(TARGET.speedupN)} (≥ ${TARGET.speedup}×)`];
  const rows = workloads.map((wl) => [wl, fmt(w[wl].time), fmt(w[wl].exponent), fmt(w[wl].heap), fmt(w[wl].speedup)]);
  return { header, rows };
}

// ---------------------------------------------------------------- markdown

function mdTable(header, rows, leftAligned) {
  const esc = (v) => String(v).replace(/\|/g, '\\|');
  return [
    '| ' + header.map(esc).join(' | ') + ' |',
    '|' + header.map((_, i) => (i === 0 || leftAligned ? '---' : '---:')).join('|') + '|',
    ...rows.map((r) => '| ' + r.map(esc).join(' | ') + ' |'),
  ].join('\n');
}

/**
 * The section on what an identity map alone costs plain Backbone (bench/store-floor.js), which
 * the targets above are to be read against.
 */
function storeFloorSection(floor) {
  const out = [];
  out.push('## What an identity map alone costs');
  out.push('');
  out.push('0.10.0\'s contract includes its store: every model, as it is created, joins a `Backbone.Collection` of its type, ' +
    'where `get` finds it by id and by cid and `models` lists it, and its own `add` handlers hear it join; a destroyed ' +
    'model leaves it, its `remove` handlers hearing it. `node --expose-gc bench/store-floor.js` gives plain Backbone only ' +
    'that, before any relation, and times it in the same workers as above ' +
    `(N = ${fmtN(floor.n)}, ${floor.rounds} rounds taking turns, each cell the median of the rounds' medians; ratios to plain Backbone's cell).`);
  out.push('');
  const header = ['plain Backbone, and'];
  for (const wl of floor.workloads) {
    header.push(`${wl} (ms)`);
    if (floor.cells[wl].plain.heap != null) header.push(`${wl} heap (B/model)`);
  }
  const rows = floor.variants.map((v) => {
    const row = [floor.labels[v]];
    for (const wl of floor.workloads) {
      const c = floor.cells[wl][v];
      row.push(`${fmtMs(c.ms)} (${fmtRatio(c.timeRatio)})`);
      if (floor.cells[wl].plain.heap != null) row.push(`${Math.round(c.heap)} (${fmtRatio(c.heapRatio)})`);
    }
    return row;
  });
  out.push(mdTable(header, rows, true));
  out.push('');
  out.push('The first store is no identity map 0.10.0 could have (its store is a collection); the second holds each model ' +
    'exactly as far as 0.10.0\'s store is observable and no further (its removal does not even keep the order, which 0.10.0\'s ' +
    'does); ' +
    (floor.variants.includes('plain+store-events')
      ? 'the third is the second, and a destroyed child also does what 0.10.0\'s relations make observable (its `parent` emptied, ' +
        '`remove:children` on the parent), with no relation at all: a floor for destroy; the fourth '
      : 'the third ') +
    'is what an application writing the store with Backbone\'s `add` would get. What is left of the targets\' ' +
    '1.3× time and 1.2× heap for the relations themselves is the difference between the second row and the target. ' +
    (floor.variants.includes('plain+store-relations')
      ? 'The row "' + floor.labels['plain+store-relations'] + '" is the second store, and each model\'s relations as ' +
        'objects as 0.10.0 makes them observable: `model._relations`, one object per relation with the properties of ' +
        '0.10.0\'s HasOne or HasMany (less its listeners\' bookkeeping), and a HasMany\'s collection pointing back at its ' +
        'model; nothing keeps them in step: the least heap an implementation of 0.10.0\'s store and relations can take ' +
        '(' + floorHeapRatios(floor, 'plain+store-relations') + '). '
      : '') +
    'Destroying ' +
    'a child in this library also does what plain Backbone leaves undone and 0.10.0 does: the child leaves its parent\'s ' +
    'collection *and* the store (two `remove` events on it), its `parent` is emptied, and the parent hears `remove:children`.');
  return out;
}

/** `variant`'s heap per model against plain Backbone's, workload by workload, as text. */
function floorHeapRatios(floor, variant) {
  const parts = [];
  for (const wl of floor.workloads) {
    const c = floor.cells[wl][variant];
    if (c && c.heapRatio != null) parts.push(`${wl} ${fmtRatio(c.heapRatio)} plain Backbone's heap per model`);
  }
  return parts.join(', ');
}

// The legend of the marks cellText puts on repeated and still-noisy cells.
function noiseLegend(meta) {
  if (meta.repeatNoisy === undefined) return '';
  const pct = Math.round(NOISY_SPREAD * 100);
  return ` ~ its repetitions spread more than ${pct}% (interquartile range / median)` +
    (meta.repeatNoisy ? `, still after ${meta.repeatNoisy} more attempt${meta.repeatNoisy > 1 ? 's' : ''}` : '') +
    `: read it with that noise. ² spread more than ${pct}% at first and was measured again; the attempt that spread least is shown (see "Noise").`;
}

// "Noise": which cells spread more than NOISY_SPREAD, were measured again, and stayed so.
function noiseSection(results, sizes, libs, workloads, meta) {
  const pct = Math.round(NOISY_SPREAD * 100);
  const repeated = [];
  const noisy = [];
  let cells = 0;
  for (const wl of workloads) for (const n of sizes) for (const lib of libs) {
    const c = cell(results, lib, wl, n);
    if (!ok(c)) continue;
    cells++;
    const name = `${LIB_LABEL[lib]} ${wl} ${shortN(n)}`;
    if (c.attempts) repeated.push(`${name} (${c.attempts.map((a) => `${fmtMs(a.median)} ms, spread ${Math.round(a.spread * 100)}%`).join(' / ')})`);
    if (spread(c) > NOISY_SPREAD) noisy.push(`${name} (${Math.round(spread(c) * 100)}%)`);
  }
  const out = ['## Noise', ''];
  if (meta.repeatNoisy === undefined) {
    out.push('This run did not repeat noisy cells (a bench from before `--repeat-noisy`).');
    return out;
  }
  out.push(`A cell whose repetitions spread more than ${pct}% (interquartile range / median) is measured again in a fresh worker, up to ${meta.repeatNoisy} more time${meta.repeatNoisy === 1 ? '' : 's'} (\`--repeat-noisy\`), ` +
    'and the attempt that spread least is kept: on a shared machine a wide spread means another process took the CPU during some of the runs. ' +
    `Of ${cells} cells measured, ${repeated.length} were measured again, and ${noisy.length} still spread more than ${pct}%.`);
  if (repeated.length) out.push('', `Measured again (each attempt's median and spread, in order): ${repeated.join('; ')}.`);
  if (noisy.length) out.push('', `Still noisy: ${noisy.join('; ')}.`);
  return out;
}

function markdown(run) {
  const { results, sizes, libs, workloads, meta } = run;
  const measuredLibs = libs.filter((l) => !meta.libSkipped[l]);
  const out = [];
  out.push('# Performance');
  out.push('');
  out.push(`Generated by \`${meta.command}\` on ${meta.date.slice(0, 16).replace('T', ' ')} UTC (${meta.quick ? 'quick mode: N up to 8,000, fewer repetitions' : 'full run'}; ` +
    `bench wall time ${meta.wallSeconds.toFixed(0)} s)${meta.commit ? ` at commit ${meta.commit}` : ''}. Do not edit by hand: run the bench again.`);
  out.push('');
  out.push('## Machine');
  out.push('');
  out.push(`- CPU: ${meta.cpu.model}, ${meta.cpu.count} logical cores${meta.cpu.speed ? ` at ${meta.cpu.speed} MHz` : ''}`);
  out.push(`- Memory: ${(meta.totalmem / 2 ** 30).toFixed(1)} GiB; ${meta.platform}`);
  const PKG = { associations: 'backbone-associations', original: 'backbone-relational', this: 'backbone-relational-ts (dist/backbone-relational.js)' };
  out.push(`- Node ${meta.node}; Backbone ${meta.backbone}${Object.entries(meta.libVersions).map(([l, v]) => `; ${PKG[l] || l} ${v}`).join('')}`);
  out.push(`- Load average (1 min) at start ${meta.loadStart.toFixed(2)}, at end ${meta.loadEnd.toFixed(2)}: anything above 0 means other processes shared the 2 cores; timings are only comparable within one run.`);
  out.push('');
  out.push('## Method');
  out.push('');
  out.push('N parents with 3 children each (many-to-many: N persons with 3 jobs each and N/10 companies, 30 jobs per company). ' +
    'Every library × workload × N runs in a fresh `node --expose-gc bench/worker.js <lib> <workload> <N>` process that loads its own Backbone and library. ' +
    'The libraries take turns at each workload and N, so the runs a ratio compares are made minutes apart, and a machine whose speed drifts during the bench moves both sides alike. ' +
    'It warms up twice at 250 parents (and once at 1,000 when that is cheap), then times the workload ' +
    `${meta.reps} times (${meta.reps + 6} when the first run took under 0.3 s; at most 3 when the first run, with the untimed graph building it needed, took over 2 s; once when over ${SINGLE_RUN_S} s, which only backbone-relational 0.10.0's runs take, at the largest sizes it reaches) and reports the median. ` +
    'The model types are defined once per process, as an application defines them, and the warm-up graphs stay alive during the timed runs, as an application\'s earlier models do. ' +
    '(Defining fresh types for every run and letting every model of a run die before the next made V8 discard its optimized code at every run, the object shapes it was specialized for being gone; ' +
    'the timings then mostly measured re-optimization, which an application pays once. It cost plain Backbone about 20% and this library about 40% at N = 8,000, and did not change backbone-relational 0.10.0 or backbone-associations.) ' +
    '(The full collection before each run, with no run in progress, still makes V8 forget the object shapes that only short-lived objects had, such as an options object copied on every call, and with them the optimized code that expected them: the next run optimizes that code again. Plain Backbone pays it too: in late binding at N = 8,000, every other run re-optimizes a few of Backbone\'s own functions. See docs/decisions.md, "Options objects".) ' +
    'Every run, warm-up included, starts after a turn of the event loop (a 5 ms timer, as an application\'s next server response comes in a task of its own), so that what a library or Backbone put off to a later tick runs there, untimed. ' +
    '(Without it nothing deferred ever ran in the worker\'s synchronous loop: this library\'s collection patches keep the models a collection created until the next tick, and through their collection they kept the whole previous graph alive into the next run, which made its heap per model for the graphs built through collections about 40 bytes; 0.10.0 defers one call per such model with `_.defer`.) ' +
    'It then starts from a fresh store (`Backbone.Relational.store.reset()`) and freshly built raw data, ' +
    'runs after a full garbage collection, and is verified after the clock stops and before its time is kept: right parent for each child, right children for each parent ' +
    '(and, for late binding, the very instances created first), every job\'s person and company and every company\'s employees, ' +
    'for a graph built through collections each collection holding exactly the models built, in the order of the data, and finding each by its id (so the parents hold the very children of the children collection, and the jobs point at the very companies of the companies collection), ' +
    'no child left in any parent after destroy, an empty collection and an untouched graph after remove, and the exact JSON ' +
    `\`[{id, name, children: [{id, name, parent: <parent id>}]}]\`. A library is stopped at larger N for a workload once one of its runs passed ${CUTOFF_S} s, ` +
    `or, for destroy, remove and tojson, once building the graph they start from (by reset-coll, untimed; emptying the store of the previous run not counted) passed ${CUTOFF_S} s.`);
  out.push('');
  out.push('Each graph is built by two paths: by constructors (`-new`), and through `Backbone.Collection`s whose `model` is the type (`-coll`), as models fetched from a server arrive (`fetch` calls `set`, or `reset` with `{reset: true}`). ' +
    'The late binding through collections uses both: `reset` for the children, `set` for the parents. ' +
    'Earlier reports had one path per graph: their **reset** is **reset-coll**, their **late** is **late-new**, their **m2m** is **m2m-new**.');
  out.push('');
  out.push('- **reset-new**: `new Parent(data[i])` for each of the N parents, each raw parent holding `children: [3 raw children]`.');
  out.push('- **reset-coll**: `parents.reset(data)` on a `Backbone.Collection` of Parent, the same raw parents.');
  out.push('- **late-new**: `new Child({id, name, parent: parentId})` for all 3N children, then `new Parent({id, name})` for the N parents.');
  out.push('- **late-coll**: `children.reset(childrenData)` on a collection of Child (the same raw children, each naming its parent by id), then `parents.set(parentsData)` on a collection of Parent (as `parents.fetch()` does).');
  out.push('- **m2m-new**: `new Company({id, name})` for the companies, then `new Person({id, name, jobs: [{id, title, company: companyId} x3]})`.');
  out.push('- **m2m-coll**: `companies.reset(companiesData)`, then `persons.reset(personsData)` (the same raw persons, jobs nested) on collections of Company and Person.');
  out.push('- **destroy**: `child.destroy()` for each of the 3N children of a graph built by reset-coll (Backbone.sync replaced by a stub that succeeds at once, synchronously, in every library).');
  out.push('- **remove**: `parents.remove(allParents)` on a graph built by reset-coll.');
  out.push('- **tojson**: `parents.toJSON()` on a graph built by reset-coll.');
  out.push('- Heap per model: `process.memoryUsage().heapUsed` after a turn of the event loop and a full GC with the graph alive, minus the same just before the timed build, divided by the number of models built (build workloads only; median over the runs).');
  out.push('');
  out.push('How each library builds the graph:');
  out.push('');
  out.push('- **plain Backbone** (the floor): Parent\'s `initialize` wraps `children` in a Collection and sets `parent` on each child; ids are resolved with a `Map` the caller builds. Late binding: the caller groups the children (the models it created, or those the children collection holds) by the parent id they name, and gives each parent its child models, to `new Parent` or in the attributes passed to `parents.set`. Many-to-many: the caller indexes the companies (those it created, or those `companies.reset` created) by id, and Person\'s `initialize` finds each job\'s company there (passed as an option to `new Person`, or to `persons.reset`, which hands its options on to the models it creates), and adds the job to the company\'s `employees`. No bookkeeping: nothing updates the other side afterwards (a destroyed child still names its parent).');
  out.push('- **backbone-relational 0.10.0 and this library**: the same code; Parent `HasMany children` with reverse `HasOne parent` (`includeInJSON: \'id\'`); Person `HasMany jobs` (reverse `person`) and Company `HasMany employees` (reverse `company`). The store resolves every id, by either path.');
  out.push('- **backbone-associations 0.6.2**: `Backbone.AssociatedModel` with `Backbone.Many` relations. It keeps back-pointers (`parents`) from a related collection/model to its owner, so a child reaches its parent as `child.collection.parents[0]`, but it has no store and no reverse relations: it never resolves an id and never updates the other side. Late binding uses a caller-built `Map` like plain Backbone; a Job\'s `company` is a `Backbone.One` whose `map` option looks the id up in that Map, and adding the job to the company\'s `employees` is done by hand (the companies are given `employees: []`, by either path). In late-coll a child keeps the children collection it arrived in as its `collection` (Backbone sets it only on a model that has none), so each child\'s `parent` attribute is set to its parent by hand after `parents.set`, as plain Backbone\'s `initialize` does. The child\'s JSON gets `parent: <id>` from a `toJSON` override.');
  out.push('');
  out.push('![Time against N, log-log, one panel per workload](performance.svg)');
  out.push('');
  out.push('## Median time (ms) and ratio to plain Backbone in the same run');
  out.push('');
  out.push(`¹ a single run (the first, with the graph building it needed, took over ${SINGLE_RUN_S} s). "stopped" = not run because at a smaller N one run, or building the graph for it (destroy, remove, tojson), took over ${CUTOFF_S} s.` +
    noiseLegend(meta));
  for (const wl of workloads) {
    out.push('');
    out.push(`### ${wl}: ${workloadTitle(wl)}`);
    out.push('');
    out.push(mdTable(['N', ...libs.map((l) => LIB_LABEL[l])],
      sizes.map((n) => [fmtN(n), ...libs.map((lib) => (meta.libSkipped[lib] ? 'not run' : cellText(results, lib, wl, n, true) || '–'))])));
  }
  out.push('');
  out.push('## Scaling exponent');
  out.push('');
  out.push('Least-squares slope of log(median time) over log(N) between N = 8,000 and 64,000; where a library did not reach those sizes, over the sizes it reached (shown in brackets). 1 is linear, 2 quadratic. ' +
    `The target of issue 16 for each workload is plain Backbone's own exponent in this run + ${TARGET.exponentSlack} (the "limit" row).`);
  out.push('');
  out.push(mdTable(['library', ...workloads], exponentRows(results, sizes, measuredLibs, workloads)));
  for (const wl of workloads) {
    const e = libs.includes('plain') ? exponent(results, 'plain', wl, sizes) : null;
    if (!e || e.slope <= 1.1) continue;
    out.push('');
    let note = `Note: the floor itself grows faster than linearly on **${wl}** (plain Backbone: ${fmtExp(e)}).`;
    if (wl === 'remove') {
      note += ' `Backbone.Collection#remove` takes the models out one at a time, each with an `Array#splice` that moves the rest of the ' +
        '`models` array, so removing all N models is quadratic (cheap per step, but it dominates at large N). A library that overrides ' +
        'the collection\'s removal (backbone-relational overrides `_removeModels`) could avoid the repeated splicing while firing the same events; one that does not inherits the floor\'s exponent.';
    }
    if (wl === 'tojson') {
      const later = measuredLibs.map((lib) => [lib, exponent(results, lib, wl, sizes, 16000)]).filter(([, x]) => x && x.from === 16000);
      note += ' `toJSON` walks the whole graph and builds all of its JSON, and how long that takes per model depends on how ' +
        'big the graph in memory is: `node --expose-gc bench/locality.js <library>` serializes the same 8,000 parents alone, ' +
        'and as part of a graph of 64,000. The work is the same; only the memory around it differs.';
      const loc = Object.values((meta && meta.locality) || {});
      if (loc.length) {
        note += ' In this run (ns per parent): ' + loc.map((x) => `${LIB_LABEL[x.lib]} ${Math.round(x.alone)} alone, ` +
          `${Math.round(x.first)} as the first 8,000 of ${fmtN(x.big)}, ${Math.round(x.spread)} spread through them`).join('; ') + '.';
      }
      const floor = ((meta && meta.jsonFloor) || []).map((x) => ({ ...x, first: x.points[0], last: x.points[x.points.length - 1] }));
      const byDefault = floor.find((x) => !x.semiSpace);
      const bigNewSpace = floor.find((x) => x.semiSpace);
      if (byDefault) {
        note += ' The JSON alone, built by a plain loop from plain JavaScript objects with no Backbone and no library ' +
          `(\`node --expose-gc bench/json-floor.js\`), took ${byDefault.first.ms.toFixed(1)} ms at N = ${fmtN(byDefault.first.n)} and ` +
          `${byDefault.last.ms.toFixed(1)} ms at ${fmtN(byDefault.last.n)}: exponent ${byDefault.exponent.toFixed(2)}`;
        if (bigNewSpace) {
          note += `; with a new space large enough that no scavenge runs while it is built (\`${bigNewSpace.semiSpace}\`), ` +
            `${bigNewSpace.first.ms.toFixed(1)} and ${bigNewSpace.last.ms.toFixed(1)} ms, exponent ${bigNewSpace.exponent.toFixed(2)}`;
        }
        note += '. The difference between the two is V8\'s young generation: once the JSON being built outgrows it, each scavenge ' +
          'copies everything built so far, all of it still alive.';
      }
      if (later.length) note += ' Over 16,000–64,000 the exponents are: ' + later.map(([lib, x]) => `${LIB_LABEL[lib]} ${x.slope.toFixed(2)}`).join(', ') + '.';
    }
    out.push(note);
  }
  out.push('');
  out.push('## Heap per model (bytes) and ratio to plain Backbone');
  for (const wl of workloads.filter((w) => BUILD.includes(w))) {
    out.push('');
    out.push(`### ${wl}${FORMER[wl] ? ` (formerly ${FORMER[wl]})` : ''}`);
    out.push('');
    out.push(mdTable(['N', ...measuredLibs.map((l) => LIB_LABEL[l])],
      sizes.map((n) => [fmtN(n), ...measuredLibs.map((lib) => heapText(results, lib, wl, n) || '–')])));
  }
  out.push('');
  out.push('## Targets (issue 16)');
  out.push('');
  const absent = SIZES.filter((n) => !sizes.includes(n));
  out.push('Against plain Backbone measured in the same run. Ratios and exponents are compared as shown, to two decimals.' +
    (absent.length ? ` **This run left out N = ${absent.map(fmtN).join(', ')}**: a target met at every N measured is "not fully measured".` : ''));
  out.push('');
  if (meta.libSkipped.this || !libs.includes('this')) {
    const why = meta.libSkipped.this || 'it was left out of the run (`--libs`/`--only`)';
    out.push(`**This library was not measured in this run: ${why}. Every target is open until \`npm run bench\` is run with it.** ` +
      'The other libraries are evaluated against the same targets below for reference.');
    out.push('');
  } else {
    out.push('### This library, workload by workload');
    out.push('');
    const m = targetMatrix(results, 'this', sizes, workloads, true);
    out.push(mdTable(m.header, m.rows, true));
    out.push('');
    out.push('### Every target, with the other libraries for reference');
    out.push('');
  }
  const targetLibs = ['this', 'original', 'associations'].filter((l) => libs.includes(l));
  if (targetLibs.length) {
    const per = targetLibs.map((l) => (meta.libSkipped[l] ? null : targets(results, l, sizes, workloads)));
    const base = targets(results, 'this', sizes, workloads); // every target's row, whoever is measured
    out.push(mdTable(['target', ...targetLibs.map((l) => LIB_LABEL[l] + (l === 'this' ? '' : ' (for reference)'))],
      base.map((t) => [t.target, ...per.map((p) => {
        if (!p) return 'not measured';
        const found = p.find((x) => x.key === t.key);
        return found ? found.text : 'n/a';
      })]), true));
    out.push('', ...plainSpeedupNote(results, libs, workloads));
  }
  out.push('', ...noiseSection(results, sizes, libs, workloads, meta));
  if (meta.storeFloor) out.push('', ...storeFloorSection(meta.storeFloor));
  const problems = [];
  for (const lib of libs) for (const wl of workloads) for (const n of sizes) {
    const c = cell(results, lib, wl, n);
    if (c && c.error) problems.push(`- ${LIB_LABEL[lib]}, ${wl}, N=${fmtN(n)}: ${c.error.split('\n')[0]}`);
  }
  if (problems.length) {
    out.push('');
    out.push('## Failures');
    out.push('');
    out.push(...problems);
  }
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------- SVG chart

const COLORS = { plain: '#4d4d4d', associations: '#1f77b4', original: '#d62728', this: '#2ca02c', forget: '#9467bd' };
const DASH = { plain: '6 4', associations: '', original: '', this: '', forget: '2 3' };

function marker(lib, x, y, color) {
  const r = 3.5;
  switch (lib) {
    case 'associations':
      return `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" fill="${color}"/>`;
    case 'original':
      return `<path d="M${x.toFixed(1)},${(y - r - 1).toFixed(1)} L${(x + r + 0.5).toFixed(1)},${(y + r).toFixed(1)} L${(x - r - 0.5).toFixed(1)},${(y + r).toFixed(1)} Z" fill="${color}"/>`;
    case 'this':
      return `<path d="M${x.toFixed(1)},${(y - r - 1).toFixed(1)} L${(x + r + 1).toFixed(1)},${y.toFixed(1)} L${x.toFixed(1)},${(y + r + 1).toFixed(1)} L${(x - r - 1).toFixed(1)},${y.toFixed(1)} Z" fill="${color}"/>`;
    default:
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="white" stroke="${color}" stroke-width="1.8"/>`;
  }
}

function xmlEscape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function msLabel(v) {
  if (v >= 1000) return v / 1000 + ' s';
  return v + ' ms';
}

function svg(run) {
  const { results, sizes, libs, workloads, meta } = run;
  const drawn = libs.filter((l) => !meta.libSkipped[l]);
  const cols = 3;
  const rowsN = Math.ceil(workloads.length / cols);
  const pw = 360;
  const ph = 280;
  const top = 92;
  const W = cols * pw + 20;
  const H = top + rowsN * ph + 30;
  const m = { l: 62, r: 16, t: 30, b: 50 };
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="11">`);
  o.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  o.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">Median time against N (parents, 3 children each), log-log; lower is better</text>`);
  o.push(`<text x="${W / 2}" y="40" text-anchor="middle" font-size="11" fill="#555">${xmlEscape(`${meta.date.slice(0, 10)} · ${meta.cpu.model} × ${meta.cpu.count} · Node ${meta.node} · Backbone ${meta.backbone}${meta.quick ? ' · quick run' : ''}${meta.libSkipped.this ? ' · this library not measured' : ''}`)}</text>`);
  // Legend.
  const legendWidth = (lib) => 38 + LIB_LABEL[lib].length * 6.6 + 28;
  let lx = (W - drawn.reduce((a, lib) => a + legendWidth(lib), 0)) / 2;
  for (const lib of drawn) {
    const c = COLORS[lib];
    o.push(`<line x1="${lx}" y1="64" x2="${lx + 30}" y2="64" stroke="${c}" stroke-width="2.2"${DASH[lib] ? ` stroke-dasharray="${DASH[lib]}"` : ''}/>`);
    o.push(marker(lib, lx + 15, 64, c));
    o.push(`<text x="${lx + 38}" y="68" font-size="12">${xmlEscape(LIB_LABEL[lib])}</text>`);
    lx += legendWidth(lib);
  }
  const lnMin = Math.log(sizes[0]);
  const lnMax = Math.log(sizes[sizes.length - 1]);
  workloads.forEach((wl, idx) => {
    const ox = 10 + (idx % cols) * pw;
    const oy = top + Math.floor(idx / cols) * ph;
    const x0 = ox + m.l;
    const x1 = ox + pw - m.r;
    const y0 = oy + m.t;
    const y1 = oy + ph - m.b;
    const vals = [];
    for (const lib of drawn) for (const n of sizes) {
      const c = cell(results, lib, wl, n);
      if (ok(c) && c.median > 0) vals.push(c.median);
    }
    let dMin = vals.length ? Math.floor(Math.log10(Math.min(...vals))) : 0;
    let dMax = vals.length ? Math.ceil(Math.log10(Math.max(...vals))) : 1;
    if (dMax <= dMin) dMax = dMin + 1;
    const X = (n) => (sizes.length > 1 ? x0 + ((Math.log(n) - lnMin) / (lnMax - lnMin)) * (x1 - x0) : (x0 + x1) / 2);
    const Y = (v) => y1 - ((Math.log10(v) - dMin) / (dMax - dMin)) * (y1 - y0);
    o.push(`<g>`);
    o.push(`<text x="${(x0 + x1) / 2}" y="${oy + 18}" text-anchor="middle" font-size="12.5" font-weight="bold">${xmlEscape(CHART_TITLE[wl])}</text>`);
    o.push(`<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="#fafafa" stroke="#999"/>`);
    for (let d = dMin; d <= dMax; d++) {
      const y = Y(10 ** d);
      o.push(`<line x1="${x0}" y1="${y.toFixed(1)}" x2="${x1}" y2="${y.toFixed(1)}" stroke="#ddd"/>`);
      o.push(`<text x="${x0 - 5}" y="${(y + 4).toFixed(1)}" text-anchor="end">${msLabel(10 ** d)}</text>`);
      if (d < dMax) {
        for (const k of [2, 5]) {
          const yy = Y(k * 10 ** d);
          o.push(`<line x1="${x0}" y1="${yy.toFixed(1)}" x2="${x0 + 4}" y2="${yy.toFixed(1)}" stroke="#999"/>`);
        }
      }
    }
    for (const n of sizes) {
      const x = X(n);
      o.push(`<line x1="${x.toFixed(1)}" y1="${y0}" x2="${x.toFixed(1)}" y2="${y1}" stroke="#eee"/>`);
      o.push(`<text x="${x.toFixed(1)}" y="${y1 + 15}" text-anchor="middle">${shortN(n)}</text>`);
    }
    o.push(`<text x="${(x0 + x1) / 2}" y="${y1 + 33}" text-anchor="middle" fill="#333">N parents (log scale)</text>`);
    const cy = (y0 + y1) / 2;
    o.push(`<text x="${ox + 14}" y="${cy}" text-anchor="middle" fill="#333" transform="rotate(-90 ${ox + 14} ${cy})">median time (log scale)</text>`);
    for (const lib of drawn) {
      const pts = sizes.map((n) => [n, cell(results, lib, wl, n)]).filter(([, c]) => ok(c) && c.median > 0);
      if (!pts.length) continue;
      const col = COLORS[lib];
      const d = pts.map(([n, c], i) => `${i ? 'L' : 'M'}${X(n).toFixed(1)},${Y(c.median).toFixed(1)}`).join(' ');
      o.push(`<path d="${d}" fill="none" stroke="${col}" stroke-width="2"${DASH[lib] ? ` stroke-dasharray="${DASH[lib]}"` : ''}/>`);
      for (const [n, c] of pts) o.push(marker(lib, X(n), Y(c.median), col));
      const last = pts[pts.length - 1];
      const stopCell = sizes.map((n) => cell(results, lib, wl, n)).find(isStopped);
      if (stopCell) {
        const label = stopCell.cutoff ? `stopped (&gt;${CUTOFF_S} s)` : `stopped (graph build &gt;${CUTOFF_S} s)`;
        const lxp = X(last[0]);
        const lyp = Y(last[1].median);
        const right = lxp + (stopCell.cutoff ? 90 : 150) < x1;
        const ty = right ? lyp + 4 : (lyp - 9 < y0 + 10 ? lyp + 17 : lyp - 9);
        o.push(`<text x="${(right ? lxp + 7 : lxp).toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="${right ? 'start' : 'middle'}" fill="${col}" font-size="10">${label}</text>`);
      }
    }
    o.push(`</g>`);
  });
  o.push(`<text x="${W / 2}" y="${H - 10}" text-anchor="middle" font-size="10.5" fill="#555">Each point: median of verified runs in a fresh process. Same machine, same run for all libraries. Generated by bench/run.js.</text>`);
  o.push('</svg>');
  return o.join('\n') + '\n';
}

module.exports = {
  LIBS,
  LIB_LABEL,
  WORKLOADS,
  WORKLOAD_LABEL,
  BUILD,
  FORMER,
  GROUPS,
  SIZES,
  TARGET,
  targetMatrix,
  textTable,
  consoleReport,
  markdown,
  svg,
  targets,
  exponent,
  logLogSlope,
  fmtMs,
  fmtRatio,
  spread,
  NOISY_SPREAD,
};
