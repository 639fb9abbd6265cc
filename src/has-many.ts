// Backbone.HasMany
// ----------------
//
// A relation holding a collection of related models. Its reverse is always a `HasOne`
// (many-to-many is modelled with a link model between two HasMany relations). Setting the key
// works like `collection.set` on that collection. The relation listens to its collection's
// `relational:add`, `relational:remove` and `relational:reset` (triggered by the collection
// patches) to keep the reverse side in step and queue `add:<key>`, `remove:<key>` and
// `reset:<key>`. Ids of related models not loaded yet are kept in `keyIds`; each model is added
// when it arrives in the store.

import Backbone from 'backbone';
import {
  Relational, Relation, memberOf, defineClass, cloneObject, copyOptions, withParse, isObject, isValidId, isConstructor, describe, result, warn, newIdIndex,
  listenToCollection, findRelatedOrRestore, addModelDirectly, queueCall2, queueCall3, triggerRelationChange,
  type RelationalModel, type Id, type RelationConstructor, type CollectionConstructor,
} from './internal';

class HasManyMembers {
  /** The collection of related models. */
  declare related: Backbone.Collection<RelationalModel>;
  /** The raw value last set: a collection, or the list of ids, attributes and models. */
  declare keyContents: unknown[] | Backbone.Collection<RelationalModel> | null;
  /** The collection type used for the related collection. */
  declare collectionType: CollectionConstructor;
  /** Ids of related models that are not loaded yet. */
  declare keyIds: Id[];
  /** The collections this relation had before its current one (see `_releaseCollections`). */
  declare _formerCollections: Array<{ deref(): Backbone.Collection<any> | undefined }> | null;

  initialize(this: HasMany, opts?: Record<string, unknown>): void {
    this._listenToChanges();
    this.collectionType = resolveCollectionType(this);
    this.setRelated(this.findRelated(opts));
  }

  /**
   * Make `collection` (or a new one of `collectionType`) this relation's collection: its `model`
   * is the related type, its `collectionKey` points back at the owner, and the relation listens
   * to it.
   */
  _prepareCollection(this: HasMany, collection?: unknown): Backbone.Collection<any> {
    if (this.related) {
      this.stopListening(this.related);
      // Kept (as in 0.10.0) with its back-reference to the owner, until the owner is destroyed.
      if (this.related !== collection && collectionKeyName(this) && typeof WeakRef === 'function') {
        (this._formerCollections || (this._formerCollections = [])).push(new WeakRef(this.related));
      }
    }
    let prepared = collection as Backbone.Collection<any> & Record<string, unknown>;
    if (!(prepared instanceof Backbone.Collection)) prepared = newCollectionFor(this) as Backbone.Collection<any> & Record<string, unknown>;
    if (prepared.model !== this.relatedModel) {
      prepared.model = this.relatedModel as any;
      // Made before its model type was known, so with Backbone's `_byId` (see `newIdIndex`).
      if (!prepared.length) prepared._byId = newIdIndex();
    }
    const collectionKey = this.options.collectionKey;
    if (collectionKey) {
      const key = collectionKeyName(this);
      if (key && prepared[key] && prepared[key] !== this.instance) {
        warn('Relation=%o; collectionKey=%s already exists on collection=%o', this, key, collectionKey);
      } else if (key) {
        prepared[key] = this.instance;
      }
    }
    this._listenedCollection = prepared;
    listenToCollection(this, prepared);
    return prepared;
  }

  /**
   * The owner was destroyed: the collections this relation had (they keep their models, which
   * live on) no longer refer to it through their `collectionKey`.
   */
  _releaseCollections(this: HasMany, current: Backbone.Collection<any> | null): void {
    const key = collectionKeyName(this);
    const former = this._formerCollections;
    this._formerCollections = null;
    if (!key) return;
    const collections = (former || []).map((ref) => ref.deref()).concat(current ? [current] : []);
    for (const collection of collections) {
      if (collection && (collection as any)[key] === this.instance) delete (collection as any)[key];
    }
  }

