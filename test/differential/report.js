'use strict';
// Settings read from the environment, and the text of failure reports, shared by the mocha
// spec and the soak script.
//
//   BR_DIFF_SEED       a number (default 20261204) or 'random'
//   BR_DIFF_SEQUENCES  how many sequences (spec default 500)
//   BR_DIFF_STEPS      steps per sequence (default 50)
//   BR_DIFF_SHRINK     how many distinct failures to shrink (spec default 3), and
//   BR_DIFF_SHRINK_MS  the time budget of each (default 20000)
//   BR_DIFF_SELF       see runner.js; BR_DIFF_EVENTS see registry.js; BR_BACKBONE etc. see worlds.js
const { formatSequence } = require('./format');
const { describeDifference } = require('./compare');
const { choice, SELF_HAS_LODASH } = require('./worlds');

const DEFAULT_SEED = 20261204;

function seedFromEnv() {
  const raw = process.env.BR_DIFF_SEED;
  if (raw === 'random') return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0;
  return raw !== undefined && raw !== '' ? Number(raw) >>> 0 : DEFAULT_SEED;
}

function numberFromEnv(name, fallback) {
  const raw = process.env[name];
  return raw !== undefined && raw !== '' ? Number(raw) : fallback;
}

function describeConfig(seed, selfKind) {
  return `seed ${seed}, backbone-relational 0.10.0 vs ${selfKind === 'original' ? '0.10.0 (BR_DIFF_SELF=original)' : 'dist/backbone-relational.js'}, ` +
    `Backbone from '${choice.backbone}', _ from '${choice.underscore}'${SELF_HAS_LODASH ? " (0.10.0's world: underscore)" : ''}, jQuery ${choice.jquery}` +
    (process.env.BR_DIFF_EVENTS === 'public' ? ', without relational:* events' : '');
}

/**
 * Groups failing sequences by signature: { signature: { count, first: { index, ops, outcome } } },
 * in order of first appearance.
 */
class FailureGroups {
  constructor() {
    this.groups = new Map();
  }

  static keyOf(outcome) {
    return outcome.status === 'crash' ? `crash | ${String(outcome.error).split('\n')[0]}` : outcome.diff.signature;
  }

  /** Counts the failure; true when it is the first of its kind. */
  add(index, ops, outcome) {
    const key = FailureGroups.keyOf(outcome);
    const group = this.groups.get(key);
    if (group) {
      group.count += 1;
      return false;
    }
    this.groups.set(key, { signature: key, count: 1, first: { index, ops, outcome } });
    return true;
  }

  get size() {
    return this.groups.size;
  }

  byFrequency() {
    return Array.from(this.groups.values()).sort((a, b) => b.count - a.count);
  }
}

/** The full report of one failure: where, the difference, and the (shrunk) sequence. */
function failureText({ seed, index, ops, outcome, shrunk, count }) {
  const lines = [];
  if (outcome.status === 'crash') {
    lines.push(`harness crash in sequence ${index} (seed ${seed}):`, outcome.error);
    return lines.join('\n');
  }
  const shown = shrunk ? shrunk.outcome : outcome;
  lines.push(`difference in sequence ${index} of seed ${seed} at step ${outcome.step}` + (count > 1 ? ` (${count} sequences show this kind)` : ''));
  lines.push(`kind: ${shown.diff.signature}`);
  lines.push(describeDifference(shown.diff, shown.refObs, shown.selfObs));
  if (shrunk) {
    lines.push(`shortest sequence found (${shrunk.ops.length} of ${outcome.step + 1} steps, ${shrunk.runs} re-runs${shrunk.complete ? '' : ', budget spent'}):`);
    lines.push(formatSequence(shrunk.ops, '    '));
    lines.push(`  replay: BR_DIFF_REPLAY='${JSON.stringify(shrunk.ops)}' node test/differential/soak.js`);
  } else {
    lines.push('sequence up to the failing step:', formatSequence(ops.slice(0, outcome.step + 1), '    '));
  }
  return lines.join('\n');
}

module.exports = { seedFromEnv, numberFromEnv, describeConfig, FailureGroups, failureText };
