// Collection patches
// ------------------
//
// Backbone.Collection is patched (for collections whose `model` is a RelationalModel only) so
// that collections take part in the identity map and the event queue:
// - raw attributes become models through `findOrCreate`, so adding `{ id: 5 }` gives the
//   registered instance of id 5 rather than a second one;
// - additions, removals and resets are reported to the HasMany relation owning the collection
//   (if any), which keeps the reverse side in step, and as `relational:add`,
//   `relational:remove` and `relational:reset` events;
// - the `add`, `remove`, `reset`, `sort` and `update` events wait in the event queue, so
//   listeners only see a consistent graph.

import Backbone from 'backbone';
import { Relational, RelationalModel, hasListeners, newIdIndex, releaseDeferred, whileBlocked } from './internal';

type AnyCollection = Backbone.Collection<any> & Record<string, any>;

/** Collection events that wait in the event queue. */
const QUEUED_EVENTS: Record<string, true> = { add: true, remove: true, reset: true, sort: true, update: true };

/** Whether a collection holds relational models (only those collections are affected). */
function holdsRelationalModels(collection: AnyCollection): boolean {
  const model = collection.model as any;
  const prototype = model && model.prototype;
  return !!prototype && prototype._isRelationalModel === true;
}

/** Install the patches on `Backbone.Collection.prototype` (once). */
export function patchCollection(): void {
  const prototype = Backbone.Collection.prototype as any;
  if (prototype.__relationalPatched) return;
  Object.defineProperty(prototype, '__relationalPatched', { value: true });

  const originalSet = prototype.set;
  const originalPrepareModel = prototype._prepareModel;
  const originalRemoveModels = prototype._removeModels;
  const originalReset = prototype.reset;
  const originalInternalReset = prototype._reset;
  const originalSort = prototype.sort;
  const originalTrigger = prototype.trigger;
  const originalAddReference = prototype._addReference;
  // 0.10.0 kept the originals under these names; some applications call them.
  prototype.__set = originalSet;
  prototype.__prepareModel = originalPrepareModel;
  prototype.__remove = prototype.remove;
  prototype.__reset = originalReset;
  prototype.__sort = originalSort;
  prototype.__trigger = originalTrigger;

  /**
   * Turn each item into a model (found in the store, merged and parsed by `findOrCreate`), let
   * Backbone add them in one batch, then report the models that were really added.
   */
  prototype.set = function (this: AnyCollection, models: any, options?: any) {
    if (!holdsRelationalModels(this)) return originalSet.call(this, models, options);
    const eventQueue = Relational.eventQueue;
    eventQueue.block();
    try {
      return relationalSet(this, models, options);
    } finally {
      eventQueue.unblock();
    }
  };

  function relationalSet(self: AnyCollection, models: any, options?: any) {
    if (options && options.parse) models = self.parse(models, options);
    const singular = !Array.isArray(models);
    const items: any[] = singular ? (models ? [models] : []) : models.slice();
    const prepared: RelationalModel[] = [];
    for (const item of items) {
      const model = item instanceof Backbone.Model ? item : (self as any)._prepareModel(item, options);
      if (model) prepared.push(model);
    }
    // Backbone's `set` tells `_addReference` of each model it really adds (see below).
    const outer = adding;
    const added: RelationalModel[] = [];
    adding = { collection: self, added };
    let result;
    try {
      // (Backbone's `set` copies its options, so options that say so already are passed as they are.)
      const setOptions = options && options.merge === false && options.parse === false ? options : { ...options, merge: false, parse: false };
      result = originalSet.call(self, singular ? (prepared.length ? prepared[0] : null) : prepared, setOptions);
    } finally {
      adding = outer;
    }
    for (const model of added) reportAddition(self, model, options);
    // (Usually every model given was added, and none of what follows applies.)
    const addedSet = added.length === prepared.length ? null : new Set(added);
    for (const model of prepared) {
      // A model that was there already, and got its id while being added (created from nested
      // data, say): the id lookup may not know it yet.
      if (addedSet !== null && model.id != null && !addedSet.has(model)) {
        const byId = self._byId;
        if (byId[model.cid] === model && byId[model.id] !== model) byId[model.id] = model;
      }
      // Models this collection created but did not add (a duplicate id, say) need not wait any more.
      if (model._deferProcessing && model.collection === self) releaseDeferred(model);
    }
    return result;
  }

  /** The collection whose relational `set` is running, and the models Backbone added so far. */
  let adding: { collection: AnyCollection; added: RelationalModel[] } | null = null;

  /** Backbone calls this for each model a `set` adds: noted for the `set` in progress. */
  prototype._addReference = function (this: AnyCollection, model: any, options?: any) {
    originalAddReference.call(this, model, options);
    if (adding !== null && adding.collection === this) adding.added.push(model);
  };

  /** Raw attributes become a model through `findOrCreate`, which reuses the store's instance. */
  prototype._prepareModel = function (this: AnyCollection, attrs: any, options?: any) {
    if (attrs instanceof Backbone.Model) {
      if (!attrs.collection) attrs.collection = this;
      return attrs;
    }
    const modelType = this.model as any;
    if (!modelType || typeof modelType.findOrCreate !== 'function') return originalPrepareModel.call(this, attrs, options);
    const settings = { ...options, collection: this };
    const model = modelType.findOrCreate(attrs, settings);
    if (model && model.validationError) {
      this.trigger('invalid', this, attrs, settings);
      return false;
    }
    return model;
  };

  /** Every removal (by `remove`, or by `set` dropping models) is reported. */
  prototype._removeModels = function (this: AnyCollection, models: any[], options: any) {
    if (!holdsRelationalModels(this)) return originalRemoveModels.call(this, models, options);
    return whileQueueBlocked(() => {
      const removed = models.length >= MANY ? removeMany(this, models, options) || originalRemoveModels.call(this, models, options)
        : originalRemoveModels.call(this, models, options);
      if (removed) for (const model of removed) reportRemoval(this, model, options);
      return removed;
    });
  };

  /** Emptying a collection of relational models gives it a `_byId` made by `newIdIndex`. */
  prototype._reset = function (this: AnyCollection) {
    originalInternalReset.call(this);
    if (holdsRelationalModels(this)) this._byId = newIdIndex();
  };

  /** `reset` merges into registered models by default, and is reported. */
  prototype.reset = function (this: AnyCollection, models?: any, options?: any) {
    const settings = { merge: true, ...options };
    if (!holdsRelationalModels(this)) return originalReset.call(this, models, settings);
    return whileQueueBlocked(() => {
      // Backbone gives `previousModels` only to the `reset` event's copy of the options.
      const previousModels = this.models.slice();
      const result = originalReset.call(this, models, settings);
      reportReset(this, { ...settings, previousModels });
      return result;
    });
  };

  /** A sort is reported like a reset (the order of the relation's models changed). */
  prototype.sort = function (this: AnyCollection, options?: any) {
    const result = originalSort.call(this, options);
    if (holdsRelationalModels(this)) reportReset(this, options || {});
    return result;
  };

  /**
   * Collection events wait in the event queue while relations are being updated. (The arguments
   * are copied only for an event that waits: removing many models fires one per model.)
   */
  prototype.trigger = function (this: AnyCollection, eventName: string) {
    if (!QUEUED_EVENTS[eventName] || !holdsRelationalModels(this)) return originalTrigger.apply(this, arguments as any);
    // Nobody to tell (listeners subscribing later should not hear of earlier changes).
    if (!hasListeners(this)) return this;
    const args: any[] = Array.prototype.slice.call(arguments, 1);
    // The options object may be changed by later operations while the event waits.
    if (args[2] && typeof args[2] === 'object') args[2] = { ...args[2] };
    Relational.eventQueue.add(() => originalTrigger.call(this, eventName, ...args));
    return this;
  };
}

