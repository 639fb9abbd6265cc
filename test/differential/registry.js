'use strict';
// The harness's own view of one world: every model it saw created (numbered per type in order
// of creation, so `@Animal#3` names the same model in both worlds even though cids differ),
// which of them the sequence has let go of, the collections it knows by name, the event log,
// and `describe`, which turns any value into plain JSON-able data using those names.
//
// Liveness is decided by the operations alone (destroy, unregister, store.reset), never by what
// the library did, so that both worlds always agree on which model "Animal[2]" means.
const { typeNameOf } = require('./schema');

const MAX_DEPTH = 4;
// What `_.uniqueId` makes: cids ('c12') and listen ids ('l3'). They differ between the worlds
// (each library uses up ids in its own way) and leak into observations when a model or a
// collection is used as an attribute hash (0.10.0 then copies its instance fields into the
// attributes). The test's own strings never look like this.
const UNIQUE_ID = /^[cl]\d+$/;
// BR_DIFF_EVENTS=public leaves out the 'relational:*' events (the libraries' internal signals,
// which an `all` listener hears too but the manual does not describe); default: every event.
const PUBLIC_EVENTS_ONLY = process.env.BR_DIFF_EVENTS === 'public';

class Registry {
  constructor(world) {
    this.world = world;
    this.entries = []; // { model, name, type, destroyed, unregistered, retired }
    this.byModel = new Map();
    this.counters = Object.create(null);
    this.collectionNames = new Map(); // harness collections and first-seen relation collections
    this.bound = new WeakSet(); // collections with our `all` listener
    this.log = []; // events of the current step
    this.recording = false;
    this.createdThisStep = [];
    this.newCollections = 0;
    // The harness's own `all` handler of each model and collection it listens to.
    this.recorders = new Map();
  }

  // -------------------------------------------------------------------------------------------
  // Models
  // -------------------------------------------------------------------------------------------

  /** Called from every type's `initialize`: number the model and listen to everything it says. */
  onCreate(model) {
    if (this.byModel.has(model)) return;
    const type = typeNameOf(model);
    this.counters[type] = (this.counters[type] || 0) + 1;
    const entry = { model, type, name: `@${type}#${this.counters[type]}`, destroyed: false, unregistered: false, retired: false };
    this.entries.push(entry);
    this.byModel.set(model, entry);
    if (this.recording) this.createdThisStep.push(entry.name);
    this.listen(model, (eventName, ...args) => {
      // A model that announces its own destruction is let go of, as an application would (a
      // placeholder getAsync made for a request that failed, say).
      if (eventName === 'destroy' && args[0] === model) entry.destroyed = true;
      this.record(model, eventName, args);
    });
    this.bindRelationCollections(model);
  }

  isLive(model) {
    const entry = this.byModel.get(model);
    return !!entry && !entry.destroyed && !entry.unregistered && !entry.retired;
  }

  isDestroyed(model) {
    const entry = this.byModel.get(model);
    return !!entry && entry.destroyed;
  }

  liveEntries() {
    return this.entries.filter((entry) => this.isLive(entry.model));
  }

  /** The k-th (modulo their number) live model that is an instance of `typeName`, or null. */
  pick(typeName, k) {
    const type = this.world.types[typeName];
    const live = this.liveEntries().filter((entry) => type && entry.model instanceof type);
    return live.length ? live[Math.abs(k) % live.length].model : null;
  }

  mark(model, flag) {
    const entry = this.byModel.get(model);
    if (entry) entry[flag] = true;
  }

  /** store.reset(): the application lets go of every model it had. */
  retireAll() {
    for (const entry of this.entries) entry.retired = true;
  }

  // -------------------------------------------------------------------------------------------
  // Collections
  // -------------------------------------------------------------------------------------------

  /** A collection the harness made: known by `name`, listened to. */
  addCollection(collection, name) {
    this.collectionNames.set(collection, `@${name}`);
    this.bind(collection);
  }

  newCollectionName() {
    this.newCollections += 1;
    return `new${this.newCollections}`;
  }

  /** Listens to the HasMany collections of `model` not heard yet, naming them owner.key. */
  bindRelationCollections(model) {
    const relations = typeof model.getRelations === 'function' ? model.getRelations() : [];
    for (const relation of relations) {
      const related = relation && relation.related;
      if (related instanceof this.world.Backbone.Collection && !this.bound.has(related)) {
        if (!this.collectionNames.has(related)) this.collectionNames.set(related, `${this.modelName(model)}.${relation.key}`);
        this.bind(related);
      }
    }
  }

