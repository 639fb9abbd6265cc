// Backbone.HasMany
// ----------------
//
// A relation holding a collection of related models. Its reverse is always a `HasOne`
// (many-to-many is modelled with a link model between two HasMany relations). The collection
// tells its relation about additions, removals and resets through the collection patches
// (see `collection-patches.ts`), which keep the reverse side in step and queue the
// `add:<key>` / `remove:<key>` events.

import Backbone from 'backbone';
import {
  Relational, Relation, NO_OPTIONS, copyOptions, defineClass, wouldBeHeard, isConstructor, isEmptyOptions, isObject, isValidId, newIdIndex, warn, describe,
  type RelationalModel, type RelationDefinition,
  type Id, type RelationMembers, type RelationConstructor, type FindAttributes,
} from './internal';

type CollectionType = new (models?: any, options?: any) => Backbone.Collection<any>;

class HasManyMembers {
  /** The collection of related models. */
  declare related: Backbone.Collection<RelationalModel>;
  /** The raw value last set: a collection, or the list of ids, attributes and models. */
  declare keyContents: FindAttributes[] | Backbone.Collection<RelationalModel> | null;
  /** The collection type used for the related collection. */
  declare collectionType: CollectionType;
  /** Ids of related models that are not loaded yet. */
  declare keyIds: Id[];
  /** The ids this relation is registered as waiting for in the store (as strings). */
  declare _waitingFor: Set<string> | null;

  initialize(this: HasManyRelation, opts?: object): void {
    const collectionType = this._resolveCollectionType();
    if (this.collectionType !== collectionType) this.collectionType = collectionType;
    this.setRelated(this.findRelated(opts));
    this._syncWaiting();
  }

  /** `collectionType` as a constructor: given as one, by name, or by a function returning one. */
  _resolveCollectionType(this: HasManyRelation): CollectionType {
    const shared = (this as any)._settings;
    const store = Relational.store as any;
    const cached = shared && shared.collectionType;
    if (cached && cached.store === store && cached.scopeVersion === store._scopeVersion) return cached.type;
    let type: any = this.options.collectionType;
    // A function that is not a type returns one; any other constructor is simply not a collection.
    if (typeof type === 'function' && !isCollectionType(type) && !isConstructor(type)) type = type.call(this);
    if (typeof type === 'string') type = Relational.store.getObjectByName(type);
    if (!isCollectionType(type)) {
      throw new Error('`collectionType` must inherit from Backbone.Collection'
        + ` (relation '${this.key}' on ${describe(this.instance)}: got ${describe(this.options.collectionType)})`);
    }
    if (shared) shared.collectionType = { type, store, scopeVersion: store._scopeVersion };
    return type;
  }

  /**
   * Prepare a collection to hold this relation's models: a new one of `collectionType` unless
   * one is given, with its `model` set and the `collectionKey` back-reference to the owner.
   */
  _prepareCollection(this: HasManyRelation, collection?: Backbone.Collection<any>): Backbone.Collection<any> {
    const previous = this.related;
    const key = this._collectionKeyName();
    if (previous instanceof Backbone.Collection && previous !== collection && (previous as any)._owningRelation === this) {
      // The replaced collection (its models still listen to it) no longer leads to the owner.
      (previous as any)._owningRelation = null;
      if (key && (previous as any)[key] === this.instance) delete (previous as any)[key];
    }
    if (!(collection instanceof Backbone.Collection)) {
      const collectionOptions = this.options.collectionOptions;
      const options = typeof collectionOptions === 'function' ? collectionOptions(this.instance) : collectionOptions;
      collection = new this.collectionType(null, options);
    }
    if ((collection as any).model !== this.relatedModel) {
      (collection as any).model = this.relatedModel;
      // Made before its model type was known, so with Backbone's `_byId` (see `newIdIndex`).
      if (collection.length === 0) (collection as any)._byId = newIdIndex();
    }

    if (key) {
      const existing = (collection as any)[key];
      if (existing && existing !== this.instance) {
        warn('Relation=%o; collectionKey=%s already exists on collection=%o', this, key, collection);
      } else {
        (collection as any)[key] = this.instance;
      }
    }
    (collection as any)._owningRelation = this;
    return collection;
  }

