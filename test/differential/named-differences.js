'use strict';
// Known differences between backbone-relational 0.10.0 and this library, by name: each is one
// of the differences listed in docs/migration.md (the number there is in `why`). When the first
// difference in a sequence is one of these, the sequence stops being compared (what follows may
// differ as a consequence) and is counted under the entry's name instead of failing the test.
// (Where 0.10.0 breaks a graph invariant, the sequence stops by the invariant check instead;
// see invariants.js.)
//
// Each entry:
//   name         short, unique; shown in the counts
//   why          one line: what differs and why it is accepted
//   matches(step, ref, self, diff)   true when `diff` is this difference. Arguments:
//     step   { index, op, earlier }: the step's position in the sequence, its operation (plain
//            data, see generate.js; formatOp in format.js prints it) and the operations before it
//     ref    { session, obs }: the 0.10.0 world (session.world.Backbone, session.registry)
//            and its observation of this step (result, events, created, models, store, plain)
//     self   { session, obs }: the same for this library
//     diff   { path, ref, self, signature }: the first differing place (path: array of keys
//            into the observations), the two values there, and the signature grouping it
const { TYPES, ROOT_TYPE } = require('./schema');
const { SELF_HAS_LODASH } = require('./worlds');
const { collectionOf } = require('./interpret');

/** The collections a world knows: the harness's plain ones and those the registry named. */
function knownCollections(session) {
  return Object.values(session.plain).concat([...session.registry.collectionNames.keys()]);
}

/** Whether a collection of the world is sorted by an attribute some member has no value for. */
function sortsByMissingValue(session) {
  return knownCollections(session).some((collection) => collection && typeof collection.comparator === 'string'
    && collection.models.some((model) => model.get(collection.comparator) == null));
}

/**
 * Whether the model named `name` is outside the collection `op` (a `coll` operation) acted on.
 * (`collectionOf` throws when that collection is gone: a predicate that throws does not match.)
 */
function droppedBy(session, op, name) {
  let model = null;
  for (const [candidate, entry] of session.registry.byModel) if (entry.name === name) model = candidate;
  const collection = collectionOf(session, op.coll);
  return !!model && !!collection && Array.isArray(collection.models) && collection.models.indexOf(model) === -1;
}

/** Whether this or an earlier operation gave a collection as data (its properties become attributes). */
function givesCollectionAsData(step) {
  return [...step.earlier, step.op].some((op) => /"\$(coll|newColl)"/.test(JSON.stringify(op)));
}

/** Whether a silent `set` of an id leaves this Backbone's collections unaware (no `changeId` before 1.4). */
function firesNoIdEventWhenSilent(Backbone) {
  const [major, minor] = String(Backbone.VERSION).split('.').map(Number);
  return major === 1 && minor < 4;
}

/** Whether an operation sets an id and relation data in one `set`. */
function changesIdWithRelationData(op) {
  return op.op === 'setAttrs' && !!op.attrs && op.attrs.id !== undefined
    && Object.keys(op.attrs).some((key) => key !== 'id' && relatedTypesOf(key).length > 0);
}

/** Whether an operation sets an id with `silent`. */
function changesIdSilently(op) {
  if (!(op.options && op.options.silent)) return false;
  return (op.op === 'setAttrs' && !!op.attrs && op.attrs.id !== undefined) || ((op.op === 'set' || op.op === 'unset') && op.key === 'id')
    || op.op === 'clear';
}

/** Every `{ $model: { type } }` reference in an operation's values, with the key it is set on. */
function modelReferences(op) {
  const found = [];
  const visit = (value, key) => {
    if (!value || typeof value !== 'object') return;
    if (value.$model) {
      found.push({ key, type: value.$model.type });
      return;
    }
    if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else for (const name of Object.keys(value)) visit(value[name], name);
  };
  if (op.op === 'set') visit(op.value, op.key);
  if (op.op === 'coll') visit(op.value, null);
  if (op.attrs) visit(op.attrs, null);
  return found;
}

/** Whether `type` is `target` or one of its sub-models. */
function isA(type, target) {
  if (type === target) return true;
  const subtypes = (TYPES[target] && TYPES[target].subtypes) || [];
  return subtypes.includes(type);
}