  bind(collection) {
    if (this.bound.has(collection)) return;
    this.bound.add(collection);
    this.listen(collection, (eventName, ...args) => this.record(collection, eventName, args));
  }

  listen(target, recorder) {
    this.recorders.set(target, recorder);
    target.on('all', recorder);
  }

  /**
   * After an `off` step (interpret.js) took the harness's handler away with the application's,
   * it listens again, last: the harness keeps hearing what it compares, in both worlds alike.
   */
  listenAgain(target) {
    const recorder = this.recorders.get(target);
    const all = target._events && target._events.all;
    if (recorder && !(all && all.some((handler) => handler.callback === recorder))) target.on('all', recorder);
  }

  // -------------------------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------------------------

  record(target, eventName, args) {
    if (!this.recording) return;
    if (PUBLIC_EVENTS_ONLY && String(eventName).startsWith('relational:')) return;
    this.log.push({ on: this.describe(target), ev: eventName, args: args.map((arg) => this.describe(arg, 1)) });
  }

  recordWarning(args) {
    if (!this.recording) return;
    this.log.push({ on: 'console', ev: 'warn', args: args.map((arg) => this.describe(arg, 1)) });
  }

  /** A request the step's server received (see server.js). */
  recordRequest(method, url, data) {
    if (!this.recording) return;
    this.log.push({ on: 'server', ev: String(method), args: [this.describe(url), this.describe(data)] });
  }

  /** How the promise an operation returned (getAsync's) settled, once it did. */
  recordSettled(how, value) {
    if (!this.recording) return;
    this.log.push({ on: 'promise', ev: how, args: [this.describe(value, 1)] });
  }

  recordTimerError(err) {
    this.log.push({ on: 'timer', ev: 'error', args: [String(err && err.message)] });
  }

  // -------------------------------------------------------------------------------------------
  // Describing values
  // -------------------------------------------------------------------------------------------

  modelName(model) {
    const entry = this.byModel.get(model);
    if (entry) return entry.name;
    // Never numbered: its initialize did not run (or it is a plain Backbone.Model).
    return `@${typeNameOf(model)}?(id=${JSON.stringify(model && model.id)})`;
  }

  collectionName(collection) {
    if (this.collectionNames.has(collection)) return this.collectionNames.get(collection);
    const store = this.world.Backbone.Relational.store;
    if (store && Array.isArray(store._collections) && store._collections.includes(collection)) {
      return `@store:${collection.model ? collection.model.typeName : '?'}`;
    }
    return '@collection?';
  }

  /**
   * Plain data for `value`: models and collections by name ('@Zoo#1', '@Zoo#1.animals',
   * '@zoos', '@store:Animal'), relations as 'relation:<owner>.<key>', errors by message,
   * undefined as '~undefined'; objects with their keys sorted, functions left out, and other
   * class instances by constructor name only (their fields are each library's own business).
   */
  describe(value, depth = 0) {
    try {
      return this.describeUnsafe(value, depth);
    } catch (err) {
      return `~unreadable(${err && err.message})`;
    }
  }

  describeUnsafe(value, depth) {
    if (value === undefined) return '~undefined';
    if (typeof value === 'string') return UNIQUE_ID.test(value) ? '~uniqueId' : value;
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : `~${value}`;
    if (typeof value === 'function') return '~function';
    if (typeof value !== 'object') return `~${typeof value}`;
    const B = this.world.Backbone;
    if (value instanceof B.Model) return this.modelName(value);
    if (value instanceof B.Collection) return this.collectionName(value);
    if (B.Relation && value instanceof B.Relation) return `relation:${this.describe(value.instance)}.${value.key}`;
    if (value instanceof Error) return `~Error(${value.message})`;
    if (depth >= MAX_DEPTH) return '~deep';
    if (Array.isArray(value)) return value.map((item) => this.describe(item, depth + 1));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return `~instance(${(value.constructor && value.constructor.name) || '?'})`;
    }
    const out = {};
    const underUniqueIds = []; // values under keys that are unique ids, e.g. a collection's _byId
    for (const key of Object.keys(value).sort()) {
      if (typeof value[key] === 'function') continue;
      const described = this.describe(value[key], depth + 1);
      if (UNIQUE_ID.test(key)) underUniqueIds.push(described);
      else out[key] = described;
    }
    if (underUniqueIds.length) out['~uniqueIds'] = underUniqueIds.sort(byJson);
    return out;
  }
}

function byJson(a, b) {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

module.exports = { Registry };