  /** The collection's property pointing back at the owner (`collectionKey`), if any. */
  _collectionKeyName(this: HasManyRelation): string | null {
    const collectionKey = this.options.collectionKey;
    if (!collectionKey) return null;
    const key = collectionKey === true ? this.options.reverseRelation && this.options.reverseRelation.key : collectionKey;
    return typeof key === 'string' && key ? key : null;
  }

  /**
   * The collection for `keyContents`: the given collection itself, or the current collection
   * updated (like `collection.set`) with the models the given ids, attributes and models refer to.
   */
  findRelated(this: HasManyRelation, options?: Record<string, any>): Backbone.Collection<any> {
    let related: Backbone.Collection<any>;
    if (this.keyContents instanceof Backbone.Collection) {
      related = this._adoptCollection(this.keyContents, { ...options, parse: this.options.parse });
    } else {
      const items: any[] = this.keyContents || [];
      const count = items.length;
      const relatedModel = this.relatedModel;
      // Made only when there is something to find; a literal when there are no options to copy
      // (see `isEmptyOptions`).
      const findOptions = !count ? undefined : isEmptyOptions(options)
        ? { merge: true, parse: this.options.parse, create: this.options.createModels }
        : { merge: true, ...options, parse: this.options.parse, create: this.options.createModels };
      const found: Array<RelationalModel | null> = new Array(count);
      // Attribute objects first: creating one may create (nested) the model a bare id names.
      let hasIds = false;
      for (let i = 0; i < count; i++) {
        const item = items[i];
        if (typeof item === 'string' || typeof item === 'number') {
          hasIds = true;
          found[i] = null;
        } else {
          found[i] = item instanceof relatedModel ? item : relatedModel.findOrCreate(item, findOptions);
        }
      }
      if (hasIds) {
        for (let i = 0; i < count; i++) {
          const item = items[i];
          if (typeof item === 'string' || typeof item === 'number') found[i] = relatedModel.findOrCreate(item, findOptions);
        }
      }
      const toAdd: RelationalModel[] = [];
      for (let i = 0; i < count; i++) if (found[i]) toAdd.push(found[i]!);
      // Ids whose model was found are not missing, even if `add: false` leaves it out. Decided
      // before adding, so the additions need not look for their ids.
      if (this.keyIds.length) {
        const foundIds = new Set<string>();
        for (const model of toAdd) foundIds.add(String(model.id));
        const current = this.related instanceof Backbone.Collection ? this.related : null;
        const missing = this.keyIds.filter((id) => !foundIds.has(String(id)) && !(current && current.get(id as any)));
        this.keyIds = missing.length ? missing : NO_IDS;
      }
      const existing = this.related instanceof Backbone.Collection ? this.related : null;
      related = existing || this._prepareCollection();
      // Models were merged and parsed by `findOrCreate` already. (A new collection with
      // nothing to add needs no `set`.)
      if (toAdd.length || (existing && existing.length)) {
        related.set(toAdd, isEmptyOptions(options) ? { parse: false, merge: false } : { ...options, parse: false, merge: false });
      }
    }
    // The raw data is not needed once it is in the collection; do not keep it alive.
    if (this.keyContents !== null && !(this.keyContents instanceof Backbone.Collection)) this.keyContents = null;
    return related;
  }

  /**
   * Use a collection given as the key's value. Models that left (compared with the previous
   * collection) lose their reverse relation, models that came get it.
   */
  _adoptCollection(this: HasManyRelation, collection: Backbone.Collection<any>, options: Record<string, any>): Backbone.Collection<any> {
    const previous: Backbone.Collection<any> | null = this.related instanceof Backbone.Collection ? this.related : null;
    if (previous === collection) return this._prepareCollection(collection);
    const previousModels = previous ? (previous.models.slice() as RelationalModel[]) : [];
    this._prepareCollection(collection);
    // In place before the reverse relations are told, or they would add to the old collection.
    this.setRelated(collection);
    for (const model of previousModels) {
      if (!collection.get(model)) this._modelLeft(model, options);
    }
    for (const model of collection.models as RelationalModel[]) {
      if (!previous || !previous.get(model)) this._modelCame(model, options);
    }
    return collection;
  }

