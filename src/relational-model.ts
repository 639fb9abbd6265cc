// Backbone.RelationalModel
// ------------------------
//
// A `Backbone.Model` whose `relations` turn attributes into related models and collections.
// Each relation is delegated to a `HasOne` or `HasMany` instance (`model._relations`). A model
// registers itself in the store once it has an id, and every event produced while relations
// are being updated (by its constructor, `set`, `unset` or `clear`) waits in
// `Backbone.Relational.eventQueue` until the whole graph is consistent again.
//
// The static side (sub-model hierarchy, `findOrCreate`) is in `model-hierarchy.ts` and
// `model-lookup.ts`, `toJSON` in `serialization.ts`, `getAsync` in `lazy-loading.ts`, what
// happens around the constructor in `model-construction.ts`, how its events reach relations
// and the store in `model-events.ts`, the sizing of its objects in `model-layout.ts`, and the
// types of this API in `model-types.ts`.

import Backbone from 'backbone';
import {
  Relational, Semaphore, defineClass, isObject, isValidId,
  setupModelType, buildModel, findSubModelType, initializeModelHierarchy, inheritRelations,
  findOrCreateModel, findModelOptions, serializeModel, getAsync, getIdsToFetch, fetchRelated, whenAll,
  updateIdLookups, dispatchModelEvent, offEmulatedListeners, noteSilencedHolders, keepHearingChanges, setOwnGetRelations,
  checkIdInHierarchy, linkHoldersBack, updateRelationsSetDuringSetUp, constructRelationalModel, fireQueuedChange, destroyRelationsOf, deliverToRelationOrStore,
  withSizedConstructor, newRelationsIndex, relationsOf, noteRelationalSet, queueCall2, holdForSetUp,
  type Id, type WeakReference, type Relation, type RelationDefinition, type HasOne, type HasMany, type SemaphoreMembers,
  type RelationalModelType, type RelationalModelConstructor, type RelationalModelSubtype, type RelationalModelProps,
  type FindAttributes, type RelatedValue, type GetAsyncOptions, type RelationalSetOptions, type FindOrCreateOptions,
} from './internal';
import type { TypedRelationalModel, RelationalModelClass } from './typed-model';

const BackboneModel = Backbone.Model as any;

interface RelationalModelMembers extends SemaphoreMembers {}
class RelationalModelMembers extends (Backbone.Model as unknown as new (...args: any[]) => Backbone.Model) {
  /** The relation definitions of this type (an array, or a function returning one). */
  declare relations: RelationDefinition[] | (() => RelationDefinition[]) | null;
  /** This model's relation instances, by key. */
  declare _relations: Record<string, Relation> | null;
  /** Sub-model types by type value: `{ primate: 'Primate' }`. */
  declare subModelTypes: Record<string, string | RelationalModelType> | null;
  /** The attribute whose value selects the sub-model type. Default `'type'`. */
  declare subModelTypeAttribute: string;
  /** Whether `new` with the id of an existing model of this type returns that model (see reuse-instances.ts). */
  declare reuseInstances?: boolean;
  /** Whether `get` and `set` read keys as paths through relations (see paths.ts); `undefined` follows `Backbone.Relational.paths`. */
  declare paths?: boolean;
  declare _isInitialized: boolean;
  /** Set while a collection that created this model has not added it yet (see `queue`). */
  declare _deferProcessing: boolean;
  /**
   * The work waiting for this model's relations to be set up (see `queue`), and, noted among
   * it, the relations that will take this model then (see `Relation#_takeWhenReady`):
   * `NOTHING_QUEUED` while nothing waits yet, `null` once the relations are set up and work runs
   * at once. (One property rather than a list and a flag: every property a model gets is one
   * more on all of them, see model-layout.ts.)
   */
  declare _queued: Array<(() => void) | Relation> | null;
  /** Set when a queued `change:<attr>` fired, so the queued `change` still fires. */
  declare _attributeChangeFired: boolean;
  /**
   * Its place in the list of models waiting for the collection that created them to add them
   * (see `awaiting-addition.ts`); -1 when it waits for none.
   */
  declare _awaitingSlot: number;
  /** Its slot in its store collection (see `store-collection.ts`). */
  declare _storeSlot: number;
  /** What a forgetting store knows of it (see `forgetting-store.ts`). */
  declare _storeRecord: object | null;
  /** The attributes `set` on this model while its relations were being set up (see `set`). */
  declare _setDuringSetUp: Record<string, unknown> | null;
  /** The HasOne relations pointing at this model (see `relation-dispatch.ts`). */
  declare _hasOneHolders: Array<Relation | WeakReference<Relation>> | null;
  /** The store collection that hears this model's events (see `model-events.ts`). */
  declare _storeHandler: Backbone.Collection | null;
  /** Collections holding this model that no longer hear it, an application's `off` having removed their handler (see `application-off.ts`). */
  declare _silencedHolders: Array<Backbone.Collection | WeakReference<Backbone.Collection>> | null;
  /**
   * The store's epoch when it started listening to this model's `relational:unregister` (see
   * `Store#_listenToModel`); 0 once it stopped; -1 once the store let go of this model
   * (destroyed or unregistered: see `Store#update`).
   */
  declare _storeEpoch: number;

