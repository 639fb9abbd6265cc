#!/usr/bin/env node
'use strict';
// Long runs of the differential test, printing progress and every distinct failure (shrunk)
// as it is found, then a catalogue of the kinds of difference by frequency.
//
//   node test/differential/soak.js [options]
//     --seed N|random     (default: BR_DIFF_SEED, else the spec's seed)
//     --sequences N       stop after N sequences (default: until --minutes)
//     --minutes M         stop after M minutes (default 10 when --sequences is not given)
//     --from I            first sequence index (default 0)
//     --steps N           steps per sequence (default 50)
//     --shrink-ms MS      shrinking budget per distinct failure (default 20000)
//     --top N             how many kinds the final catalogue shows in full (default 10)
//   BR_DIFF_REPLAY='<JSON array of operations>' node test/differential/soak.js
//                       runs that one sequence and prints its outcome step by step
//   BR_DIFF_SELF, BR_BACKBONE, ... as for the spec (see report.js, runner.js, worlds.js)
const { runMany, runSequence, summaryText, SELF } = require('./runner');
const { shrink } = require('./shrink');
const { formatSequence } = require('./format');
const { describeDifference } = require('./compare');
const { seedFromEnv, describeConfig, FailureGroups, failureText } = require('./report');

function parseArgs(argv) {
  const opts = { seed: seedFromEnv(), sequences: null, minutes: null, from: 0, steps: 50, shrinkMs: 20000, top: 10 };
  const names = { '--seed': 'seed', '--sequences': 'sequences', '--minutes': 'minutes', '--from': 'from', '--steps': 'steps', '--shrink-ms': 'shrinkMs', '--top': 'top' };
  for (let i = 0; i < argv.length; i++) {
    const name = names[argv[i]];
    if (!name || i + 1 >= argv.length) {
      console.error(`soak: unknown or incomplete argument ${argv[i]} (see the top of ${__filename})`);
      process.exit(2);
    }
    const raw = argv[++i];
    opts[name] = name === 'seed' && raw === 'random' ? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0 : Number(raw);
  }
  if (opts.sequences === null && opts.minutes === null) opts.minutes = 10;
  return opts;
}

function replay(json) {
  const ops = JSON.parse(json);
  console.log(`replaying ${ops.length} steps (${describeConfig('-', SELF)}):\n${formatSequence(ops)}`);
  const outcome = runSequence(ops);
  console.log(`\noutcome: ${outcome.status} after ${outcome.compared} equal steps`);
  if (outcome.status === 'diff') console.log(`${outcome.diff.signature}\n${describeDifference(outcome.diff, outcome.refObs, outcome.selfObs)}`);
  if (outcome.status === 'invariant') console.log(outcome.violations.join('\n'));
  if (outcome.status === 'named') console.log(`named difference: ${outcome.name}`);
  if (outcome.status === 'crash') console.log(outcome.error);
  process.exitCode = outcome.status === 'diff' || outcome.status === 'crash' ? 1 : 0;
}

function soak(opts) {
  console.log(`soak: ${describeConfig(opts.seed, SELF)}; ${opts.steps} steps per sequence`);
  const started = Date.now();
  const deadline = opts.minutes !== null ? started + opts.minutes * 60000 : Infinity;
  const limit = opts.sequences !== null ? opts.sequences : Infinity;
  const failures = new FailureGroups();
  const texts = new Map(); // signature -> full report (shrunk at first sight)
  const all = { sequences: 0, compared: 0, ok: 0, invariant: 0, named: {}, diff: 0, crash: 0, invariantKinds: {} };
  let lastProgress = Date.now();
  const onSequence = (index, ops, outcome) => {
    if (outcome.status !== 'diff' && outcome.status !== 'crash') return;
    if (!failures.add(index, ops, outcome)) return;
    const shrunk = outcome.status === 'diff' ? shrink(ops, outcome, { budgetMs: opts.shrinkMs }) : null;
    const text = failureText({ seed: opts.seed, index, ops, outcome, shrunk });
    texts.set(FailureGroups.keyOf(outcome), text);
    console.log(`\n[new kind #${failures.size}] ${text}\n`);
  };
  // In batches, so that progress and the deadline are looked at between them.
  for (let index = opts.from; index - opts.from < limit && Date.now() < deadline;) {
    const count = Math.min(20, opts.from + limit - index);
    const totals = runMany({ seed: opts.seed, count, length: opts.steps, from: index, onSequence });
    merge(all, totals);
    index += count;
    if (all.sequences === totals.sequences && totals.crash === totals.sequences && !totals.compared) {
      // (0.10.0 cannot even define its types with lodash 4, say: nothing would ever be compared.)
      console.log('\nsoak: every sequence of the first batch crashed before its first step: the worlds cannot be set up in this configuration (the first crash is above)');
      process.exitCode = 1;
      break;
    }
    if (Date.now() - lastProgress > 10000) {
      lastProgress = Date.now();
      console.log(`... ${all.sequences} sequences, ${all.compared} steps compared, ${failures.size} kinds of difference, ${((Date.now() - started) / 1000).toFixed(0)}s`);
    }
  }
  console.log(`\n${summaryText(all, (Date.now() - started) / 1000)}`);
  printCatalogue(failures, texts, opts.top);
  process.exitCode = failures.size ? 1 : 0;
}

function merge(all, totals) {
  for (const key of ['sequences', 'compared', 'ok', 'invariant', 'diff', 'crash']) all[key] += totals[key];
  for (const [name, n] of Object.entries(totals.named)) all.named[name] = (all.named[name] || 0) + n;
  for (const [kind, n] of Object.entries(totals.invariantKinds)) all.invariantKinds[kind] = (all.invariantKinds[kind] || 0) + n;
}

function printCatalogue(failures, texts, top) {
  if (!failures.size) return;
  const groups = failures.byFrequency();
  console.log(`\ncatalogue: ${groups.length} kinds of difference, most frequent first (count: first sequence: kind)`);
  for (const group of groups) console.log(`  ${String(group.count).padStart(4)}: seq ${group.first.index}: ${group.signature}`);
  console.log(`\nthe ${Math.min(top, groups.length)} most frequent in full:`);
  groups.slice(0, top).forEach((group, i) => console.log(`\n#${i + 1} (${group.count} sequences)\n${texts.get(group.signature)}`));
}

if (process.env.BR_DIFF_REPLAY) replay(process.env.BR_DIFF_REPLAY);
else soak(parseArgs(process.argv.slice(2)));