  /** Remember the raw value set on the key, and the ids in it. */
  setKeyContents(this: HasManyRelation, keyContents: unknown): void {
    if (this.keyIds !== NO_IDS) this.keyIds = NO_IDS;
    if (keyContents instanceof Backbone.Collection) {
      this.keyContents = keyContents;
      return;
    }
    if (this.keyContents !== null) this.keyContents = null;
    if (keyContents == null || keyContents === '' || keyContents === false) return;
    // A single id or object means a list of one.
    const items = Array.isArray(keyContents) ? keyContents : [keyContents];
    this.keyContents = items;
    const ids: Id[] = [];
    // Ids are compared as strings (1 and '1' are one id); a set only for long lists.
    const seen = items.length > 16 ? new Set<string>() : null;
    const keys: string[] = [];
    for (const item of items) {
      const id = Relational.store.resolveIdForItem(this.relatedModel, item);
      if (id === null) continue;
      const key = String(id);
      if (seen ? seen.has(key) : keys.indexOf(key) !== -1) continue;
      if (seen) seen.add(key);
      else keys.push(key);
      ids.push(id);
    }
    if (ids.length) this.keyIds = ids;
  }

  /** The key was set on the model: update the collection and both sides. */
  onChange(this: HasManyRelation, _model: RelationalModel, attr: unknown, options?: Record<string, any>): void {
    if (this._isRetired()) return;
    if (!this._acceptsContents(attr)) {
      this.setRelated(this.related);
      return;
    }
    const settings = copyOptions(options);
    const oldKeyIds = this.keyIds;
    this.setKeyContents(attr);
    this.changed = false;
    let related: Backbone.Collection<any>;
    try {
      related = this.findRelated(settings);
    } catch (error) {
      // Creating a related model failed: the relation keeps its collection and ids.
      this.keyIds = oldKeyIds;
      this.keyContents = null;
      this.setRelated(this.related);
      throw error;
    }
    this.setRelated(related);
    this._syncWaiting();
    if (!settings.silent) {
      Relational.eventQueue.add(() => {
        // Set by the additions and removals the update made.
        if (this.changed) {
          this.instance.trigger('change:' + this.key, this.instance, this.related, settings, true);
          this.changed = false;
        }
      });
    }
  }

  /** A model was added to the collection: set its reverse relation, queue `add:<key>`. */
  handleAddition(this: HasManyRelation, model: RelationalModel, _coll?: unknown, options?: object): void {
    if (this._isRetired()) return;
    const settings = (options || NO_OPTIONS) as Record<string, any>;
    this._modelCame(model, settings);
    if (!settings.silent) this._queueRelationEvent('add', model, settings);
  }

  /** A model was removed from the collection: clear its reverse relation, queue `remove:<key>`. */
  handleRemoval(this: HasManyRelation, model: RelationalModel, _coll?: unknown, options?: object): void {
    if (this._isRetired()) return;
    const settings = (options || NO_OPTIONS) as Record<string, any>;
    this._modelLeft(model, settings);
    if (!settings.silent) this._queueRelationEvent('remove', model, settings);
  }

  /**
   * The collection was reset (or sorted): models that are no longer in it lose their reverse
   * relation (the models it holds now were handled as additions), and `reset:<key>` is queued.
   */
  handleReset(this: HasManyRelation, collection: Backbone.Collection<any>, options?: object): void {
    if (this._isRetired()) return;
    const settings = (options || NO_OPTIONS) as Record<string, any>;
    for (const model of (settings.previousModels || []) as RelationalModel[]) {
      if (!contains(collection, model)) this._modelLeft(model, settings);
    }
    if (!settings.silent && wouldBeHeard(this.instance)) {
      const captured = { ...settings };
      Relational.eventQueue.add(() => this.instance.trigger('reset:' + this.key, this.related, captured));
    }
  }