/** The related type a key names on the operation's target type (any type, for nested attributes). */
function relatedTypesOf(key) {
  const found = [];
  for (const name of Object.keys(TYPES)) {
    const relation = TYPES[name].relations[key];
    if (relation) found.push({ type: relation.type, many: !!relation.many });
    for (const rel of Object.values(TYPES[name].relations)) if (rel.source === key) found.push({ type: rel.type, many: !!rel.many });
  }
  return found;
}

/** Whether the operation sets a model of another type than the relation's on a relation key. */
function setsModelOfAnotherType(op, many) {
  return modelReferences(op).some(({ key, type }) => relatedTypesOf(key).some((relation) =>
    relation.many === many && !isA(type, relation.type) && !isA(ROOT_TYPE[type] || type, relation.type)));
}

/** Whether the operation names the id 0 (alone, or in a list) for a HasMany key. */
function listsIdZeroForHasMany(op) {
  let found = false;
  const isHasMany = (key) => relatedTypesOf(key).some((relation) => relation.many);
  const visit = (value, key) => {
    if (value === 0 && isHasMany(key)) found = true;
    if (found || !value || typeof value !== 'object' || value.$model) return;
    if (Array.isArray(value)) {
      if (value.includes(0) && isHasMany(key)) found = true;
      value.forEach((item) => visit(item, key));
    } else {
      for (const name of Object.keys(value)) visit(value[name], name);
    }
  };
  if (op.op === 'set') visit(op.value, op.key);
  if (op.op === 'coll') visit(op.value, op.coll && op.coll.key);
  visit(op.attrs, null);
  return found;
}

/**
 * Whether one of the collections a world knows finds, by id, a model it does not hold, or a
 * member by an id it no longer has (one that lost its id while leaving, then came back), or
 * does not find a member by its cid (a stale entry took a new model for another member), or
 * finds nothing by a member's id (Backbone deleted the entry under the id another member lost).
 */
function hasForeignLookup(session) {
  return knownCollections(session).some((collection) => collection && collection._byId && (Object.keys(collection._byId).some((key) => {
    const model = collection._byId[key];
    if (collection.models.indexOf(model) === -1) return true;
    return key !== model.cid && key !== String(collection.modelId(model.attributes, model.idAttribute));
  }) || collection.models.some((model) => {
    const id = collection.modelId(model.attributes, model.idAttribute);
    return collection._byId[model.cid] !== model || (id != null && collection._byId[id] === undefined);
  })));
}

/**
 * Whether, in 0.10.0's world, the collection a `coll` operation acted on holds a model created
 * in this step beside an older member with the same id: its lookup no longer found that member
 * by its id (Backbone's `set` adds no model whose id it finds), as when another member lost the
 * id it had shared with it.
 */
function addedBesideAMemberWithItsId(step, ref) {
  if (step.op.op !== 'coll') return false;
  const collection = collectionOf(ref.session, step.op.coll);
  if (!collection || !Array.isArray(collection.models)) return false;
  const created = new Set(ref.obs.created || []);
  const isNew = (model) => {
    const entry = ref.session.registry.byModel.get(model);
    return !!entry && created.has(entry.name);
  };
  const idOf = (model) => collection.modelId(model.attributes, model.idAttribute);
  return collection.models.some((model) => isNew(model) && idOf(model) != null
    && collection.models.some((other) => other !== model && !isNew(other) && String(idOf(other)) === String(idOf(model))));
}

/** The attributes objects an operation creates or sets models from (top-level ones). */
function topLevelAttributes(op) {
  if (op.attrs) return [op.attrs];
  if (op.op === 'coll') return [].concat(op.value || []).filter((value) => value && typeof value === 'object' && !value.$model);
  return [];
}

/**
 * Whether some attributes name an id, and data nested in them names that same id again (with
 * `byValue`, also as a bare id: `{ id: 1, occupants: [{ livesIn: 1 }] }`).
 */
