'use strict';
// Graph invariants, checked in the reference world (0.10.0) after every step: from the first
// step at which 0.10.0 breaks one, what it does next is not a behaviour to copy, so the
// sequence stops being compared. Only the public structure is read, which both libraries share:
// `model.getRelations()`, `relation.related`, `relation.reverseRelation.key`,
// `relation.relatedModel`, `store._collections`.
//
//   sides agree     for a live model M and a live model X that M's relation holds (and that is
//                   of the relation's related type): X's reverse relation holds M (a HasOne
//                   pointing at M, a HasMany containing M). Checked from every live model, so
//                   a HasOne pointing at X whose reverse does not list it, and a HasMany member
//                   whose reverse points elsewhere, are both caught.
//   one instance    no two models with the same id in one store collection (one per hierarchy)
//   nothing dead    no destroyed model held by a live model's relation
//   queue free      0.10.0's global event queue is not left blocked (after an exception inside
//                   an update it can be; every later change event then waits forever)
//   models free     no live model is left held (`isLocked()`) between steps: after an exception
//                   inside its toJSON 0.10.0 keeps it held, and its toJSON then gives its id only
//                   (migration.md 23)
//   relations hear  each relation of a live model hears its model's `relational:change:<key>`,
//                   and a HasMany its collection's `relational:add` and `relational:remove`:
//                   0.10.0 bound Backbone handlers for them, which an application's `off` of
//                   the model or the collection took away with its own, after which the
//                   relation no longer follows them (migration.md 39). Read from Backbone's
//                   `_events` (a private structure, the same in every Backbone version here),
//                   in 0.10.0's world only.
const { relationsOf, storeMembers } = require('./observe');

function members(world, related) {
  if (!related) return [];
  return related instanceof world.Backbone.Collection ? related.models : [related];
}

function holds(world, relation, model) {
  if (!relation) return false;
  const related = relation.related;
  if (related instanceof world.Backbone.Collection) return related.models.includes(model);
  return related === model;
}

function sidesAgree(session, out) {
  const { world, registry } = session;
  for (const entry of registry.liveEntries()) {
    for (const relation of relationsOf(entry.model)) {
      const reverseKey = relation.reverseRelation && relation.reverseRelation.key;
      for (const other of members(world, relation.related)) {
        if (registry.isDestroyed(other)) {
          out.push(`nothing dead: ${entry.name}.${relation.key} holds destroyed ${registry.describe(other)}`);
          continue;
        }
        if (!reverseKey || !registry.isLive(other)) continue;
        if (!(relation.relatedModel && other instanceof relation.relatedModel)) continue;
        const reverse = typeof other.getRelation === 'function' ? other.getRelation(reverseKey) : null;
        if (!holds(world, reverse, entry.model)) {
          out.push(`sides agree: ${entry.name}.${relation.key} holds ${registry.describe(other)}, ` +
            `whose ${reverseKey} is ${registry.describe(reverse && reverse.related)}`);
        }
      }
    }
  }
}

function oneInstancePerId(session, out) {
  const { world, registry } = session;
  for (const collection of world.Backbone.Relational.store._collections || []) {
    const seen = new Map();
    for (const model of storeMembers(collection)) {
      if (!model.id && model.id !== 0) continue;
      const key = String(model.id);
      if (seen.has(key)) {
        out.push(`one instance: ${registry.describe(seen.get(key))} and ${registry.describe(model)} share id ${JSON.stringify(model.id)} in the store`);
      } else {
        seen.set(key, model);
      }
    }
  }
}

function queueFree(session, out) {
  const queue = session.world.Backbone.Relational.eventQueue;
  if (queue && typeof queue.isBlocked === 'function' && queue.isBlocked()) out.push('queue free: the event queue is left blocked');
}

function modelsFree(session, out) {
  for (const entry of session.registry.liveEntries()) {
    const model = entry.model;
    if (typeof model.isLocked === 'function' && model.isLocked()) out.push(`models free: ${entry.name} is left held`);
  }
}

function boundBy(target, eventName, relation) {
  const handlers = target && target._events && target._events[eventName];
  return !!handlers && handlers.some((handler) => handler.context === relation);
}

function relationsHear(session, out) {
  const { world, registry } = session;
  for (const entry of registry.liveEntries()) {
    for (const relation of relationsOf(entry.model)) {
      if (!boundBy(entry.model, `relational:change:${relation.key}`, relation)) {
        out.push(`relations hear: ${entry.name}.${relation.key} no longer hears its model`);
      } else if (relation.related instanceof world.Backbone.Collection
        && !(boundBy(relation.related, 'relational:add', relation) && boundBy(relation.related, 'relational:remove', relation))) {
        out.push(`relations hear: ${entry.name}.${relation.key} no longer hears its collection`);
      }
    }
  }
}

/** Violations in `session`'s world: an array of messages, empty when all hold. */
function checkInvariants(session) {
  const out = [];
  sidesAgree(session, out);
  oneInstancePerId(session, out);
  queueFree(session, out);
  modelsFree(session, out);
  relationsHear(session, out);
  return out;
}

module.exports = { checkInvariants };
