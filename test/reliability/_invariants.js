'use strict';
// Invariants of the object graph, as small named checks. Each check takes a context describing
// which models the test knows about and which of them are dead, and appends a readable message
// to `out` for every violation it finds. Used after every step of the property tests, inside
// event listeners, and by the memory and robustness specs.
//
// The context:
//   ctx.models            every model the test created (live and dead), an iterable
//   ctx.isLive(model)     the model was created by the test and is still in use: not destroyed,
//                         unregistered or unregistered by store.reset()
//   ctx.isDead(model)     destroyed, unregistered, or unregistered by store.reset()
//   ctx.plainCollections  collections the test made itself (not relation collections)
//   ctx.isDestroyed(m)    (optional) destroyed, for the plain collections' check
//   ctx.label(model)      a short name for messages (optional)
//
// What is checked, besides the public graph invariants (both sides of every relation agree,
// one live instance per id per hierarchy, `store.find` finds registered models, nothing dead
// in a live relation or in the store), is the bookkeeping of the core (src/relation-dispatch.ts):
//   - store collections: plain Backbone collections (`_isStoreCollection`), one per root type,
//     in `store._collections`, with Backbone's own `_byId`;
//   - `storeCollection._waitingRelations`: Map<id, Relation | Relation[]> (ids compared with
//     `===`): a relation is listed under id X exactly when it listens to the store
//     (`_hearsStore`), X is its HasOne `keyId` or is in its HasMany `keyIds`, and its
//     `relatedCollection` is that store collection;
//   - `model._hasOneHolders` (array or null): exactly the HasOne relations whose `related` is
//     the model;
//   - `collection._listeningRelations` (array): the HasMany relations listening to a
//     collection, each with `_listenedCollection` that collection;
//   - relations of live models listen (`_hearsChange` or a Backbone handler for
//     `relational:change:<key>`, `_hearsDestroy` or a `destroy` handler, `_hearsStore`);
//     relations of dead models listen to nothing.
//
// The checks come in two groups:
//   BOOKKEEPING_CHECKS  hold whenever user code can run, even in the middle of an operation
//                       (in any event listener): the indexes above agree with the relations'
//                       own state, the store's collections agree with Backbone's `_byId`.
//   GRAPH_CHECKS        also hold once an operation is over (and, as 0.10.0 promises, inside
//                       the listeners of events queued while a model is created, set, unset or
//                       cleared): both sides of every relation agree, nothing dead reachable.
const { Backbone, Relational } = require('../support/lib');

function isValidId(id) {
  return !!id || id === 0;
}

function defaultLabel(model) {
  if (!model || typeof model !== 'object') return String(model);
  const type = (model.constructor && model.constructor.typeName) || 'Model';
  return `${type}(${isValidId(model.id) ? JSON.stringify(model.id) : model.cid})`;
}

function labelOf(ctx, model) {
  return (ctx && ctx.label ? ctx.label : defaultLabel)(model);
}

function relationLabel(ctx, relation) {
  return `${labelOf(ctx, relation.instance)}.${relation.key}`;
}

function forEachLive(ctx, fn) {
  for (const model of ctx.models) if (ctx.isLive(model)) fn(model);
}

function forEachKnown(ctx, fn) {
  for (const model of ctx.models) fn(model);
}

function relationsOfModel(model) {
  return model && model._relations ? Object.values(model._relations) : [];
}

function isHasMany(relation) {
  return relation instanceof Backbone.HasMany;
}

function isHasOne(relation) {
  return relation instanceof Backbone.HasOne;
}

function membersOf(relation) {
  const related = relation.related;
  if (!related) return [];
  return related instanceof Backbone.Collection ? related.models : [related];
}

// Whether `relation` holds `model` right now.
function holds(relation, model) {
  const related = relation.related;
  if (!related) return false;
  if (related instanceof Backbone.Collection) return related.models.indexOf(model) !== -1;
  return related === model;
}

/** The store collections (current ones). */
function storeCollections() {
  return Relational.store._collections;
}

/** The store collection of a type's hierarchy, without creating one. */
function storeCollectionOf(typeOrModel) {
  return Relational.store.getCollection(typeOrModel, false) || null;
}

