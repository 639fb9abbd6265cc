'use strict';
// Model-based property tests: random sequences of operations (fast-check) on a schema with
// every kind of relation, checking the invariants of test/spec/_invariants.js after every step
// and, in the listener properties, inside every event listener as it runs.
//
// Schema
//   Parent.children  HasMany Child, reverse Child.parent          (one-to-many)
//   Person.user      HasOne User, reverse User.person (HasOne)     (one-to-one)
//   Person.jobs      HasMany Job, reverse Job.person    \          (many-to-many through
//   Company.employees HasMany Job, reverse Job.company  /           the link model Job)
//   Node.parent      HasOne Node, reverse Node.children            (self-referential)
//   Zoo.animals      HasMany Animal, reverse Animal.livesIn; Animal has subModelTypes
//                    { bird: Bird, mammal: Mammal }                (sub-model hierarchy)
//
// Operations: create (new / build / findOrCreate / adding attributes to a plain collection;
// with or without id, with nested objects, with ids of models not loaded yet); set of relation
// keys to ids, models, attribute objects, arrays, collections, null and values of the wrong
// shape (with the collection-set options add/remove/merge/silent); unset; clear;
// add/remove/reset/set on HasMany collections and on plain collections; id assignment, change
// and removal; destroy; store.unregister(model | collection | type); store.reset() (rare);
// operations on models that are already dead.
//
// Reproduce a failure: BR_SEED=<seed> BR_PATH=<path> BR_REPLAY_PATH=<replayPath> npx mocha
// test/reliability/property-consistency.spec.js -g <property name>
// (fast-check prints the seed, the path and the shrunk counterexample). BR_PROPERTY_SCALE=<n>
// multiplies the number of runs.
// These tests read this library's bookkeeping internals (see _invariants.js), so under
// BR_LIB=original (the opt-in run of 0.10.0) they fail by design.
const fc = require('fast-check');
const { expect } = require('chai');
const sinon = require('sinon');
const { Backbone, Relational } = require('../support/lib');
const inv = require('./_invariants');

// A fixed seed by default, so `npm test` (and CI) is repeatable; BR_SEED=random explores.
const DEFAULT_SEED = 20261121;
const SEED = process.env.BR_SEED === 'random'
  ? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0
  : process.env.BR_SEED !== undefined && process.env.BR_SEED !== '' ? Number(process.env.BR_SEED) : DEFAULT_SEED;
const PATH = process.env.BR_PATH || undefined;
const SCALE = Number(process.env.BR_PROPERTY_SCALE || 1);
const DUPLICATE = 'Cannot instantiate more than one Backbone.RelationalModel with the same id per type!';

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

/** Relation keys per type: [key, related type name, isHasMany]. */
const RELATIONS = {
  Parent: [['children', 'Child', true]],
  Child: [['parent', 'Parent', false]],
  Person: [['user', 'User', false], ['jobs', 'Job', true]],
  User: [['person', 'Person', false]],
  Job: [['person', 'Person', false], ['company', 'Company', false]],
  Company: [['employees', 'Job', true]],
  Node: [['parent', 'Node', false], ['children', 'Node', true]],
  Zoo: [['animals', 'Animal', true]],
  Animal: [['livesIn', 'Zoo', false]],
  Bird: [['livesIn', 'Zoo', false]],
  Mammal: [['livesIn', 'Zoo', false]],
};
const ROOT = { Bird: 'Animal', Mammal: 'Animal' };
const rootOf = (name) => ROOT[name] || name;
const SUB_TYPE_VALUES = [undefined, 'bird', 'mammal'];

const S = {};

function defineSchema() {
  const RM = Backbone.RelationalModel;
  const tracked = { initialize() { onModelCreated(this); } };
  const Coll = Backbone.Collection.extend({ initialize() { this.on('all', onCollectionEvent, this); } });
  S.Coll = Coll;
  S.Child = RM.extend({ ...tracked }, { typeName: 'Child' });
  S.Parent = RM.extend({
    ...tracked,
    relations: [{ type: 'HasMany', key: 'children', relatedModel: 'Child', collectionType: Coll, reverseRelation: { key: 'parent' } }],
  }, { typeName: 'Parent' });
  S.User = RM.extend({ ...tracked }, { typeName: 'User' });
  S.Job = RM.extend({ ...tracked }, { typeName: 'Job' });
  S.Person = RM.extend({
    ...tracked,
    relations: [
      { type: Backbone.HasOne, key: 'user', relatedModel: S.User, reverseRelation: { type: Backbone.HasOne, key: 'person' } },
      { type: 'HasMany', key: 'jobs', relatedModel: S.Job, collectionType: Coll, reverseRelation: { key: 'person' } },
    ],
  }, { typeName: 'Person' });
  S.Company = RM.extend({
    ...tracked,
    relations: [{ type: 'HasMany', key: 'employees', relatedModel: 'Job', collectionType: Coll, reverseRelation: { key: 'company' } }],
  }, { typeName: 'Company' });
  S.Node = RM.extend({
    ...tracked,
    relations: [{ type: 'HasOne', key: 'parent', reverseRelation: { key: 'children', collectionType: Coll } }],
  }, { typeName: 'Node' });
  S.Animal = RM.extend({ ...tracked, subModelTypes: { bird: 'Bird', mammal: 'Mammal' } }, { typeName: 'Animal' });
  S.Bird = S.Animal.extend({}, { typeName: 'Bird' });
  S.Mammal = S.Animal.extend({}, { typeName: 'Mammal' });
  S.Zoo = RM.extend({
    ...tracked,
    relations: [{ type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: Coll, reverseRelation: { key: 'livesIn', includeInJSON: 'id' } }],
  }, { typeName: 'Zoo' });
}

// ---------------------------------------------------------------------------------------------
// Run state: every model created (through the types' initialize), which are dead, listener checks
// ---------------------------------------------------------------------------------------------

let run = null;

function newRun(options) {
  return {
    types: options.types,
    listen: options.listen || null, // null | 'relational' | 'model'
    models: [],
    known: new Set(),
    dead: new Set(),
    destroyed: new Set(),
    plain: [],
    pending: null, // the operation about to run (set by interpret)
    listenerChecks: 0,
    listenerViolations: [],
    ops: 0,
    step: 0,
  };
}

const ctx = {
  get models() { return run.models; },
  isLive: (m) => run.known.has(m) && !run.dead.has(m),
  isDead: (m) => run.dead.has(m),
  isDestroyed: (m) => run.destroyed.has(m),
  get plainCollections() { return run.plain; },
  label: inv.defaultLabel,
};

function onModelCreated(model) {
  if (!run) return;
  run.models.push(model);
  run.known.add(model);
  model.on('all', onModelEvent, model);
}

const RELATIONAL_MODEL_EVENT = /^(add|remove|change|reset):/;
const COLLECTION_EVENTS = { add: true, remove: true, reset: true, update: true, sort: true };