/**
 * Run a collection operation with the event queue blocked, so its events (and those of the
 * relations it updates) fire once every model it touched is linked up on both sides.
 */
function whileQueueBlocked<T>(operation: () => T): T {
  return whileBlocked(Relational.eventQueue, operation);
}

/** From how many models `_removeModels` removes in one pass instead of one splice each. */
const MANY = 32;

/**
 * Backbone's `_removeModels` for many models: one pass over the array instead of a search and
 * a splice per model (quadratic for `collection.remove(all)`). Each `remove` event gets the
 * `index` the model had at its turn, as with Backbone's one-by-one removal. Returns `null`
 * when there is nothing to remove, for Backbone's own version to answer as it does.
 */
function removeMany(collection: AnyCollection, models: any[], options: any): RelationalModel[] | null {
  const size = collection.models.length;
  const positions = new Map<RelationalModel, number>();
  collection.models.forEach((model, index) => positions.set(model as RelationalModel, index));
  // Marked by position, so a model named twice leaves once and the models that stay are found
  // without a second lookup by identity.
  const leaving = new Uint8Array(size);
  const toRemove: RelationalModel[] = [];
  const leavingPositions: number[] = [];
  for (const item of models) {
    const model = collection.get(item);
    const position = model ? positions.get(model) : undefined;
    if (position !== undefined && !leaving[position]) {
      leaving[position] = 1;
      toRemove.push(model);
      leavingPositions.push(position);
    }
  }
  if (!toRemove.length) return null;
  // Where each model is when its turn comes: its position less the models before it that left
  // earlier (counted with a Fenwick tree).
  const gone = new Array<number>(size + 1).fill(0);
  const indices = leavingPositions.map((position) => {
    let before = 0;
    for (let i = position; i > 0; i -= i & -i) before += gone[i];
    for (let i = position + 1; i <= size; i += i & -i) gone[i]++;
    return position - before;
  });
  collection.models = collection.models.filter((_model, position) => !leaving[position]);
  collection.length = collection.models.length;
  // When most models leave, a new id lookup of those that stay is cheaper than deleting each.
  const rebuild = collection.length < toRemove.length;
  if (rebuild) {
    const byId = newIdIndex();
    for (const model of collection.models as any[]) {
      byId[model.cid] = model;
      const id = (collection as any).modelId(model.attributes, model.idAttribute);
      if (id != null) byId[id] = model;
    }
    collection._byId = byId;
  }
  toRemove.forEach((model, k) => {
    if (!rebuild) {
      delete collection._byId[model.cid];
      if (model.id != null) delete collection._byId[model.id];
    }
    if (!options.silent) {
      options.index = indices[k];
      model.trigger('remove', model, collection, options);
    }
    (collection as any)._removeReference(model, options);
  });
  if (!options.silent) delete options.index;
  return toRemove;
}

function reportAddition(collection: AnyCollection, model: RelationalModel, options: any): void {
  const relation = collection._owningRelation;
  if (relation) relation.handleAddition(model, collection, options);
  collection.trigger('relational:add', model, collection, options);
  // A model this collection created may now run its queued relation work.
  if (model._deferProcessing && model.collection === collection) releaseDeferred(model);
}

function reportRemoval(collection: AnyCollection, model: RelationalModel, options: any): void {
  const relation = collection._owningRelation;
  if (relation) relation.handleRemoval(model, collection, options);
  collection.trigger('relational:remove', model, collection, options);
}

function reportReset(collection: AnyCollection, options: any): void {
  const relation = collection._owningRelation;
  if (relation) relation.handleReset(collection, options);
  collection.trigger('relational:reset', collection, options);
}

/**
 * `Backbone.Relational.Collection`: a plain `Backbone.Collection` subclass to extend for
 * collections of relational models (every collection gets the patches above either way).
 */
export const RelationalCollection = Backbone.Collection.extend({}) as typeof Backbone.Collection;