function namesItselfInNestedData(op, byValue = false) {
  const namesId = (value, id) => {
    if (byValue && (typeof value === 'number' || typeof value === 'string')) return String(value) === String(id);
    if (!value || typeof value !== 'object' || value.$model) return false;
    if (Array.isArray(value)) return value.some((item) => namesId(item, id));
    // (As Backbone's id lookup does: 1 and "1" name the same model.)
    return (value.id !== undefined && value.id !== null && String(value.id) === String(id))
      || Object.keys(value).some((key) => key !== 'id' && namesId(value[key], id));
  };
  return topLevelAttributes(op).some((attrs) => attrs.id !== undefined && attrs.id !== null
    && Object.keys(attrs).some((key) => key !== 'id' && namesId(attrs[key], attrs.id)));
}

/** Whether 0.10.0 announced the removal of a model its collection did not hold (found by a stale id). */
function removedThroughStaleLookup(obs) {
  return (obs.events || []).some((event) => event && event.ev === 'remove' && event.args && event.args[2] && event.args[2].index === -1);
}

/**
 * Whether a `remove` returned, in 0.10.0's world, a model it does not return here: the
 * collections held the same models before the step (its observations were equal), so 0.10.0
 * found it through a stale id lookup (a silent remove announces no index -1 to tell).
 */
function removedWhatWasNotThere(step, ref, self) {
  if (step.op.op !== 'coll' || step.op.method !== 'remove') return false;
  const names = (obs) => [].concat(obs.result && obs.result.value !== undefined ? obs.result.value : [])
    .filter((value) => typeof value === 'string' && value.startsWith('@'));
  const here = new Set(names(self.obs));
  return names(ref.obs).some((name) => !here.has(name));
}

/** Whether the difference lies in a library's private properties (a name starting with `_`). */
function inPrivateProperties(diff) {
  const privateName = (value) => typeof value === 'string' && /^(change:)?_/.test(value);
  return diff.path.some(privateName) || privateName(diff.ref) || privateName(diff.self);
}

/** The event of this library's observation where the difference lies, if it lies in an event. */
function differingEvent(self, diff) {
  return diff.path[0] === 'events' && typeof diff.path[1] === 'number' ? self.obs.events[diff.path[1]] : undefined;
}

/** Whether an id of 0 is given to a model that exists already. */
function givesIdZeroLater(op) {
  if (op.op === 'set' && op.key === 'id' && op.value === 0) return true;
  if (op.op === 'setAttrs' && op.attrs && op.attrs.id === 0) return true;
  return false;
}

/**
 * Whether the difference is this library's `relational:change:id` for a model whose id is now 0
 * (given in any step that sets attributes: a merge, a reply). 0.10.0's `set` told the store of
 * a new id only when it was truthy; other differences of that usually come first, unless the
 * store collection no longer heard the model (an `off` step).
 */
function announcesIdZeroOnlyHere(self, diff) {
  const event = differingEvent(self, diff);
  if (!event || event.ev !== 'relational:change:id') return false;
  const entry = self.session.registry.entries.find((candidate) => candidate.name === event.on);
  return !!entry && entry.model.id === 0;
}

/**
 * Whether the difference is this library's `change:<key>` to `null` on a model from before
 * `store.reset` (which the invariant check does not cover) that fired no such event in 0.10.0's
 * world in this step: it pointed at an owner only here.
 */
function releasesModelOnlyHere(ref, self, diff) {
  const event = differingEvent(self, diff);
  if (!event || !/^change:/.test(event.ev) || !event.args || event.args[1] !== null) return false;
  const entry = self.session.registry.entries.find((candidate) => candidate.name === event.on);
  return !!entry && entry.retired && !(ref.obs.events || []).some((other) => other && other.on === event.on && other.ev === event.ev);
}

/**
 * Whether, in 0.10.0's world, a model destroyed or unregistered in this step took another model
 * sharing its id out of a collection (0.10.0 removed it from its relations by id).
 */
function removedAModelSharingTheId(step, ref) {
  const events = ref.obs.events || [];
  const modelNamed = (name) => {
    const entry = ref.session.registry.entries.find((candidate) => candidate.name === name);
    return entry && entry.model;
  };
  // The models the step let go of: those destroyed, or, for an unregister, those it took out
  // of relations.
  const gone = events.filter((event) => event && (event.ev === 'destroy' || (step.op.op === 'unregister' && event.ev === 'relational:remove' && event.args)))
    .map((event) => modelNamed(event.ev === 'destroy' ? event.on : event.args[0])).filter(Boolean);
  return events.some((event) => {
    if (!event || event.ev !== 'remove' || !event.args) return false;
    const removed = modelNamed(event.args[0]);
    return !!removed && gone.some((model) => model !== removed && model.id != null && String(model.id) === String(removed.id));
  });
}