/** What a store collection finds under `key` (an id or a cid), through Backbone's `_byId`. */
function storeLookup(coll, key) {
  if (key === null || key === undefined) return null;
  return (coll._byId && coll._byId[key]) || null;
}

/** The relations in one entry of a store collection's waiting index: one relation, or an array of several. */
function waitingRelations(entry) {
  if (entry == null) return [];
  return Array.isArray(entry) ? entry.slice() : [entry];
}

/** The ids a relation waits for, by its own state (a HasOne's `keyId`, a HasMany's `keyIds`). */
function waitingIdsOf(relation) {
  if (isHasMany(relation)) return (relation.keyIds || []).filter(isValidId);
  return isValidId(relation.keyId) ? [relation.keyId] : [];
}

/** Whether `model` has a Backbone handler for `name` whose context is `context`. */
function hasHandler(model, name, context) {
  const handlers = model._events && model._events[name];
  return !!handlers && handlers.some((handler) => handler.context === context);
}

/** What the relation listens to, as 0.10.0's listeners would: its model's change and destroy, the store. */
function listening(relation) {
  const model = relation.instance;
  return {
    change: !!relation._hearsChange || (!!model && hasHandler(model, `relational:change:${relation.key}`, relation)),
    destroy: !!relation._hearsDestroy || (!!model && hasHandler(model, 'destroy', relation)),
    store: !!relation._hearsStore,
  };
}

// ---------------------------------------------------------------------------------------------
// Bookkeeping: the indexes agree with the relations (hold at any time user code runs)
// ---------------------------------------------------------------------------------------------

/**
 * The store: one collection per root type, each a plain Backbone collection whose `models` and
 * `_byId` agree (every member under its cid and its current id, no entry for anything else).
 */
function storeStructure(ctx, out) {
  const roots = new Set();
  for (const coll of storeCollections()) {
    const type = coll.model;
    const name = (type && type.typeName) || 'store collection';
    if (!coll._isStoreCollection) out.push(`store[${name}]: a collection in store._collections without _isStoreCollection`);
    if (type && type._superModel) out.push(`store[${name}]: the collection of a sub-model type (not of the hierarchy's root)`);
    if (roots.has(type)) out.push(`store[${name}]: two store collections for one root type`);
    roots.add(type);
    const members = new Set();
    for (const model of coll.models) {
      if (members.has(model)) out.push(`store[${name}]: ${labelOf(ctx, model)} listed twice in models`);
      members.add(model);
      if (!(model instanceof type)) out.push(`store[${name}]: ${labelOf(ctx, model)} is not of the collection's type`);
      if (storeLookup(coll, model.cid) !== model) out.push(`store[${name}]: _byId[${model.cid}] is ${labelOf(ctx, storeLookup(coll, model.cid))}, not ${labelOf(ctx, model)}`);
      if (isValidId(model.id) && storeLookup(coll, model.id) !== model) {
        out.push(`store[${name}]: _byId[${JSON.stringify(model.id)}] is ${labelOf(ctx, storeLookup(coll, model.id))}, not ${labelOf(ctx, model)}`);
      }
    }
    for (const key of Object.keys(coll._byId || {})) {
      const model = coll._byId[key];
      if (!members.has(model)) {
        out.push(`store[${name}]: _byId[${JSON.stringify(key)}] -> ${labelOf(ctx, model)}, which is not in models`);
      } else if (key !== model.cid && !(isValidId(model.id) && key === String(model.id))) {
        out.push(`store[${name}]: stale _byId[${JSON.stringify(key)}] -> ${labelOf(ctx, model)} (its id is ${JSON.stringify(model.id)})`);
      }
    }
  }
}

/**
 * Each store collection's `_waitingRelations`: every relation listed under an id listens to the
 * store, looks models up in that collection and waits for that id (its `keyId`, or in its
 * `keyIds`), and is listed once; every relation of a known model that listens to a current
 * store collection is listed under each id it waits for.
 */