  /**
   * The collection for `keyContents`: the given collection itself, or the current collection
   * updated (like `collection.set`) with the models the given ids, attributes and models name.
   */
  findRelated(this: HasMany, options?: Record<string, unknown>): Backbone.Collection<any> {
    const settings = withParse(this.options.parse, options);
    const keyContents = this.keyContents;
    let related: Backbone.Collection<any>;
    if (keyContents instanceof Backbone.Collection) {
      takeFromOtherHolders(this, keyContents, settings);
      const previous = this.related;
      this._prepareCollection(keyContents);
      related = keyContents;
      // The relation holds it before its members are linked, so they join it, not the previous one.
      if (previous) this.setRelated(related);
      linkAdoptedMembers(this, previous, related, settings);
    } else {
      const toAdd: unknown[] = [];
      const relatedModel = this.relatedModel as any;
      for (const item of keyContents || []) {
        if (item instanceof Backbone.Model && !(item instanceof relatedModel)) {
          // (0.10.0 added it as it was: the graph then broke as soon as that model was
          // unregistered, or a model of the related type with its id was to join.)
          warn('Relation=%o: %o is not a %o; it was not added to %s.', this, item, relatedModel, this.key);
          continue;
        }
        const model = item instanceof relatedModel ? item
          : isObject(item) && settings.parse && relatedModel.prototype.parse
            ? relatedModel.prototype.parse(cloneObject(item), settings)
            : item;
        // `createModels: false`: attributes of a model not found make no model (0.10.0 only
        // honoured it for HasOne). A model found is updated with them, as by a HasOne.
        if (this.options.createModels === false && isObject(model) && !(model instanceof relatedModel) && !relatedModel.findModel(model)) continue;
        // (0.10.0 dropped an id of 0 here.)
        if (model || model === 0) toAdd.push(model);
      }
      related = this.related instanceof Backbone.Collection ? this.related : this._prepareCollection();
      // Parsed above already.
      related.set(toAdd as any, withParse(false, settings));
    }
    // The ids of models now in the collection are no longer waited for.
    this._setKeyIds(withoutIds(this.keyIds, related.models));
    return related;
  }

  /** Remember what the key was set to, and the ids it names. */
  setKeyContents(this: HasMany, keyContents: unknown): void {
    this.keyContents = keyContents instanceof Backbone.Collection ? keyContents : null;
    const keyIds: Id[] = [];
    if (!this.keyContents && (keyContents || keyContents === 0)) {
      // A single id or object stands for a list of one.
      const list = Array.isArray(keyContents) ? keyContents : [keyContents];
      this.keyContents = list;
      for (const item of list) {
        const itemId = Relational.store.resolveIdForItem(this.relatedModel, item);
        if (isValidId(itemId)) keyIds.push(itemId);
      }
    }
    this._setKeyIds(keyIds);
  }

  /** The ids this relation waits for; the store's index follows them. */
  _setKeyIds(this: HasMany, keyIds: Id[]): void {
    const previous = this.keyIds;
    this.keyIds = keyIds;
    if (previous.length || keyIds.length) this._waitingChanged(previous, keyIds);
  }

  /** Wait for `id` again (the model taken for it was never built; see `Relation#_takeWhenReady`). */
  _waitAgainFor(this: HasMany, id: Id): void {
    const contents = Array.isArray(this.keyContents) ? this.keyContents : [];
    const named = contents.some((item) => Relational.store.resolveIdForItem(this.relatedModel, item) === id);
    if (named && this.keyIds.indexOf(id) === -1 && !(this.related && this.related.get(id as any))) this._setKeyIds(this.keyIds.concat([id]));
  }

  _waitingIds(this: HasMany): Id[] {
    return this.keyIds;
  }

  /** The key was set: update the collection, and queue `change:<key>` if its contents changed. */
  onChange(this: HasMany, _model: RelationalModel, attr: unknown, options?: Record<string, unknown>): void {
    const settings: Record<string, unknown> = copyOptions(options);
    this.setKeyContents(attr);
    this.changed = false;
    const before = this.related;
    const related = findRelatedOrRestore(this, settings);
    // The data set named this relation's owner with data for this very key, so a nested update
    // gave the relation another collection meanwhile: this (outer) update decides, and the
    // relation takes its collection back. (0.10.0 kept listening to the nested collection,
    // with the outer one as its value.)
    if (this.related !== before && this._listenedCollection !== related) {
      const nested = this.related;
      this._prepareCollection(related);
      linkAdoptedMembers(this, nested, related, settings);
    }
    this.setRelated(related);
    if (!settings.silent) queueCall2(Relational.eventQueue, triggerChangeIfChanged, this, settings);
  }

  /** A model was added to the collection: point its reverse relation here, and queue `add:<key>`. */
  handleAddition(this: HasMany, model: RelationalModel, _coll?: unknown, options?: Record<string, unknown>): void {
    const settings: Record<string, unknown> = copyOptions(options);
    this.changed = true;
    for (const relation of this._reverseRelationsOf(model)) relation.addRelated(this.instance, settings);
    // Once the new model has set up its relations.
    if (!settings.silent) queueCall3(Relational.eventQueue, triggerAdd, this, model, settings);
  }

