'use strict';
// Shrinking a failing sequence: the shortest, simplest sequence of operations that still shows
// the same difference (the same signature, see compare.js), each candidate re-run from scratch
// in fresh worlds. First whole steps are removed (halves, quarters, ... single steps), then the
// values inside the remaining steps are simplified (object keys and array items dropped, model
// indexes set to 0), until nothing more can go or the budget is spent.
const { runSequence } = require('./runner');

// Keys that give an operation its meaning; dropping them only makes it invalid.
const KEEP = new Set(['op', 'type', 'target', 'coll', 'method', 'plain', 'key', '$model', '$coll', '$newColl']);

class Shrinker {
  constructor(signature, options) {
    this.signature = signature;
    this.self = options.self;
    this.deadline = Date.now() + (options.budgetMs || 20000);
    this.maxRuns = options.maxRuns || 2000;
    this.runs = 0;
    this.best = null; // the last failing outcome
  }

  exhausted() {
    return this.runs >= this.maxRuns || Date.now() > this.deadline;
  }

  /** Whether `ops` still fails with the signature; keeps the outcome of the last that does. */
  fails(ops) {
    this.runs += 1;
    const outcome = runSequence(ops, { self: this.self });
    if (outcome.status === 'diff' && outcome.diff.signature === this.signature) {
      this.best = outcome;
      return true;
    }
    return false;
  }

  /** Steps after the failing one do not matter. */
  truncate(ops) {
    return this.best ? ops.slice(0, this.best.step + 1) : ops;
  }

  removeSteps(ops) {
    for (let chunk = Math.ceil(ops.length / 2); chunk >= 1 && !this.exhausted(); chunk = Math.floor(chunk / 2)) {
      for (let i = 0; i < ops.length && !this.exhausted();) {
        const candidate = ops.slice(0, i).concat(ops.slice(i + chunk));
        if (candidate.length && this.fails(candidate)) ops = this.truncate(candidate);
        else i += chunk;
      }
    }
    return ops;
  }

  simplifyValues(ops) {
    let progress = true;
    while (progress && !this.exhausted()) {
      progress = false;
      for (let i = 0; i < ops.length && !this.exhausted(); i++) {
        for (const simpler of simplifications(ops[i])) {
          if (this.exhausted()) break;
          const candidate = ops.slice(0, i).concat([simpler], ops.slice(i + 1));
          if (this.fails(candidate)) {
            ops = this.truncate(candidate);
            progress = true;
            break;
          }
        }
      }
    }
    return ops;
  }
}

/** Every variant of `value` with one thing simpler: a key or an item gone, an index 0. */
function simplifications(value) {
  const out = [];
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push(value.slice(0, i).concat(value.slice(i + 1)));
      for (const simpler of simplifications(item)) out.push(value.slice(0, i).concat([simpler], value.slice(i + 1)));
    });
    return out;
  }
  for (const key of Object.keys(value)) {
    if (key === 'k' && value.k !== 0) out.push({ ...value, k: 0 });
    if (!KEEP.has(key)) {
      const copy = { ...value };
      delete copy[key];
      out.push(copy);
    }
    for (const simpler of simplifications(value[key])) out.push({ ...value, [key]: simpler });
  }
  return out;
}

/**
 * The shortest sequence found that still fails like `outcome` did:
 * { ops, outcome, runs, complete } (complete: the budget was not spent).
 */
function shrink(ops, outcome, options = {}) {
  const shrinker = new Shrinker(outcome.diff.signature, options);
  shrinker.best = outcome;
  let current = shrinker.truncate(ops);
  let previous;
  do {
    previous = current.length;
    current = shrinker.removeSteps(current);
    current = shrinker.simplifyValues(current);
  } while (current.length < previous && !shrinker.exhausted());
  return { ops: current, outcome: shrinker.best, runs: shrinker.runs, complete: !shrinker.exhausted() };
}

module.exports = { shrink, simplifications };