function waitingIndexAccurate(ctx, out) {
  const current = new Set(storeCollections());
  for (const coll of current) {
    const index = coll._waitingRelations;
    if (!index) continue;
    const name = (coll.model && coll.model.typeName) || 'store collection';
    if (!(index instanceof Map)) {
      out.push(`store[${name}]._waitingRelations is not a Map`);
      continue;
    }
    for (const [id, entry] of index) {
      const where0 = `store[${name}]._waitingRelations[${JSON.stringify(id)}]`;
      const relations = waitingRelations(entry);
      if (!relations.length) out.push(`${where0}: empty entry left behind`);
      if (Array.isArray(entry) && entry.length === 1) out.push(`${where0}: an array of one (should be the relation itself)`);
      if (new Set(relations).size !== relations.length) out.push(`${where0}: a relation listed twice`);
      for (const relation of relations) {
        const where = `${where0} -> ${relationLabel(ctx, relation)}`;
        if (!relation._hearsStore) out.push(`${where}: relation does not listen to the store`);
        if (relation.relatedCollection !== coll) out.push(`${where}: relation looks up another collection`);
        if (!waitingIdsOf(relation).some((wanted) => wanted === id)) {
          out.push(`${where}: relation does not wait for this id (${isHasMany(relation) ? `keyIds ${JSON.stringify(relation.keyIds)}` : `keyId ${JSON.stringify(relation.keyId)}`})`);
        }
      }
    }
  }
  forEachKnown(ctx, (model) => {
    for (const relation of relationsOfModel(model)) {
      const coll = relation.relatedCollection;
      if (!relation._hearsStore || !coll || !current.has(coll)) continue;
      for (const id of waitingIdsOf(relation)) {
        const entry = coll._waitingRelations && coll._waitingRelations.get(id);
        if (!waitingRelations(entry).includes(relation)) out.push(`${relationLabel(ctx, relation)}: waits for id ${JSON.stringify(id)} but is not in the waiting index`);
      }
    }
  });
}

/**
 * `_hasOneHolders` of each known model lists exactly the HasOne relations pointing at it, once
 * each; no HasOne of a known model points at a model without listing itself there.
 */
function hasOneHoldersAccurate(ctx, out) {
  forEachKnown(ctx, (model) => {
    const holders = model._hasOneHolders;
    if (holders === null || holders === undefined) return;
    const where0 = `${labelOf(ctx, model)}._hasOneHolders`;
    if (!Array.isArray(holders)) {
      out.push(`${where0} is not an array`);
      return;
    }
    if (!holders.length) out.push(`${where0}: an empty array left behind (should be null)`);
    const seen = new Set();
    for (const relation of holders) {
      const where = `${where0}[${relation && relation.instance ? relationLabel(ctx, relation) : String(relation)}]`;
      if (seen.has(relation)) out.push(`${where}: listed twice`);
      seen.add(relation);
      if (!isHasOne(relation)) out.push(`${where}: not a HasOne`);
      else if (relation.related !== model) out.push(`${where}: does not point at the model (it points at ${describeValue(ctx, relation.related)})`);
    }
  });
  forEachKnown(ctx, (model) => {
    for (const relation of relationsOfModel(model)) {
      if (!isHasOne(relation) || !relation.related) continue;
      const holders = relation.related._hasOneHolders;
      if (!holders || holders.indexOf(relation) === -1) {
        out.push(`${relationLabel(ctx, relation)} -> ${labelOf(ctx, relation.related)}: not in the related model's _hasOneHolders`);
      }
    }
  });
}

/**
 * `_listeningRelations` of collections: each HasMany of a known model listening to a collection
 * (`_listenedCollection`) is listed there once; each listed relation is a HasMany that has that
 * collection as its `_listenedCollection`. A live HasMany listens to its own collection.
 */
function listeningRelationsAccurate(ctx, out) {
  const collections = new Set(ctx.plainCollections || []);
  forEachKnown(ctx, (model) => {
    for (const relation of relationsOfModel(model)) {
      if (!isHasMany(relation)) continue;
      if (relation.related instanceof Backbone.Collection) collections.add(relation.related);
      const listened = relation._listenedCollection;
      if (!listened) continue;
      collections.add(listened);
      const listeners = listened._listeningRelations || [];
      const count = listeners.filter((r) => r === relation).length;
      if (count !== 1) out.push(`${relationLabel(ctx, relation)}: listed ${count} times in its collection's _listeningRelations`);
    }
  });
  for (const coll of collections) {
    const listeners = coll._listeningRelations;
    if (!listeners) continue;
    if (!Array.isArray(listeners)) {
      out.push(`a collection's _listeningRelations is not an array`);
      continue;
    }
    for (const relation of listeners) {
      const where = `_listeningRelations of ${describeCollection(ctx, coll)} -> ${relation && relation.instance ? relationLabel(ctx, relation) : String(relation)}`;
      if (!isHasMany(relation)) out.push(`${where}: not a HasMany`);
      else if (relation._listenedCollection !== coll) out.push(`${where}: the relation listens to another collection`);
    }
  }
}

