// Store collections
// -----------------
//
// A store collection is a plain `Backbone.Collection` of every registered model of a type
// hierarchy, in registration order (as in 0.10.0; applications reach it through
// `store.getCollection`). Backbone keeps members in an array, so taking one out is a search and
// a splice over all of them: destroying the models of a type one by one was quadratic.
//
// So until something reads its `models`, a store collection keeps its members in registration
// order in numbered slots (`ordered-slots.ts`), with a Fenwick tree counting the occupied
// ones: a model joins in O(1), leaves in O(log n), and the index Backbone gives the `remove`
// event is the number of members before its slot. The first read of `models` (by an application, or by Backbone's
// own methods: `each`, `at`, `indexOf`, a `set` that adds through Backbone, ...) builds
// Backbone's array, and from then on the collection is a Backbone collection like any other,
// so whoever holds that array sees it change exactly as Backbone's would. Emptying the
// collection (`_reset`) starts again with slots.

import Backbone from 'backbone';
import {
  RelationalModel, ModelSlots, memberOf, newIdIndex, offerToWaitingRelations, putCidsBack, startOmittingCids,
  stopOmittingCids, restoreMissingCids, BACKBONE_MAJOR, BACKBONE_MINOR, type Members,
} from './internal';

/** What this module uses of a store collection: Backbone's internals, and its own state. */
interface SlotCollection {
  [name: string]: any;
  models: RelationalModel[];
  length: number;
  _byId: Record<string, RelationalModel>;
  get(item: unknown): RelationalModel | undefined;
  modelId(attributes: object, idAttribute?: string): string | number | null | undefined;
  _removeReference(model: RelationalModel, options?: object): void;
  _members: Members | null;
  _weakHolding: WeakHolding | null;
  _array: RelationalModel[] | null;
  _arrayLength: number;
  /** While set, what `models` reads of a collection holding its members weakly (see `emptyStoreCollection`). */
  _pinned: RelationalModel[] | null;
  /** Whether `_byId` leaves the members' cids out (see `store-cid-lookup.ts`). */
  _cidsOmitted: boolean;
}

/** Backbone 1.2 clears the id lookup after the `remove` event (in `_removeReference`), later ones before. */
const LOOKUP_CLEARED_BEFORE_EVENT = BACKBONE_MAJOR > 1 || BACKBONE_MINOR >= 3;
/** Backbone 1.5 takes `index` back out of the options once the models are removed. */
const INDEX_TAKEN_BACK = BACKBONE_MAJOR > 1 || BACKBONE_MINOR >= 5;
/** Backbone 1.2's `_removeModels` returns `false` when it removed nothing. */
const NOTHING_REMOVED_IS_FALSE = BACKBONE_MAJOR === 1 && BACKBONE_MINOR <= 2;
/** Backbone 1.3 and later add the changes to the options of `update`. */
const CHANGES_IN_UPDATE_OPTIONS = BACKBONE_MAJOR > 1 || BACKBONE_MINOR >= 3;

/** How a store collection that forgets holds its members and ids (see `forgetting-store.ts`). */
export interface WeakHolding {
  members(): Members;
  idIndex(): Record<string, any>;
}

/**
 * A new, empty store collection for `modelType`: a `Backbone.Collection` whose `length` and
 * `models` read the slots or the array. (They are made accessors before Backbone's constructor
 * runs: turning its data properties into accessors afterwards would leave the object in V8's
 * slow dictionary mode.)
 */
export function createStoreCollection(modelType: unknown, weakHolding: WeakHolding | null): Backbone.Collection<RelationalModel> {
  const collection = Object.create(Backbone.Collection.prototype) as SlotCollection;
  Object.defineProperty(collection, 'length', { get: readLength, set: writeLength, enumerable: true, configurable: true });
  Object.defineProperty(collection, 'models', { get: readModels, set: writeModels, enumerable: true, configurable: true });
  Object.defineProperty(collection, '_isStoreCollection', { value: true });
  Object.defineProperty(collection, '_members', { value: null, writable: true });
  Object.defineProperty(collection, '_array', { value: [], writable: true });
  Object.defineProperty(collection, '_arrayLength', { value: 0, writable: true });
  Object.defineProperty(collection, '_weakHolding', { value: weakHolding, writable: true });
  Object.defineProperty(collection, '_pinned', { value: null, writable: true });
  Object.defineProperty(collection, '_cidsOmitted', { value: false, writable: true });
  // An application's `off` calls on it, as the relations listening to it hear them (see `application-off.ts`).
  Object.defineProperty(collection, '_storeOffs', { value: null, writable: true });
  (Backbone.Collection as unknown as Function).call(collection);
  collection.model = modelType;
  useSlots(collection);
  collection._byId = weakHolding ? weakHolding.idIndex() : newIdIndex();
  return collection as unknown as Backbone.Collection<RelationalModel>;
}

