// Backbone.RelationalModel
// ------------------------
//
// A `Backbone.Model` whose `relations` turn attributes into related models and collections.
// Each relation is delegated to a `HasOne` or `HasMany` instance (`model._relations`). The model
// registers itself in the store once it has an id, and every event produced while its
// relations are being updated waits in `Backbone.Relational.eventQueue` until the whole graph
// is consistent again.

import Backbone from 'backbone';
import {
  Relational, Semaphore, runEach, defineClass, copyOptions, hasListeners, onlyCollectionsListen, isEmptyOptions, isObject, isValidId, result, warn,
  Relation, HasMany, type Id, type RelationDefinition, type HasOne, type SemaphoreMembers,
} from './internal';
import { fetchRelated, getAsync } from './lazy-loading';

const BackboneModel = Backbone.Model as any;

/**
 * A model type deriving from `RelationalModel` (made with `extend` or `class ... extends`), with
 * the static members this library adds. `M` is the type of its instances.
 */
export interface RelationalModelType<M extends RelationalModel = RelationalModel>
  extends Omit<typeof RelationalModelMembers, 'prototype'> {
  new (attributes?: Backbone.ObjectHash, options?: any): M;
  prototype: M;
}

/** Any constructor of relational models; the `this` of the static methods. */
export type RelationalModelConstructor<M extends RelationalModel = RelationalModel> = new (...args: any[]) => M;

/** What `extend` returns: a subtype of `T` whose instances also have the prototype properties `P`, plus the statics `S`. */
export type RelationalModelSubtype<T extends RelationalModelConstructor, P = {}, S = {}> = Omit<T, 'prototype'> & S & {
  new (attributes?: Backbone.ObjectHash, options?: any): InstanceType<T> & P;
  prototype: InstanceType<T> & P;
};

/** The prototype properties `extend` and `setup` take, with the relational ones typed. */
export interface RelationalModelProps {
  /** The relation definitions (or a function returning them). */
  relations?: RelationDefinition[] | ((this: RelationalModel) => RelationDefinition[]);
  /** Sub-model types by the value of `subModelTypeAttribute`: names or types. */
  subModelTypes?: Record<string, string | RelationalModelType>;
  /** The attribute whose value selects the sub-model type. Default `'type'`. */
  subModelTypeAttribute?: string;
  idAttribute?: string;
  urlRoot?: string | (() => string);
  defaults?: Backbone.ObjectHash | (() => Backbone.ObjectHash);
  [property: string]: unknown;
}

/** What `findOrCreate`, `find` and `findModel` look a model up by: an id, an attributes object or a model. */
export type FindAttributes = Id | Backbone.ObjectHash;

/** The related value of a relation: a model or `null` (HasOne), or a collection (HasMany). */
export type RelatedValue = RelationalModel | Backbone.Collection<RelationalModel> | null;

/** Options of `getAsync` (and `autoFetch`); the others are passed on to `fetch` / `Backbone.sync`. */
export interface GetAsyncOptions extends Backbone.ModelFetchOptions {
  /** Fetch the related models that are loaded already too. Default `false`. */
  refresh?: boolean;
  add?: boolean;
  merge?: boolean;
  remove?: boolean;
  [option: string]: unknown;
}

/** Options of `set` on a relational model (for a HasMany key: `add`, `merge`, `remove` as `collection.set`). */
export interface RelationalSetOptions extends Backbone.ModelSetOptions {
  add?: boolean;
  merge?: boolean;
  remove?: boolean;
  parse?: boolean;
  [option: string]: unknown;
}

/** Options of `findOrCreate`, `find` and `build`, passed on to `set` or the constructor. */
export interface FindOrCreateOptions {
  /** Create a model when none is found (for attribute objects). Default `true`. */
  create?: boolean;
  /** Update a found model with the attributes. Default `true`. */
  merge?: boolean;
  /** Run the type's `parse` on the attributes first. Default `false`. */
  parse?: boolean;
  [option: string]: unknown;
}

/** Whether any type has reverse relations beside a `relations` function (see `Store._addRelation`). */
let extraRelationsExist = false;
export function noteExtraRelations(): void {
  extraRelationsExist = true;
}

/**
 * The number of the outermost `toJSON` call in progress (0 when none is). Each model it writes
 * out is stamped with it, which is how a repeat or a cycle is recognised.
 */
let serializingCall = 0;
let lastSerializingCall = 0;