/**
 * Relations of live models: the attribute is the relation's value, the relation listens to its
 * model and to the store collection of its related type, and a HasMany listens to its own
 * collection. Relations of dead models listen to nothing, and the store no longer listens to
 * dead models.
 */
function listenersAccurate(ctx, out) {
  forEachKnown(ctx, (model) => {
    const live = ctx.isLive(model);
    const dead = ctx.isDead(model);
    if (!live && !dead) return;
    for (const relation of relationsOfModel(model)) {
      const where = relationLabel(ctx, relation);
      const hears = listening(relation);
      if (live) {
        if (relation.instance !== model) out.push(`${where}: relation.instance is another model`);
        if (!hears.change) out.push(`${where}: relation of a live model does not hear relational:change:${relation.key}`);
        if (!hears.destroy) out.push(`${where}: relation of a live model does not hear destroy`);
        if (!hears.store) out.push(`${where}: relation of a live model does not listen to the store`);
        const expected = storeCollectionOf(relation.relatedModel);
        if (relation.relatedCollection !== expected) out.push(`${where}: relatedCollection is not the store collection of its related type`);
        if (isHasMany(relation) && relation._listenedCollection !== relation.related) out.push(`${where}: _listenedCollection is not the relation's collection`);
      } else {
        if (hears.change || hears.destroy || hears.store) {
          out.push(`${where}: relation of dead ${labelOf(ctx, model)} still listens (${Object.keys(hears).filter((k) => hears[k]).join(', ')})`);
        }
      }
    }
    if (dead && typeof Relational.store._hearsModel === 'function' && Relational.store._hearsModel(model)) {
      out.push(`store: still listens to dead ${labelOf(ctx, model)}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The graph: both sides agree, one instance per id, nothing dead reachable
// ---------------------------------------------------------------------------------------------

/**
 * For every live model and each of its relations: every related model is live and of the
 * related type, and its reverse relation points back (a HasOne at the owner, a HasMany
 * containing it); a HasMany's collection is a collection of the related type, holding each
 * model once.
 */
function relationsAgree(ctx, out) {
  forEachLive(ctx, (model) => {
    for (const relation of relationsOfModel(model)) {
      const where = relationLabel(ctx, relation);
      if (model.attributes[relation.key] !== relation.related) {
        out.push(`${where}: attribute (${describeValue(ctx, model.attributes[relation.key])}) is not the relation's value (${describeValue(ctx, relation.related)})`);
      }
      if (isHasMany(relation)) {
        const coll = relation.related;
        if (!(coll instanceof Backbone.Collection)) {
          out.push(`${where}: HasMany value is not a collection`);
          continue;
        }
        if (coll.model !== relation.relatedModel) out.push(`${where}: collection.model is not the related type`);
        const seen = new Set();
        for (const member of coll.models) {
          if (seen.has(member)) out.push(`${where}: ${labelOf(ctx, member)} is in the collection twice`);
          seen.add(member);
          if (coll._byId[member.cid] !== member) out.push(`${where}: collection._byId[${member.cid}] is not ${labelOf(ctx, member)}`);
          if (isValidId(member.id) && coll._byId[member.id] !== member) out.push(`${where}: collection._byId[${JSON.stringify(member.id)}] is ${labelOf(ctx, coll._byId[member.id])}, not ${labelOf(ctx, member)}`);
        }
        // Backbone's id lookup: an entry for anything but a member (under its cid or current id)
        // makes the collection take another model with that id for one it holds.
        for (const key of Object.keys(coll._byId || {})) {
          const model = coll._byId[key];
          if (!seen.has(model)) out.push(`${where}: collection._byId[${JSON.stringify(key)}] -> ${labelOf(ctx, model)}, which is not in the collection`);
          else if (key !== model.cid && !(isValidId(model.id) && key === String(model.id))) out.push(`${where}: stale collection._byId[${JSON.stringify(key)}] -> ${labelOf(ctx, model)}`);
        }
      } else if (relation.related !== null && !(relation.related instanceof Backbone.Model)) {
        out.push(`${where}: HasOne value is neither a model nor null: ${describeValue(ctx, relation.related)}`);
        continue;
      }
      const reverseKey = relation.reverseRelation && relation.reverseRelation.key;
      for (const related of membersOf(relation)) {
        const what = `${where} -> ${labelOf(ctx, related)}`;
        if (!ctx.isLive(related)) {
          out.push(`${what}: related model is ${ctx.isDead(related) ? 'dead (destroyed/unregistered/reset)' : 'unknown (half-built?)'}`);
          continue;
        }
        if (!(related instanceof relation.relatedModel)) {
          // A HasMany takes a model of another type given to it as it is, as 0.10.0 does (see
          // test/spec/robustness.spec.js): that model has no reverse relation to agree with.
          if (!isHasMany(relation)) out.push(`${what}: related model is not a ${relation.relatedModel.typeName || 'relatedModel'}`);
          continue;
        }
        if (!reverseKey) continue;
        const reverse = related._relations && related._relations[reverseKey];
        if (!reverse) {
          out.push(`${what}: related model has no reverse relation '${reverseKey}'`);
          continue;
        }
        if (!holds(reverse, model)) {
          out.push(`${what}: reverse ${labelOf(ctx, related)}.${reverseKey} is ${describeValue(ctx, reverse.related)}, not pointing back at ${labelOf(ctx, model)}`);
        }
      }
    }
  });
}