// A collection that holds its members weakly never gets an array: `models` is a copy of the
// living members each time it is read, and assigning `models` (as Backbone's `_reset` and
// `sort` do) puts those models in the slots.

function readModels(this: SlotCollection): RelationalModel[] {
  const members = this._members;
  if (members) {
    if (members.weak) return this._pinned || members.toArray();
    useArray(this);
  }
  return this._array as RelationalModel[];
}

function writeModels(this: SlotCollection, models: RelationalModel[]): void {
  this._pinned = null;
  const members = this._members;
  if (members && members.weak) {
    useSlots(this);
    for (const model of models) (this._members as Members).append(model);
    return;
  }
  if (members) useArray(this);
  this._array = models;
}

function readLength(this: SlotCollection): number {
  return this._members ? this._members.size : this._arrayLength;
}

function writeLength(this: SlotCollection, length: number): void {
  const members = this._members;
  if (members && members.weak) return;
  if (members) useArray(this);
  this._arrayLength = length;
}

/** Keep the members in slots (the collection must be empty, with a new `_byId`). */
function useSlots(collection: SlotCollection): void {
  collection._members = collection._weakHolding ? collection._weakHolding.members() : new ModelSlots();
  collection._array = null;
  // (A forgetting store's id lookup is its own: it keeps cids, see `forgetting-store.ts`.)
  if (collection._weakHolding) collection._cidsOmitted = false;
  else startOmittingCids(collection);
}

/** Keep the members in Backbone's array from now on (and their cids in `_byId`, as Backbone does). */
function useArray(collection: SlotCollection): void {
  putCidsBack(collection);
  const members = collection._members as Members;
  collection._members = null;
  collection._array = members.toArray();
  collection._arrayLength = members.size;
}

/** Whether `collection` is a store collection still keeping its members in slots. */
export function keepsSlots(target: object): boolean {
  const collection = target as SlotCollection;
  return !!collection._members;
}

/** After Backbone's `_reset` of a store collection: empty, it keeps its members in slots again. */
export function afterStoreCollectionReset(target: object): void {
  const collection = target as SlotCollection;
  if (!collection._isStoreCollection) return;
  if (collection._weakHolding) collection._byId = collection._weakHolding.idIndex();
  else if (!collection._members && collection._arrayLength === 0) useSlots(collection);
}

/**
 * Make an empty store collection hold its models weakly (`holding`) or as they are (`null`),
 * with a new id lookup (see `forgetting-store.ts`).
 */
export function setWeakHolding(target: object, holding: WeakHolding | null): void {
  const collection = target as SlotCollection;
  collection._weakHolding = holding;
  useSlots(collection);
  collection._arrayLength = 0;
  collection._byId = holding ? holding.idIndex() : newIdIndex();
}

/** Whether `collection` is a store collection that holds its models weakly. */
export function holdsWeakly(target: object): boolean {
  return !!(target as SlotCollection)._weakHolding;
}

/**
 * What Backbone's `add` does with one new model of `collection` (a store collection, or any
 * other): the model is prepared and referenced, goes last (into the slots while a store
 * collection keeps them), and hears `add` with `heard`, the options Backbone's `set` gives it
 * (unless `silent`). Backbone then adds the changes to those options for `update`: a listener
 * of the model that kept them sees that.
 */
export function addOneAsBackboneDoes(target: object, model: RelationalModel, heard: Record<string, any>): void {
  const collection = target as SlotCollection;
  const mayBeKept = mayKeepOptions(model, collection);
  (Backbone.Collection.prototype as any)._prepareModel.call(collection, model, heard);
  const members = collection._members;
  // (In the slots first: a store collection then leaves its cid out of `_byId`.)
  if (members) members.append(model);
  collection._addReference(model, heard);
  if (!members) {
    collection.models.push(model);
    collection.length = collection.models.length;
  }
  if (heard.silent) return;
  model.trigger('add', model, collection, heard);
  if (CHANGES_IN_UPDATE_OPTIONS && mayBeKept) heard.changes = { added: [model], removed: [], merged: [] };
}

const eventsTrigger = (Backbone.Events as any).trigger;

/**
 * Whether anything but the collections' own bookkeeping may hear `model`'s `add` event and keep
 * its options: a handler of the model's other than a collection's `_onModelEvent` (which passes
 * the event on only for its own collection: this one, whose `trigger` queues a copy of the
 * options), or a `trigger` an application replaced on the way.
 */
function mayKeepOptions(model: RelationalModel, collection: SlotCollection): boolean {
  const prototype = Backbone.Collection.prototype as any;
  if (model.trigger !== RelationalModel.prototype.trigger || (Backbone.Model.prototype as any).trigger !== eventsTrigger
    || collection.trigger !== prototype.trigger || collection._onModelEvent !== prototype._onModelEvent) return true;
  const events = (model as any)._events;
  if (!events) return false;
  if (events.add && events.add.length) return true;
  const all = events.all;
  if (all) for (let i = 0; i < all.length; i++) if (all[i].callback !== prototype._onModelEvent) return true;
  return false;
}