/**
 * Backbone's own `Model#toJSON` (`_.clone(this.attributes)`), if that is what `Backbone.Model`
 * had when this library loaded. While it still is, `toJSON` copies the attributes itself: the
 * same shallow copy, without the array of keys `_.clone` builds for every model. A `toJSON`
 * that a plugin put on `Backbone.Model.prototype`, before or after, is called as it is.
 */
const backbonesOwnToJSON = isAttributeClone(BackboneModel.prototype.toJSON) ? BackboneModel.prototype.toJSON : null;

function isAttributeClone(toJSON: unknown): boolean {
  return typeof toJSON === 'function' &&
    /^function\s*\(\s*[\w$]*\s*\)\s*\{\s*return\s+[\w$]+\.clone\(\s*this\.attributes\s*\)\s*;?\s*\}$/.test(Function.prototype.toString.call(toJSON));
}

/**
 * Models created by a collection whose queue waits until they are added to it. Each leaves the
 * set as soon as it is released, so code that runs for long without yielding to the event loop
 * does not keep every model it had a collection create alive until the next tick.
 */
let modelsAwaitingAddition = new Set<RelationalModel>();
let additionFlushScheduled = false;

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
  declare _isInitialized: boolean;
  /** Set while a collection that created this model has not added it yet. */
  declare _deferProcessing: boolean;
  /** Work waiting until this model's relations are set up (see `queue`). */
  declare _queue: Array<() => void> | null;
  /** Relations waiting to be added to this model's counterparts (see `_awaitReverseAddition`). */
  declare _reverseAdditions: ReverseAddition[] | null;
  declare _attributeChangeFired: boolean;
  /** The relations (of other models, or this one) holding this model. */
  declare _heldBy: Relation[] | null;
  /**
   * The store epoch this model was created in (see `Store._epoch`); -1 once it was destroyed or
   * unregistered. A model of another epoch than the store's stays out of the store.
   */
  declare _epoch: number;
  /** The outermost `toJSON` call that last wrote this model out (see `serializingCall`). */
  declare _jsonStamp: number;


  /** Sub-model types by their type value (filled in as sub-models are resolved). */
  declare static _subModels: Record<string, RelationalModelType>;
  /** The super-model, `null` before the hierarchy is known, `false` when there is none. */
  declare static _superModel: RelationalModelType | null | false;
  declare static _subModelTypeValue?: string;
  declare static _subModelTypeAttribute?: string;
  declare static _hierarchyReady?: boolean;
  /** The store collection of this type, cached by `Store.getCollection` for one store epoch. */
  declare static _storeCollection?: { type: unknown; epoch: number; index: number };
  declare static _extraRelations?: RelationDefinition[];

  /**
   * Backbone's `trigger`, with `change` events held in the event queue while relations are
   * being updated, and `destroy` also ending the model's relations and store registration.
   */
  override trigger(eventName: string, ...args: any[]): this;
  override trigger(eventName: string): this {
    const isChange = eventName.length > 5 && eventName.indexOf('change') === 0 && eventName !== 'changeId';
    // While the constructor sets the first attributes nobody can be listening yet: Backbone
    // fires these events to no one, and queueing them would let them reach listeners (say a
    // collection's) that subscribe later.
    if (isChange && !this._relations && !hasListeners(this)) return this;
    if (eventName === 'destroy') {
      this._triggerDestroy(arguments);
      return this;
    }
    // (The arguments are copied only for events that wait in the queue.)
    const eventQueue = Relational.eventQueue;
    if (isChange) {
      if (!eventQueue.isLocked()) {
        BackboneModel.prototype.trigger.apply(this, arguments as any);
      } else {
        const args: any[] = Array.prototype.slice.call(arguments, 1);
        eventQueue.add(() => this._triggerQueuedChange(eventName, args));
      }
    } else if ((eventName === 'add' || eventName === 'remove') && eventQueue.isLocked()) {
      this._queueMembershipEvent(arguments);
    } else {
      BackboneModel.prototype.trigger.apply(this, arguments as any);
      if (eventName === 'relational:unregister') Relational.store.unregister(arguments[1] || this);
    }
    return this;
  }

  /**
   * Fire `destroy` (with `triggerArguments`, the event name first) once this model's relations
   * are emptied, then take it out of the store and of every relation holding it. The events this
   * causes (collections' `remove`, `remove:<key>`, ...) fire once it is out of everything.
   */
  _triggerDestroy(triggerArguments: IArguments): void {
    const store = Relational.store;
    // Found before this model's relations let go of their related models.
    const holders = store._holdersOf(this as unknown as RelationalModel);
    const eventQueue = Relational.eventQueue;
    eventQueue.block();
    try {
      const relations = this._relations;
      if (relations) for (const key in relations) relations[key].destroy();
      BackboneModel.prototype.trigger.apply(this, triggerArguments as any);
      // Through `unregister`, which applications may wrap (0.10.0 called it on destroy too).
      (store.unregister as any)(this, undefined, holders);
    } finally {
      eventQueue.unblock();
    }
  }

  /**
   * A model's own `add` / `remove` event (fired by a collection) waits in the event queue like
   * the collection's, so its listeners see the graph once the relations are updated. The
   * collection hears of it through its `all` listener on the model when the event fires; a
   * removing collection has stopped listening by then, so it is told at once (its own `remove`
   * event waits in the queue anyway). `triggerArguments` are `trigger`'s, the event name first.
   */
  _queueMembershipEvent(triggerArguments: IArguments): void {
    const eventName: string = triggerArguments[0];
    const collection = triggerArguments[2];
    const options = triggerArguments[3];
    // Often only collections listen (each ignores another collection's `add` and `remove`),
    // and the adding collection has no listener of its own: then nobody is to be told.
    if (!onlyCollectionsListen(this) || (eventName === 'add' && hasListeners(collection))) {
      const queuedArgs: any[] = Array.prototype.slice.call(triggerArguments);
      if (options && typeof options === 'object') queuedArgs[3] = { ...options };
      Relational.eventQueue.add(() => BackboneModel.prototype.trigger.apply(this, queuedArgs as any));
    }
    // Queued after the model's own, as Backbone tells the model before the collection.
    if (eventName === 'remove' && collection && typeof collection._onModelEvent === 'function') {
      collection._onModelEvent(eventName, this, collection, options);
    }
  }

  /**
   * Fire a queued `change` event if it still holds now that the graph is consistent: a
   * `change:<key>` of a relation only when the relation itself reported it (with `true` as last
   * argument), and `change` only when something did change.
   */
  _triggerQueuedChange(eventName: string, args: any[]): void {
    let fire = true;
    if (eventName === 'change') {
      // `hasChanged` may have been reset by nested calls to `set`.
      fire = this.hasChanged() || this._attributeChangeFired;
      if (this._attributeChangeFired) this._attributeChangeFired = false;
    } else {
      const attr = eventName.slice(7);
      const relation = this.getRelation(attr) as any;
      if (relation) {
        fire = args[3] === true;
        // The previous value of a relation is the same object, so record the new one here.
        if (fire) (this as any).changed[attr] = args[1];
        else if (!relation.changed) delete (this as any).changed[attr];
      } else if (fire) {
        this._attributeChangeFired = true;
      }
    }
    if (fire) BackboneModel.prototype.trigger.call(this, eventName, ...args);
  }

  /** Set up this model's relations; runs once, on the first `set` (during construction). */
  initializeRelations(options?: object): void {
    // `_relations` exists from here on, so the `set`s this causes do not start it again.
    this._relations = new (RelationsByKey as any)();
    for (const definition of relationDefinitions(this)) {
      Relational.store.initializeRelation(this as unknown as RelationalModel, definition, options);
    }
    this._isInitialized = true;
    // Relations that took this model before it had relations recorded themselves as holders;
    // those whose counterpart it has now are found through it (see `Relation._hold`).
    const holders = this._heldBy;
    if (holders) {
      const kept = holders.filter((relation) => !relation._reverseRelationOn(this as unknown as RelationalModel));
      this._heldBy = kept.length ? kept : null;
    }
    const awaiting = this._reverseAdditions;
    if (awaiting) {
      this._reverseAdditions = null;
      addAwaitedReverseRelations(this as unknown as RelationalModel, awaiting);
    }
    this.processQueue();
  }

  /**
   * `relation` (of another model, or of this one) now relates to this model, whose relations
   * do not all exist yet: tell this model's counterpart of `relation` once they do.
   */
  _awaitReverseAddition(relation: Relation, options: object | undefined): void {
    (this._reverseAdditions || (this._reverseAdditions = [])).push({ relation, options });
  }

  /**
   * After a `set`, hand each changed relation key to its relation. A relation is updated when
   * the attribute no longer holds its related value, or was explicitly set to `null`.
   */
  updateRelations(changedAttrs?: Record<string, any>, options?: object): void {
    const relations = this._relations;
    if (!relations) return;
    const attributes = this.attributes as Record<string, any>;
    for (const key in relations) {
      const relation = relations[key] as any;
      const keySource = relation.keySource;
      if (!changedAttrs || keySource in changedAttrs || key in changedAttrs) {
        // Data set on `keySource` wins over data on the key.
        const value = attributes[keySource] || attributes[key];
        const attr = changedAttrs && (changedAttrs[keySource] || changedAttrs[key]);
        if (relation.related !== value || (value === null && attr === null)) {
          relation.onChange(this, value, options || {});
        }
      }
      if (keySource !== key) delete attributes[keySource];
    }
  }

  /**
   * Run `func` once this model's relations are set up (and, for a model created by a
   * collection, once the collection added it); at once when they are.
   */
  queue(func: () => void): void {
    if (this._isInitialized && !this._deferProcessing && !this._queue) func();
    else (this._queue || (this._queue = [])).push(func);
  }

  /**
   * Run the queued work, if this model is ready for it. Work queued while this runs runs at
   * once (the queue is open by then), as with a `BlockingQueue`.
   */
  processQueue(): void {
    const pending = this._queue;
    if (!pending || !this._isInitialized || this._deferProcessing) return;
    this._queue = null;
    runEach(pending);
  }

  /** The relation on `key`, if any. */
  getRelation(key: string): HasOne | HasMany | undefined {
    return this._relations ? (this._relations[key] as any) : undefined;
  }

  /** Every relation of this model. */
  getRelations(): Array<HasOne | HasMany> {
    return this._relations ? (Object.values(this._relations) as any) : [];
  }

  /**
   * The ids `getAsync(key)` would fetch: those of related models not loaded yet, plus, with
   * `refresh`, those of the related models present.
   */
  getIdsToFetch(key: string | Relation, refresh?: boolean): Id[] {
    const relation: any = key instanceof Relation ? key : this.getRelation(key as string);
    if (!relation) return [];
    const ids: Id[] = relation.keyIds ? relation.keyIds.slice() : isValidId(relation.keyId) ? [relation.keyId] : [];
    if (refresh) {
      const related = relation.related;
      const models = related ? related.models || [related] : [];
      for (const model of models) if (isValidId(model.id)) ids.push(model.id);
    }
    return ids;
  }

  /**
   * The attribute's value, once every related model only known by id has been fetched (all of
   * them with `refresh: true`). Returns a jQuery promise when `Backbone.$` has `Deferred`, a
   * native promise otherwise; other options go to `Backbone.sync`.
   */
  getAsync<T = RelatedValue>(key: string, options?: GetAsyncOptions): PromiseLike<T> {
    return getAsync<T>(this as unknown as RelationalModel, key, options);
  }

  /** 0.8's name for fetching the missing related models; prefer `getAsync`. */
  fetchRelated(key: string, options?: GetAsyncOptions, refresh?: boolean): Array<PromiseLike<unknown>> {
    return fetchRelated(this as unknown as RelationalModel, key, options, refresh);
  }

  /**
   * Backbone's `set`, plus: the duplicate-id check, relation set-up on the first call, store
   * registration when the model gets an id, and relation updates for relation keys. For a
   * HasMany key it works like `collection.set`, honouring `add`, `merge` and `remove`.
   */
  override set(key: string, value?: unknown, options?: RelationalSetOptions): this;
  override set(attributes: Backbone.ObjectHash | null | undefined, options?: RelationalSetOptions): this;
  override set(keyOrAttributes: string | Backbone.ObjectHash | null | undefined, value?: unknown, options?: RelationalSetOptions): this;
  override set(key: any, value?: any, options?: any): this {
    let attributes: Record<string, any> | null;
    if (isObject(key) || key == null) {
      attributes = key;
      options = value;
    } else {
      attributes = { [key]: value };
    }
    const eventQueue = Relational.eventQueue;
    eventQueue.block();
    let outcome: any;
    try {
      const type = this.constructor as RelationalModelType;
      // The hierarchy decides which ids the new id must not clash with.
      type.initializeModelHierarchy();
      const previousId = this.id;
      const idGiven = attributes != null && this.idAttribute in attributes;
      const newId = idGiven ? attributes![this.idAttribute] : undefined;
      Relational.store.checkId(this as unknown as RelationalModel, newId);

      // The first `set`, in the constructor, fires Backbone's change events to no one (see
      // `trigger`): Backbone need not build them. (Not with `validate`, whose `invalid` event
      // and `validationError` get these very options.)
      const quiet = !this._relations && !hasListeners(this) && !(options && options.validate);
      // (A literal when there are no options to copy: see `isEmptyOptions`.)
      const setOptions = quiet ? (isEmptyOptions(options) ? { silent: true } : { ...options, silent: true }) : options;
      outcome = BackboneModel.prototype.set.call(this, attributes, setOptions);

      if (!this._relations) {
        // The first `set` happens in the constructor: register (once it has an id), then build
        // the relations.
        if (isValidId(newId)) Relational.store.register(this as unknown as RelationalModel);
        this.initializeRelations(options);
      } else if (idGiven && this.id !== previousId && (isValidId(this.id) || isValidId(previousId))) {
        Relational.store.update(this as unknown as RelationalModel, previousId);
      }
      if (attributes) this.updateRelations(attributes, options);
    } finally {
      eventQueue.unblock();
    }
    return outcome;
  }

  /** A copy without the id and the relation keys, so it is a new, unregistered model. */
  override clone(): this {
    const attributes: Record<string, any> = { ...this.attributes };
    if (attributes[this.idAttribute] !== undefined) attributes[this.idAttribute] = null;
    for (const relation of this.getRelations()) delete attributes[relation.key];
    return new (this.constructor as any)(attributes);
  }

  /**
   * Backbone's `toJSON`, with each relation serialized as its `includeInJSON` says and written
   * to its `keyDestination`. A model already being serialized higher up gives just its id.
   */
  override toJSON(options?: any): any {
    // A model is written out once per (outermost) `toJSON` call; a repeat, or a cycle, gives its id.
    const outermost = serializingCall === 0;
    if (outermost) serializingCall = ++lastSerializingCall;
    else if (this._jsonStamp === serializingCall) return this.id;
    this._jsonStamp = serializingCall;
    try {
      const json = BackboneModel.prototype.toJSON === backbonesOwnToJSON ? copyAttributes(this.attributes) : BackboneModel.prototype.toJSON.call(this, options);
      const type = this.constructor as RelationalModelType;
      if (type._superModel && type._subModelTypeAttribute && !(type._subModelTypeAttribute in json)) {
        json[type._subModelTypeAttribute] = type._subModelTypeValue;
      }
      const relations = this._relations as any;
      if (relations) for (const key in relations) serializeRelation(json, relations[key], options);
      return json;
    } finally {
      if (outermost) serializingCall = 0;
    }
  }

  // Static methods
  // --------------

  /**
   * Set up a type's relations, sub-models and reverse relations. `extend` calls it for you;
   * call it yourself after defining a type with `class ... extends` (ES or CoffeeScript).
   */
  static setup<T extends RelationalModelConstructor>(this: T, protoProps?: RelationalModelProps | RelationalModelConstructor | null): T {
    const type = this as unknown as RelationalModelType;
    // `setup({ relations, ... })` (ES classes): prototype properties, as `extend` takes them.
    // `extend` itself passes the parent type, which is not one.
    if (protoProps && typeof protoProps === 'object') Object.assign(type.prototype, protoProps);
    const prototype = type.prototype as any;
    // Own copy, so reverse relations added to this type do not leak into its parent.
    if (Array.isArray(prototype.relations)) prototype.relations = prototype.relations.slice();
    else if (!prototype.relations) prototype.relations = [];
    type._subModels = {};
    type._superModel = null;
    defineHidden(type, '_hierarchyReady', false);
    if (Object.prototype.hasOwnProperty.call(prototype, 'subModelTypes') && prototype.subModelTypes) {
      Relational.store.addSubModels(prototype.subModelTypes, type);
    } else {
      prototype.subModelTypes = null;
    }
    // Declare the reverse relations now, so they exist before any instance of this type does.
    const definitions = Array.isArray(prototype.relations) ? prototype.relations : [];
    for (const definition of definitions) {
      if (!isObject(definition)) continue;
      if (!definition.model) definition.model = type;
      if (definition.reverseRelation && definition.model === type) declareEarly(definition);
    }
    return this;
  }

  /** Create a model of the right sub-model type for `attributes`. */
  static build<T extends RelationalModelConstructor>(this: T, attributes?: Backbone.ObjectHash, options?: object): InstanceType<T> {
    const self = this as unknown as RelationalModelType;
    self.initializeModelHierarchy();
    const type = self._findSubModelType(self, attributes) || self;
    return new type(attributes, options) as InstanceType<T>;
  }

  /** The sub-model type (at any depth) that `attributes`' type attribute names. */
  static _findSubModelType(this: RelationalModelType, type: RelationalModelType, attributes: any): RelationalModelType | null {
    if (!isObject(attributes) || !type._subModels) return null;
    const typeAttribute = type.prototype.subModelTypeAttribute;
    if (!(typeAttribute in attributes)) return null;
    const direct = type._subModels[attributes[typeAttribute]];
    if (direct) return direct;
    for (const typeValue of Object.keys(type._subModels)) {
      const found = this._findSubModelType(type._subModels[typeValue], attributes);
      if (found) return found;
    }
    return null;
  }

  /**
   * Resolve this type's place in its sub-model hierarchy (its super-model, and its sub-models at
   * every depth) and inherit its super-model's relations. Cheap once everything is resolved.
   */
  static initializeModelHierarchy(this: RelationalModelType): void {
    if (hasOwnTrue(this, '_hierarchyReady')) return;
    this.inheritRelations();
    let ready = true;
    const subModelTypes = this.prototype.subModelTypes;
    if (subModelTypes) {
      for (const typeValue of Object.keys(subModelTypes)) {
        let subModelType: RelationalModelType | null = this._subModels[typeValue] || null;
        if (!subModelType) {
          const declared = subModelTypes[typeValue];
          subModelType = typeof declared === 'string' ? Relational.store.getObjectByName<RelationalModelType>(declared) : declared;
        }
        if (subModelType && typeof subModelType.initializeModelHierarchy === 'function') {
          subModelType.initializeModelHierarchy();
        }
        if (!this._subModels[typeValue] || !hasOwnTrue(this._subModels[typeValue], '_hierarchyReady')) ready = false;
      }
    }
    if (ready) defineHidden(this, '_hierarchyReady', true);
  }

  /** Find this type's super-model, and take over the relations it defines that this type does not. */
  static inheritRelations(this: RelationalModelType): void {
    if (Object.prototype.hasOwnProperty.call(this, '_superModel') && this._superModel != null) return;
    Relational.store.setupSuperModel(this);
    const superModel = this._superModel;
    if (superModel) {
      superModel.inheritRelations();
      const superRelations = superModel.prototype.relations;
      if (Array.isArray(superRelations) && superRelations.length) {
        const own = Array.isArray(this.prototype.relations) ? this.prototype.relations : [];
        const inherited = superRelations.filter((superRelation) => !own.some((relation) =>
          relation.relatedModel === superRelation.relatedModel && relation.key === superRelation.key));
        (this.prototype as any).relations = inherited.concat(own);
      }
    } else {
      this._superModel = false;
    }
  }

  /**
   * The model in the store for an id, attributes object or model; updated with the attributes
   * unless `merge` is `false`, and created when missing unless `create` is `false`.
   */
  static findOrCreate<T extends RelationalModelConstructor>(this: T, attributes: FindAttributes, options?: FindOrCreateOptions): InstanceType<T> | null {
    const self = this as unknown as RelationalModelType<InstanceType<T>>;
    const settings: FindOrCreateOptions = options || {};
    if (attributes instanceof Backbone.Model) {
      // A model stands for itself: look it up by id, never merge its internals as attributes.
      return attributes instanceof self ? attributes as InstanceType<T> : self.findModel(attributes) as InstanceType<T> | null;
    }
    const parsed = isObject(attributes) && settings.parse && self.prototype.parse
      ? self.prototype.parse({ ...attributes }, settings)
      : attributes;
    let model = self.findModel(parsed) as InstanceType<T> | null;
    if (isObject(attributes)) {
      if (model && settings.merge !== false) {
        // Options meant for the outer collection must not reach nested models.
        let setOptions = settings;
        if ('collection' in settings || 'url' in settings) {
          setOptions = copyOptions(settings);
          delete setOptions.collection;
          delete setOptions.url;
        }
        model.set(parsed, setOptions);
      } else if (!model && settings.create !== false) {
        // Parsed already: the constructor must not parse again.
        model = self.build(parsed, settings.parse ? { ...settings, parse: false } : settings);
      }
    }
    return model;
  }

  /** `findOrCreate` with `create: false`. */
  static find<T extends RelationalModelConstructor>(this: T, attributes: FindAttributes, options?: FindOrCreateOptions): InstanceType<T> | null {
    return (this as unknown as RelationalModelType<InstanceType<T>>).findOrCreate(attributes, { ...options, create: false });
  }

  /**
   * How `findOrCreate` matches data to an existing model; by id in the store. Override it to
   * match models another way (for instance new models by a client-side key).
   */
  static findModel(this: RelationalModelType, attributes: FindAttributes): RelationalModel | null {
    return Relational.store.find(this, attributes);
  }

  /** Backbone's `extend`, followed by `setup` for the new type. */
  static extend<T extends RelationalModelConstructor, P extends RelationalModelProps = {}, S extends object = {}>(
    this: T, protoProps?: RelationalModelProps & P & ThisType<InstanceType<T> & P>, staticProps?: S,
  ): RelationalModelSubtype<T, P, S> {
    const child = BackboneModel.extend.call(this, protoProps, staticProps);
    child.setup(this);
    return child;
  }
}

