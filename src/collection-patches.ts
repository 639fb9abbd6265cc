// Collection patches
// ------------------
//
// What `Backbone.Collection` learns, as in 0.10.0:
// - raw attributes become models through the model type's `findOrCreate` (for every
//   collection), so adding `{ id: 5 }` gives the registered instance of id 5 rather than a
//   second one, and the right sub-model type is built;
// - in collections of relational models, each model really added, removed, or the collection
//   reset or sorted, is announced with `relational:add`, `relational:remove`, `relational:reset`,
//   which the HasMany relation holding the collection (and the store) act on;
// - their `add`, `remove`, `reset` and `sort` events wait in the event queue, so listeners see
//   a consistent graph.
// Backbone's originals stay reachable as `__set`, `__prepareModel`, `___removeModels`,
// `__reset`, `__sort` and `__trigger`, as 0.10.0 left them.

import Backbone from 'backbone';
import {
  Relational, RelationalModel, memberOrUnderCid, copyOptions, copyWithCollection, withoutMergeOrParse, newIdIndex, hasKeys,
  offerToWaitingRelations, withdrawFromHolders, triggerAfter, storeHears, notifyListeningRelations, offEmulatedCollectionListeners, awaitsAddition, releaseUnaddedModels, releaseDroppedMembers,
  keepsSlots, removeFromSlots, afterStoreCollectionReset, forEachCollectionHolding, addNewModelsDirectly, NOT_ADDED_DIRECTLY,
  omitsCids, putCidsBack, admitId, mayOmitCidOf, memberUnderCid, entryUnderCid, getWithoutCids, noteCollectionGet, queueCall3, queueCall6,
} from './internal';

type AnyCollection = Backbone.Collection<any> & Record<string, any>;

/**
 * Whether a collection event waits in the event queue. (Compared, as 0.10.0 did: a lookup in an
 * object costs more, with the event names Backbone makes on the fly, `'change:' + key`.)
 */
function isQueuedEvent(name: string): boolean {
  return name === 'add' || name === 'remove' || name === 'reset' || name === 'sort';
}

/** The model event on which Backbone moves a model in a collection's id lookup. */
const ID_EVENT = /^1\.[23]\./.test((Backbone as any).VERSION) ? 'change' : 'changeId';

/** The id a model had before its current `set` (Backbone's `previousAttributes`, without the copy). */
function previousIdOf(collection: AnyCollection, model: any): unknown {
  const previous = model._previousAttributes;
  return previous ? (collection as any).modelId(previous, model.idAttribute) : undefined;
}

/**
 * Another model that holds, in `collection`'s id lookup, the id `model` had: the id-change
 * event of a relational model may have waited in the event queue (see `updateIdLookups`), and
 * another model taken that id meanwhile.
 */
function formerIdHolder(collection: AnyCollection, model: any): any {
  const previousId: any = previousIdOf(collection, model);
  if (previousId === null || previousId === undefined || previousId === model.id) return null;
  const holder = collection._byId[previousId];
  return holder && holder !== model ? holder : null;
}

function restoreIdHolder(collection: AnyCollection, model: any, holder: any): void {
  const previousId: any = previousIdOf(collection, model);
  if (!collection._byId[previousId]) collection._byId[previousId] = holder;
}

/** What Backbone's `_onModelEvent` does to the id lookup on the id-change event, keeping another model's entry. */
function moveInIdLookup(collection: AnyCollection, model: any): void {
  const previousId: any = previousIdOf(collection, model);
  const id: any = (collection as any).modelId(model.attributes, model.idAttribute);
  if (ID_EVENT === 'change' && previousId === id) return;
  moveIdEntry(collection, model, previousId, id);
}

/** In `collection`'s id lookup (if any), `model` moves from `previousId` to `id` (admitted first, see `admitId`); another model's entry for `previousId` stays. */
function moveIdEntry(collection: AnyCollection, model: unknown, previousId: any, id: any): void {
  const lookup: Record<string, any> | undefined = collection._byId;
  if (!lookup) return;
  admitId(collection, id);
  if (previousId !== null && previousId !== undefined && lookup[previousId] === model) delete lookup[previousId];
  if (id !== null && id !== undefined) lookup[id] = model;
}

const isPrototypeOf = Object.prototype.isPrototypeOf;

/** Whether a collection holds relational models (only those collections are affected). */
export function holdsRelationalModels(collection: AnyCollection): boolean {
  const model = collection.model as any;
  // (`model.prototype instanceof RelationalModel`, without the generic `instanceof`: about half
  // the time, and this runs for every event a collection hears.)
  return !!model && isPrototypeOf.call(RelationalModel.prototype, model.prototype);
}