function onModelEvent(name) {
  if (!run || !run.listen) return;
  const wanted = run.listen === 'model' ? (name === 'add' || name === 'remove') : RELATIONAL_MODEL_EVENT.test(name);
  if (wanted) checkInListener(`'${name}' on ${inv.defaultLabel(this)}`);
}

function onCollectionEvent(name) {
  if (!run || run.listen !== 'relational' || !COLLECTION_EVENTS[name]) return;
  const owner = this._owningRelation ? `${inv.defaultLabel(this._owningRelation.instance)}.${this._owningRelation.key}` : 'a plain collection';
  checkInListener(`'${name}' on ${owner}`);
}

function checkInListener(where) {
  run.listenerChecks++;
  if (run.listenerViolations.length >= 5) return;
  const violations = inv.checkAll(ctx, { between: false, limit: 6 });
  if (violations.length) run.listenerViolations.push(`listener ${where} saw: ${violations.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// Operation descriptors (plain data, so fast-check can print and shrink them)
// ---------------------------------------------------------------------------------------------

const idArb = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom('1', '2') });
const refArb = fc.nat(63);

function valueArb(depth) {
  const leaves = [
    { weight: 3, arbitrary: fc.record({ k: fc.constant('id'), id: idArb }) },
    { weight: 4, arbitrary: fc.record({ k: fc.constant('ref'), i: refArb }) },
    { weight: 2, arbitrary: fc.constant({ k: 'null' }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('bad'), v: fc.constantFrom('true', 'false', 'fn', 'wrongRef', 'boolList') }) },
  ];
  const item = itemArb(depth);
  return fc.oneof(
    ...leaves,
    { weight: 2, arbitrary: objArb(depth) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('list'), items: fc.array(item, { maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('coll'), items: fc.array(item, { maxLength: 3 }) }) },
  );
}

function itemArb(depth) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ k: fc.constant('id'), id: idArb }) },
    { weight: 4, arbitrary: fc.record({ k: fc.constant('ref'), i: refArb }) },
    { weight: 2, arbitrary: objArb(depth) },
  );
}

const objCache = new Map();
function objArb(depth) {
  if (!objCache.has(depth)) {
    objCache.set(depth, fc.record({
      k: fc.constant('obj'),
      id: fc.option(idArb, { nil: undefined, freq: 3 }),
      sub: fc.nat(2),
      nested: depth > 0 ? fc.array(fc.option(valueArb(depth - 1), { nil: null, freq: 2 }), { maxLength: 2 }) : fc.constant([]),
    }));
  }
  return objCache.get(depth);
}

const VALUE = valueArb(2);
const ITEM = itemArb(1);

function opArb({ withReset }) {
  const ops = [
    { weight: 40, arbitrary: fc.record({
      op: fc.constant('create'), type: fc.nat(10), how: fc.constantFrom('new', 'new', 'build', 'findOrCreate', 'plainAdd'),
      id: fc.option(idArb, { nil: undefined, freq: 4 }), sub: fc.nat(2), attrs: fc.array(fc.option(VALUE, { nil: null, freq: 3 }), { maxLength: 2 }),
    }) },
    { weight: 60, arbitrary: fc.record({
      op: fc.constant('set'), t: refArb, key: fc.nat(3), value: VALUE,
      opts: fc.constantFrom(undefined, undefined, undefined, 'noAdd', 'noRemove', 'noMerge', 'silent'),
    }) },
    { weight: 8, arbitrary: fc.record({ op: fc.constant('setMany'), t: refArb, values: fc.array(VALUE, { minLength: 1, maxLength: 3 }), id: fc.option(idArb, { nil: undefined }) }) },
    { weight: 10, arbitrary: fc.record({ op: fc.constant('unset'), t: refArb, key: fc.nat(3) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('clear'), t: refArb }) },
    { weight: 50, arbitrary: fc.record({
      op: fc.constant('coll'), t: refArb, key: fc.nat(3), plain: fc.boolean(),
      method: fc.constantFrom('add', 'add', 'remove', 'reset', 'set', 'setNoRemove'), items: fc.array(ITEM, { maxLength: 4 }),
    }) },
    { weight: 20, arbitrary: fc.record({ op: fc.constant('setId'), t: refArb, id: fc.option(idArb, { nil: null, freq: 6 }) }) },
    { weight: 10, arbitrary: fc.record({ op: fc.constant('destroy'), t: refArb, wait: fc.boolean() }) },
    { weight: 8, arbitrary: fc.record({ op: fc.constant('unregister'), t: refArb, what: fc.constantFrom('model', 'model', 'model', 'collection', 'type') }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('dead'), t: refArb, key: fc.nat(3), value: valueArb(1), id: fc.option(idArb, { nil: undefined, freq: 3 }) }) },
  ];
  if (withReset) ops.push({ weight: 1, arbitrary: fc.constant({ op: 'reset' }) });
  return fc.oneof(...ops);
}

// ---------------------------------------------------------------------------------------------
// Interpreting an operation
// ---------------------------------------------------------------------------------------------

function live() {
  return run.models.filter((m) => ctx.isLive(m));
}

function liveOf(typeName) {
  const type = S[typeName];
  return run.models.filter((m) => ctx.isLive(m) && m instanceof type);
}

function pick(list, i) {
  return list.length ? list[i % list.length] : null;
}

/** The live model of `typeName`'s hierarchy registered under `id`, if any. */
function registered(typeName, id) {
  const key = String(id);
  return live().find((m) => m instanceof S[rootOf(typeName)] && inv.isValidId(m.id) && String(m.id) === key) || null;
}

/** Whether a live relation to `typeName`'s hierarchy waits for `id`. */
function someoneWaitsFor(typeName, id) {
  const root = S[rootOf(typeName)];
  const key = String(id);
  return live().some((m) => Object.values(m._relations || {}).some((relation) => {
    if (!(relation.relatedModel === root || relation.relatedModel.prototype instanceof root || root.prototype instanceof relation.relatedModel)) return false;
    if (relation instanceof Backbone.HasMany) return (relation.keyIds || []).some((k) => String(k) === key);
    return relation.keyId != null && String(relation.keyId) === key;
  }));
}

function typeNameOf(model) {
  return model.constructor.typeName;
}

function relationsOf(model) {
  return RELATIONS[typeNameOf(model)];
}

function plainFor(typeName) {
  return run.plain.find((c) => c.model === S[rootOf(typeName)]);
}

/**
 * Turn a value descriptor into the value given to the library for a relation to `toName`
 * (a HasMany when `many`), with what the relation should hold afterwards.
 */
function materialize(desc, toName, many, depth) {
  switch (desc.k) {
    case 'id':
      return many ? { value: desc.id, exp: { k: 'many', items: [{ k: 'id', id: desc.id }] } } : { value: desc.id, exp: { k: 'id', id: desc.id } };
    case 'ref': {
      const model = pick(liveOf(toName), desc.i);
      if (!model) return { value: null, exp: many ? { k: 'many', items: [] } : { k: 'null' } };
      return { value: model, exp: many ? { k: 'many', items: [{ k: 'model', model }] } : { k: 'model', model } };
    }
    case 'null':
      return { value: null, exp: many ? { k: 'many', items: [] } : { k: 'null' } };
    case 'bad':
      return { value: badValue(desc.v, toName, many), exp: { k: 'bad' } };
    case 'obj': {
      const { value, exp } = materializeObj(desc, toName, depth);
      return many ? { value, exp: { k: 'many', items: [exp], nested: exp.nested } } : { value, exp };
    }
    case 'list': {
      const parts = desc.items.map((item) => materializeItem(item, toName, depth));
      if (!many) return parts.length ? { value: parts[0].value, exp: parts[0].exp } : { value: null, exp: { k: 'null' } };
      return { value: parts.map((p) => p.value).filter((v) => v !== undefined), exp: { k: 'many', items: parts.map((p) => p.exp), nested: parts.some((p) => p.exp.nested) } };
    }
    case 'coll': {
      const parts = desc.items.map((item) => materializeItem(item, toName, depth));
      const coll = new S.Coll(parts.map((p) => p.value).filter((v) => v !== undefined), { model: S[toName] });
      return many ? { value: coll, exp: { k: 'coll', coll } } : { value: coll, exp: { k: 'bad' } };
    }
    default:
      throw new Error(`unknown value descriptor ${JSON.stringify(desc)}`);
  }
}

function materializeItem(desc, toName, depth) {
  if (desc.k === 'id') return { value: desc.id, exp: { k: 'id', id: desc.id } };
  if (desc.k === 'ref') {
    const model = pick(liveOf(toName), desc.i);
    return model ? { value: model, exp: { k: 'model', model } } : { value: undefined, exp: { k: 'none' } };
  }
  return materializeObj(desc, toName, depth);
}

function materializeObj(desc, toName, depth) {
  const attrs = {};
  if (desc.id !== undefined) attrs.id = desc.id;
  let typeName = toName;
  if (rootOf(toName) === 'Animal' && desc.sub) {
    attrs.type = SUB_TYPE_VALUES[desc.sub];
    if (toName === 'Animal') typeName = desc.sub === 1 ? 'Bird' : 'Mammal';
  }
  const relations = RELATIONS[typeName];
  let nested = false;
  desc.nested.forEach((nestedDesc, index) => {
    if (!nestedDesc || depth <= 0) return;
    const [key, to, many] = relations[index % relations.length];
    attrs[key] = materialize(nestedDesc, to, many, depth - 1).value;
    nested = true;
  });
  return { value: attrs, exp: { k: 'obj', id: desc.id, nested } };
}

function badValue(kind, toName, many) {
  switch (kind) {
    case 'true': return true;
    case 'false': return false;
    case 'fn': return function notAModel() {};
    case 'boolList': return many ? [true] : [false];
    case 'wrongRef': {
      const wrong = live().filter((m) => !(m instanceof S[rootOf(toName)]));
      return wrong.length ? wrong[0] : true;
    }
    default: throw new Error(kind);
  }
}

const SET_OPTIONS = {
  noAdd: { add: false },
  noRemove: { remove: false },
  noMerge: { merge: false },
  silent: { silent: true },
};

/** A comparable picture of the live graph: ids and relation contents (by cid). */
function snapshot() {
  return live().map((m) => {
    const rels = Object.keys(m._relations || {}).map((key) => {
      const related = m._relations[key].related;
      const ids = !related ? '-' : related instanceof Backbone.Collection ? related.models.map((x) => x.cid).join(',') : related.cid;
      return `${key}=${ids}`;
    });
    return `${m.cid}#${JSON.stringify(m.id)}{${rels.join(';')}}`;
  }).join(' ');
}