/** `relations` of a model: the prototype's (array or function) plus reverse relations added to a function. */
function relationDefinitions(model: RelationalModelMembers): RelationDefinition[] {
  const declared = result<RelationDefinition[] | null>(model, 'relations') || [];
  if (!extraRelationsExist) return declared;
  let extra: RelationDefinition[] | null = null;
  for (let type: any = model.constructor; type && type !== RelationalModel; type = Object.getPrototypeOf(type.prototype)?.constructor) {
    if (Object.prototype.hasOwnProperty.call(type, '_extraRelations')) extra = (extra || []).concat(type._extraRelations);
  }
  return extra ? declared.concat(extra) : declared;
}

/** Declare a relation's reverse side at type definition, or keep it until its related type exists. */
function declareEarly(definition: RelationDefinition): void {
  const store = Relational.store;
  const related = definition.relatedModel;
  if (typeof related === 'string') {
    const relatedType = store.getObjectByName<RelationalModelType>(related);
    if (relatedType && relatedType.prototype instanceof RelationalModel) store.initializeRelation(null, definition);
    else store.addOrphanRelation(definition);
  } else {
    store.initializeRelation(null, definition);
  }
}

/** What underscore's `_.clone(attributes)` gives: a shallow copy, inherited enumerable keys included. */
function copyAttributes(attributes: Record<string, any>): Record<string, any> {
  const json: Record<string, any> = {};
  for (const key in attributes) json[key] = attributes[key];
  return json;
}