/**
 * Whether, in 0.10.0's world, a model the application had let go of (destroyed, unregistered,
 * or from before `store.reset`) joined its store collection in this step: given an id by a
 * server's late answer, 0.10.0 registered it again.
 */
function registersAModelLetGo(ref) {
  const registry = ref.session.registry;
  return (ref.obs.events || []).some((event) => {
    if (!event || event.ev !== 'add' || !event.args || typeof event.args[1] !== 'string' || !event.args[1].startsWith('@store:')) return false;
    const entry = registry.entries.find((candidate) => candidate.name === event.on);
    return !!entry && (entry.destroyed || entry.unregistered || entry.retired);
  });
}

/**
 * Whether a HasMany of 0.10.0's world listens to a collection other than the one it holds (and
 * its type's store collection): what a set whose nested data set the same key on the same model
 * left behind there.
 */
function hasManyListensElsewhere(session) {
  for (const { model } of session.registry.entries) {
    const relations = model && model._relations;
    if (!relations) continue;
    for (const key of Object.keys(relations)) {
      const relation = relations[key];
      const related = relation && relation.related;
      if (!related || !related.models || !relation._listeningTo) continue;
      for (const id of Object.keys(relation._listeningTo)) {
        const listened = relation._listeningTo[id] && relation._listeningTo[id].obj;
        if (listened && listened.models && listened !== related && listened !== relation.relatedCollection) return true;
      }
    }
  }
  return false;
}