/** Install the patches on `Backbone.Collection.prototype` (once). */
export function patchCollection(): void {
  const prototype = Backbone.Collection.prototype as any;
  if (prototype.__relationalPatched) return;
  Object.defineProperty(prototype, '__relationalPatched', { value: true });

  // (In 0.10.0's order: these names are enumerable on every collection.)
  prototype.__prepareModel = prototype._prepareModel;
  const originalSet = prototype.__set = prototype.set;
  const originalRemoveModels = prototype.___removeModels = prototype._removeModels;
  const originalReset = prototype.__reset = prototype.reset;
  const originalSort = prototype.__sort = prototype.sort;
  const originalTrigger = prototype.__trigger = prototype.trigger;
  const originalOnModelEvent = prototype._onModelEvent;
  const originalInternalReset = prototype._reset;
  const originalAddReference = prototype._addReference;
  const originalRemoveReference = prototype._removeReference;

  /**
   * A store collection hears its models through `model._storeHandler` rather than a Backbone
   * handler (see `model-events.ts`); any other collection, as Backbone does.
   */
  prototype._addReference = function (this: AnyCollection, model: any, options?: any) {
    if (!this._isStoreCollection || !(model instanceof RelationalModel) || !storeHears(this, model)) {
      // (Backbone's handler then moves the model in `_byId` to whatever id it takes.)
      if (omitsCids(this)) putCidsBack(this);
      return originalAddReference.call(this, model, options);
    }
    const id = (this as any).modelId(model.attributes, model.idAttribute);
    // The cid stays out only for a model the slots hold already (see `store-cid-lookup.ts`).
    if (omitsCids(this) && !(memberUnderCid(this, model) && mayOmitCidOf(model, id))) putCidsBack(this);
    // (A cid left out is not made a property key either: most store models are never looked up
    // by cid, and a model joining another collection has it made one there, as in Backbone.)
    if (!omitsCids(this)) this._byId[model.cid] = model;
    if (id != null) this._byId[id] = model;
  };

  /** A store collection leaving cids out of `_byId` answers as if they were in (see `store-cid-lookup.ts`). */
  const originalGet = prototype.get;
  prototype.get = function (this: AnyCollection, obj: unknown) {
    if (this._cidsOmitted) return getWithoutCids(this, obj, originalGet);
    return originalGet.call(this, obj);
  };
  noteCollectionGet(prototype.get);

  prototype._removeReference = function (this: AnyCollection, model: any, options?: any) {
    originalRemoveReference.call(this, model, options);
    if (model && model._storeHandler === this) model._storeHandler = null;
  };

  /** An emptied collection of relational models gets a `_byId` made by `newIdIndex`. */
  prototype._reset = function (this: AnyCollection) {
    originalInternalReset.call(this);
    if (holdsRelationalModels(this)) this._byId = newIdIndex();
    afterStoreCollectionReset(this);
  };

  /**
   * Build models through `findOrCreate`, so a model found in the store is updated (merged) and
   * returned instead of a duplicate, and the right sub-model type is built.
   */
  prototype._prepareModel = function (this: AnyCollection, attrs: any, options?: any) {
    if (attrs instanceof Backbone.Model) {
      if (!attrs.collection) attrs.collection = this;
      return attrs;
    }
    const settings: any = copyWithCollection(options, this);
    const modelType = this.model as any;
    let model;
    if (typeof modelType.findOrCreate !== 'undefined') model = modelType.findOrCreate(attrs, settings);
    // A model "type" that is a plain function (Backbone allows it) is called, not constructed.
    else model = modelType.prototype ? new modelType(attrs, settings) : modelType(attrs, settings);
    if (model && model.validationError) {
      this.trigger('invalid', this, attrs, settings);
      model = false;
    }
    return model;
  };

  /**
   * Turn each item into a model (found in the store and merged by `findOrCreate`, or created),
   * let Backbone add them in one batch, then announce the models that were really added.
   */
  prototype.set = function (this: AnyCollection, models: any, options?: any) {
    if (!holdsRelationalModels(this)) return originalSet.call(this, models, options);
    if (options && options.parse) models = this.parse(models, options);
    const singular = !Array.isArray(models);
    const items: any[] = singular ? (models ? [models] : []) : models.slice();
    const toAdd: any[] = [];
    const newModels: any[] = [];
    let present: any[] | null = null;
    for (const item of items) {
      const model = item instanceof Backbone.Model ? item : prototype._prepareModel.call(this, item, options);
      if (!model) continue;
      toAdd.push(model);
      const found = memberOrUnderCid(this, model);
      if (!found) {
        newModels.push(model);
      } else if (found === model || entryUnderCid(this, model) === model) {
        // (A model merely sharing the id of a member is neither added nor announced. Whether it
        // is a member itself is read from `_byId`: 0.10.0 asked a collection's `get` no more.)
        (present || (present = [])).push(model);
        // A model that got its id while being created here (nested data, say) may be missing
        // from the id lookup still; and where two members share an id (one given it after it
        // joined), the lookup names the one given now, as in 0.10.0. (0.10.0 also wrote there
        // a model merely sharing the id of a member, which then no longer found that member.)
        if (model.id !== null && model.id !== undefined) {
          admitId(this, model.id);
          this._byId[model.id] = model;
        }
      }
    }
    // A model that was here, but that creating a later one took out again (its nested data
    // moving it elsewhere), is added anew below, and must be announced like the new ones.
    // (0.10.0 re-added it without a word, so its reverse relation pointed elsewhere. It asked
    // nothing more here: the question is put to `_byId` itself, not to `get` and `modelId`,
    // which a collection may have of its own.)
    if (present) {
      for (const model of present) {
        if (entryUnderCid(this, model) !== model && newModels.indexOf(model) === -1) newModels.push(model);
      }
    }
    // Merged (and parsed) already by `findOrCreate`.
    const settings = withoutMergeOrParse(options);
    let result = present || newModels.length !== toAdd.length ? NOT_ADDED_DIRECTLY : addNewModelsDirectly(this, toAdd, settings, singular);
    if (result === NOT_ADDED_DIRECTLY) result = originalSet.call(this, singular ? (toAdd.length ? toAdd[0] : null) : toAdd, settings);
    // Each added model is announced even if a listener fails for another (then the first error
    // is rethrown): 0.10.0 stopped at the error, leaving the rest unlinked on the other side.
    announceEach(this, 'relational:add', newModels, options, true);
    // Models created here that were not added after all (`add: false`, a duplicate) do their
    // queued relation work now, rather than a tick later with the graph inconsistent meanwhile.
    releaseUnaddedModels(this, toAdd);
    return result;
  };

  /** Every model removed (by `remove`, or by `set` dropping it) is announced. */
  prototype._removeModels = function (this: AnyCollection, models: any[], options: any) {
    if (!holdsRelationalModels(this)) return originalRemoveModels.call(this, models, options);
    const toRemove: any[] = [];
    for (const item of models) {
      const model = memberOrUnderCid(this, item);
      if (model) toRemove.push(model);
    }
    const result = keepsSlots(this) ? removeFromSlots(this, toRemove, options) : originalRemoveModels.call(this, toRemove, options);
    // (As for additions in `set`.)
    announceEach(this, 'relational:remove', toRemove, options, false);
    return result;
  };

  /** `reset` merges into found models by default, and is announced. */
  prototype.reset = function (this: AnyCollection, models?: any, options?: any) {
    const settings = { merge: true, ...options };
    const previousModels = this.models;
    const result = originalReset.call(this, models, settings);
    if (holdsRelationalModels(this)) {
      releaseDroppedMembers(this, previousModels, settings);
      this.trigger('relational:reset', this, settings);
    }
    return result;
  };

  /** A sort is announced like a reset (the order of the relation's models changed). */
  prototype.sort = function (this: AnyCollection, options?: any) {
    const result = originalSort.call(this, options);
    if (holdsRelationalModels(this)) this.trigger('relational:reset', this, options);
    return result;
  };

  /**
   * Backbone moves a model in the id lookup when its id-change event (`changeId`, or `change` on
   * Backbone 1.2–1.3) reaches the collection. For a relational model that event may have waited
   * in the event queue while the lookup was kept right already (see `updateIdLookups`), and
   * another model may have taken the old id meanwhile: its entry is kept.
   */
  prototype._onModelEvent = function (this: AnyCollection, event: string, model: any) {
    const isIdEvent = event === ID_EVENT && model instanceof RelationalModel;
    if (!hasKeys(this._events) && !(event.length > 11 && event.startsWith('relational:'))) {
      // Backbone would pass the event on to no one, so only its own bookkeeping is done.
      // (Relational events reach the relations and the store, which listen without handlers.)
      if (isIdEvent) {
        moveInIdLookup(this, model);
        return;
      }
      if (!isQueuedEvent(event) && event !== 'destroy') return;
    }
    if (!isIdEvent) return originalOnModelEvent.apply(this, arguments);
    admitId(this, (this as any).modelId(model.attributes, model.idAttribute));
    const holder = formerIdHolder(this, model);
    const result = originalOnModelEvent.apply(this, arguments);
    if (holder) restoreIdHolder(this, model, holder);
    return result;
  };

  /**
   * `add`, `remove`, `reset` and `sort` wait in the event queue; the relational events reach the
   * relations (and the store) that listen for them first.
   */
  prototype.trigger = function (this: AnyCollection, eventName: string) {
    if (!holdsRelationalModels(this)) return originalTrigger.apply(this, arguments);
    if (isQueuedEvent(eventName)) {
      queueCollectionEvent(this, originalTrigger, arguments);
      return this;
    }
    if (eventName.length > 11 && eventName.startsWith('relational:')) {
      const args = arguments;
      triggerAfter(this, originalTrigger, args, deliverRelationalEvent);
      return this;
    }
    return originalTrigger.apply(this, arguments);
  };

  /**
   * Backbone's `off`, which also removes the handlers the relations listening to this collection
   * emulate, as 0.10.0's would go (see `offEmulatedCollectionListeners`).
   */
  const originalOff = prototype.off;
  prototype.off = function (this: AnyCollection, name?: unknown, callback?: unknown, context?: unknown) {
    if (this._listeningRelations || this._isStoreCollection) offEmulatedCollectionListeners(this, name, callback, context);
    return originalOff.apply(this, arguments);
  };
}