/** Write one relation into `json` as its `includeInJSON` and `keyDestination` say. */
function serializeRelation(json: Record<string, any>, relation: any, options: any): void {
  const related = json[relation.key];
  const includeInJSON = relation.options.includeInJSON;
  let value: any = null;
  if (includeInJSON === true) {
    if (related && typeof related.toJSON === 'function') value = related.toJSON(options);
  } else if (typeof includeInJSON === 'string') {
    if (related instanceof Backbone.Collection) value = related.pluck(includeInJSON);
    else if (related instanceof Backbone.Model) value = related.get(includeInJSON);
    // With the id attribute, ids of related models not loaded yet are kept, so saving loses nothing.
    if (includeInJSON === relation.relatedModel.prototype.idAttribute) {
      if (relation instanceof HasMany) {
        value = (value || []).concat(relation.keyIds);
      } else {
        if (!isValidId(value)) value = relation.keyId;
        if (!isValidId(value) && !isObject(relation.keyContents)) value = isValidId(relation.keyContents) ? relation.keyContents : null;
      }
    }
  } else if (Array.isArray(includeInJSON)) {
    const pick = (model: Backbone.Model) => {
      const picked: Record<string, any> = {};
      for (const attribute of includeInJSON) picked[attribute] = model.get(attribute);
      return picked;
    };
    if (related instanceof Backbone.Collection) value = related.map(pick);
    else if (related instanceof Backbone.Model) value = pick(related);
  } else {
    delete json[relation.key];
  }
  // With `wait: true`, Backbone passes what was given to `save` as attributes: keep it as it is.
  if (value === null && options && options.wait) value = related;
  if (includeInJSON) json[relation.keyDestination] = value;
  if (relation.keyDestination !== relation.key) delete json[relation.key];
}