  /** Sub-model types by their type value (filled in as sub-models are resolved). */
  declare static _subModels: Record<string, RelationalModelType>;
  /** The super-model, `null` before the hierarchy is known, `false` when there is none. */
  declare static _superModel: RelationalModelType | null | false;
  declare static _subModelTypeValue?: string;
  declare static _subModelTypeAttribute?: string;
  /** Reverse relations added to a type whose `relations` is a function. */
  declare static _extraRelations?: RelationDefinition[];

  /**
   * Backbone's `trigger`, with `change` events held in the event queue while relations are
   * being updated, `destroy` also taking the model out of the store and its relations, and the
   * relational events delivered to the relations that listen for them.
   */
  override trigger(eventName: string, ...args: any[]): this;
  override trigger(eventName: string): this {
    if (eventName.length > 5 && eventName.startsWith('change')) {
      const eventQueue = Relational.eventQueue;
      if (!eventQueue.isLocked()) {
        dispatchModelEvent(this as unknown as RelationalModel, arguments);
      } else {
        // (The arguments themselves wait: only read from, never handed on as an object.)
        const args = arguments;
        queueCall2(eventQueue, triggerQueuedChange, this as unknown as RelationalModel, args);
      }
    } else if (eventName === 'destroy') {
      dispatchModelEvent(this as unknown as RelationalModel, arguments, () => destroyRelationsOf(this as unknown as RelationalModel));
      Relational.store.unregister(this as unknown as RelationalModel);
    } else if (eventName.length > 11 && eventName.charCodeAt(10) === 58 && eventName.startsWith('relational:')) {
      const args = arguments;
      dispatchModelEvent(this as unknown as RelationalModel, args, () => deliverToRelationOrStore(this as unknown as RelationalModel, eventName, args));
    } else {
      dispatchModelEvent(this as unknown as RelationalModel, arguments);
    }
    return this;
  }

  /** Fire a queued `change` event if it still holds now that the graph is consistent (see model-events.ts). */
  _triggerQueuedChange(args: ArrayLike<unknown>): void {
    fireQueuedChange(this as unknown as RelationalModel, args);
  }

  /**
   * Backbone's `off`, which also removes the handlers this library emulates as 0.10.0's would go
   * (see `offEmulatedListeners`); the collections whose handler it removes while they hold this
   * model are noted, and a relation whose change handler it removes keeps hearing (see
   * `application-off.ts`).
   */
  override off(name?: string | Record<string, Function> | null, callback?: Function | null, context?: unknown): this {
    offEmulatedListeners(this as unknown as RelationalModel, name, callback, context);
    const events = (this as any)._events;
    const allBefore = events && events.all;
    (Backbone.Events as any).off.apply(this, arguments);
    if (allBefore) noteSilencedHolders(this as unknown as RelationalModel, allBefore, name, callback);
    // ('all' is every model leaving a collection, and takes no relation's handler.)
    if (name !== 'all') keepHearingChanges(this as unknown as RelationalModel);
    return this;
  }

