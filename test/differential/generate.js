'use strict';
// Seeded random sequences of operations, as plain data (interpret.js runs them). Models are
// named by "the k-th live model of type T" ({ $model: { type, k } }, k taken modulo the count),
// never by creation order, so a sequence with steps deleted (shrinking) still means something.
const { TYPES, TYPE_NAMES, SUBTYPE_VALUES, PLAIN_COLLECTIONS } = require('./schema');

/** A small seeded PRNG (a 32-bit state, multiply-xorshift output), returning floats in [0, 1). */
function prng(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(seed) {
    this.next = prng(seed);
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  chance(p) {
    return this.next() < p;
  }
  pick(items) {
    return items[this.int(items.length)];
  }
  /** One key of `weights` ({ key: weight }), chosen in proportion to its weight. */
  weighted(weights) {
    const entries = Object.entries(weights);
    let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1][0];
  }
}

/** The seed of sequence `index` of a run seeded with `seed`. */
function sequenceSeed(seed, index) {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca77)) >>> 0;
}

// Ids: few, so that models meet again; numbers and strings, '1' next to 1 (the same key for
// Backbone's _byId), and 0 (an id for 0.10.0).
const IDS = [1, 2, 3, 4, 'a', 'b', '1', 0];
const NAMES = ['x', 'y', 'z'];
const KS = 8;
const CREATORS = ['Zoo', 'Animal', 'Mammal', 'Primate', 'Bird', 'Food', 'Person', 'User', 'Job', 'Company', 'Node'];

class Generator {
  constructor(seed) {
    this.r = new Random(seed);
    // Types this sequence has probably created models of (it generated attributes for them):
    // targets are mostly chosen among these, so that few operations find no live model.
    this.created = [];
  }

  // -------------------------------------------------------------------------------------------
  // Values
  // -------------------------------------------------------------------------------------------

  ref(typeName) {
    const r = this.r;
    let type = typeName;
    if (r.chance(0.05)) type = r.pick(TYPE_NAMES); // the wrong type now and then
    else if (TYPES[type].subtypes && r.chance(0.3)) type = r.pick(TYPES[type].subtypes);
    return { $model: { type, k: r.int(KS) } };
  }

  target() {
    const known = this.created.length && this.r.chance(0.9);
    return { type: known ? this.r.pick(this.created) : this.r.pick(TYPE_NAMES), k: this.r.int(KS) };
  }

  /** One related item: a live model, an id, or an attributes object (no model in a server's reply). */
  item(typeName, depth) {
    const kind = this.r.weighted({ model: this.json ? 0 : 4, id: 3, attrs: depth < 2 ? 3 : 0 });
    if (kind === 'model') return this.ref(typeName);
    if (kind === 'id') return this.r.pick(IDS);
    return this.attrs(typeName, depth + 1);
  }

  items(typeName, depth) {
    return Array.from({ length: this.r.int(4) }, () => this.item(typeName, depth));
  }

  /** A value for a relation key, of every shape (the right one most often). */
  relationValue(relation, depth) {
    const r = this.r;
    const shape = r.weighted(this.json
      ? (relation.many ? { array: 6, item: 1, null: 1 } : { item: 7, null: 1.5 })
      : relation.many
        ? { array: 6, item: 2, newColl: 1, plainColl: 0.5, null: 1, false: 0.3, undefined: 0.3, empty: 0.2 }
        : { item: 7, array: 0.5, newColl: 0.2, null: 1.5, false: 0.3, undefined: 0.3, empty: 0.2 });
    switch (shape) {
      case 'array': return this.items(relation.type, depth);
      case 'item': return this.item(relation.type, depth);
      case 'newColl': return this.newCollection(relation.type);
      case 'plainColl': return { $coll: this.plainOf(relation.type) || r.pick(Object.keys(PLAIN_COLLECTIONS)) };
      case 'null': return null;
      case 'false': return false;
      case 'undefined': return { $undefined: true };
      default: return '';
    }
  }