/**
 * `model._relations`: a plain object of relations by key. Made by one constructor so that V8
 * sizes these objects to the few keys they get, rather than an object literal's default.
 */
function RelationsByKey(this: Record<string, Relation>) {}
RelationsByKey.prototype = Object.create(Object.prototype, {
  constructor: { value: Object, writable: true, configurable: true },
});

/** A relation that relates to a model before the model's own relations exist. */
interface ReverseAddition {
  relation: Relation;
  options: object | undefined;
}

/**
 * Now that `model`'s relations exist, add each awaiting relation's model to `model`'s
 * counterpart. Additions to one collection (the children that arrived before their parent,
 * say) are made in one `add`.
 */
function addAwaitedReverseRelations(model: RelationalModel, awaiting: ReverseAddition[]): void {
  const batches: Array<{ counterpart: Relation; options: object | undefined; models: RelationalModel[] }> = [];
  for (const { relation, options } of awaiting) {
    const counterpart = relation._reverseRelationOn(model);
    if (!counterpart) continue;
    const batch = counterpart instanceof HasMany ? batches.find((b) => b.counterpart === counterpart) : undefined;
    if (batch && batch.options === options) batch.models.push(relation.instance);
    else batches.push({ counterpart, options, models: [relation.instance] });
  }
  let failure: { error: unknown } | null = null;
  for (const { counterpart, options, models } of batches) {
    try {
      if (counterpart instanceof HasMany) (counterpart as unknown as HasMany).addRelatedModels(models, options);
      else counterpart.addRelated(models[0], options);
    } catch (error) {
      if (!failure) failure = { error };
    }
  }
  if (failure) throw failure.error;
}