  /** Set up this model's relations; runs once, on the first `set` (during construction). */
  initializeRelations(options?: object): void {
    // Setting up relations calls `set`, which must not come back here.
    this.acquire();
    this._relations = newRelationsIndex(this.constructor);
    for (const definition of relationsOf(this)) {
      Relational.store.initializeRelation(this as unknown as RelationalModel, definition, options);
    }
    this._isInitialized = true;
    this.release();
    linkHoldersBack(this as unknown as RelationalModel, options);
    this.processQueue();
  }

  /**
   * After a `set`, hand each changed relation key to its relation. A relation is updated when
   * the attribute no longer holds its related value, or was explicitly set to `null`.
   */
  updateRelations(changedAttrs?: Record<string, unknown>, options?: object): void {
    if (!this._isInitialized || this.isLocked()) return;
    const relations = this._relations!;
    const attributes = this.attributes as Record<string, unknown>;
    for (const key of Object.keys(relations)) {
      const relation = relations[key];
      if (!changedAttrs || relation.keySource in changedAttrs || relation.key in changedAttrs) {
        // The data set under `keySource` if any, else under `key`.
        const value = attributes[relation.keySource] || attributes[relation.key];
        const attr = changedAttrs && (changedAttrs[relation.keySource] || changedAttrs[relation.key]);
        if (relation.related !== value || (value === null && attr === null)) {
          this.trigger('relational:change:' + relation.key, this, value, options || {});
        }
      }
      // The `keySource` attribute is only where data arrives; the relation lives under `key`.
      if (relation.keySource !== relation.key) delete attributes[relation.keySource];
    }
  }

  /**
   * Run `func` now, or, while this model's relations are not set up yet (or a collection that
   * created it has not added it yet), once they are.
   */
  queue(func: () => void): void {
    if (this._queued === null) func();
    else holdForSetUp(this as unknown as RelationalModel, func);
  }

  /** Run the work `queue` held, once the relations are set up and nothing defers it. */
  processQueue(): void {
    const queued = this._queued;
    if (!this._isInitialized || this._deferProcessing || queued === null) return;
    // Work queued while this runs runs at once (the queue is open now).
    this._queued = null;
    for (const func of queued) if (typeof func === 'function') func();
  }

  /** The relation for `key`, if the model has one. */
  getRelation(key: string): HasOne | HasMany | undefined {
    return this._relations ? (this._relations[key] as HasOne | HasMany | undefined) : undefined;
  }

  /** All of this model's relations. */
  getRelations(): Array<HasOne | HasMany> {
    const relations = this._relations;
    return relations ? Object.keys(relations).map((key) => relations[key] as HasOne | HasMany) : [];
  }

  /** The ids `getAsync(key)` would fetch (with `refresh`, also those of the related models loaded already). */
  getIdsToFetch(key: string | Relation, refresh?: boolean): Id[] {
    return getIdsToFetch(this as unknown as RelationalModel, key, refresh);
  }

  /**
   * The related value of `key`, after fetching the related models it only knows by id (all of
   * them with `refresh`): a jQuery promise when jQuery is there, a native promise otherwise.
   */
  getAsync<T = RelatedValue>(key: string, options?: GetAsyncOptions): PromiseLike<T> {
    return getAsync<T>(this as unknown as RelationalModel, key, options);
  }

  /** Combine the requests `getAsync` made into one promise (jQuery's `$.when` when jQuery is there). */
  deferArray(requests: unknown[]): PromiseLike<unknown> {
    return whenAll(requests);
  }

  /** 0.8's name for lazy loading: the requests for what `key` lacks. Deprecated; use `getAsync`. */
  fetchRelated(key: string, options?: GetAsyncOptions, refresh?: boolean): Array<PromiseLike<unknown>> {
    return fetchRelated(this as unknown as RelationalModel, key, options, refresh);
  }

