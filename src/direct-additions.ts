// Additions without Backbone's `set`
// ----------------------------------
//
// Backbone's `set` handles every case: it asks `get` about each model, merges, removes, sorts,
// and notes every cid it has seen in an object of its own, which in V8 gets a new hidden class
// for each cid (every model of a new graph has a cid no object has had yet). Two cases are
// simple: one model arriving in a relation's collection, and models all new to an empty
// collection (a new relation filling its collection, a `fetch` or `reset` of an empty
// collection). There, when the collection's methods on the way are Backbone's (as patched
// here), the models join as `set` would make them join: the same calls of the methods an
// application can see or replace, the same events with the same options, the same result.
// Anything else goes through Backbone's `set`.

import Backbone from 'backbone';
import {
  RelationalModel, hasKeys, entryUnderCid, lookupIdOf, convertsToPlainKey, addOneAsBackboneDoes, holdsRelationalModels,
  BACKBONE_MAJOR, BACKBONE_MINOR, PLAIN_KEY, keepHiddenClass, fillInCopy,
} from './internal';

type AnyCollection = Backbone.Collection<any> & Record<string, any>;

/** What `addNewModelsDirectly` returns when it left the models to Backbone's `set`. */
export const NOT_ADDED_DIRECTLY: unique symbol = Symbol('not added directly');

/**
 * Backbone 1.3 and later make `set`'s options with `_.extend({}, setOptions, options)` and add
 * the changes to them; 1.2 with `_.defaults`, whose treatment of keys that `Object.prototype`
 * has differs between underscore and lodash: there, `set` does it.
 */
const EXTENDS_SET_OPTIONS = BACKBONE_MAJOR > 1 || BACKBONE_MINOR >= 3;
/** Up to this many models (a relation's few), their keys are compared pairwise: no `Set` to make. */
const FEW_MODELS = 8;

/**
 * What `collection.set(models, options)` does when the collection is empty and `models` (one,
 * if `singular`; an array the caller gives up) are models new to it, and returns what it
 * returns; or `NOT_ADDED_DIRECTLY`, having done nothing, when that is not certain (a
 * comparator, an `at`, a method of the collection's own on the way, two models Backbone would
 * take for one, ...). `options` are those given to Backbone's `set`.
 */
export function addNewModelsDirectly(target: AnyCollection, models: any[], options: Record<string, any>, singular: boolean): unknown {
  const collection = target as any;
  // (No models: Backbone's `set` returns at once when given none, and an empty collection given
  // an empty list calls none of its methods, fires nothing, and returns a new empty list.)
  if (!models.length) return singular ? undefined : collection.length === 0 ? models : NOT_ADDED_DIRECTLY;
  if (!EXTENDS_SET_OPTIONS || collection.length !== 0 || collection._isStoreCollection || collection.models.length !== 0
    || collection.comparator || !usesBackbonesMethods(collection) || !haveDistinctKeys(collection, models)) return NOT_ADDED_DIRECTLY;
  const heard = setOptionsFrom(options);
  if (heard === null || !heard.add || heard.at != null) return NOT_ADDED_DIRECTLY;
  for (let i = 0; i < models.length; i++) {
    collection._prepareModel(models[i], heard);
    collection._addReference(models[i], heard);
  }
  const list = collection.models;
  for (let i = 0; i < models.length; i++) list.push(models[i]);
  collection.length = list.length;
  // (Backbone's `set` with `remove` replaces the models, and an empty collection's order
  // changed; decided before the listeners of `add`, who may change their options, are called.)
  const orderChanged = !!heard.remove;
  if (!heard.silent) {
    for (let i = 0; i < models.length; i++) models[i].trigger('add', models[i], collection, heard);
    if (orderChanged) collection.trigger('sort', collection, heard);
    heard.changes = { added: models.slice(), removed: [], merged: [] };
    keepHiddenClass(heard);
    collection.trigger('update', collection, heard);
  }
  // (Backbone returns a copy of the models it was given: `models` is the caller's own, as new.)
  return singular ? models[0] : models;
}

/** Whether what Backbone's `set` calls on the collection for new models is Backbone's own (as patched here). */
function usesBackbonesMethods(collection: any): boolean {
  const prototype = Backbone.Collection.prototype as any;
  return collection.get === prototype.get && collection._prepareModel === prototype._prepareModel
    && collection._addReference === prototype._addReference && collection._isModel === prototype._isModel
    && collection.modelId === prototype.modelId;
}

/**
 * `_.extend({}, {add: true, remove: true, merge: true}, options)`, as Backbone's `set` copies
 * its options; `null` for options with a `__proto__` key, which lodash's `extend` copies as a
 * property and underscore's as the prototype.
 */
function setOptionsFrom(options: Record<string, any>): Record<string, any> | null {
  const copy: Record<string, any> = {};
  copy.add = true;
  copy.remove = true;
  copy.merge = true;
  if (!copyOver(copy, options)) return null;
  keepHiddenClass(copy);
  return copy;
}

/** `_.extend(copy, options)`; `false`, half done, at a key `__proto__` (see `setOptionsFrom`). */
function copyOver(copy: Record<string, any>, options: Record<string, any> | null | undefined): boolean {
  for (const key in options) {
    if (key === '__proto__') return false;
    copy[key] = options[key];
  }
  return true;
}