function membersOf(model, key) {
  const value = model.get(key);
  return value instanceof Backbone.Collection ? value.models.slice() : [];
}

/** The models a list of item expectations resolves to after the operation. */
function expectedModels(items, toName) {
  const models = [];
  let unknown = 0;
  for (const item of items) {
    if (item.k === 'model') models.push(item.model);
    else if (item.k === 'id') {
      const found = registered(toName, item.id);
      if (found && found instanceof S[toName]) models.push(found);
    } else if (item.k === 'obj') {
      const found = item.id !== undefined ? registered(toName, item.id) : null;
      if (found) models.push(found);
      else unknown++;
    }
  }
  return { models, unknown };
}

// Postconditions. Each returns a list of violations.

function checkHasOne(model, key, toName, exp, before) {
  const out = [];
  const value = model.get(key);
  const where = `${inv.defaultLabel(model)}.${key}`;
  const relation = model.getRelation(key);
  const got = inv.describeValue(ctx, value);
  switch (exp.k) {
    case 'model':
      if (value !== exp.model) out.push(`${where} should be ${inv.defaultLabel(exp.model)}, is ${got}`);
      break;
    case 'id': {
      const found = registered(toName, exp.id);
      if (found) {
        if (value !== found) out.push(`${where} set to id ${JSON.stringify(exp.id)} should be ${inv.defaultLabel(found)}, is ${got}`);
      } else {
        if (value !== null) out.push(`${where} set to the id ${JSON.stringify(exp.id)} of no loaded model should be null, is ${got}`);
        if (String(relation.keyId) !== String(exp.id)) out.push(`${where} should wait for id ${JSON.stringify(exp.id)}, keyId is ${JSON.stringify(relation.keyId)}`);
      }
      break;
    }
    case 'null':
      if (value !== null) out.push(`${where} set to null is ${got}`);
      break;
    case 'obj':
      if (exp.nested) break;
      if (!(value instanceof S[toName])) out.push(`${where} set to attributes should be a ${toName}, is ${got}`);
      else if (exp.id !== undefined && String(value.id) !== String(exp.id)) out.push(`${where} set to attributes with id ${JSON.stringify(exp.id)} is ${got}`);
      break;
    case 'bad':
      if (value !== before) out.push(`${where} given a value of the wrong shape changed from ${inv.describeValue(ctx, before)} to ${got}`);
      break;
    default:
  }
  return out;
}