  /**
   * Backbone's `set`, then: the first time, set up the relations (and register the model if it
   * has an id); later, tell the store about a new id; and hand changed relation keys to their
   * relations. Events wait in the event queue until all of that is done.
   */
  override set(key: string, value?: unknown, options?: RelationalSetOptions): this;
  override set(attributes: Backbone.ObjectHash | null | undefined, options?: RelationalSetOptions): this;
  override set(keyOrAttributes: string | Backbone.ObjectHash | null | undefined, value?: unknown, options?: RelationalSetOptions): this;
  override set(key: any, value?: any, options?: any): this {
    const eventQueue = Relational.eventQueue;
    eventQueue.block();
    let attributes: any;
    if (isObject(key) || key == null) {
      attributes = key;
      options = value;
    } else {
      attributes = { [key]: value };
    }
    try {
      const id = this.id;
      const newId = attributes && this.idAttribute in attributes && attributes[this.idAttribute];
      const store = Relational.store;
      const firstSet = !this._isInitialized && !this.isLocked();
      store.checkId(this as unknown as RelationalModel, newId);
      if (firstSet) checkIdInHierarchy(this as unknown as RelationalModel, newId);
      const outcome = BackboneModel.prototype.set.apply(this, arguments);
      if (this.id !== id && !firstSet) updateIdLookups(this as unknown as RelationalModel, id);
      if (firstSet) {
        // Only a model with an id is registered; one without is registered when it gets one.
        if (isValidId(newId)) store.register(this as unknown as RelationalModel);
        this.initializeRelations(options);
      } else {
        // Nested data naming this model while its relations are being set up (0.10.0 ignored
        // it for the relations set up before, see below).
        if (!this._isInitialized && attributes) this._setDuringSetUp = { ...this._setDuringSetUp, ...attributes };
        // (0.10.0 skipped an id of 0 here, so such a model never entered the store.)
        if (isValidId(newId) && newId !== id) store.update(this as unknown as RelationalModel);
      }
      if (attributes) this.updateRelations(attributes, options);
      if (firstSet && this._setDuringSetUp) updateRelationsSetDuringSetUp(this as unknown as RelationalModel, attributes, options);
      return outcome;
    } finally {
      eventQueue.unblock();
    }
  }

  /** A copy without the id and the relation keys, so it is a new, unregistered model. */
  override clone(): this {
    const attributes: Record<string, unknown> = {};
    for (const name in this.attributes) attributes[name] = (this.attributes as any)[name];
    if (attributes[this.idAttribute] !== undefined) attributes[this.idAttribute] = null;
    for (const relation of this.getRelations()) delete attributes[relation.key];
    return new (this.constructor as any)(attributes);
  }

  /**
   * Backbone's `toJSON`, with each relation serialized as its `includeInJSON` says and written
   * to its `keyDestination`. A model already being serialized higher up (a cycle) gives its id.
   */
  override toJSON(options?: any): any {
    return serializeModel(this as unknown as RelationalModel, options);
  }

  // Static methods (see model-hierarchy.ts and model-lookup.ts)
  // --------------

  /**
   * Set up a type's relations, sub-models and reverse relations. `extend` calls it for you;
   * call it yourself after defining a type with `class ... extends` (ES or CoffeeScript).
   * Given an object, its properties are first put on the prototype, as `extend` would.
   */
  static setup<T extends RelationalModelConstructor>(this: T, protoProps?: RelationalModelProps | RelationalModelConstructor | null): T {
    setupModelType(this as unknown as RelationalModelType, protoProps);
    return this;
  }

  /** Create a model of the right sub-model type for `attributes`. */
  static build<T extends RelationalModelConstructor>(this: T, attributes?: Backbone.ObjectHash, options?: object): InstanceType<T> {
    return buildModel(this as unknown as RelationalModelType, attributes, options) as InstanceType<T>;
  }

