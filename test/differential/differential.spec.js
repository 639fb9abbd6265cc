'use strict';
// The differential test: seeded random sequences of operations run in lock-step on
// backbone-relational 0.10.0 and on this library (dist/backbone-relational.js), each in a
// fresh Backbone of its own; after every step the observations (return value or error, every
// event heard, console warnings, every live model's attributes, relations, collection and
// toJSON, the store's contents, the plain collections) must be equal. See README.md here.
//
//   BR_BACKBONE=backbone-1.2.3 npx mocha --no-config --timeout 0 test/differential/differential.spec.js
//   BR_DIFF_SEED=random BR_DIFF_SEQUENCES=2000 ...   a soak (or: node test/differential/soak.js)
//   BR_DIFF_SELF=original ...                        0.10.0 against itself (must find nothing)
const { expect } = require('chai');
const { runMany, runSequence, summaryText, SELF } = require('./runner');
const { Session } = require('./session');
const { generateSequence } = require('./generate');
const { shrink } = require('./shrink');
const { seedFromEnv, numberFromEnv, describeConfig, FailureGroups, failureText } = require('./report');

const SEED = seedFromEnv();
const SEQUENCES = numberFromEnv('BR_DIFF_SEQUENCES', 500);
const STEPS = numberFromEnv('BR_DIFF_STEPS', 50);
const SHRINK = numberFromEnv('BR_DIFF_SHRINK', 3);
const SHRINK_MS = numberFromEnv('BR_DIFF_SHRINK_MS', 20000);

describe('differential harness', function () {
  this.timeout(60000);

  it('gives each world its own Backbone, _, store and event queue', function () {
    const a = new Session('original');
    const b = new Session(SELF);
    for (const get of [(s) => s.world.Backbone, (s) => s.world._, (s) => s.world.Backbone.Model.prototype,
      (s) => s.world.Backbone.Relational.store, (s) => s.world.Backbone.Relational.eventQueue, (s) => s.world.types.Zoo]) {
      expect(get(a)).to.not.equal(get(b));
    }
    a.step({ op: 'new', type: 'Zoo', attrs: { id: 1 } });
    expect(a.world.types.Zoo.findModel(1)).to.be.an('object');
    expect(b.world.types.Zoo.findModel(1)).to.equal(null);
  });

  it('observes the same when a sequence is run twice (no timers, ids or dates leak in)', function () {
    const ops = generateSequence(SEED, 0, STEPS);
    const observe = () => {
      const session = new Session('original');
      return JSON.stringify(ops.map((op) => session.step(op)));
    };
    expect(observe()).to.equal(observe());
    expect(runSequence(ops, { self: 'original' }).status).to.be.oneOf(['ok', 'invariant']);
  });
});

describe(`differential: 0.10.0 and this library in lock-step (${describeConfig(SEED, SELF)})`, function () {
  this.timeout(0);

  it(`${SEQUENCES} random sequences of ${STEPS} steps observe the same`, function () {
    const started = Date.now();
    const failures = new FailureGroups();
    const totals = runMany({
      seed: SEED,
      count: SEQUENCES,
      length: STEPS,
      onSequence(index, ops, outcome) {
        if (outcome.status === 'diff' || outcome.status === 'crash') failures.add(index, ops, outcome);
      },
    });
    const summary = summaryText(totals, (Date.now() - started) / 1000);
    console.log(`\n${describeConfig(SEED, SELF)}\n${summary}\n`);
    if (!failures.size) return;

    // The most frequent kinds are shrunk and shown in full; the others are listed.
    const groups = failures.byFrequency();
    const shownInFull = groups.slice(0, SHRINK).map((group) => {
      const { index, ops, outcome } = group.first;
      const shrunk = outcome.status === 'diff' ? shrink(ops, outcome, { budgetMs: SHRINK_MS }) : null;
      return failureText({ seed: SEED, index, ops, outcome, shrunk, count: group.count });
    }).join('\n\n');
    const others = groups.slice(SHRINK, SHRINK + 40).map((g) => `  ${g.count}x seq ${g.first.index}: ${g.signature}`);
    if (groups.length > SHRINK + 40) others.push(`  ... and ${groups.length - SHRINK - 40} more`);
    throw new Error(
      `${totals.diff + totals.crash} of ${totals.sequences} sequences differ, in ${failures.size} distinct ways ` +
      `(${describeConfig(SEED, SELF)})\n${summary}\n\n${shownInFull}` +
      (others.length ? `\n\nother kinds (not shrunk; run soak.js to see them in full):\n${others.join('\n')}` : ''),
    );
  });
});