module.exports = [
  {
    name: 'id-0-given-later',
    why: 'migration.md 4: 0.10.0 never registered a model given the id 0 after its creation',
    matches: (step, ref, self, diff) => givesIdZeroLater(step.op) || announcesIdZeroOnlyHere(self, diff),
  },
  {
    name: 'includeInJSON-id-0',
    why: 'migration.md 30: 0.10.0 wrote a related model with id 0 as null, or as the id the key named before, under includeInJSON: idAttribute (in toJSON, and so in the data of a request)',
    matches: (step, ref, self, diff) => diff.self === 0 && diff.ref !== 0
      && (diff.path.includes('json') || (differingEvent(self, diff) || {}).on === 'server'),
  },
  {
    name: 'id-0-in-a-HasMany-list',
    why: 'migration.md 5: 0.10.0 dropped the id 0 from the list given to a HasMany (it tested the item for truth)',
    matches: (step) => listsIdZeroForHasMany(step.op),
  },
  {
    name: 'reset-releases-dropped-members',
    why: 'migration.md 1: the models a reset drops from a HasMany let go of its owner (change:<reverse key> to null, or silently in a silent reset); 0.10.0 left them pointing at it (the invariant check misses it for models from before store.reset)',
    matches: (step, ref, self, diff) => {
      if (step.op.op !== 'coll' || step.op.method !== 'reset') return false;
      const event = differingEvent(self, diff);
      if (event) return /^change:/.test(event.ev) && !!event.args && event.args[1] === null;
      // (A silent reset fires no event: the difference is then the attribute itself, of a model
      // the reset dropped.)
      return diff.path[0] === 'models' && diff.path[2] === 'attributes' && diff.self === null
        && typeof diff.ref === 'string' && diff.ref.startsWith('@') && droppedBy(self.session, step.op, diff.path[1]);
    },
  },
  {
    name: 'new-id-and-relation-data-in-one-set',
    why: 'migration.md 12: in the set that changed its id, 0.10.0 still found a model by its old id, not by its new one',
    matches: (step) => changesIdWithRelationData(step.op),
  },
  {
    // A silent set fires no change:id, so 0.10.0's lookups kept the old id to the end; its
    // nested data found the model by it and settled, while here it waits for that id, and the
    // next model given it takes the relation (as 0.10.0 does for any relation waiting for an id).
    name: 'old-id-named-in-a-silent-id-change',
    why: 'migration.md 12: in an earlier silent set that changed its id, 0.10.0 still found a model by its old id, so nothing waited for that id',
    matches: (step) => step.earlier.some((op) => op.op === 'setAttrs' && changesIdSilently(op)
      && Object.keys(op.attrs).some((key) => key !== 'id' && relatedTypesOf(key).length > 0)),
  },
  {
    name: 'id-lookup-given-a-model-sharing-a-member-s-id',
    why: 'migration.md 12: 0.10.0\'s collection set wrote a model that merely shared a member\'s id into the collection\'s id lookup, or left a stale entry (then announced a removal at index -1, or took a new model for the member the entry named), or deleted a member\'s entry when another member lost the id it had shared',
    matches: (step, ref, self) => hasForeignLookup(ref.session) || removedThroughStaleLookup(ref.obs) || removedWhatWasNotThere(step, ref, self)
      || addedBesideAMemberWithItsId(step, ref),
  },
  {
    name: 'internals-taken-as-attributes',
    why: 'migration.md 37: where both libraries take a model or a collection itself as attributes (a collection given to a HasOne, a model set on a collection whose model type is no longer found), its private properties are not the same ones',
    matches: (step, ref, self, diff) => inPrivateProperties(diff),
  },
  {
    name: 'unregister-takes-a-model-out-of-a-HasMany-of-another-type',
    why: 'migration.md 14: unregister takes a model out of every relation (the manual), also a HasMany of another type it was added to with add; 0.10.0 left it there',
    matches: (step, ref, self, diff) => step.op.op === 'unregister' && diff.ref === '~missing' && diff.self && diff.self.ev === 'remove',
  },
  {
    name: 'collection-given-to-a-HasMany',
    why: 'migration.md 2: 0.10.0 took a collection given to a HasMany as it was, its models not pointing back (the invariant check misses it for models from before store.reset; the difference may show only when such a model later leaves the relation: here it lets go of the owner, in 0.10.0 it never pointed at it)',
    matches: (step, ref, self, diff) => /"\$(coll|newColl)"/.test(JSON.stringify(step.op)) || releasesModelOnlyHere(ref, self, diff),
  },
  {
    name: 'nested-data-naming-the-model-being-created',
    why: 'migration.md 7: nested data naming the model being created set attributes its relations set up before never took (0.10.0 left the raw value in the attribute)',
    matches: (step) => namesItselfInNestedData(step.op),
  },
  {
    name: 'nested-create-removing-before-the-collection-exists',
    why: 'migration.md 18: a nested create naming the model being created made 0.10.0 ask that model\'s HasMany to remove a model before it had a collection (a TypeError halfway)',
    matches: (step, ref) => !!ref.obs.result && /reading 'get'/.test(ref.obs.result.error || '') && namesItselfInNestedData(step.op, true),
  },
  {
    name: 'model-created-naming-itself-by-id',
    why: 'migration.md 3: a model created naming itself by id in a relation ({ id: 1, children: [1] }, also in nested data) was not told to its reverse relation in 0.10.0, which broke the graph until a later change in the same step (a server\'s reply) put it right, so the invariant check at the end of the step missed it',
    matches: (step) => namesItselfInNestedData(step.op, true),
  },
  {
    name: 'sub-model-sibling-duplicate-id',
    why: 'migration.md 6: the first instance of a sub-model type took an id a sibling type\'s model had',
    matches: (step, ref, self) => !(ref.obs.result && ref.obs.result.error) && self.obs.result && /more than one Backbone.RelationalModel with the same id/.test(self.obs.result.error || ''),
  },
  {
    name: 'createModels-false-on-a-HasMany',
    why: 'migration.md 29: 0.10.0 created models from nested objects for Zoo.sponsors (createModels: false)',
    matches: (step) => JSON.stringify(step.op).includes('"sponsors"'),
  },
  {
    name: 'model-of-another-type-for-a-HasOne',
    why: 'migration.md 28: 0.10.0 merged the model\'s internals into a model of the related type as attributes',
    matches: (step) => setsModelOfAnotherType(step.op, false),
  },
  {
    name: 'model-of-another-type-for-a-HasMany',
    why: 'migration.md 15: a model of another type set on a HasMany is left out with a warning (0.10.0 added it as it was)',
    matches: (step) => setsModelOfAnotherType(step.op, true),
  },
  {
    name: 'getIdsToFetch-of-a-plain-attribute',
    why: 'migration.md 25: 0.10.0 threw a TypeError (getIdsToFetch with refresh, or getAsync, of a key that is not a relation)',
    matches: (step, ref) => (step.op.op === 'getIdsToFetch' || step.op.op === 'getAsync') && ref.obs.result
      && /reading 'related'/.test(ref.obs.result.error || ''),
  },
  {
    name: 'plain-model-in-a-HasMany',
    why: 'migration.md 27: 0.10.0 threw a TypeError looking for the reverse relation of a model without relations (in a server\'s response too)',
    matches: (step, ref) => (ref.obs.result && /getRelations is not a function/.test(ref.obs.result.error || ''))
      || (ref.obs.events || []).some((event) => event && event.on === 'timer' && /getRelations is not a function/.test(String(event.args))),
  },
  {
    name: 'created-but-not-added-released-at-once',
    why: 'migration.md 11: models a collection created but did not add do their relation work at the end of the set, not a tick later',
    matches: (step) => !!(step.op.options && step.op.options.add === false),
  },
  {
    name: 'destroy-removes-a-model-of-another-type-sharing-the-id',
    why: 'migration.md 15: a model of another type in a HasMany (given in a collection, or added with add or set) was taken out of it by 0.10.0 when the related model with its id was destroyed or unregistered',
    matches: (step, ref) => removedAModelSharingTheId(step, ref),
  },
  {
    name: 'HasMany-listening-to-a-nested-collection',
    why: 'migration.md 8: a HasMany set whose nested data set the same key on the same model left 0.10.0 listening to the nested collection while holding the outer one, so it did not hear (add:<key>, reverse relations) what was added to the one it holds',
    matches: (step, ref) => hasManyListensElsewhere(ref.session),
  },
  {
    name: 'id-given-to-a-model-let-go',
    why: 'migration.md 13: a model destroyed, unregistered or from before store.reset, given an id later (by a server\'s answer that came after), was registered again by 0.10.0; it stays out of the store',
    matches: (step, ref) => registersAModelLetGo(ref),
  },
  // Not differences of the library: of `_` itself, when this library's world has lodash.
  {
    name: 'lodash-sorts-missing-values-last',
    why: 'not this library: Backbone sorts with `_.sortBy`, which puts members whose comparator attribute is null first in underscore, last in lodash',
    matches: (step, ref) => SELF_HAS_LODASH && sortsByMissingValue(ref.session),
  },
  {
    name: 'lodash-collection-methods-taken-as-attributes',
    why: 'not this library: Backbone gives collections the `_` methods there are, and lodash 4 has none of underscore\'s aliases (collect, foldl, ...): a model given a collection as attributes takes other ones',
    matches: (step) => SELF_HAS_LODASH && givesCollectionAsData(step),
  },
  // (Last, as the next one: any later difference may come from it.)
  {
    name: 'old-id-kept-after-an-id-change-with-relation-data',
    why: 'migration.md 12: before Backbone 1.4, after a set that changed the id and set a relation, 0.10.0\'s store could keep the model under its old id and find it by that id later (the queued change:user listener of Person sets the model again before the change event that moves the id, which then sees no id change; by the end of the step the lookup is not stale, so the lookup check misses it)',
    matches: (step, ref) => firesNoIdEventWhenSilent(ref.session.world.Backbone) && step.earlier.some(changesIdWithRelationData),
  },
  // (Last: any difference after a silent id change on such a Backbone may come from it, so
  // the entries above name a difference first when they can.)
  {
    name: 'old-id-kept-after-a-silent-id-change',
    why: 'migration.md 12: before Backbone 1.4 a silent set that changes an id fires no event, and 0.10.0 left the model under its old id in every collection\'s lookup (its store\'s too), so it still found the model by that id, and not by the new one',
    matches: (step, ref) => firesNoIdEventWhenSilent(ref.session.world.Backbone) && step.earlier.some(changesIdSilently),
  },
];