  newCollection(typeName) {
    const models = Array.from({ length: this.r.int(3) }, () => this.ref(typeName));
    return this.r.chance(0.5) ? { $newColl: models, model: typeName } : { $newColl: models };
  }

  plainOf(typeName) {
    return Object.keys(PLAIN_COLLECTIONS).find((name) => PLAIN_COLLECTIONS[name] === typeName);
  }

  /** Attributes for a new (or merged) model of `typeName`, with nested relation values. */
  attrs(typeName, depth = 0) {
    const r = this.r;
    const meta = TYPES[typeName];
    if (!this.created.includes(typeName)) this.created.push(typeName);
    const out = {};
    if (r.chance(0.6)) out.id = r.pick(IDS);
    for (const key of meta.attrs) {
      if (r.chance(0.3)) out[key] = key === 'type' ? r.pick(SUBTYPE_VALUES) : r.pick(NAMES);
    }
    for (const [key, relation] of Object.entries(meta.relations)) {
      if (!r.chance(depth === 0 ? 0.35 : 0.15)) continue;
      out[relation.source && r.chance(0.5) ? relation.source : key] = this.relationValue(relation, depth + 1);
    }
    return out;
  }

  /** Attributes as a server sends them: JSON only, no live models or collections. */
  jsonAttrs(typeName, idChance) {
    this.json = true;
    try {
      const attrs = this.attrs(typeName, 1);
      if (idChance !== undefined) {
        delete attrs.id;
        if (this.r.chance(idChance)) attrs.id = this.r.pick(IDS);
      }
      if (TYPES[typeName].parses && this.r.chance(0.5)) return { data: attrs };
      return attrs;
    } finally {
      this.json = false;
    }
  }

  /**
   * What the step's server answers (server.js), 1 to 3 responses used in turn: `one` for a
   * model's request (attributes of `typeName`, mostly without an id, so that the model keeps its
   * own), `many` for a collection's (a list of them); now and then a failure, or an answer that
   * comes only at the start of a later step (`late`: how many steps later, mostly the next).
   */
  responses(typeName, idChance = 0.25) {
    return Array.from({ length: 1 + this.r.int(3) }, () => {
      const response = {
        ok: !this.r.chance(0.2),
        one: this.jsonAttrs(typeName, idChance),
        many: Array.from({ length: this.r.int(4) }, () => this.jsonAttrs(typeName, 0.8)),
      };
      if (this.r.chance(0.25)) response.late = this.r.chance(0.6) ? 1 : 2 + this.r.int(3);
      return response;
    });
  }