function hasOwnTrue(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key) && (target as any)[key] === true;
}

/** A non-enumerable own static, so Backbone's `extend` does not copy it to subclasses. */
function defineHidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * A model created by a collection waits with its queued relation work until the collection
 * has added it (the collection patches release it right after); should that never happen
 * (say `create` with `wait: true` that fails), it is released on the next tick.
 */
function deferUntilAdded(model: RelationalModel): void {
  model._deferProcessing = true;
  modelsAwaitingAddition.add(model);
  if (additionFlushScheduled) return;
  additionFlushScheduled = true;
  setTimeout(() => {
    additionFlushScheduled = false;
    const models = modelsAwaitingAddition;
    modelsAwaitingAddition = new Set();
    for (const waiting of models) releaseDeferred(waiting);
  }, 0);
}

/** Let a model created by a collection run its queued relation work. */
export function releaseDeferred(model: RelationalModel): void {
  if (!model._deferProcessing) return;
  model._deferProcessing = false;
  modelsAwaitingAddition.delete(model);
  model.processQueue();
}

/**
 * Create a model. Options as for `Backbone.Model`; `collection` is not passed on to nested
 * models. If set-up fails (a throwing `initialize` or `parse`), the half-built model is taken
 * out of the store and every relation again before the error is rethrown.
 */