  /** A model was removed from the collection: clear its reverse relation, and queue `remove:<key>`. */
  handleRemoval(this: HasMany, model: RelationalModel, _coll?: unknown, options?: Record<string, unknown>): void {
    const settings: Record<string, unknown> = copyOptions(options);
    this.changed = true;
    for (const relation of this._reverseRelationsOf(model)) relation.removeRelated(this.instance, null, settings);
    if (!settings.silent) queueCall3(Relational.eventQueue, triggerRemove, this, model, settings);
  }

  /** The collection was reset (or sorted): queue `reset:<key>`. */
  handleReset(this: HasMany, _coll?: unknown, options?: Record<string, unknown>): void {
    const settings: Record<string, unknown> = copyOptions(options);
    if (!settings.silent) queueCall2(Relational.eventQueue, triggerReset, this, settings);
  }

  /** A model arrived in the store (or got its id): add it if this relation waits for its id. */
  tryAddRelated(this: HasMany, model: RelationalModel, _coll?: unknown, options?: object): void {
    const keyIds = this.keyIds;
    if (keyIds.length && keyIds.indexOf(model.id as Id) !== -1) {
      this._takeWhenReady(model);
      this.addRelated(model, options);
      this._setKeyIds(keyIds.filter((id) => id !== model.id));
    }
  }

  /** Add `model` to the collection, once `model` has set up its own relations. */
  addRelated(this: HasMany, model: RelationalModel, options?: object): void {
    model.queue(() => {
      const related = this.related;
      if (!related || memberOf(related, model)) return;
      const addOptions: Record<string, unknown> = withParse(false, options);
      if (!addModelDirectly(related as any, model, addOptions)) related.add(model, addOptions as any);
    });
  }

  /** Remove `model` from the collection, if it is there. */
  removeRelated(this: HasMany, model: RelationalModel, _coll?: unknown, options?: object): void {
    // (No collection yet while the relation is being set up: 0.10.0 threw a TypeError here.)
    if (this.related && memberOf(this.related, model)) this.related.remove(model, options);
  }
}

/** The property of the collection pointing back at the owner (`collectionKey`), if any. */
function collectionKeyName(relation: HasMany): string | undefined {
  const collectionKey = relation.options.collectionKey;
  if (!collectionKey) return undefined;
  return collectionKey === true ? (relation.options.reverseRelation as any).key : collectionKey as string;
}

/** A new, empty collection of the relation's `collectionType`, with its `collectionOptions`. */
function newCollectionFor(relation: HasMany): Backbone.Collection<any> {
  const collectionOptions = relation.options.collectionOptions;
  const options = typeof collectionOptions === 'function' ? collectionOptions(relation.instance) : collectionOptions;
  return new relation.collectionType(null, options);
}

/**
 * `collection`, given to `relation`, is held by another HasMany (`z2.set('animals',
 * z.get('animals'))`): that one takes a new, empty collection first, letting go of the models,
 * which then move with the collection to `relation`'s owner. (0.10.0 left the collection held
 * by both, its models pointing at the first owner only; relating them to both emptied it.)
 */
function takeFromOtherHolders(relation: HasMany, collection: Backbone.Collection<any>, options: Record<string, unknown>): void {
  const listeners: HasMany[] | undefined = (collection as any)._listeningRelations;
  if (!listeners) return;
  for (const other of listeners.slice()) {
    if (other === relation || other.related !== collection) continue;
    other.instance.set(other.key, newCollectionFor(other), options);
    const key = collectionKeyName(other);
    if (key && (collection as any)[key] === other.instance) delete (collection as any)[key];
  }
}

/** `collectionType` as a collection type: given as one, by name, or by a function returning one. */
function resolveCollectionType(relation: HasMany): CollectionConstructor {
  let type: any = relation.options.collectionType;
  if (typeof type === 'function' && !isCollectionType(type) && !isConstructor(type)) {
    relation.collectionType = type;
    type = result(relation, 'collectionType');
  }
  if (typeof type === 'string') type = Relational.store.getObjectByName(type);
  if (!isCollectionType(type)) {
    // 0.10.0's message, then what was given (for a name that did not resolve, it threw a TypeError).
    throw new Error('`collectionType` must inherit from Backbone.Collection'
      + ` (relation '${relation.key}' of ${describe(relation.instance)}: got ${describe(relation.options.collectionType)})`);
  }
  return type;
}