  flags(names, p = 0.15) {
    const out = {};
    for (const name of names) if (this.r.chance(p)) out[name] = this.r.chance(0.5);
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Operations
  // -------------------------------------------------------------------------------------------

  /** The next operation; `step` is its index (the first steps mostly create models). */
  operation(step) {
    const kind = this.r.weighted({
      create: 22 + Math.max(0, 60 - 10 * step), setRelation: 18, setAttrs: 5, setId: 4, unset: 3, clear: 1,
      relationCollection: 14, plainCollection: 10, sort: 2,
      destroy: 4, unregister: 1.5, storeReset: 0.7, storeResetNoScope: 0.1, read: 4,
      fetch: 1.5, save: 1.5, collFetch: 1.5, getAsync: 2.5, off: 0.5,
    });
    return this[kind]();
  }

  create() {
    const r = this.r;
    const type = r.pick(CREATORS);
    const how = r.weighted({ new: 5, findOrCreate: 4, build: 2, find: 1.5, findModel: 0.5 });
    let attrs = how === 'find' || how === 'findModel' ? (r.chance(0.5) ? r.pick(IDS) : this.attrs(type)) : this.attrs(type);
    const options = how === 'findModel' ? undefined : this.flags(how === 'new' ? ['parse'] : ['create', 'merge', 'parse'], 0.2);
    if (options && options.parse && TYPES[type].parses && r.chance(0.7)) attrs = { data: attrs };
    const op = { op: how, type, attrs };
    if (options && Object.keys(options).length) op.options = options;
    // Now and then a live model, which stands for its id. Neither merged nor created from: 0.10.0
    // took a model for attributes there (migration.md 28).
    if ((how === 'find' || how === 'findOrCreate') && r.chance(0.1)) {
      op.attrs = this.ref(type);
      op.options = { merge: false, create: false };
    }
    return op;
  }

  relationKey(typeName) {
    const keys = Object.keys(TYPES[typeName].relations);
    return keys.length ? this.r.pick(keys) : null;
  }

  setRelation() {
    const target = this.target();
    const key = this.relationKey(target.type);
    if (!key) return this.setAttrs(target);
    const relation = TYPES[target.type].relations[key];
    const options = this.flags(relation.many ? ['silent', 'add', 'merge', 'remove'] : ['silent']);
    const op = { op: 'set', target, key: relation.source && this.r.chance(0.2) ? relation.source : key, value: this.relationValue(relation, 0) };
    if (Object.keys(options).length) op.options = options;
    return op;
  }

  setAttrs(target = this.target()) {
    const attrs = this.attrs(target.type);
    if (this.r.chance(0.5)) delete attrs.id;
    return { op: 'setAttrs', target, attrs, options: this.flags(['silent']) };
  }

  setId() {
    const value = this.r.chance(0.15) ? null : this.r.pick(IDS);
    return { op: 'set', target: this.target(), key: 'id', value, options: this.flags(['silent'], 0.1) };
  }

  unset() {
    const target = this.target();
    const keys = Object.keys(TYPES[target.type].relations).concat(TYPES[target.type].attrs, ['id']);
    return { op: 'unset', target, key: this.r.pick(keys), options: this.flags(['silent'], 0.1) };
  }

  clear() {
    return { op: 'clear', target: this.target(), options: this.flags(['silent'], 0.1) };
  }

  collectionArgs(typeName) {
    const method = this.r.weighted({ add: 5, remove: 3, reset: 1.5, set: 2.5, create: 0.7 });
    let value;
    if (method === 'create') value = this.attrs(typeName);
    else value = this.r.chance(0.7) ? this.items(typeName, 0) : this.item(typeName, 0);
    const options = this.flags(['merge', 'remove', 'add', 'silent', 'parse'], 0.12);
    if (this.r.chance(0.1)) options.at = this.r.int(4) - 1;
    // `create` saves the new model: now and then to a server (server.js), maybe waiting for it.
    if (method === 'create' && this.r.chance(0.5)) {
      if (this.r.chance(0.5)) options.wait = true;
      return { method, value, options, responses: this.responses(typeName, 0.7) };
    }
    return { method, value, options };
  }

  relationCollectionRef() {
    const r = this.r;
    const owners = TYPE_NAMES.filter((name) => Object.values(TYPES[name].relations).some((rel) => rel.many));
    const known = owners.filter((name) => this.created.includes(name));
    const type = r.pick(known.length && r.chance(0.9) ? known : owners);
    const keys = Object.keys(TYPES[type].relations).filter((key) => TYPES[type].relations[key].many);
    const key = r.pick(keys);
    return { ref: { target: { type, k: r.int(KS) }, key }, relatedType: TYPES[type].relations[key].type };
  }

  relationCollection() {
    const { ref, relatedType } = this.relationCollectionRef();
    return { op: 'coll', coll: ref, ...this.collectionArgs(relatedType) };
  }

  plainCollection() {
    const name = this.r.pick(Object.keys(PLAIN_COLLECTIONS));
    return { op: 'coll', coll: { plain: name }, ...this.collectionArgs(PLAIN_COLLECTIONS[name]) };
  }

  sort() {
    const coll = this.r.chance(0.5) ? { plain: this.r.pick(Object.keys(PLAIN_COLLECTIONS)) } : this.relationCollectionRef().ref;
    return { op: 'coll', coll, method: 'sort', comparator: this.r.pick(['name', 'id', null]), options: this.flags(['silent']) };
  }

  destroy() {
    const target = this.target();
    // Now and then with a server (server.js), which may refuse; without one never
    // { wait: true }: the model would then never be destroyed.
    if (this.r.chance(0.3)) {
      return { op: 'destroy', target, options: this.flags(['wait'], 0.6), responses: this.responses(target.type) };
    }
    const op = { op: 'destroy', target };
    if (this.r.chance(0.2)) op.options = { wait: false };
    return op;
  }

  /** An application removing handlers: `off` of a model (in its several forms), of a relation's collection, or of a store collection. */
  off() {
    const r = this.r;
    if (r.chance(0.15)) return { op: 'off', coll: this.relationCollectionRef().ref, args: r.pick([[], ['relational:reset']]) };
    if (r.chance(0.1)) {
      const args = r.pick([[], ['relational:add'], ['relational:change:id'], ['relational:remove'], ['relational:add relational:remove']]);
      return { op: 'off', store: r.pick(TYPE_NAMES), args };
    }
    const target = this.target();
    const key = this.relationKey(target.type);
    const forms = [[], ['all'], ['change all'], ['destroy'], ['change'], [null, null, { $storeCollection: true }]];
    if (key) forms.push([`relational:change:${key}`], [null, null, { $relation: key }]);
    return { op: 'off', target, args: r.pick(forms) };
  }

  unregister() {
    return { op: 'unregister', target: this.target() };
  }

  storeReset() {
    this.created = [];
    return { op: 'storeReset' };
  }

  storeResetNoScope() {
    this.created = [];
    return { op: 'storeReset', scope: false };
  }

  // -------------------------------------------------------------------------------------------
  // Operations with a server (server.js)
  // -------------------------------------------------------------------------------------------

  fetch() {
    const target = this.target();
    return { op: 'fetch', target, options: this.flags(['silent', 'parse'], 0.1), responses: this.responses(target.type) };
  }

  /** `save(attrs, options)`; the server gives a new model an id most of the time. */
  save() {
    const target = this.target();
    const attrs = this.r.chance(0.4) ? null : this.attrs(target.type);
    if (attrs && this.r.chance(0.6)) delete attrs.id;
    return { op: 'save', target, attrs, options: this.flags(['wait', 'patch', 'silent'], 0.2), responses: this.responses(target.type, 0.6) };
  }

  collFetch() {
    const r = this.r;
    let coll;
    let type;
    if (r.chance(0.5)) {
      const name = r.pick(Object.keys(PLAIN_COLLECTIONS));
      coll = { plain: name };
      type = PLAIN_COLLECTIONS[name];
    } else {
      const { ref, relatedType } = this.relationCollectionRef();
      coll = ref;
      type = relatedType;
    }
    return { op: 'collFetch', coll, options: this.flags(['reset', 'remove', 'add', 'merge', 'silent'], 0.2), responses: this.responses(type) };
  }

  /** `getAsync(key, options)`: each related model missing is fetched (or the set, in one request). */
  getAsync() {
    const target = this.target();
    const key = this.relationKey(target.type) || 'id';
    const relation = TYPES[target.type].relations[key];
    const options = this.flags(['refresh'], 0.3);
    return { op: 'getAsync', target, key, options, responses: this.responses(relation ? relation.type : target.type) };
  }

  read() {
    const target = this.target();
    const kind = this.r.weighted({ toJSON: 1, clone: 2, getIdsToFetch: 2 });
    if (kind !== 'getIdsToFetch') return { op: kind, target };
    return { op: 'getIdsToFetch', target, key: this.relationKey(target.type) || 'id', refresh: this.r.chance(0.5) };
  }
}

/** Sequence `index` of the run seeded with `seed`: `length` operations. */
function generateSequence(seed, index, length) {
  const gen = new Generator(sequenceSeed(seed, index));
  return Array.from({ length }, (_, step) => gen.operation(step));
}

module.exports = { generateSequence, sequenceSeed, Random };