function constructRelationalModel(this: RelationalModel, attributes?: any, options?: any): void {
  if (options && options.collection) {
    options = { ...options };
    this.collection = options.collection;
    delete options.collection;
    deferUntilAdded(this);
  }
  const store = Relational.store;
  this._epoch = store._epoch;
  // Set here, not on the prototype, so that stamping it in `toJSON` does not change its shape.
  this._jsonStamp = 0;
  store.processOrphanRelations();
  const eventQueue = Relational.eventQueue;
  eventQueue.block();
  try {
    BackboneModel.call(this, attributes, options);
  } catch (error) {
    abandonModel(this);
    throw error;
  } finally {
    eventQueue.unblock();
  }
}

/** Undo what a failed construction registered, so no half-built model stays reachable. */
function abandonModel(model: RelationalModel): void {
  try {
    const store = Relational.store;
    const holders = store._holdersOf(model);
    store.unregister(model);
    for (const relation of model.getRelations()) (relation as any)._clearOnDestroy();
    // Relations whose own data named its id wait for that id again.
    forgetModelOf(holders, model.id, true);
  } catch {
    // The original error is the one worth reporting.
  }
}

/**
 * Make each of `holders` wait again for `id`, now that the model it had for it is gone (with
 * `onlyWhereListed`, only relations whose own data named that id; a HasMany forgets its data).
 */