  _modelCame(this: HasManyRelation, model: RelationalModel, options: Record<string, any>): void {
    this.changed = true;
    this._hold(model);
    // A model added by other means (the reverse side, say) is no longer waited for.
    if (this.keyIds.length && isValidId(model.id)) this._stopWaitingForModel(model);
    this._addToReverseRelation(model, options);
  }

  _modelLeft(this: HasManyRelation, model: RelationalModel, options: Record<string, any>): void {
    this.changed = true;
    this._release(model);
    this._removeFromReverseRelation(model, options);
  }

  /**
   * A model with one of the ids this relation waits for was registered: add it, unless by the
   * time it is set up it was given to another owner explicitly (that later choice wins).
   */
  tryAddRelated(this: HasManyRelation, model: RelationalModel, _coll?: unknown, options?: object): void {
    if (!(model instanceof this.relatedModel)) return;
    if (!this._stopWaitingForModel(model)) return;
    if (this.related && contains(this.related, model)) return;
    model.queue(() => {
      const reverse = this._reverseRelationOn(model) as any;
      if (reverse && reverse.related && reverse.related !== this.instance) return;
      if (this.related && !contains(this.related, model)) addFound(this.related, model, options);
    });
  }

  /** Drop `model`'s id from `keyIds`; returns whether it was there. */
  _stopWaitingForModel(this: HasManyRelation, model: RelationalModel): boolean {
    const key = String(model.id);
    const remaining = this.keyIds.filter((id) => String(id) !== key);
    if (remaining.length === this.keyIds.length) return false;
    this.keyIds = remaining.length ? remaining : NO_IDS;
    this._syncWaiting();
    return true;
  }

  /** Add `model` to the collection (called by the reverse relation), once `model` is set up. */
  addRelated(this: HasManyRelation, model: RelationalModel, options?: object): void {
    if (this.related && contains(this.related, model)) return;
    model.queue(() => {
      if (this.related && !contains(this.related, model)) {
        addFound(this.related, model, options);
      }
    });
  }

  /**
   * `addRelated` for several models in one collection `add`. Models still setting up (whose
   * queue is not open) are added one by one as they get ready.
   */
  addRelatedModels(this: HasManyRelation, models: RelationalModel[], options?: object): void {
    const related = this.related;
    if (!related) return;
    const ready: RelationalModel[] = [];
    for (const model of models) {
      if (contains(related, model)) continue;
      if (model._isInitialized && !model._deferProcessing && !model._queue) ready.push(model);
      else this.addRelated(model, options);
    }
    if (ready.length) addFound(related, ready, options);
  }

  /** Remove `model` from the collection (called by the reverse relation or the store). */
  removeRelated(this: HasManyRelation, model: RelationalModel, _coll?: unknown, options?: object): void {
    if (this.related && contains(this.related, model)) this.related.remove(model, options);
  }

  /**
   * A HasMany takes a collection, or a list (or a single one) of ids, attributes objects and
   * models of the related type.
   */
  _acceptsContents(this: HasManyRelation, contents: unknown): boolean {
    if (contents == null || contents instanceof Backbone.Collection) return true;
    const items = Array.isArray(contents) ? contents : [contents];
    const bad = items.find((item) => !this._acceptsItem(item));
    if (bad === undefined) return true;
    warn(`relation '%s' on %s expects a collection or a list of %s models, ids or attributes; got %o. The value is ignored.`,
      this.key, describe(this.instance), describe(this.relatedModel), contents);
    return false;
  }

  _acceptsItem(this: HasManyRelation, item: unknown): boolean {
    if (typeof item === 'string' || typeof item === 'number') return true;
    if (item instanceof Backbone.Model) return item instanceof this.relatedModel;
    return isObject(item) && typeof item !== 'function' && !Array.isArray(item) && !(item instanceof Backbone.Collection);
  }

