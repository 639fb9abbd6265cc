'use strict';
// A session: one fresh world (worlds.js) with the schema defined, the harness's plain
// collections and its registry, able to run a step and report what it observed.
//
// Each sequence gets fresh sessions rather than reusing a world after `store.reset()`: 0.10.0
// keeps state across a reset that a reset does not restore (reverse relations already added,
// the lazily built sub-model hierarchy -- `reset` empties the store's pending sub-model list,
// so a sub-model type first used after a reset is not linked to its super-model -- and an event
// queue an exception left blocked). With a fresh world per sequence, a sequence's outcome
// depends on its own steps only, which is what makes re-running and shrinking it meaningful.
const { loadWorld, withTimers, flushTimers } = require('./worlds');
const { defineSchema, PLAIN_COLLECTIONS } = require('./schema');
const { Registry } = require('./registry');
const { execute } = require('./interpret');
const { deliverLateAnswers } = require('./server');
const { snapshot } = require('./observe');

const realWarn = console.warn;

/** Runs `fn` with the registry recording events and console.warn calls. */
function recording(registry, fn) {
  registry.recording = true;
  registry.log = [];
  registry.createdThisStep = [];
  console.warn = (...args) => registry.recordWarning(args);
  try {
    return fn();
  } finally {
    console.warn = realWarn;
    registry.recording = false;
  }
}

class Session {
  constructor(kind) {
    this.kind = kind;
    this.world = loadWorld(kind);
    this.registry = new Registry(this.world);
    this.plain = {};
    // Defining the types can warn (or, in a broken build, throw): that is the setup step.
    this.setup = this.observe(() => {
      const { types, scope } = defineSchema(this.world, (model) => this.registry.onCreate(model));
      this.world.types = types;
      this.scope = scope;
      for (const [name, typeName] of Object.entries(PLAIN_COLLECTIONS)) {
        this.plain[name] = new this.world.Backbone.Collection([], { model: types[typeName] });
        this.plain[name].url = '/' + name;
        this.registry.addCollection(this.plain[name], name);
      }
      return { value: undefined };
    });
  }

  /** Runs one operation and returns the observation (plain data). */
  step(op) {
    return this.observe(() => {
      // (An error in a late answer is the step's, as an error in its timers is.)
      try {
        deliverLateAnswers(this.world);
      } catch (err) {
        this.registry.recordTimerError(err);
      }
      return execute(this, op);
    });
  }

  observe(run) {
    let outcome;
    const events = recording(this.registry, () => {
      try {
        outcome = withTimers(this.world, run);
        flushTimers(this.world, (err) => this.registry.recordTimerError(err));
      } finally {
        // (A step's server answers only that step's requests, see server.js.)
        this.world.server = null;
      }
      return this.registry.log;
    });
    const created = this.registry.createdThisStep;
    const result = outcome.skipped !== undefined
      ? { skipped: outcome.skipped }
      : outcome.error !== undefined
        ? { error: outcome.error }
        : { value: this.registry.describe(outcome.value) };
    const state = withTimers(this.world, () => snapshot(this.registry, this.plain));
    // Nothing in a snapshot should set a timer; if something did, drop it (it would otherwise
    // fire inside the next step in one world only).
    this.world.timers.length = 0;
    return { result, events, created, ...state };
  }
}

module.exports = { Session };