export function forgetModelOf(holders: Relation[], id: unknown, onlyWhereListed?: boolean): void {
  if (!isValidId(id)) return;
  for (const relation of holders as any[]) {
    if (!relation._detached && typeof relation._waitAgainFor === 'function') relation._waitAgainFor(id, onlyWhereListed);
  }
}

/**
 * The model type to extend for models with relations: `Backbone.RelationalModel`, also
 * `Backbone.Relational.Model`.
 */
export const RelationalModel = defineClass('RelationalModel', RelationalModelMembers, constructRelationalModel, Backbone.Model);
export type RelationalModel = RelationalModelMembers;

Object.assign(RelationalModel.prototype, Semaphore, {
  relations: null,
  _relations: null,
  _isInitialized: false,
  _deferProcessing: false,
  _queue: null,
  _reverseAdditions: null,
  _attributeChangeFired: false,
  _heldBy: null,
  _epoch: 0,
  subModelTypeAttribute: 'type',
  subModelTypes: null,
});
// Read on the prototype of a collection's `model` to tell relational collections apart (a
// property lookup is cheaper than `instanceof` on every collection event).
Object.defineProperty(RelationalModel.prototype, '_isRelationalModel', { value: true });
(RelationalModel as any)._subModels = {};
(RelationalModel as any)._superModel = null;

