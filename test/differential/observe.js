'use strict';
// What is compared after every step: the state of a world as plain data (see registry.js for
// how values are described). The step's result and events are added by session.js.
//
//   models   each live model: attributes, relation values (a HasMany's collection with its
//            models in order), `model.collection`, and `toJSON()` (or the error it throws)
//   store    each store collection in `store._collections`: its type and its models in order
//   plain    each harness collection: its models in order

/** The value of one relation: a model name, or a collection's name with its models. */
function describeRelated(registry, related) {
  if (related instanceof registry.world.Backbone.Collection) {
    return { collection: registry.describe(related), models: related.models.map((m) => registry.describe(m)) };
  }
  return registry.describe(related);
}

function relationsOf(model) {
  if (typeof model.getRelations === 'function') return model.getRelations();
  return model._relations ? Object.values(model._relations) : [];
}

function describeModel(registry, model) {
  const relations = {};
  for (const relation of relationsOf(model).slice().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    relations[relation.key] = describeRelated(registry, relation.related);
  }
  let json;
  try {
    json = registry.describe(model.toJSON());
  } catch (err) {
    json = `~throws(${err && err.message})`;
  }
  return {
    attributes: registry.describe(model.attributes),
    relations,
    collection: registry.describe(model.collection),
    json,
  };
}

function describeStore(registry) {
  const store = registry.world.Backbone.Relational.store;
  const collections = (store && store._collections) || [];
  return collections.map((collection) => ({
    type: collection.model ? collection.model.typeName || '?' : '?',
    models: storeMembers(collection).map((m) => registry.describe(m)),
  }));
}

/**
 * A store collection's models in order. This library's store collections keep their members in
 * slots until `models` is first read (src/store-collection.ts); they are read here without
 * that, so the sequences exercise the slots as an application that never reads them would.
 */
function storeMembers(collection) {
  return collection._members && typeof collection._members.toArray === 'function' ? collection._members.toArray() : collection.models;
}

function describePlain(registry, plain) {
  const out = {};
  for (const name of Object.keys(plain)) out[name] = plain[name].models.map((m) => registry.describe(m));
  return out;
}

/** The world's state after a step. Also binds listeners to relation collections first seen now. */
function snapshot(registry, plain) {
  const models = {};
  for (const entry of registry.liveEntries()) {
    registry.bindRelationCollections(entry.model);
    models[entry.name] = describeModel(registry, entry.model);
  }
  return { models, store: describeStore(registry), plain: describePlain(registry, plain) };
}

module.exports = { snapshot, relationsOf, storeMembers };