function isCollectionType(type: any): boolean {
  return type === Backbone.Collection || (typeof type === 'function' && type.prototype instanceof Backbone.Collection);
}

// The events a HasMany queues, each fired once the queue lets it through (on the relation's
// model, with the related collection it has then).

/** `change:<key>`, if `handleAddition` or `handleRemoval` noted a change meanwhile. */
function triggerChangeIfChanged(relation: HasMany, settings: Record<string, unknown>): void {
  if (relation.changed) triggerRelationChange(relation, settings);
}

/** `add:<key>`. */
function triggerAdd(relation: HasMany, model: RelationalModel, settings: Record<string, unknown>): void {
  relation.instance.trigger('add:' + relation.key, model, relation.related, settings);
}

/** `remove:<key>`. */
function triggerRemove(relation: HasMany, model: RelationalModel, settings: Record<string, unknown>): void {
  relation.instance.trigger('remove:' + relation.key, model, relation.related, settings);
}

/** `reset:<key>`. */
function triggerReset(relation: HasMany, settings: Record<string, unknown>): void {
  relation.instance.trigger('reset:' + relation.key, relation.related, settings);
}

/** `keyIds` without the ids of `models` (`_.difference`), without quadratic work on long lists. */
function withoutIds(keyIds: Id[], models: RelationalModel[]): Id[] {
  if (!keyIds.length) return keyIds;
  const present = new Set<unknown>();
  for (const model of models) present.add(model.id);
  return keyIds.filter((id) => !present.has(id));
}

/**
 * A collection was given for the key. 0.10.0 took it as it was, so its models never learnt of
 * their new owner and the previous members kept pointing at it: both sides of the relation
 * disagreed. Point the new members' reverse relations at the owner, and release the previous
 * members that are not in the new collection.
 */
function linkAdoptedMembers(relation: HasMany, previous: Backbone.Collection<any> | null, adopted: Backbone.Collection<any>, options: object): void {
  if (previous && previous !== adopted) releaseModelsNotIn(relation, previous.models.slice(), adopted, options);
  for (const model of adopted.models.slice()) {
    for (const reverse of relation._reverseRelationsOf(model)) reverse.addRelated(relation.instance, options);
  }
}

/**
 * `collection` was reset: the models it dropped still pointed at the owner of each HasMany
 * holding it in 0.10.0 (a reset fires no `remove`). Release them, so both sides agree.
 */
export function releaseDroppedMembers(collection: Backbone.Collection<any>, previousModels: RelationalModel[], options: object): void {
  const listeners: HasMany[] | undefined = (collection as any)._listeningRelations;
  if (!listeners || !previousModels.length) return;
  for (const relation of listeners) {
    if (relation.related === collection) releaseModelsNotIn(relation, previousModels, collection, options);
  }
}

/** Each of `models` that `collection` does not hold lets go of `relation`'s owner (its reverse relations). */
function releaseModelsNotIn(relation: HasMany, models: RelationalModel[], collection: Backbone.Collection<any>, options: object): void {
  for (const model of models) {
    if (memberOf(collection, model)) continue;
    for (const reverse of relation._reverseRelationsOf(model)) reverse.removeRelated(relation.instance, null, options);
  }
}

/** A relation to a collection of models: `Backbone.HasMany`. */
export const HasMany = defineClass('HasMany', HasManyMembers, function HasMany(this: any) {
  // (Never runs: V8 makes room in each instance for the properties a constructor assigns, and a
  // HasMany has twice as many as it would guess; see `withSizedConstructor` in model-layout.ts.)
  if (arguments.length < 0) {
    this.instance = this.options = this.reverseRelation = this.key = this.keySource = this.keyDestination = null;
    this.model = this.relatedModel = this.relatedCollection = this.keyContents = this.keyIds = this.related = null;
  }
  (Relation as any).apply(this, arguments);
}, Relation) as unknown as RelationConstructor<HasMany>;
export type HasMany = Relation & HasManyMembers;

Object.assign(HasMany.prototype, {
  collectionType: null,
  keyIds: [],
  _formerCollections: null,
});

/** Fill in the defaults that name the collection type, once `Backbone.Relational.Collection` exists. */
export function setHasManyDefaults(collectionType: CollectionConstructor): void {
  (HasMany.prototype as any).options = {
    reverseRelation: { type: 'HasOne' },
    collectionType,
    collectionKey: true,
    collectionOptions: {},
  };
}