/**
 * Every model in the store is live; every live model with an id is the one `store.find` finds
 * for that id (so it is registered); no two live models of one hierarchy share an id (ids are
 * compared as Backbone's `_byId` does, as strings).
 */
function storeConsistent(ctx, out) {
  const store = Relational.store;
  for (const coll of storeCollections()) {
    const name = (coll.model && coll.model.typeName) || 'store collection';
    for (const model of coll.models) {
      if (!ctx.isLive(model)) out.push(`store[${name}]: holds ${ctx.isDead(model) ? 'dead' : 'unknown'} model ${labelOf(ctx, model)}`);
    }
  }
  const byHierarchy = new Map();
  forEachLive(ctx, (model) => {
    if (!isValidId(model.id)) return;
    const coll = storeCollectionOf(model);
    const found = store.find(model.constructor, model.id);
    if (found !== model || !coll || coll.models.indexOf(model) === -1) {
      out.push(`store: live ${labelOf(ctx, model)} is not what the store finds for its id (find gives ${labelOf(ctx, found)}${coll && coll.models.indexOf(model) === -1 ? '; not in the store collection' : ''})`);
    }
    const key = String(model.id);
    let ids = byHierarchy.get(coll);
    if (!ids) byHierarchy.set(coll, (ids = new Map()));
    const other = ids.get(key);
    if (other) out.push(`store: two live models of one hierarchy with id ${JSON.stringify(key)}: ${labelOf(ctx, other)} and ${labelOf(ctx, model)}`);
    else ids.set(key, model);
  });
}

/**
 * No dead model can be reached from the store or from a live one: not through the waiting
 * index, not through a relation (see relationsAgree), not
 * through `_hasOneHolders`, not through the relations listening to a live model's collections,
 * and not through an event listener (a collection subscribed to a live model whose owner, or
 * any property, is a dead model; a dead model listening to a live one).
 */