function checkHasMany(model, key, toName, exp, opts, before, beforeColl, waitedBefore) {
  const out = [];
  const where = `${inv.defaultLabel(model)}.${key}`;
  const coll = model.get(key);
  const now = membersOf(model, key);
  const list = (models) => `[${models.map((m) => inv.defaultLabel(m)).join(', ')}]`;
  if (exp.k === 'bad') {
    if (coll !== beforeColl) out.push(`${where} given a value of the wrong shape was replaced`);
    if (now.length !== before.length || now.some((m) => !before.includes(m))) out.push(`${where} given a value of the wrong shape changed from ${list(before)} to ${list(now)}`);
    return out;
  }
  if (exp.k === 'coll') {
    if (coll !== exp.coll) out.push(`${where} set to a collection does not hold that collection`);
    return out;
  }
  if (exp.nested) return out;
  const { models } = expectedModels(exp.items, toName);
  const newcomer = (m) => !runKnownBefore.has(m);
  if (opts && opts.add === false) {
    // (Unless an earlier set left the relation waiting for a model this one creates.)
    if (!waitedBefore) for (const m of now) if (!before.includes(m)) out.push(`${where} set with add: false gained ${inv.defaultLabel(m)}`);
    return out;
  }
  for (const m of models) if (!now.includes(m)) out.push(`${where} should contain ${inv.defaultLabel(m)}: is ${list(now)}`);
  if (opts && opts.remove === false) {
    for (const m of before) if (!now.includes(m)) out.push(`${where} set with remove: false lost ${inv.defaultLabel(m)}`);
  } else {
    for (const m of now) if (!models.includes(m) && !newcomer(m)) out.push(`${where} should not contain ${inv.defaultLabel(m)}: is ${list(now)}, expected ${list(models)}`);
  }
  return out;
}

let runKnownBefore = new Set();

/**
 * Run one operation. Returns { expectThrow, post } where `post()` lists the violated
 * postconditions; unknown targets make the operation a no-op (returns null).
 */