/**
 * `model`'s id changed from `previousId`: every collection holding it finds it by its new id at
 * once. (Backbone updates a collection's id lookup on the model's id-change event, which waits
 * in the event queue while relations are updated; meanwhile 0.10.0 could not find the model by
 * its new id, created a second one with it, or found it by its old id.)
 */
export function updateIdLookups(model: RelationalModel, previousId: unknown): void {
  const store: any = model._storeHandler;
  if (store) moveIdEntry(store, model, previousId, model.id);
  forEachCollectionHolding(model, (collection) => moveIdEntry(collection as AnyCollection, model, previousId, model.id));
}

/**
 * Queue a collection's `add`, `remove`, `reset` or `sort` event (`args`, the name first). Its
 * options (the fourth argument of `add` and `remove`) are copied, as they may change while the
 * event waits.
 */
function queueCollectionEvent(collection: AnyCollection, trigger: Function, args: IArguments): void {
  const queue = Relational.eventQueue;
  if (args[3] === null || typeof args[3] !== 'object') {
    queueCall3(queue, applyTrigger, trigger, collection, args);
  } else if (args.length === 4) {
    queueCall6(queue, callTrigger, trigger, collection, args[0], args[1], args[2], copyOptions(args[3]));
  } else {
    const copy = Array.prototype.slice.call(args);
    copy[3] = copyOptions(copy[3]);
    queueCall3(queue, applyTrigger, trigger, collection, copy);
  }
}