/** `_.extend({merge: false}, options, {add: true, remove: false})`, as Backbone's `add` calls `set`. */
function addOptionsFrom(options: Record<string, any> | undefined): Record<string, any> | null {
  const copy: Record<string, any> = {};
  copy.merge = false;
  if (!copyOver(copy, options)) return null;
  copy.add = true;
  copy.remove = false;
  keepHiddenClass(copy);
  return copy;
}

/**
 * The options Backbone's `set` gives a model it adds, when it was called (by Backbone's `add`,
 * through the `set` patched here, which fills in `merge: false, parse: false`) with `announced`.
 * Backbone 1.3 and later copy those onto `{add: true, remove: true, merge: true}`; 1.2 copies
 * them with `_.defaults` onto `{}` (from which the patch's `_.defaults` had left out every key
 * that `Object.prototype` has, and `announced` has `add` and `remove`).
 */
function heardOptionsFrom(announced: Record<string, any>): Record<string, any> {
  const copy: Record<string, any> = {};
  if (EXTENDS_SET_OPTIONS) {
    // (In that order, with the values `announced` gives them.)
    copy.add = true;
    copy.remove = false;
  }
  copy.merge = false;
  copy.parse = false;
  return fillInCopy(copy, announced);
}

/**
 * The property key Backbone's `get` and `_addReference` use for `model`'s id in `_byId` (null
 * without an id); `undefined` when that key is not a plain string or number, or is the key
 * every model becomes itself.
 */
function idKeyOf(collection: any, model: any): string | null | undefined {
  const id = lookupIdOf(collection, model);
  if (id === null || id === undefined) return null;
  const key = typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined;
  return key === PLAIN_KEY ? undefined : key;
}

/**
 * Whether Backbone's `get` would find none of `models` in the collection, even after adding
 * the ones before it: each is a model that becomes "[object Object]" as a key, and their cids
 * and ids are all different keys, none in `_byId`. (The caller asked the collection about each
 * model already, but making a later model may have added an earlier one, and an empty
 * collection's `_byId` may still name a model whose id changed silently while it was a member.)
 */
function haveDistinctKeys(collection: any, models: any[]): boolean {
  const byId = collection._byId;
  if (byId[PLAIN_KEY]) return false;
  const keys: Array<string | null> = new Array(models.length);
  for (let i = 0; i < models.length; i++) {
    const model = models[i];
    const cid = model.cid;
    if (!(model instanceof Backbone.Model) || !convertsToPlainKey(model) || typeof cid !== 'string' || cid === PLAIN_KEY) return false;
    const key = idKeyOf(collection, model);
    if (key === undefined || entryUnderCid(collection, model as RelationalModel) || (key !== null && byId[key])) return false;
    keys[i] = key;
  }
  if (models.length > FEW_MODELS) return allDifferent(models, keys);
  for (let i = 1; i < models.length; i++) {
    const cid = models[i].cid;
    const key = keys[i];
    for (let j = 0; j < i; j++) {
      const otherCid = models[j].cid;
      const otherKey = keys[j];
      if (cid === otherCid || cid === otherKey || (key !== null && (key === otherCid || key === otherKey))) return false;
    }
  }
  return true;
}

function allDifferent(models: any[], keys: Array<string | null>): boolean {
  const seen = new Set<string>();
  let count = 0;
  for (let i = 0; i < models.length; i++) {
    seen.add(models[i].cid);
    count++;
    if (keys[i] !== null) {
      seen.add(keys[i] as string);
      count++;
    }
  }
  return seen.size === count;
}

/**
 * What `collection.add(model, options)` does for one new model in a collection of relational
 * models nobody listens to, without Backbone's general `set` machinery (a relation adds its
 * models one by one, as they arrive): the model joins the collection, hears `add` with the
 * options Backbone's `add` and `set` (and 0.10.0's `set`) would have made, and the addition is
 * announced with `relational:add`. The `update` event Backbone would then fire reaches no one.
 * Returns `false` (the caller then uses `add`) when the collection has listeners, a comparator,
 * a method of its own on the way, or the model already, or the options ask for more than that.
 */
export function addModelDirectly(target: AnyCollection, model: RelationalModel, options?: Record<string, any>): boolean {
  const prototype = Backbone.Collection.prototype as any;
  const collection = target as any;
  if (hasKeys(collection._events) || collection.comparator || collection.add !== prototype.add || collection.set !== prototype.set
    || collection._prepareModel !== prototype._prepareModel || collection._addReference !== prototype._addReference
    || !holdsRelationalModels(collection) || entryUnderCid(collection, model)
    || (model.id != null && collection._byId[model.id as any])
    || (options && (options.at != null || options.parse || options.sort !== undefined))) return false;
  // `add`'s options, as 0.10.0's `set` announces them; what the collection's `set` (as patched)
  // hands Backbone's; and Backbone's copy of those, which the model hears.
  const announced = addOptionsFrom(options);
  if (announced === null) return false;
  const heard = heardOptionsFrom(announced);
  addOneAsBackboneDoes(collection, model, heard);
  collection.trigger('relational:add', model, collection, announced);
  return true;
}