function interpret(op) {
  const types = run.types;
  switch (op.op) {
    case 'create': {
      const typeName = types[op.type % types.length];
      const Type = S[typeName];
      const attrs = {};
      if (op.id !== undefined) attrs.id = op.id;
      if (rootOf(typeName) === 'Animal' && op.sub) attrs.type = SUB_TYPE_VALUES[op.sub];
      const relations = RELATIONS[typeName];
      const exps = [];
      op.attrs.forEach((desc, index) => {
        if (!desc) return;
        const [key, to, many] = relations[index % relations.length];
        const { value, exp } = materialize(desc, to, many, 2);
        attrs[key] = value;
        exps.push([key, to, many, exp]);
      });
      const existing = op.id !== undefined && inv.isValidId(op.id) ? registered(typeName, op.id) : null;
      // Relations waiting for the new model's id take it as it registers; what they say about
      // the new model can contradict its own attributes, and either may win.
      const awaited = op.id !== undefined && inv.isValidId(op.id) && someoneWaitsFor(typeName, op.id);
      let expectThrow = false;
      let model;
      if (op.how === 'new' || op.how === 'build') expectThrow = !!existing;
      if (op.how === 'findOrCreate') expectThrow = !!existing && !(existing instanceof Type);
      if (op.how === 'plainAdd') expectThrow = false;
      // The sub-model a build creates is chosen by the type attribute.
      run.pending = () => {
        if (op.how === 'new') model = new Type(attrs);
        else if (op.how === 'build') model = Type.build(attrs);
        else if (op.how === 'findOrCreate') model = Type.findOrCreate(attrs);
        else {
          const plain = plainFor(typeName);
          const result = plain.add(attrs);
          model = result instanceof Backbone.Model ? result : null;
        }
      };
      return {
        expectThrow,
        post() {
          const out = [];
          if (!model) return op.how === 'plainAdd' ? out : [`${op.how} returned ${model}`];
          if (!ctx.isLive(model)) out.push(`created ${inv.defaultLabel(model)} is not live`);
          if (existing && op.how !== 'new' && op.how !== 'build' && model !== existing) out.push(`${op.how} with id ${JSON.stringify(op.id)} made ${inv.defaultLabel(model)} instead of finding ${inv.defaultLabel(existing)}`);
          if (op.how === 'build' && typeName === 'Animal' && op.sub && typeNameOf(model) !== (op.sub === 1 ? 'Bird' : 'Mammal')) out.push(`build with type ${SUB_TYPE_VALUES[op.sub]} made a ${typeNameOf(model)}`);
          if (op.id !== undefined && inv.isValidId(op.id) && Relational.store.find(S[rootOf(typeName)], op.id) !== model) out.push(`store does not find ${inv.defaultLabel(model)} by its id`);
          if (op.how === 'plainAdd' && !plainFor(typeName).models.includes(model)) out.push('model added to a plain collection is not in it');
          // Later keys of the same call (and nested data) can move things again: only the
          // simplest case is checked exactly.
          if (exps.length === 1 && !existing && !awaited) {
            const [key, to, many, exp] = exps[0];
            if (!many) out.push(...checkHasOne(model, key, to, exp, null));
            else if (!exp.nested && exp.k === 'many') out.push(...checkHasMany(model, key, to, exp, null, [], null));
          }
          return out;
        },
      };
    }
    case 'set': {
      const model = pick(live(), op.t);
      if (!model) return null;
      const relations = relationsOf(model);
      const [key, to, many] = relations[op.key % relations.length];
      const { value, exp } = materialize(op.value, to, many, 2);
      const opts = op.opts ? SET_OPTIONS[op.opts] : undefined;
      const beforeValue = model.get(key);
      const beforeMembers = membersOf(model, key);
      const relation = model.getRelation(key);
      const waitedBefore = !!(relation && relation.keyIds && relation.keyIds.length);
      run.pending = () => model.set(key, value, opts);
      return {
        expectThrow: false,
        post: () => (many
          ? checkHasMany(model, key, to, exp, opts, beforeMembers, beforeValue, waitedBefore)
          : checkHasOne(model, key, to, exp, beforeValue)),
      };
    }
    case 'setMany': {
      const model = pick(live(), op.t);
      if (!model) return null;
      const relations = relationsOf(model);
      const attrs = {};
      op.values.forEach((desc, index) => {
        const [key, to, many] = relations[index % relations.length];
        attrs[key] = materialize(desc, to, many, 2).value;
      });
      let expectThrow = false;
      if (op.id !== undefined) {
        attrs.id = op.id;
        const holder = inv.isValidId(op.id) ? registered(typeNameOf(model), op.id) : null;
        expectThrow = !!holder && holder !== model;
      }
      run.pending = () => model.set(attrs);
      // (Nested data may give the same id back as a number or a string: the store key is the same.)
      return { expectThrow, post: () => (op.id !== undefined && String(model.id) !== String(op.id) ? [`${inv.defaultLabel(model)} did not take id ${JSON.stringify(op.id)}`] : []) };
    }
    case 'unset': {
      const model = pick(live(), op.t);
      if (!model) return null;
      const relations = relationsOf(model);
      const choice = op.key % (relations.length + 1);
      if (choice === relations.length) {
        run.pending = () => model.unset('id');
        return { expectThrow: false, post: () => (model.id != null ? [`${inv.defaultLabel(model)} kept its id after unset`] : []) };
      }
      const [key, , many] = relations[choice];
      run.pending = () => model.unset(key);
      return {
        expectThrow: false,
        post: () => {
          if (many) return membersOf(model, key).length ? [`${inv.defaultLabel(model)}.${key} is not empty after unset`] : [];
          return model.get(key) != null ? [`${inv.defaultLabel(model)}.${key} is not null after unset`] : [];
        },
      };
    }
    case 'clear': {
      const model = pick(live(), op.t);
      if (!model) return null;
      run.pending = () => model.clear();
      return {
        expectThrow: false,
        post: () => {
          const out = [];
          for (const [key, , many] of relationsOf(model)) {
            if (many ? membersOf(model, key).length : model.get(key) != null) out.push(`${inv.defaultLabel(model)}.${key} not emptied by clear`);
          }
          if (model.id != null) out.push(`${inv.defaultLabel(model)} kept its id after clear`);
          return out;
        },
      };
    }
    case 'coll': {
      let coll;
      let toName;
      let owner = null;
      if (op.plain) {
        coll = pick(run.plain, op.t);
        if (!coll) return null;
        toName = coll.model.typeName;
      } else {
        const owners = live().filter((m) => relationsOf(m).some((r) => r[2]));
        owner = pick(owners, op.t);
        if (!owner) return null;
        const manyRelations = relationsOf(owner).filter((r) => r[2]);
        const [key, to] = manyRelations[op.key % manyRelations.length];
        coll = owner.get(key);
        toName = to;
      }
      const parts = op.items.map((item) => materializeItem(item, toName, 1));
      const values = parts.map((p) => p.value).filter((v) => v !== undefined);
      const exps = parts.map((p) => p.exp);
      const before = coll.models.slice();
      const where = owner ? `${inv.defaultLabel(owner)}.${coll._owningRelation && coll._owningRelation.key}` : `plain ${toName} collection`;
      run.pending = () => {
        switch (op.method) {
          case 'add': coll.add(values); break;
          case 'remove': coll.remove(values); break;
          case 'reset': coll.reset(values); break;
          case 'set': coll.set(values); break;
          case 'setNoRemove': coll.set(values, { remove: false }); break;
          default: throw new Error(op.method);
        }
      };
      return {
        expectThrow: false,
        post() {
          const out = [];
          const now = coll.models;
          const nested = exps.some((e) => e.nested);
          const { models } = expectedModels(exps, toName);
          const list = (ms) => `[${ms.map((m) => inv.defaultLabel(m)).join(', ')}]`;
          if (op.method === 'remove') {
            for (const m of models) if (now.includes(m)) out.push(`${where}.remove(${inv.defaultLabel(m)}) left it in: ${list(now)}`);
            return out;
          }
          if (nested) return out;
          for (const m of models) if (!now.includes(m)) out.push(`${where}.${op.method}: should contain ${inv.defaultLabel(m)}, is ${list(now)}`);
          if (op.method === 'reset' || op.method === 'set') {
            for (const m of now) if (!models.includes(m) && runKnownBefore.has(m)) out.push(`${where}.${op.method}: should not contain ${inv.defaultLabel(m)}, is ${list(now)}`);
          } else {
            for (const m of before) if (!now.includes(m)) out.push(`${where}.${op.method}: lost ${inv.defaultLabel(m)}`);
          }
          return out;
        },
      };
    }
    case 'setId': {
      const model = pick(live(), op.t);
      if (!model) return null;
      const holder = inv.isValidId(op.id) ? registered(typeNameOf(model), op.id) : null;
      const previousId = model.id;
      run.pending = () => model.set('id', op.id);
      return {
        expectThrow: !!holder && holder !== model,
        post() {
          const out = [];
          if (model.id !== op.id) out.push(`${inv.defaultLabel(model)} did not take id ${JSON.stringify(op.id)}`);
          const root = S[rootOf(typeNameOf(model))];
          if (inv.isValidId(op.id) && Relational.store.find(root, op.id) !== model) out.push(`store does not find ${inv.defaultLabel(model)} by its new id`);
          if (inv.isValidId(previousId) && String(previousId) !== String(op.id) && Relational.store.find(root, previousId) === model) out.push(`store still finds ${inv.defaultLabel(model)} by its old id ${JSON.stringify(previousId)}`);
          return out;
        },
      };
    }
    case 'destroy': {
      const model = pick(live(), op.t);
      if (!model) return null;
      run.dead.add(model);
      run.destroyed.add(model);
      // Backbone destroys a new model with `wait` on the next tick: only wait for saved ones.
      const wait = op.wait && !model.isNew();
      run.pending = () => model.destroy({ wait });
      return {
        expectThrow: false,
        post() {
          const out = [];
          const root = S[rootOf(typeNameOf(model))];
          if (inv.isValidId(model.id) && Relational.store.find(root, model.id) === model) out.push(`store still finds destroyed ${inv.defaultLabel(model)}`);
          return out;
        },
      };
    }
    case 'unregister': {
      const model = pick(live(), op.t);
      if (!model) return null;
      let target = model;
      let gone = [model];
      if (op.what === 'collection') {
        target = plainFor(typeNameOf(model));
        gone = target.models.slice();
      } else if (op.what === 'type') {
        target = model.constructor;
        const storeColl = Relational.store.getCollection(target, false);
        gone = storeColl ? storeColl.models.filter((m) => m instanceof target) : [];
      }
      for (const m of gone) run.dead.add(m);
      run.pending = () => {
        Relational.store.unregister(target);
        // The application takes unregistered models out of its own collections too (a plain
        // collection keeping one would, by Backbone's rules, refuse a new model with its id).
        for (const plain of run.plain) plain.remove(gone, { silent: true });
      };
      return {
        expectThrow: false,
        post() {
          const out = [];
          for (const m of gone) {
            const coll = Relational.store.getCollection(m, false);
            if (coll && inv.storeLookup(coll, m.cid) === m) out.push(`store still holds unregistered ${inv.defaultLabel(m)}`);
          }
          return out;
        },
      };
    }
    case 'dead': {
      const model = pick(run.models.filter((m) => ctx.isDead(m)), op.t);
      if (!model) return null;
      const relations = relationsOf(model);
      const [key, to, many] = relations[op.key % relations.length];
      const { value } = materialize(op.value, to, many, 1);
      const attrs = { [key]: value };
      if (op.id !== undefined) attrs.id = op.id;
      const before = snapshot();
      run.pending = () => model.set(attrs);
      return {
        expectThrow: 'maybe',
        post() {
          // Setting values on a dead model may create the models its values describe, but must
          // not change anything that was there.
          const after = snapshot();
          const out = [];
          if (!after.startsWith(before)) out.push(`setting ${JSON.stringify(Object.keys(attrs))} on dead ${inv.defaultLabel(model)} changed the live graph:\n  before ${before}\n  after  ${after}`);
          const root = S[rootOf(typeNameOf(model))];
          const coll = Relational.store.getCollection(root, false);
          if (coll && inv.storeLookup(coll, model.cid) === model) out.push(`dead ${inv.defaultLabel(model)} is back in the store after set(${JSON.stringify(Object.keys(attrs))})`);
          return out;
        },
      };
    }
    case 'reset': {
      for (const m of run.models) run.dead.add(m);
      run.pending = () => {
        Relational.store.reset();
        Relational.store.addModelScope(S);
        // As an application does on logout: its collections start empty too.
        run.plain = run.plain.map((plain) => new S.Coll([], { model: plain.model }));
      };
      return {
        expectThrow: false,
        post: () => (Relational.store._collections.length ? [`store.reset() left ${Relational.store._collections.length} collection(s)`] : []),
      };
    }
    default:
      throw new Error(`unknown op ${op.op}`);
  }
}