function noDeadReachable(ctx, out) {
  for (const coll of storeCollections()) {
    const name = (coll.model && coll.model.typeName) || 'store collection';
    for (const [id, entry] of coll._waitingRelations || []) {
      for (const relation of waitingRelations(entry)) {
        const where = `store[${name}]._waitingRelations[${JSON.stringify(id)}] -> ${relationLabel(ctx, relation)}`;
        if (ctx.isDead(relation.instance)) out.push(`${where}: relation of a dead model`);
        else if (!ctx.isLive(relation.instance)) out.push(`${where}: relation of an unknown (half-built?) model`);
      }
    }
  }
  forEachLive(ctx, (model) => {
    for (const relation of relationsOfModel(model)) {
      for (const related of membersOf(relation)) {
        if (ctx.isDead(related)) out.push(`${relationLabel(ctx, relation)}: holds dead ${labelOf(ctx, related)}`);
      }
      if (isHasMany(relation) && relation.related) {
        const dead = deadReferenceOf(ctx, relation.related);
        if (dead) out.push(`${relationLabel(ctx, relation)}: its collection refers to dead ${labelOf(ctx, dead)}`);
      }
    }
    for (const relation of model._hasOneHolders || []) {
      if (relation && ctx.isDead(relation.instance)) out.push(`${labelOf(ctx, model)}._hasOneHolders: relation of dead ${labelOf(ctx, relation.instance)}`);
    }
    const events = model._events || {};
    for (const name of Object.keys(events)) {
      for (const handler of events[name] || []) {
        const target = handler.ctx;
        if (target === model || target == null) continue;
        if (ctx.isDead(target)) {
          out.push(`${labelOf(ctx, model)}: '${name}' listener of dead ${labelOf(ctx, target)}`);
        } else if (target instanceof Backbone.Collection) {
          const dead = deadReferenceOf(ctx, target);
          if (dead) out.push(`${labelOf(ctx, model)}: '${name}' listener of a collection (${describeCollection(ctx, target)}) that refers to dead ${labelOf(ctx, dead)}`);
        } else if (target && target.instance && ctx.isDead(target.instance)) {
          out.push(`${labelOf(ctx, model)}: '${name}' listener of a relation of dead ${labelOf(ctx, target.instance)}`);
        }
      }
    }
    const listeners = model._listeners || {};
    for (const id of Object.keys(listeners)) {
      const listener = listeners[id] && listeners[id].listener;
      if (ctx.isDead(listener)) out.push(`${labelOf(ctx, model)}: listened to by dead ${labelOf(ctx, listener)}`);
    }
  });
}

/** A dead model a collection refers to: the owner of a relation listening to it, or a property (the collectionKey). */
function deadReferenceOf(ctx, collection) {
  for (const relation of collection._listeningRelations || []) {
    if (relation && relation.instance && ctx.isDead(relation.instance)) return relation.instance;
  }
  for (const key of Object.keys(collection)) {
    const value = collection[key];
    if (value instanceof Backbone.Model && ctx.isDead(value)) return value;
  }
  return null;
}