/**
 * `reset([])` of a store collection (what `store.unregister` does to a whole type). Backbone's
 * `reset` reads `models` once per member, and a collection holding its members weakly makes a
 * new copy at each read: the copy it made first is read throughout, until `reset` assigns
 * `models` (the models in it stay alive no longer than the current job would keep them anyway).
 */
export function emptyStoreCollection(target: object): void {
  const collection = target as SlotCollection;
  if (collection._members && collection._members.weak) collection._pinned = collection._members.toArray();
  // (Every member leaves, and `reset` drops the `_byId`: their cids need not go back into it.)
  const cidsLeftOut = stopOmittingCids(collection);
  try {
    (collection as unknown as Backbone.Collection).reset([]);
  } finally {
    collection._pinned = null;
    // A `reset` that failed halfway leaves members, which must be found by cid again.
    if (cidsLeftOut && collection.length) restoreMissingCids(collection);
  }
}

/** The members of a store collection in order, without building Backbone's array (for observers). */
export function storeCollectionMembers(target: object): RelationalModel[] {
  const collection = target as SlotCollection;
  return collection._members ? collection._members.toArray() : collection.models.slice();
}

/**
 * Backbone's `_removeModels` for a store collection that keeps its members in slots: the same
 * steps, events, options and result as the running Backbone version's, without the array.
 */
export function removeFromSlots(target: object, models: unknown[], options: Record<string, any>): RelationalModel[] | false {
  const collection = target as SlotCollection;
  let removed: RelationalModel[] = [];
  for (let i = 0; i < models.length; i++) {
    const model = memberOf(collection, models[i]);
    if (!model) continue;
    // A listener of an earlier removal may have read `models` (the collection is Backbone's own
    // from then on); and a model found by id but not among the members (not a state this
    // library makes) gets Backbone's own steps, whatever they do.
    const members = collection._members;
    const index = members ? members.remove(model) : -1;
    if (index === -1 && members && members.weak) continue;
    if (index === -1) {
      if (members) useArray(collection);
      const rest = (Backbone.Collection.prototype as any).___removeModels.call(collection, models.slice(i), options);
      removed = removed.concat(rest || []);
      break;
    }
    if (LOOKUP_CLEARED_BEFORE_EVENT) {
      delete collection._byId[model.cid];
      const id = collection.modelId(model.attributes, model.idAttribute);
      if (id != null) delete collection._byId[id as string];
    }
    if (!options.silent) {
      options.index = index;
      model.trigger('remove', model, collection, options);
    }
    removed.push(model);
    collection._removeReference(model, options);
  }
  if (INDEX_TAKEN_BACK && models.length > 0 && !options.silent) delete options.index;
  return NOTHING_REMOVED_IS_FALSE && !removed.length ? false : removed;
}


/**
 * Whether `model` is a member of `collection` (`_byId` holds it under its cid). While the
 * members are in slots, the model's slot says so: a new model's cid has never been a property
 * key, and looking such a string up is the costly part of registering a model.
 */
function isMember(collection: SlotCollection, model: RelationalModel): boolean {
  const members = collection._members;
  if (members && !members.weak) return members.has(model);
  return !!collection._byId[model.cid];
}

/**
 * What `collection.add(model)` does for a new model in a store collection nobody listens to,
 * without Backbone's general `set` machinery (the cost of registering every model): the model
 * joins the collection, hears `add` (with the options Backbone would give it), and the
 * relations waiting for its id are offered it. The `update` event Backbone would then fire
 * reaches no one. Returns `false` (the caller then uses `add`) when the collection has
 * listeners, a comparator or the model already, or was given another `add` or `set`.
 */
export function addToStoreCollection(target: object, model: RelationalModel): boolean {
  const collection = target as SlotCollection;
  const prototype = Backbone.Collection.prototype as any;
  if (isMember(collection, model) || (model.id != null && collection._byId[model.id as any])) return false;
  // (A store collection that forgets has no array for Backbone's `add` to put the model in.)
  const weak = holdsWeakly(collection);
  if (!weak && (collection._events || collection.comparator || collection.add !== prototype.add || collection.set !== prototype.set)) return false;
  // The options Backbone's `add` and 0.10.0's `set` make: `add`'s, then `set`'s own copy.
  const addOptions = { merge: false, add: true, remove: false };
  const options: Record<string, any> = { add: true, remove: false, merge: false, parse: false };
  addOneAsBackboneDoes(collection, model, options);
  if (weak && collection._events) {
    // What Backbone's `add` and 0.10.0's `set` would then fire, for the listeners.
    if (CHANGES_IN_UPDATE_OPTIONS) options.changes = { added: [model], removed: [], merged: [] };
    collection.trigger('update', collection, options);
    collection.trigger('relational:add', model, collection, addOptions);
  } else {
    offerToWaitingRelations(collection as any, model, addOptions);
  }
  return true;
}