function describeError(error) {
  return error && error.stack ? error.stack.split('\n').slice(0, 6).join('\n') : String(error);
}

/** Run one operation and check everything; throws a readable error on the first violation. */
function step(op) {
  const index = run.step++;
  runKnownBefore = new Set(run.known);
  run.pending = null;
  const planned = interpret(op);
  if (!planned) return;
  run.ops++;
  totals.ops++;
  let error = null;
  try {
    run.pending();
  } catch (e) {
    error = e;
  }
  const problems = [];
  if (error) {
    const duplicate = error instanceof Error && error.message === DUPLICATE;
    if (!duplicate || planned.expectThrow === false) problems.push(`threw ${describeError(error)}`);
  } else if (planned.expectThrow === true) {
    problems.push('did not throw the duplicate-id error');
  }
  if (!error) problems.push(...planned.post());
  problems.push(...inv.checkAll(ctx));
  problems.push(...run.listenerViolations);
  if (problems.length) {
    throw new Error(`after operation #${index} ${JSON.stringify(op)}:\n  ${problems.slice(0, 12).join('\n  ')}`);
  }
}

/** One operation as a fast-check command, so shrinking only considers the operations that ran. */
class Operation {
  constructor(op) {
    this.op = op;
  }

  check() {
    return true;
  }

  run() {
    step(this.op);
  }

  toString() {
    return JSON.stringify(this.op);
  }
}

/** Run a sequence of operations from a clean store, checking everything after every step. */
function runSequence(commands, options) {
  Relational.store.reset();
  Relational.store.addModelScope(S);
  run = newRun(options);
  try {
    for (const type of new Set(run.types.map(rootOf))) run.plain.push(new S.Coll([], { model: S[type] }));
    const start = inv.checkAll(ctx);
    if (start.length) throw new Error(`inconsistent before the first operation: ${start.join('\n')}`);
    fc.modelRun(() => ({ model: {}, real: {} }), commands);
  } finally {
    totals.listenerChecks += run.listenerChecks;
    // Leave no blocked queue behind for the next run, should an operation have broken it.
    const queue = Relational.eventQueue;
    queue._permitsUsed = 0;
    queue._queue = [];
    run = null;
  }
}

const totals = { ops: 0, listenerChecks: 0 };

function assertProperty(name, arb, options, numRuns) {
  const runs = Math.max(1, Math.round(numRuns * SCALE));
  const before = totals.ops;
  const started = Date.now();
  try {
    // One seed per property (derived from the run's seed), so that properties sharing an
    // arbitrary do not run the same sequences.
    fc.assert(fc.property(arb, (ops) => runSequence(ops, options)), {
      seed: propertySeed(name), path: PATH, numRuns: runs, endOnFailure: false,
    });
  } catch (error) {
    error.message = `${error.message}\n\nSeed of this npm test run: ${SEED}. Replay just this failure:\n`
      + `  BR_SEED=${SEED} BR_PATH='<path above>' BR_REPLAY_PATH='<replayPath above>' npx mocha --no-config test/reliability/property-consistency.spec.js -g '${name}'`;
    throw error;
  } finally {
    stats.push({ name, runs, ops: totals.ops - before, ms: Date.now() - started });
  }
}

const stats = [];

function propertySeed(name) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return (SEED + hash) | 0;
}

function sequences(options, maxCommands = 200) {
  return fc.commands([opArb(options).map((op) => new Operation(op))], {
    maxCommands, size: 'max', replayPath: process.env.BR_REPLAY_PATH || undefined,
  });
}

// ---------------------------------------------------------------------------------------------

