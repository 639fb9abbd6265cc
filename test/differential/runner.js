'use strict';
// Running sequences in lock-step on 0.10.0 (the reference) and on this library, comparing the
// observations after every step.
//
//   BR_DIFF_SELF   the library of the compared world: 'dist' (default: dist/backbone-relational.js)
//                  or 'original' (0.10.0 against itself: checks that the harness is deterministic)
//
// A sequence ends as one of:
//   ok         every step compared equal
//   invariant  0.10.0 broke a graph invariant (invariants.js) at some step; the steps before it
//              were compared, that one and later ones are not
//   named      the first difference is a known one (named-differences.js)
//   diff       any other difference: a failure
//   crash      the harness itself failed (a world did not load, ...)
const { Session } = require('./session');
const { checkInvariants } = require('./invariants');
const { firstDifference, signature } = require('./compare');
const { generateSequence } = require('./generate');
const NAMED = require('./named-differences');
const { withoutServer, answeringLateAt } = require('./server');

const SELF = process.env.BR_DIFF_SELF || 'dist';

/**
 * The first named difference `diff` is. A step with a server (server.js) is also tried as each
 * of the operations without one that set what it may set, and earlier ones are read as those;
 * so is an earlier step whose server answered late, at the start of this step.
 */
function matchNamed(step, ref, self, diff) {
  const earlier = step.earlier.flatMap((op) => [op, ...withoutServer(op)]);
  const late = answeringLateAt(step.earlier).flatMap(withoutServer);
  const steps = [step.op, ...withoutServer(step.op), ...late].map((op) => ({ ...step, op, earlier }));
  for (const entry of NAMED) {
    for (const candidate of steps) {
      try {
        if (entry.matches(candidate, ref, self, diff)) return entry.name;
      } catch (err) {
        // A predicate that throws does not match (it was written for another shape of difference).
      }
    }
  }
  return null;
}

/** Compares one step's observations; returns an outcome to stop with, or null to go on. */
function judge(index, op, ref, self, earlier = []) {
  const violations = checkInvariants(ref.session);
  if (violations.length) return { status: 'invariant', step: index, violations };
  const found = firstDifference(ref.obs, self.obs);
  if (!found) return null;
  const diff = { ...found, signature: signature(op, found, ref.obs, self.obs) };
  const step = { index, op, earlier };
  const name = matchNamed(step, ref, self, diff);
  if (name) return { status: 'named', name, step: index, diff };
  return { status: 'diff', step: index, diff, refObs: ref.obs, selfObs: self.obs };
}

/**
 * Runs `ops` from scratch in two fresh worlds. Returns { status, compared, step, ... }:
 * `compared` counts the steps whose observations were compared equal.
 */
function runSequence(ops, options = {}) {
  const selfKind = options.self || SELF;
  let refSession;
  let selfSession;
  try {
    refSession = new Session('original');
    selfSession = new Session(selfKind);
    // cids come from each world's own _.uniqueId and differ between the libraries; moving this
    // world's counter on makes a cid that leaks into an observation show up even when both
    // worlds run 0.10.0 (the harness's self-check, BR_DIFF_SELF=original).
    for (let i = 0; i < 1000; i++) selfSession.world._.uniqueId();
  } catch (err) {
    return { status: 'crash', compared: 0, step: -1, error: err.stack || String(err) };
  }
  const setup = judge(-1, null, { session: refSession, obs: refSession.setup }, { session: selfSession, obs: selfSession.setup });
  if (setup) return { ...setup, compared: 0 };
  for (let i = 0; i < ops.length; i++) {
    let outcome;
    try {
      const ref = { session: refSession, obs: refSession.step(ops[i]) };
      const self = { session: selfSession, obs: selfSession.step(ops[i]) };
      outcome = judge(i, ops[i], ref, self, ops.slice(0, i));
    } catch (err) {
      // The library's own errors are caught inside a step; this is the harness failing.
      return { status: 'crash', compared: i, step: i, error: err.stack || String(err) };
    }
    if (outcome) return { ...outcome, compared: i };
  }
  return { status: 'ok', compared: ops.length, step: ops.length };
}

/** Runs sequences `from`..`from + count - 1` of `seed`; `onSequence(index, ops, outcome)` for each. */
function runMany({ seed, count, length, from = 0, self, onSequence }) {
  const totals = { sequences: 0, compared: 0, ok: 0, invariant: 0, named: {}, diff: 0, crash: 0, invariantKinds: {} };
  for (let index = from; index < from + count; index++) {
    const ops = generateSequence(seed, index, length);
    const outcome = runSequence(ops, { self });
    totals.sequences += 1;
    totals.compared += outcome.compared;
    if (outcome.status === 'named') totals.named[outcome.name] = (totals.named[outcome.name] || 0) + 1;
    else totals[outcome.status] += 1;
    if (outcome.status === 'invariant') {
      const kind = outcome.violations[0].split(':')[0];
      totals.invariantKinds[kind] = (totals.invariantKinds[kind] || 0) + 1;
    }
    if (onSequence) onSequence(index, ops, outcome);
  }
  return totals;
}

function summaryText(totals, seconds) {
  const lines = [
    `${totals.sequences} sequences, ${totals.compared} steps compared` + (seconds !== undefined ? ` in ${seconds.toFixed(1)}s` : ''),
    `  equal to the end: ${totals.ok}`,
    `  stopped by a broken invariant in 0.10.0: ${totals.invariant}` +
      (totals.invariant ? ` (${Object.entries(totals.invariantKinds).map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''),
  ];
  for (const [name, n] of Object.entries(totals.named)) lines.push(`  stopped by named difference ${name}: ${n}`);
  lines.push(`  unexplained differences: ${totals.diff}`);
  if (totals.crash) lines.push(`  harness crashes: ${totals.crash}`);
  return lines.join('\n');
}

module.exports = { runSequence, runMany, summaryText, SELF };