/** `trigger` on `collection` with `args` (a queued collection event). */
function applyTrigger(trigger: Function, collection: AnyCollection, args: ArrayLike<unknown>): void {
  trigger.apply(collection, args);
}

/** `trigger` on `collection` with a name and three arguments (a queued collection event). */
function callTrigger(trigger: Function, collection: AnyCollection, name: unknown, first: unknown, second: unknown, options: unknown): void {
  trigger.call(collection, name, first, second, options);
}

/**
 * Trigger `eventName` for each of `models` on `collection` (for those it holds, with `ifHeld`).
 * Each is announced even if a listener fails for another; the first error is rethrown.
 */
function announceEach(collection: AnyCollection, eventName: string, models: any[], options: unknown, ifHeld: boolean): void {
  let failure: { error: unknown } | null = null;
  for (let i = 0; i < models.length; i++) {
    const model = models[i];
    try {
      if (!ifHeld || memberOrUnderCid(collection, model)) collection.trigger(eventName, model, collection, options);
    } catch (error) {
      if (!failure) failure = { error };
    }
  }
  if (failure) throw failure.error;
}

/** Hand a relational event (`args`, the name first) on `collection` to what listens for it (see `relation-dispatch.ts`). */
function deliverRelationalEvent(collection: AnyCollection, args: ArrayLike<any>): void {
  const eventName = args[0];
  const model = args[1];
  if (collection._isStoreCollection) {
    if (eventName === 'relational:add' || eventName === 'relational:change:id') offerToWaitingRelations(collection, model, args[3], eventName !== 'relational:add');
    else if (eventName === 'relational:remove') withdrawFromHolders(collection, model, args[3]);
    return;
  }
  const awaiting = eventName === 'relational:add' && awaitsAddition(collection, model) ? model : null;
  notifyListeningRelations(collection, eventName, args, awaiting);
}

/**
 * `Backbone.Relational.Collection`: a `Backbone.Collection` subclass, the default
 * `collectionType` of a HasMany, and a base for collections of relational models.
 */
export const RelationalCollection = Backbone.Collection.extend({}) as typeof Backbone.Collection;
