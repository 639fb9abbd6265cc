'use strict';
// Invariants of the object graph, as small named checks. Each check takes a context describing
// which models the test knows about and which of them are dead, and appends a readable message
// to `out` for every violation it finds. Used after every step of the property tests, inside
// event listeners (to verify that listeners only ever see a consistent graph), and by the
// memory and robustness specs.
//
// The context:
//   ctx.models            every model the test created (live and dead), an iterable
//   ctx.isLive(model)     the model was created by the test and not destroyed, unregistered or
//                         dropped by store.reset()
//   ctx.isDead(model)     destroyed, unregistered or dropped by store.reset()
//   ctx.plainCollections  collections the test made itself (not relation collections)
//   ctx.label(model)      a short name for messages (optional)
//
// These checks read the library's internals that the spec README documents (`_relations`,
// `store._collections`, `getCollection`) and the ones this library adds for bookkeeping
// (`_heldBy`, the store collections' `_index` and `_waiting`, relations' `keyId`/`keyIds`,
// `_waitingFor`, `_detached`, `_owningRelation`).
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

// ---------------------------------------------------------------------------------------------
// Relations: both sides agree
// ---------------------------------------------------------------------------------------------

/**
 * For every live model and each of its relations: the attribute is the relation's value, every
 * related model is live and of the related type, knows it is held (`_heldBy`), and its reverse
 * relation points back (a HasOne at the owner, a HasMany containing it).
 */