describe('Property: the object graph stays consistent under any sequence of operations', function () {
  this.timeout(10 * 60 * 1000);
  const scope = S;

  before(function () {
    Relational.store.reset();
    defineSchema();
    Relational.store.addModelScope(scope);
    // store.reset() forgets subModelTypes declarations that were not resolved yet (as in
    // 0.10.0): resolve the hierarchy once, before the first reset.
    Relational.store.getCollection(S.Bird);
    Relational.store.getCollection(S.Mammal);
    sinon.stub(Backbone, 'sync').callsFake((method, model, options) => {
      if (options && options.success) options.success({});
    });
    sinon.stub(console, 'warn');
    Relational.showWarnings = true;
  });

  after(function () {
    sinon.restore();
    Relational.store.removeModelScope(scope);
    Relational.store.reset();
    const lines = stats.map((s) => `    ${s.name}: ${s.runs} runs, ${s.ops} operations, ${(s.ms / 1000).toFixed(1)}s`);
    console.log(`\n  property-consistency: seed ${SEED}, ${totals.ops} operations, ${totals.listenerChecks} checks inside listeners\n${lines.join('\n')}`);
  });

  // Each title starts with the name `-g` selects it by.
  it('one-to-many: Parent.children / Child.parent', function () {
    assertProperty('one-to-many', sequences({}), { types: ['Parent', 'Child'] }, 165);
  });

  it('one-to-one and many-to-many: Person.user / User.person, Person.jobs / Job / Company.employees', function () {
    assertProperty('one-to-one and many-to-many', sequences({}), { types: ['Person', 'User', 'Job', 'Company'] }, 165);
  });

  it('self-referential: Node.parent / Node.children', function () {
    assertProperty('self-referential', sequences({}), { types: ['Node'] }, 165);
  });

  it('sub-model hierarchy: Zoo.animals / Animal.livesIn, with Bird and Mammal', function () {
    assertProperty('sub-model hierarchy', sequences({}), { types: ['Zoo', 'Animal', 'Bird', 'Mammal'] }, 165);
  });

  it('whole schema, with store.reset()', function () {
    assertProperty('whole schema', sequences({ withReset: true }), { types: Object.keys(RELATIONS) }, 275);
  });

  it('relation listeners: every add:<key>, remove:<key>, change:<key> and collection add/remove/reset/update listener sees a consistent graph', function () {
    assertProperty('relation listeners', sequences({ withReset: true }), { types: Object.keys(RELATIONS), listen: 'relational' }, 275);
  });

  it("model add/remove listeners: a model's own add and remove events see a consistent graph", function () {
    assertProperty('model add/remove listeners', sequences({}), { types: Object.keys(RELATIONS), listen: 'model' }, 110);
  });

  it('ran at least 100,000 operations', function () {
    const expected = Math.round(100000 * Math.min(SCALE, 1));
    expect(totals.ops).to.be.at.least(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// The minimal failing sequences the properties above found, as plain regression tests. Where
// 0.10.0 behaves the same, the test says so: these are bugs of the original too.
// ---------------------------------------------------------------------------------------------

describe('Regressions found by the consistency properties', function () {
  const { useFreshStore } = require('../spec/_helpers');
  const ctx2 = useFreshStore(function (T) {
    T.Child = Backbone.RelationalModel.extend({});
    T.Parent = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'children', relatedModel: 'Child', reverseRelation: { key: 'parent' } }],
    });
    T.Node = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasOne', key: 'parent', reverseRelation: { key: 'children' } }],
    });
    T.Job = Backbone.RelationalModel.extend({});
    T.User = Backbone.RelationalModel.extend({ initialize() { createdUsers.push(this); } });
    T.Person = Backbone.RelationalModel.extend({
      relations: [
        { type: 'HasMany', key: 'jobs', relatedModel: 'Job', reverseRelation: { key: 'person' } },
        { type: 'HasOne', key: 'user', relatedModel: 'User', reverseRelation: { type: 'HasOne', key: 'person' } },
      ],
    });
    T.Company = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'employees', relatedModel: 'Job', reverseRelation: { key: 'company' } }],
    });
  });
  /** Users created by the test running (they have no id, so the store does not list them). */
  let createdUsers = [];
  beforeEach(function () {
    createdUsers = [];
  });

  /** Every model in the store, plus `extra`, all live: the invariants must hold over them. */
  function storeContext(extra = [], dead = []) {
    const models = new Set(extra);
    for (const coll of Relational.store._collections) for (const m of coll.models) models.add(m);
    const deadSet = new Set(dead);
    return {
      models: [...models],
      isLive: (m) => models.has(m) && !deadSet.has(m),
      isDead: (m) => deadSet.has(m),
      plainCollections: [],
    };
  }

  function violations(extra, dead) {
    return inv.checkAll(storeContext(extra, dead));
  }

  it('collection.add(attrs) of a model another relation waits for adds it to that collection', function () {
    const T = ctx2.scope;
    const a = new T.Parent({ id: 'a' });
    const b = new T.Parent({ id: 'b' });
    a.set('children', [5]); // a waits for child 5
    b.get('children').add({ id: 5 }); // then child 5 is explicitly added to b
    const five = T.Child.find(5);
    expect(b.get('children').includes(five), 'b.children has child 5').to.equal(true);
    expect(five.get('parent')).to.equal(b);
    expect(a.get('children').includes(five)).to.equal(false);
    expect(violations()).to.deep.equal([]);
  });

  it('an id listed twice in a HasMany leaves no waiting entry once that model is loaded', function () {
    const T = ctx2.scope;
    const p = new T.Parent({ id: 'p', children: [7, 7] });
    const seven = new T.Child({ id: 7 });
    expect(p.get('children').models).to.deep.equal([seven]);
    expect(p.getRelation('children').keyIds).to.deep.equal([]);
    expect(violations()).to.deep.equal([]);
  });

  it('set(key, ids, {add: false}) does not leave the relation waiting for models that are loaded', function () {
    const T = ctx2.scope;
    const one = new T.Child({ id: 1 });
    const p = new T.Parent({ id: 'p' });
    p.set('children', [1], { add: false });
    expect(p.get('children').length).to.equal(0);
    expect(violations()).to.deep.equal([]);
    // Giving the loaded model another id and back must not add it behind the caller's back.
    one.set('id', 2);
    one.set('id', 1);
    expect(p.get('children').length).to.equal(0);
  });

  it('a HasOne set through its reverse relation stops waiting for the id it was given before (0.10.0 too)', function () {
    const T = ctx2.scope;
    const c = new T.Child({ id: 1, parent: 5 }); // waits for parent 5
    const a = new T.Parent({ id: 'a' });
    a.get('children').add(c); // the child moves to a
    expect(c.get('parent')).to.equal(a);
    expect(violations()).to.deep.equal([]);
    new T.Parent({ id: 5 }); // parent 5 arriving later must not take the child back
    expect(c.get('parent')).to.equal(a);
    expect(a.get('children').includes(c)).to.equal(true);
  });

  it('a destroyed, unregistered or reset model given an id does not come back into the store (0.10.0 too)', function () {
    const T = ctx2.scope;
    sinon.stub(Backbone, 'sync').callsFake((method, model, options) => options.success({}));
    const waiting = new T.Node({ id: 10, parent: 5 });
    const destroyed = new T.Node();
    destroyed.destroy();
    destroyed.set('id', 5);
    expect(T.Node.find(5), 'find(5) after destroy').to.equal(null);
    expect(waiting.get('parent'), 'a relation waiting for 5').to.equal(null);
    const unregistered = new T.Node({ id: 6 });
    Relational.store.unregister(unregistered);
    unregistered.set('id', 7);
    expect(T.Node.find(7), 'find(7) after unregister').to.equal(null);
    expect(() => new T.Node({ id: 7 })).to.not.throw();
  });

  it("adding a new model whose id a member of a plain collection had keeps the collection's id lookup right", function () {
    const T = ctx2.scope;
    const plain = new Backbone.Collection([], { model: T.Child });
    const old = plain.add({ id: 2 });
    Relational.store.unregister(old);
    const fresh = new T.Child({ id: 2 });
    plain.add(fresh);
    // Backbone keeps the member it has with that id; its lookup must still find that member.
    expect(plain.models).to.deep.equal([old]);
    expect(plain.get(2)).to.equal(old);
    expect(plain._byId[2]).to.equal(old);
  });

  it('a model that collection.add creates but does not add (its id is taken in the collection) is linked at once (0.10.0 too)', function () {
    const T = ctx2.scope;
    const jobs = new Backbone.Collection([], { model: T.Job });
    jobs.add({ id: 2 });
    Relational.store.reset(); // say, on logout; the application's collection keeps the old job
    Relational.store.addModelScope(T);
    jobs.add({ id: 2, person: { id: 'p9' } });
    const p9 = T.Person.find('p9');
    const job = T.Job.find(2);
    expect(job.get('person')).to.equal(p9);
    expect(p9.get('jobs').includes(job), 'p9.jobs has the new job before the next tick').to.equal(true);
  });

  it("adding a node and a new node that claims it to a node's own children leaves a consistent graph", function () {
    const T = ctx2.scope;
    const n0 = new T.Node({ id: 0 });
    n0.set('parent', n0);
    n0.get('children').add([n0, { id: 'x', children: [n0] }]);
    const x = T.Node.find('x');
    expect(violations()).to.deep.equal([]);
    // Whoever n0's parent is, that parent (and only it) has n0 among its children.
    const parent = n0.get('parent');
    expect(parent.get('children').includes(n0)).to.equal(true);
    for (const other of [n0, x].filter((m) => m !== parent)) expect(other.get('children').includes(n0)).to.equal(false);
  });

  it('a nested self-referencing set leaves a consistent graph (0.10.0 too)', function () {
    const T = ctx2.scope;
    const n = new T.Node({ id: 'n' });
    n.set('parent', { id: 'a', parent: { id: 'b', children: [n] } });
    const a = T.Node.find('a');
    const b = T.Node.find('b');
    expect(n.get('parent')).to.equal(a);
    expect(a.get('children').models).to.deep.equal([n]);
    expect(a.get('parent')).to.equal(b);
    expect(b.get('children').includes(n), 'b.children still has n').to.equal(false);
    expect(violations()).to.deep.equal([]);
  });

  it('a one-to-one whose nested data names the model being created, setting the same key, leaves the user it displaced without a person', function () {
    const T = ctx2.scope;
    const person = new T.Person({ id: 2, user: { person: { id: 2, user: {} } } });
    // Creating the outer user merges `user: {}` into person 2, which creates the inner one (its
    // constructor, and `initialize`, end first). The outer data is applied last, so it wins.
    const [inner, outer] = createdUsers;
    expect(createdUsers).to.have.lengthOf(2);
    expect(person.get('user')).to.equal(outer);
    expect(outer.get('person')).to.equal(person);
    expect(inner.get('person'), 'the user the nested data created').to.equal(null);
    expect(violations(createdUsers)).to.deep.equal([]);
  });

  for (const how of ['unregister', 'destroy']) {
    it(`listeners of remove events during ${how} see the model gone from every relation and the store`, function () {
      const T = ctx2.scope;
      sinon.stub(Backbone, 'sync').callsFake((method, model, options) => options.success({}));
      const p = new T.Person({ id: 'p' });
      const c = new T.Company({ id: 'c' });
      const j = new T.Job({ id: 'j', person: p, company: c });
      const seen = [];
      p.get('jobs').on('remove', () => seen.push(['p.jobs remove', c.get('employees').includes(j), !!T.Job.find('j')]));
      c.get('employees').on('remove', () => seen.push(['c.employees remove', p.get('jobs').includes(j), !!T.Job.find('j')]));
      if (how === 'unregister') Relational.store.unregister(j);
      else j.destroy();
      // [event, still in the other relation, still in the store]
      expect(seen).to.deep.equal([['p.jobs remove', false, false], ['c.employees remove', false, false]]);
    });
  }

  it("a model's own add event fires once its relations are updated (not while the event queue is blocked)", function () {
    const T = ctx2.scope;
    const p = new T.Person({ id: 'p' });
    const j = new T.Job({ id: 'j' });
    const seen = [];
    j.on('add', () => seen.push([j.get('person') === p, Relational.eventQueue.isBlocked()]));
    p.get('jobs').add(j);
    expect(seen).to.deep.equal([[true, false]]);
  });
});