  /** The sub-model type (at any depth below `type`) that `attributes` name, or `null`. */
  static _findSubModelType(this: RelationalModelType, type: RelationalModelType, attributes: unknown): RelationalModelType | null {
    return findSubModelType(this, type, attributes);
  }

  /** Resolve this type's super-model and its sub-models named so far, inheriting relations. */
  static initializeModelHierarchy(this: RelationalModelType): void {
    initializeModelHierarchy(this);
  }

  /** Find this type's super-model, and take over the relations it defines that this type does not. */
  static inheritRelations(this: RelationalModelType): void {
    inheritRelations(this);
  }

  /**
   * The model in the store for an id, attributes object or model; updated with the attributes
   * unless `merge` is `false`, and created when missing unless `create` is `false`. A model
   * stands for its id and is never merged in (see `findOrKeepModel`).
   */
  static findOrCreate<T extends RelationalModelConstructor>(this: T, attributes: FindAttributes, options?: FindOrCreateOptions): InstanceType<T> | null {
    return findOrCreateModel(this as unknown as RelationalModelType, attributes, options) as InstanceType<T> | null;
  }

  /** `findOrCreate` with `create: false`. */
  static find<T extends RelationalModelConstructor>(this: T, attributes: FindAttributes, options?: FindOrCreateOptions): InstanceType<T> | null {
    const type = this as unknown as RelationalModelType<InstanceType<T>>;
    return type.findOrCreate(attributes, findModelOptions(options));
  }

  /**
   * How `findOrCreate` matches data to an existing model: by id in the store. Override it to
   * match models another way (for instance new models by a client-side key).
   */
  static findModel(this: RelationalModelType, attributes: FindAttributes): RelationalModel | null {
    return Relational.store.find(this, attributes);
  }

  /** Backbone's `extend`, followed by `setup` for the new type. */
  static extend<T extends RelationalModelConstructor, P extends RelationalModelProps = {}, S extends object = {}>(
    this: T, protoProps?: RelationalModelProps & P & ThisType<InstanceType<T> & P>, staticProps?: S,
  ): RelationalModelSubtype<T, P, S> {
    const child = BackboneModel.extend.call(this, withSizedConstructor(this, protoProps), staticProps);
    child.setup(this);
    return child;
  }
}

/** A `change` event `model` queued (see `RelationalModel#trigger`), once the queue lets it through. */
function triggerQueuedChange(model: RelationalModel, args: ArrayLike<unknown>): void {
  model._triggerQueuedChange(args);
}

/**
 * The model type to extend for models with relations: `Backbone.RelationalModel`, also
 * `Backbone.Relational.Model`.
 */
export const RelationalModel = defineClass('RelationalModel', RelationalModelMembers, constructRelationalModel, Backbone.Model) as RelationalModelClass;
/**
 * A relational model; with type arguments, one whose attributes (`A`) and relations (`R`) are
 * typed (see `TypedRelationalModel` in typed-model.ts).
 */
export type RelationalModel<A = any, R = {}> = TypedRelationalModel<A, R>;
/** The members every relational model has, typed or not (what `TypedRelationalModel` builds on). */
export type RelationalModelBase = RelationalModelMembers;
/** The static members of `RelationalModel` as its class declares them (see `RelationalModelStatics`). */
export type RelationalModelBaseType = typeof RelationalModelMembers;

Object.assign(RelationalModel.prototype, Semaphore, {
  relations: null,
  _relations: null,
  _isInitialized: false,
  _deferProcessing: false,
  _queued: null,
  _attributeChangeFired: false,
  _hasOneHolders: null,
  _storeHandler: null,
  _silencedHolders: null,
  _setDuringSetUp: null,
  _awaitingSlot: -1,
  _storeSlot: -1,
  _storeRecord: null,
  _storeEpoch: 0,
  subModelTypeAttribute: 'type',
  subModelTypes: null,
});
(RelationalModel as any)._subModels = {};
(RelationalModel as any)._superModel = null;
setOwnGetRelations(RelationalModel.prototype.getRelations);
noteRelationalSet(RelationalModel.prototype.set);