function relationsAgree(ctx, out) {
  forEachLive(ctx, (model) => {
    const relations = model._relations;
    if (!relations) return;
    for (const key of Object.keys(relations)) {
      const relation = relations[key];
      const where = relationLabel(ctx, relation);
      if (relation.instance !== model) out.push(`${where}: relation.instance is another model`);
      if (relation._detached) out.push(`${where}: relation of a live model is detached`);
      if (model.attributes[key] !== relation.related) {
        out.push(`${where}: attribute (${describeValue(ctx, model.attributes[key])}) is not the relation's value (${describeValue(ctx, relation.related)})`);
      }
      const isMany = relation instanceof Backbone.HasMany;
      if (isMany) {
        const coll = relation.related;
        if (!(coll instanceof Backbone.Collection)) {
          out.push(`${where}: HasMany value is not a collection`);
          continue;
        }
        if (coll._owningRelation !== relation) out.push(`${where}: collection._owningRelation is not this relation`);
        const seen = new Set();
        for (const member of coll.models) {
          if (seen.has(member)) out.push(`${where}: ${labelOf(ctx, member)} is in the collection twice`);
          seen.add(member);
        }
      }
      const reverseKey = relation.reverseRelation && relation.reverseRelation.key;
      for (const related of membersOf(relation)) {
        const what = `${where} -> ${labelOf(ctx, related)}`;
        if (!ctx.isLive(related)) {
          out.push(`${what}: related model is ${ctx.isDead(related) ? 'dead (destroyed/unregistered/reset)' : 'unknown (half-built?)'}`);
          continue;
        }
        if (!(related instanceof relation.relatedModel)) out.push(`${what}: related model is not a ${relation.relatedModel.typeName || 'relatedModel'}`);
        const reverse = reverseKey && related._relations && related._relations[reverseKey];
        // Without a counterpart on the related model, the relation must be recorded in its
        // _heldBy, or unregistering the related model could not find it.
        if (!reverse && (!related._heldBy || related._heldBy.indexOf(relation) === -1)) {
          out.push(`${what}: related model has no reverse relation and its _heldBy lacks this relation`);
        }
        if (!reverseKey) continue;
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
 * `_heldBy` of each live model (the relations holding it that the store could not find through
 * the model's own relations) lists only live relations that really hold it, once each.
 */
function heldByAccurate(ctx, out) {
  forEachLive(ctx, (model) => {
    const holders = model._heldBy;
    if (!holders) return;
    const seen = new Set();
    for (const relation of holders) {
      const where = `${labelOf(ctx, model)}._heldBy[${relationLabel(ctx, relation)}]`;
      if (seen.has(relation)) out.push(`${where}: listed twice`);
      seen.add(relation);
      if (relation._detached) out.push(`${where}: relation is detached`);
      if (!ctx.isLive(relation.instance)) out.push(`${where}: owner is not live`);
      if (!holds(relation, model)) out.push(`${where}: relation does not hold the model`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Store: one instance per id per hierarchy, nothing dead
// ---------------------------------------------------------------------------------------------

/**
 * Every store collection's `models` and index (`_index`) agree with each other and with each model's id;
 * every model in the store is live; every live model with an id is the one the store finds for
 * that id; no two live models of one hierarchy share an id.
 */
function storeConsistent(ctx, out) {
  const store = Relational.store;
  for (const coll of store._collections) {
    const type = coll.model;
    const name = (type && type.typeName) || 'store collection';
    const members = new Set();
    for (const model of coll.models) {
      if (members.has(model)) out.push(`store[${name}]: ${labelOf(ctx, model)} listed twice in models`);
      members.add(model);
      if (!ctx.isLive(model)) out.push(`store[${name}]: holds ${ctx.isDead(model) ? 'dead' : 'unknown'} model ${labelOf(ctx, model)}`);
      if (!(model instanceof type)) out.push(`store[${name}]: ${labelOf(ctx, model)} is not of the collection's type`);
      // Found under its id (Backbone also indexes by cid; a store collection may or may not).
      if (model.id != null && storeLookup(coll, model.id) !== model) out.push(`store[${name}]: _index[${JSON.stringify(model.id)}] is ${labelOf(ctx, storeLookup(coll, model.id))}, not ${labelOf(ctx, model)}`);
      if (coll.get(model) !== model) out.push(`store[${name}]: get(${labelOf(ctx, model)}) does not find it`);
    }
    for (const [key, model] of coll._index) {
      if (!members.has(model)) {
        out.push(`store[${name}]: _index[${JSON.stringify(key)}] -> ${labelOf(ctx, model)}, which is not in models`);
      } else if (key !== model.cid && key !== coll._storeKeyOf(model.id)) {
        out.push(`store[${name}]: stale _index[${JSON.stringify(key)}] -> ${labelOf(ctx, model)} (its id is ${JSON.stringify(model.id)})`);
      }
    }
  }
  const byHierarchy = new Map();
  forEachLive(ctx, (model) => {
    if (!isValidId(model.id)) return;
    const coll = store.getCollection(model, false);
    if (!coll || storeLookup(coll, model.id) !== model) {
      out.push(`store: live ${labelOf(ctx, model)} is not what the store finds for its id (${coll ? labelOf(ctx, storeLookup(coll, model.id)) : 'no collection'})`);
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
 * Every entry of a store collection's waiting index is a live relation really waiting for that
 * id (it wants it, holds no model with it, and the store has no such model of its related type),
 * and every live relation waiting for an id is in the index.
 */
function waitingIndexAccurate(ctx, out) {
  const store = Relational.store;
  for (const coll of store._collections) {
    const waiting = coll._waiting;
    if (!waiting) continue;
    const name = (coll.model && coll.model.typeName) || 'store collection';
    for (const [key, entry] of waiting) {
      const relations = waitingRelations(entry);
      if (!relations.length) out.push(`store[${name}]._waiting[${JSON.stringify(key)}]: empty entry left behind`);
      for (const relation of relations) {
        const where = `store[${name}]._waiting[${JSON.stringify(key)}] -> ${relationLabel(ctx, relation)}`;
        if (relation._detached) out.push(`${where}: relation is detached`);
        if (!ctx.isLive(relation.instance)) out.push(`${where}: owner is not live`);
        if (relation.relatedCollection !== coll) out.push(`${where}: relation looks up another collection`);
        const problem = notReallyWaiting(relation, key, coll);
        if (problem) out.push(`${where}: ${problem}`);
      }
    }
  }
  forEachLive(ctx, (model) => {
    for (const relation of Object.values(model._relations || {})) {
      const coll = relation.relatedCollection;
      const ids = relation instanceof Backbone.HasMany
        ? (relation.keyIds || []).filter(isValidId)
        : (isValidId(relation.keyId) && !relation.related ? [relation.keyId] : []);
      for (const id of ids) {
        const entry = coll && coll._waiting && coll._waiting.get(coll._storeKeyOf(id));
        if (!waitingRelations(entry).includes(relation)) out.push(`${relationLabel(ctx, relation)}: wants id ${JSON.stringify(id)} but is not in the waiting index`);
      }
    }
  });
}

/** How many store collections, registered models, index entries and waiting ids the store holds. */
function storeTotals() {
  let models = 0;
  let ids = 0;
  let waiting = 0;
  for (const coll of Relational.store._collections) {
    models += coll.models.length;
    ids += coll._index.size;
    waiting += coll._waiting ? coll._waiting.size : 0;
  }
  return { collections: Relational.store._collections.length, models, ids, waiting };
}

/** What a store collection's index holds under `key` (an id, or a cid). */
function storeLookup(coll, key) {
  return coll._storeGet(key);
}

/** The relations in one entry of a store collection's waiting index: one relation, or a set of several. */
function waitingRelations(entry) {
  if (entry == null) return [];
  return entry instanceof Set ? Array.from(entry) : [entry];
}

function notReallyWaiting(relation, key, coll) {
  const same = (id) => id != null && coll._storeKeyOf(id) === key;
  if (relation instanceof Backbone.HasMany) {
    if (!relation._waitingFor || ![...relation._waitingFor].some(same)) return '_waitingFor does not list the id';
    if (!(relation.keyIds || []).some(same)) return 'keyIds do not list the id';
    if (relation.related && relation.related.models.some((m) => same(m.id))) return 'already holds a model with the id';
  } else {
    if (!same(relation._waitingFor)) return '_waitingFor is another id';
    if (!same(relation.keyId)) return `keyId is ${JSON.stringify(relation.keyId)}`;
    if (relation.related) return `already holds ${defaultLabel(relation.related)}, yet still waits`;
  }
  const registered = storeLookup(coll, key);
  if (registered && registered instanceof relation.relatedModel) return `the store has ${defaultLabel(registered)}, yet the relation still waits`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Nothing dead reachable, no stray listeners
// ---------------------------------------------------------------------------------------------

/**
 * No dead model can be reached from a live one: not through a relation (see relationsAgree),
 * not through `_heldBy`, and not through an event listener (a collection subscribed to a live
 * model whose owner, or any property, is a dead model; a dead model listening to a live one).
 */
function noDeadReachable(ctx, out) {
  forEachLive(ctx, (model) => {
    for (const relation of Object.values(model._relations || {})) {
      for (const related of membersOf(relation)) {
        if (ctx.isDead(related)) out.push(`${relationLabel(ctx, relation)}: holds dead ${labelOf(ctx, related)}`);
      }
    }
    for (const relation of model._heldBy || []) {
      if (ctx.isDead(relation.instance)) out.push(`${labelOf(ctx, model)}._heldBy: relation of dead ${labelOf(ctx, relation.instance)}`);
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
          if (dead) out.push(`${labelOf(ctx, model)}: '${name}' listener of a collection that refers to dead ${labelOf(ctx, dead)}`);
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

function deadReferenceOf(ctx, collection) {
  const owner = collection._owningRelation && collection._owningRelation.instance;
  if (owner && ctx.isDead(owner)) return owner;
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
      if (model.id != null && coll._byId[model.id] !== model) out.push(`plain[${index}]: _byId[${JSON.stringify(model.id)}] is not ${labelOf(ctx, model)}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Event queue
// ---------------------------------------------------------------------------------------------

/** The event queue is neither blocked nor holding anything (between operations). */
function queueIdle(ctx, out) {
  const queue = Relational.eventQueue;
  if (queue.isBlocked()) out.push(`eventQueue is blocked (${queue._permitsUsed} permits used)`);
  if (queue._queue && queue._queue.length) out.push(`eventQueue holds ${queue._queue.length} function(s)`);
}

/** Inside a listener: the event was not fired in the middle of an update (queue not blocked). */
function queueNotBlocked(ctx, out) {
  const queue = Relational.eventQueue;
  if (queue.isBlocked()) out.push(`listener ran while the eventQueue is blocked (${queue._permitsUsed} permits used)`);
}

// ---------------------------------------------------------------------------------------------

function describeValue(ctx, value) {
  if (value == null) return String(value);
  if (value instanceof Backbone.Collection) return `[${value.models.map((m) => labelOf(ctx, m)).join(', ')}]`;
  if (value instanceof Backbone.Model) return labelOf(ctx, value);
  try {
    return JSON.stringify(value);
  } catch (e) {
    return String(value);
  }
}

/** The checks that must hold whenever user code can observe the graph (between steps, in listeners). */
const GRAPH_CHECKS = [relationsAgree, heldByAccurate, storeConsistent, waitingIndexAccurate, noDeadReachable];

/** Run the graph checks (and, with `between: true`, those that only hold between operations). */
function checkAll(ctx, { between = true, limit = 20 } = {}) {
  const out = [];
  for (const check of GRAPH_CHECKS) {
    check(ctx, out);
    if (out.length >= limit) break;
  }
  if (between) {
    plainCollectionsConsistent(ctx, out);
    queueIdle(ctx, out);
  } else {
    queueNotBlocked(ctx, out);
  }
  return out.slice(0, limit);
}

module.exports = {
  isValidId,
  defaultLabel,
  describeValue,
  waitingRelations,
  storeLookup,
  storeTotals,
  holds,
  relationsAgree,
  heldByAccurate,
  storeConsistent,
  waitingIndexAccurate,
  noDeadReachable,
  plainCollectionsConsistent,
  queueIdle,
  queueNotBlocked,
  checkAll,
  GRAPH_CHECKS,
};