// The checks the properties rely on must be able to fail: each corruption below, made behind
// the library's back, is reported by the named check.
describe('The invariant checks detect a corrupted graph', function () {
  const { useFreshStore } = require('../spec/_helpers');
  const ctx3 = useFreshStore(function (T) {
    T.Child = Backbone.RelationalModel.extend({});
    T.Parent = Backbone.RelationalModel.extend({
      relations: [{ type: 'HasMany', key: 'children', relatedModel: 'Child', reverseRelation: { key: 'parent' } }],
    });
  });

  function setup() {
    const T = ctx3.scope;
    const parent = new T.Parent({ id: 'p', children: [{ id: 1 }, { id: 2 }] });
    const other = new T.Parent({ id: 'q' });
    const [one, two] = parent.get('children').models;
    const models = [parent, other, one, two];
    const dead = new Set();
    const context = { models, isLive: (m) => models.includes(m) && !dead.has(m), isDead: (m) => dead.has(m), plainCollections: [] };
    expect(inv.checkAll(context), 'consistent to begin with').to.deep.equal([]);
    return { T, parent, other, one, two, dead, context, models };
  }

  function report(check, context) {
    const out = [];
    check(context, out);
    return out.join('\n');
  }

  it('relationsAgree: a HasOne pointing at a model whose HasMany lacks it', function () {
    const { other, one, context } = setup();
    one.getRelation('parent').related = other;
    one.attributes.parent = other;
    expect(report(inv.relationsAgree, context)).to.match(/not pointing back/);
  });

  it('relationsAgree: a relation attribute holding a raw value', function () {
    const { parent, context } = setup();
    parent.attributes.children = [1, 2];
    expect(report(inv.relationsAgree, context)).to.match(/is not the relation's value/);
  });

  it('storeConsistent: a model found under an id it no longer has', function () {
    const { one, context } = setup();
    one.attributes.id = 9;
    one.id = 9;
    expect(report(inv.storeConsistent, context)).to.match(/stale _index|is not what the store finds/);
  });

  it('storeConsistent and noDeadReachable: a dead model still in the store and in a relation', function () {
    const { one, dead, context } = setup();
    dead.add(one);
    expect(report(inv.storeConsistent, context)).to.match(/holds dead model/);
    expect(report(inv.noDeadReachable, context)).to.match(/holds dead/);
  });

  it('waitingIndexAccurate: a waiting entry for an id the relation does not want', function () {
    const { parent, context } = setup();
    Relational.store._waitFor(parent.getRelation('children'), Relational.store.getCollection(ctx3.scope.Child), 'nobody');
    expect(report(inv.waitingIndexAccurate, context)).to.match(/_waiting\["nobody"\]/);
  });

  it('waitingIndexAccurate: a relation wanting an id without being in the index', function () {
    const { parent, context } = setup();
    parent.getRelation('children').keyIds = ['missing'];
    expect(report(inv.waitingIndexAccurate, context)).to.match(/wants id "missing" but is not in the waiting index/);
  });

  it('noDeadReachable: a live model listened to by a collection of a dead model', function () {
    const { other, one, dead, context } = setup();
    const stray = new Backbone.Collection();
    stray.owner = other;
    one.on('all', () => {}, stray);
    dead.add(other);
    expect(report(inv.noDeadReachable, context)).to.match(/listener of a collection that refers to dead/);
  });

  it('queueIdle: a blocked event queue', function () {
    const { context } = setup();
    Relational.eventQueue.block();
    try {
      expect(report(inv.queueIdle, context)).to.match(/eventQueue is blocked/);
    } finally {
      Relational.eventQueue.unblock();
    }
  });
});
