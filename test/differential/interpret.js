'use strict';
// Runs one operation (plain data, see generate.js) in one session's world and returns its raw
// outcome: { value } (the return value), { error } (the thrown error's message), or { skipped }
// when the operation names a model or collection that does not exist in this sequence (then it
// does nothing, in both worlds alike).
//
// Values inside operations are JSON with a few markers, resolved in each world:
//   { $model: { type, k } }         the k-th live model of that type (null when there is none)
//   { $undefined: true }            undefined
//   { $coll: name }                 the harness's plain collection of that name
//   { $newColl: [items], model }    a new Backbone.Collection of those items (model: a type
//                                   name or absent), which the harness listens to as well

const { Server } = require('./server');

class Skip extends Error {}

function isMarker(value, key) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, key);
}

/** Resolves a value of an operation in `session`'s world. */
function resolve(session, value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => resolve(session, item));
  if (isMarker(value, '$model')) return session.registry.pick(value.$model.type, value.$model.k);
  if (isMarker(value, '$undefined')) return undefined;
  if (isMarker(value, '$coll')) return session.plain[value.$coll] || null;
  if (isMarker(value, '$newColl')) return newCollection(session, value);
  const out = {};
  for (const key of Object.keys(value)) out[key] = resolve(session, value[key]);
  return out;
}

function newCollection(session, value) {
  const { Backbone } = session.world;
  const options = value.model && session.world.types[value.model] ? { model: session.world.types[value.model] } : {};
  const collection = new Backbone.Collection(resolve(session, value.$newColl || []), options);
  session.registry.addCollection(collection, session.registry.newCollectionName());
  return collection;
}

function target(session, ref) {
  const model = session.registry.pick(ref.type, ref.k);
  if (!model) throw new Skip(`no live ${ref.type}`);
  return model;
}

function collectionOf(session, ref) {
  if (ref.plain) {
    if (!session.plain[ref.plain]) throw new Skip(`no collection ${ref.plain}`);
    return session.plain[ref.plain];
  }
  // A relation's collection: whatever the model's HasMany attribute holds now.
  return target(session, ref.target).get(ref.key);
}

function typeOf(session, name) {
  const type = session.world.types[name];
  if (!type) throw new Skip(`no type ${name}`);
  return type;
}

const OPERATIONS = {
  new: (s, op) => new (typeOf(s, op.type))(resolve(s, op.attrs), resolve(s, op.options)),
  build: (s, op) => typeOf(s, op.type).build(resolve(s, op.attrs), resolve(s, op.options)),
  findOrCreate: (s, op) => typeOf(s, op.type).findOrCreate(resolve(s, op.attrs), resolve(s, op.options)),
  find: (s, op) => typeOf(s, op.type).find(resolve(s, op.attrs), resolve(s, op.options)),
  findModel: (s, op) => typeOf(s, op.type).findModel(resolve(s, op.attrs)),
  set: (s, op) => target(s, op.target).set(op.key, resolve(s, op.value), resolve(s, op.options)),
  setAttrs: (s, op) => target(s, op.target).set(resolve(s, op.attrs), resolve(s, op.options)),
  unset: (s, op) => target(s, op.target).unset(op.key, resolve(s, op.options)),
  clear: (s, op) => target(s, op.target).clear(resolve(s, op.options)),
  coll: collectionOperation,
  destroy: (s, op) => {
    const model = target(s, op.target);
    // (With a server the model may stay: it is let go of when it hears its destroy, registry.js.)
    if (op.responses) return withServer(s, op, () => model.destroy(resolve(s, op.options)));
    s.registry.mark(model, 'destroyed');
    return model.destroy(resolve(s, op.options));
  },
  unregister: (s, op) => {
    const model = target(s, op.target);
    s.registry.mark(model, 'unregistered');
    return s.world.Backbone.Relational.store.unregister(model);
  },
  storeReset: (s, op) => {
    s.registry.retireAll();
    const store = s.world.Backbone.Relational.store;
    const result = store.reset();
    // What an application does after a reset: 0.10.0's reset forgets the added scopes.
    if (op.scope !== false) store.addModelScope(s.scope);
    return result;
  },
  fetch: (s, op) => withServer(s, op, () => target(s, op.target).fetch(resolve(s, op.options))),
  save: (s, op) => withServer(s, op, () => target(s, op.target).save(resolve(s, op.attrs), resolve(s, op.options))),
  collFetch: (s, op) => withServer(s, op, () => collectionOf(s, op.coll).fetch(resolve(s, op.options))),
  getAsync: (s, op) => withServer(s, op, () => {
    const promise = target(s, op.target).getAsync(op.key, resolve(s, op.options));
    if (promise && typeof promise.then === 'function') {
      promise.then((value) => s.registry.recordSettled('resolved', value), (reason) => s.registry.recordSettled('rejected', reason));
    }
    return promise;
  }),
  off: offOperation,
  toJSON: (s, op) => target(s, op.target).toJSON(),
  clone: (s, op) => target(s, op.target).clone(),
  getIdsToFetch: (s, op) => target(s, op.target).getIdsToFetch(op.key, op.refresh),
};

/**
 * `off(...args)` of a model, of a relation's collection, or of the store collection of a type
 * (`op.store`), as an application removing its handlers does (taking with them whatever else
 * was bound there). In `args`, `{ $relation: key }` stands for the model's relation of that key
 * and `{ $storeCollection: true }` for the store collection of its type.
 */
function offOperation(session, op) {
  if (op.coll) {
    const collection = collectionOf(session, op.coll);
    if (!collection || typeof collection.off !== 'function') throw new Skip('no collection');
    const result = collection.off(...(op.args || []));
    session.registry.listenAgain(collection);
    return result;
  }
  if (op.store) {
    // (The harness does not listen to store collections.)
    return session.world.Backbone.Relational.store.getCollection(typeOf(session, op.store)).off(...(op.args || []));
  }
  const model = target(session, op.target);
  const args = (op.args || []).map((arg) => {
    if (isMarker(arg, '$relation')) return model.getRelation(arg.$relation) || null;
    if (isMarker(arg, '$storeCollection')) return session.world.Backbone.Relational.store.getCollection(model);
    return arg;
  });
  const result = model.off(...args);
  session.registry.listenAgain(model);
  return result;
}

/** Runs `fn` with a server answering the step's requests from `op.responses` (server.js). */
function withServer(session, op, fn) {
  session.world.server = new Server(session.world, session.registry, op.responses);
  return fn();
}

function collectionOperation(session, op) {
  const collection = collectionOf(session, op.coll);
  if (op.method === 'sort') {
    if (op.comparator !== undefined) collection.comparator = op.comparator;
    return collection.sort(resolve(session, op.options));
  }
  if (!['add', 'remove', 'reset', 'set', 'create'].includes(op.method)) throw new Skip(`no method ${op.method}`);
  if (!collection || typeof collection[op.method] !== 'function') {
    throw new Error(`not a collection: ${typeof collection}`);
  }
  const run = () => collection[op.method](resolve(session, op.value), resolve(session, op.options));
  return op.responses ? withServer(session, op, run) : run();
}

/** Runs `op`; never throws. */
function execute(session, op) {
  const run = op && OPERATIONS[op.op];
  if (!run) return { skipped: `unknown operation ${op && op.op}` };
  try {
    return { value: run(session, op) };
  } catch (err) {
    if (err instanceof Skip) return { skipped: err.message };
    return { error: err && err.message !== undefined ? String(err.message) : String(err) };
  }
}

module.exports = { execute, resolve, collectionOf };