  /** Keep the store's index of waiting relations equal to `keyIds`. */
  _syncWaiting(this: HasManyRelation): void {
    const current = this._waitingFor;
    if (!this.keyIds.length && !current) return;
    const wanted = new Set<string>();
    if (!this._detached) for (const id of this.keyIds) if (isValidId(id)) wanted.add(String(id));
    if (current) for (const id of current) if (!wanted.has(id)) this._stopWaitingFor(id);
    for (const id of wanted) if (!current || !current.has(id)) this._waitFor(id);
    this._waitingFor = wanted.size ? wanted : null;
  }

  /** The model for `id` went away without this relation being told to forget it: wait for it again. */
  _waitAgainFor(this: HasManyRelation, id: Id, onlyWhereListed?: boolean): void {
    if (onlyWhereListed || (this.related && this.related.get(id as any))) return;
    if (!this.keyIds.some((existing) => String(existing) === String(id))) this.keyIds = this.keyIds.concat([id]);
    this._syncWaiting();
  }

  _stopWaitingForAll(this: HasManyRelation): void {
    if (this._waitingFor) for (const id of this._waitingFor) this._stopWaitingFor(id);
    this._waitingFor = null;
  }

  _releaseAll(this: HasManyRelation): void {
    if (this.related) for (const model of this.related.models) this._release(model);
  }

  _clearOnDestroy(this: HasManyRelation): void {
    const previous = this.related;
    this.setRelated(this._prepareCollection());
    // The old collection lets go of its models (quietly: the store tells their reverse
    // relations), so the destroyed model is not kept alive through them.
    if (previous instanceof Backbone.Collection && previous !== this.related) previous.reset(undefined, { silent: true });
  }
}

/** Whether `collection` holds this very model (quicker than `get`, which also tries ids). */
function contains(collection: Backbone.Collection<any>, model: RelationalModel): boolean {
  return (collection as any)._byId[model.cid] === model;
}

const backbonesAdd = Backbone.Collection.prototype.add;

/**
 * `collection.add(models, { ...options, parse: false })`, for models found already. Without
 * options to copy, it calls `set` as Backbone's `add` would, with the options Backbone's `add`
 * would make, written as a literal (see `isEmptyOptions`). A collection whose `add` is not
 * Backbone's has its `add` called.
 */
function addFound(collection: Backbone.Collection<any>, models: RelationalModel | RelationalModel[], options: object | undefined): void {
  if (isEmptyOptions(options) && collection.add === backbonesAdd) collection.set(models as any, { merge: false, parse: false, add: true, remove: false });
  else collection.add(models, { ...options, parse: false } as Backbone.AddOptions);
}

/** The `keyIds` of every relation waiting for nothing (shared; replaced, never changed). */
const NO_IDS: Id[] = Object.freeze([]) as unknown as Id[];

function isCollectionType(type: unknown): type is CollectionType {
  return typeof type === 'function'
    && (type === Backbone.Collection || type.prototype instanceof Backbone.Collection);
}

type HasManyRelation = HasManyMembers & RelationMembers & Relation;

/**
 * A relation holding a collection of related models. Set its key to a collection, or a list
 * of models, ids or attributes objects (like `collection.set`, with `add`, `merge` and
 * `remove` options); the models' reverse relations follow.
 */
export const HasMany = defineClass('HasMany', HasManyMembers, function (this: any, instance: RelationalModel | null, options: RelationDefinition, opts?: object) {
  (Relation as any).call(this, instance, options, opts);
}, Relation) as unknown as RelationConstructor<HasMany>;
export type HasMany = HasManyRelation;

(HasMany.prototype as any).options = {
  reverseRelation: { type: 'HasOne' },
  collectionType: Backbone.Collection,
  collectionKey: true,
  collectionOptions: {},
};
(HasMany.prototype as any).collectionType = null;
(HasMany.prototype as any).keyIds = NO_IDS;
(HasMany.prototype as any).keyContents = null;
(HasMany.prototype as any)._waitingFor = null;