/** Collections the test made: members unique, their id lookup current, no destroyed model in them. */
function plainCollectionsConsistent(ctx, out) {
  (ctx.plainCollections || []).forEach((coll, index) => {
    const seen = new Set();
    for (const model of coll.models) {
      if (seen.has(model)) out.push(`plain[${index}]: ${labelOf(ctx, model)} listed twice`);
      seen.add(model);
      if (ctx.isDestroyed && ctx.isDestroyed(model)) out.push(`plain[${index}]: still holds destroyed ${labelOf(ctx, model)}`);
      if (coll._byId[model.cid] !== model) out.push(`plain[${index}]: _byId[cid] of ${labelOf(ctx, model)} is not the model`);
      if (model.id != null && coll._byId[model.id] !== model) out.push(`plain[${index}]: _byId[${JSON.stringify(model.id)}] is ${labelOf(ctx, coll._byId[model.id])}, not ${labelOf(ctx, model)}`);
    }
    for (const key of Object.keys(coll._byId || {})) {
      const model = coll._byId[key];
      if (!seen.has(model)) out.push(`plain[${index}]: _byId[${JSON.stringify(key)}] -> ${labelOf(ctx, model)}, which is not in the collection`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Between operations: nothing left pending
// ---------------------------------------------------------------------------------------------

/** The event queue is neither blocked nor holding anything (between operations). */
function queueIdle(ctx, out) {
  const queue = Relational.eventQueue;
  if (queue.isBlocked()) out.push(`eventQueue is blocked (${queue._permitsUsed} permits used)`);
  if (queue._queue && queue._queue.length) out.push(`eventQueue holds ${queue._queue.length} function(s)`);
}

/**
 * No live model or relation holds a permit, and no live model still holds relation work back
 * (`queue`) once its relations are set up, unless a collection that created it has not added it
 * yet (it then waits for that, or for the next tick, as 0.10.0's `_.defer`).
 */
function nothingPending(ctx, out) {
  forEachLive(ctx, (model) => {
    if (model._permitsUsed) out.push(`${labelOf(ctx, model)}: holds ${model._permitsUsed} permit(s) between operations`);
    for (const relation of relationsOfModel(model)) {
      if (relation._permitsUsed) out.push(`${relationLabel(ctx, relation)}: holds ${relation._permitsUsed} permit(s) between operations`);
    }
    // (`_queued` is null once a model's relations are set up and its work runs at once.)
    if (model._queued && !model._deferProcessing) out.push(`${labelOf(ctx, model)}: relation work held back (_queued) though nothing defers it`);
    if (model._queued && model._queued.length && !model._deferProcessing) out.push(`${labelOf(ctx, model)}: ${model._queued.length} relation function(s) queued and never run`);
  });
}

/** Inside a listener: the event was not fired in the middle of an update (queue not blocked). */
function queueNotBlocked(ctx, out) {
  const queue = Relational.eventQueue;
  if (queue.isBlocked()) out.push(`listener ran while the eventQueue is blocked (${queue._permitsUsed} permits used)`);
}

// ---------------------------------------------------------------------------------------------

function describeCollection(ctx, coll) {
  const owner = (coll._listeningRelations || [])[0];
  if (owner && owner.instance) return `${relationLabel(ctx, owner)}'s collection`;
  if (coll._isStoreCollection) return `store[${(coll.model && coll.model.typeName) || '?'}]`;
  return `[${coll.models.map((m) => labelOf(ctx, m)).join(', ')}]`;
}

function describeValue(ctx, value) {
  if (value == null) return String(value);
  if (value instanceof Backbone.Collection) return `[${value.models.map((m) => labelOf(ctx, m)).join(', ')}]`;
  if (value instanceof Backbone.Model) return labelOf(ctx, value);
  if (typeof value === 'function') return `function ${value.name || ''}`.trim();
  try {
    return JSON.stringify(value);
  } catch (e) {
    return String(value);
  }
}

/** How many store collections, registered models, `_byId` entries (ids and cids) and waiting ids the store holds. */
function storeTotals() {
  let models = 0;
  let ids = 0;
  let waiting = 0;
  for (const coll of storeCollections()) {
    models += coll.models.length;
    ids += Object.keys(coll._byId || {}).length;
    waiting += coll._waitingRelations ? coll._waitingRelations.size : 0;
  }
  return { collections: storeCollections().length, models, ids, waiting };
}

/** The checks that hold whenever user code can run, even in the middle of an operation. */
const BOOKKEEPING_CHECKS = [storeStructure, waitingIndexAccurate, hasOneHoldersAccurate, listeningRelationsAccurate];
/** The checks that hold whenever the graph is at rest (between operations, and in queued listeners). */
const GRAPH_CHECKS = [...BOOKKEEPING_CHECKS, listenersAccurate, relationsAgree, storeConsistent, noDeadReachable];

/**
 * Run the checks: with `between: true` (the default), everything that holds between operations;
 * with `between: false`, what holds inside a listener of an event 0.10.0 queues until the graph
 * is consistent; with `bookkeepingOnly: true`, what holds inside any listener.
 */
function checkAll(ctx, { between = true, bookkeepingOnly = false, limit = 20 } = {}) {
  const out = [];
  for (const check of bookkeepingOnly ? BOOKKEEPING_CHECKS : GRAPH_CHECKS) {
    check(ctx, out);
    if (out.length >= limit) break;
  }
  if (between) {
    plainCollectionsConsistent(ctx, out);
    nothingPending(ctx, out);
    queueIdle(ctx, out);
  } else if (!bookkeepingOnly) {
    queueNotBlocked(ctx, out);
  }
  return out.slice(0, limit);
}

module.exports = {
  isValidId,
  defaultLabel,
  describeValue,
  waitingRelations,
  waitingIdsOf,
  storeLookup,
  storeTotals,
  holds,
  listening,
  storeStructure,
  waitingIndexAccurate,
  hasOneHoldersAccurate,
  listeningRelationsAccurate,
  listenersAccurate,
  relationsAgree,
  storeConsistent,
  noDeadReachable,
  plainCollectionsConsistent,
  nothingPending,
  queueIdle,
  queueNotBlocked,
  checkAll,
  BOOKKEEPING_CHECKS,
  GRAPH_CHECKS,
};
