// Backbone.Store
// --------------
//
// The one global identity map (`Backbone.Relational.store`). It keeps, per model type
// hierarchy, a collection holding every registered instance by id, so relations can look
// related models up, and so no two instances of one hierarchy ever share an id. It also
// registers the types themselves: where names are resolved (model scopes), which sub-models a
// type has, and which reverse relations were declared on the other side.
//
// Unlike 0.10.0, no relation listens to the store collections. Each store collection keeps an
// index of the relations *waiting* for an id that is not loaded yet, and each model knows the
// relations that hold it (`model._heldBy`). Registering, re-identifying or removing a model
// therefore costs in proportion to the relations it really concerns, not to every relation of
// every model of the type.

import Backbone from 'backbone';
import {
  Relational, RelationalModel, Relation, defineClass, isClassSyntax, whileBlocked, isObject, isValidId, warn, settingsFor, noteExtraRelations,
  type Id, type RelationalModelType, type RelationDefinition, type RelationType,
} from './internal';

/** Where `getObjectByName` looks first: `window` in a browser, `globalThis` elsewhere. */
const globalScope: object = typeof window !== 'undefined' ? window : globalThis;

/**
 * A store collection: a `Backbone.Collection` holding every registered model of one type
 * hierarchy. It is an index, so it does not subscribe to its models' events (that would cost a
 * listener per model); the store keeps it current itself.
 */
export interface StoreCollection extends Backbone.Collection<RelationalModel> {
  /** Every registered model under its id (see `idKey`), or under its cid while it has none. */
  _index: Map<string | number, RelationalModel>;
  /** Relations waiting for a model with a given id (keyed by `idKey`) to be registered: one, or a set of several. */
  _waiting: Map<string | number, Relation | Set<Relation>> | null;
  /** The registered model with this id, if any. */
  _storeGet(id: unknown): RelationalModel | undefined;
  _storeKeyOf(id: unknown): string | number;
  _storeAdd(model: RelationalModel): void;
  _storeHas(model: RelationalModel): boolean;
  _storeRemove(model: RelationalModel): void;
  _storeChangeId(model: RelationalModel, previousId: unknown): boolean;
  _storeEmpty(): void;
}

const StoreCollection = Backbone.Collection.extend({
  constructor: function StoreCollection(this: any) {
    // Every field exists from the start, in one order, so all store collections share one shape.
    this._index = new Map();
    this._waiting = null;
    this._modelsArray = null;
    this.model = this.model;
    (Backbone.Collection as any).apply(this, arguments);
  },

  /**
   * Backbone's `get`, on the index: by id, by a model or attributes object's id, or by cid
   * (which finds a model only while it has no id).
   */
  get(this: StoreCollection, obj: any): RelationalModel | undefined {
    if (obj == null) return undefined;
    const index = this._index;
    if (typeof obj !== 'object') return index.get(idKey(obj));
    const id = (this as any).modelId((this as any)._isModel(obj) ? obj.attributes : obj, obj.idAttribute);
    return (id != null ? index.get(idKey(id)) : undefined) || (obj.cid ? index.get(obj.cid) : undefined);
  },

  // Backbone's own reference keeping subscribes the collection to the model's events and
  // indexes it by cid and by id; an index of every model needs neither the events nor both
  // keys: a model is found under its id, or under its cid while it has none.
  _addReference(this: StoreCollection, model: RelationalModel) {
    this._index.set(storeKey(model), model);
  },

  _removeReference(this: StoreCollection, model: RelationalModel) {
    const key = storeKey(model);
    if (this._index.get(key) === model) this._index.delete(key);
  },

  /** The key of `id` in `_index` and `_waiting` (see `idKey`). */
  _storeKeyOf(this: StoreCollection, id: unknown): string | number {
    return idKey(id);
  },

  _storeGet(this: StoreCollection, id: unknown): RelationalModel | undefined {
    return this._index.get(idKey(id));
  },

  /** Whether this store collection holds `model`. */
  _storeHas(this: StoreCollection, model: RelationalModel): boolean {
    return this._index.get(storeKey(model)) === model;
  },

  /** Add a model (Backbone's `add` event fires only when someone listens). */
  _storeAdd(this: StoreCollection, model: RelationalModel) {
    const self = this as any;
    self._modelsArray = null;
    self._addReference(model);
    if (self._events) this.trigger('add', model, this, {});
  },

  /** Remove a model, in constant time. */
  _storeRemove(this: StoreCollection, model: RelationalModel) {
    const self = this as any;
    const key = storeKey(model);
    if (this._index.get(key) !== model) return;
    this._index.delete(key);
    self._modelsArray = null;
    if (self._events) this.trigger('remove', model, this, {});
  },

  /** Forget every model, waiting relation and listener (see `Store.reset`). */
  _storeEmpty(this: StoreCollection) {
    this._index = new Map();
    this._waiting = null;
    (this as any)._modelsArray = null;
    this.off();
    this.stopListening();
  },

  /** Move `model` from its previous id (or its cid) to its id; `false` when it was not there. */
  _storeChangeId(this: StoreCollection, model: RelationalModel, previousId: unknown): boolean {
    const index = this._index;
    const previousKey = previousId != null ? idKey(previousId) : model.cid;
    if (index.get(previousKey) !== model) return false;
    index.delete(previousKey);
    index.set(storeKey(model), model);
    (this as any)._modelsArray = null;
    return true;
  },
}) as unknown as new () => StoreCollection;

// `models` and `length` are derived from the index, which holds each model once, so Backbone's
// reading methods (`filter`, `each`, `pluck`, ...) work as on any collection, with the models in
// the order they were registered. A store collection is changed through the store only
// (`register`, `unregister`, `reset`), not with `add` or `remove`.
Object.defineProperty(StoreCollection.prototype, 'models', {
  get(this: any) {
    return this._modelsArray || (this._modelsArray = Array.from(this._index.values()));
  },
  set(this: any, models: RelationalModel[]) {
    // Backbone's `_reset` assigns an empty array.
    this._modelsArray = null;
    this._index = new Map();
    for (const model of models) this._addReference(model);
  },
  configurable: true,
});
Object.defineProperty(StoreCollection.prototype, 'length', {
  get(this: any) {
    return this._index.size;
  },
  // Backbone assigns `length` after changing `models`; it is derived here.
  set() {},
  configurable: true,
});
// Backbone's id lookup object, for code that reads it: a copy of the index, made when read.
// Backbone's `_reset` assigns a new empty one, which the index makes unnecessary.
Object.defineProperty(StoreCollection.prototype, '_byId', {
  get(this: any) {
    return Object.fromEntries(this._index);
  },
  set() {},
  configurable: true,
});

/** Epochs are unique across store instances, so a model never belongs to two stores' epochs. */
let nextEpoch = 1;

/** Where a store collection keeps a model: under its id (see `idKey`), or its cid while it has none. */
function storeKey(model: RelationalModel): IdKey {
  const id = model.id as any;
  return id != null ? idKey(id) : model.cid;
}

/** An id as the store's maps key it: a number, or a string that is not a number's. */
type IdKey = string | number;

/**
 * The key of `id` in the store's maps. Ids `1` and `'1'` are one id (as in Backbone's
 * collections), so a string that spells a finite number is keyed as that number, and any other
 * id as a string. Numbers, the common ids, are then keys as they are: turning each into a string
 * would make a new string (to hash) for every lookup.
 */
export function idKey(id: unknown): IdKey {
  if (typeof id === 'number') return Number.isFinite(id) ? id : String(id);
  if (typeof id === 'string') {
    const first = id.charCodeAt(0);
    if ((first >= 48 && first <= 57) || first === 45) {
      const n = Number(id);
      if (Number.isFinite(n) && String(n) === id) return n;
    }
    return id;
  }
  return String(id);
}

/** A `subModelTypes` declaration remembered until its sub-types can be resolved. */
interface SubModelDeclaration {
  superModelType: RelationalModelType;
  subModels: Record<string, string | RelationalModelType>;
}

class StoreMembers {
  /** One store collection per root model type seen so far. */
  declare _collections: StoreCollection[];
  /** Reverse relations added to related types (so each is added once). */
  declare _reverseRelations: RelationDefinition[];
  /** Relations whose related type could not be resolved yet; retried as models are created. */
  declare _orphanRelations: RelationDefinition[];
  /** `subModelTypes` declarations, resolved lazily when a type is first used. */
  declare _subModels: SubModelDeclaration[];
  /** The objects `getObjectByName` resolves dotted names on. */
  declare _modelScopes: object[];
  /** Root type -> its store collection, for constant-time lookups. */
  declare _collectionByType: Map<RelationalModelType, StoreCollection>;
  /** Root type -> its store collection from before the last `reset`, emptied, to be reused. */
  declare _recycled: Map<RelationalModelType, StoreCollection> | null;
  /** Bumped whenever name resolution may give a different answer (scopes changed, reset). */
  declare _scopeVersion: number;
  /**
   * Models are created in the store's current epoch; a model of another epoch (created before
   * a `reset`, or unregistered) is never registered again.
   */
  declare _epoch: number;

  /**
   * Create a relation of the type `relation.type` names for `model` (or, with no model, only
   * register its reverse relation). A missing or unknown type is reported and skipped.
   */
  initializeRelation(model: RelationalModel | null, relation: RelationDefinition, options?: object): void {
    if (!isObject(relation)) {
      warn('relation %o on %o is not an object; skipped.', relation, model);
      return;
    }
    const type = this._resolveRelationType(relation.type);
    if (type && type.prototype instanceof Relation) {
      createRelation(type, model, relation, options);
    } else {
      warn('Relation=%o; missing or invalid relation type!', relation);
    }
  }

  /** A relation type given as a constructor, as 'HasOne' / 'HasMany', or as a dotted name. */
  _resolveRelationType(type: unknown): RelationType | null {
    if (typeof type !== 'string') return type as RelationType;
    return (Relational as any)[type] || (Backbone as any)[type] || this.getObjectByName<RelationType>(type);
  }

  /** Add an object on which `getObjectByName` resolves names (models, collections). */
  addModelScope(scope: object): void {
    this._modelScopes.push(scope);
    this._scopeVersion++;
  }

  /** Stop resolving names on `scope` (this may also be the default global scope). */
  removeModelScope(scope: object): void {
    this._modelScopes = this._modelScopes.filter((existing) => existing !== scope);
    this._scopeVersion++;
  }

  /** Remember a type's `subModelTypes`; the sub-types are resolved when first needed. */
  addSubModels(subModelTypes: Record<string, string | RelationalModelType>, superModelType: RelationalModelType): void {
    this._subModels.push({ superModelType, subModels: subModelTypes });
  }

  /**
   * If `modelType` is listed in some type's `subModelTypes`, link the two: the super-model
   * learns its sub-model under its type value, and the sub-model its super-model.
   */
  setupSuperModel(modelType: RelationalModelType): void {
    for (const declaration of this._subModels) {
      for (const typeValue of Object.keys(declaration.subModels || {})) {
        const candidate = declaration.subModels[typeValue];
        const subModelType = typeof candidate === 'string' ? this.getObjectByName<RelationalModelType>(candidate) : candidate;
        if (subModelType === modelType) {
          const superModelType = declaration.superModelType;
          superModelType._subModels[typeValue] = modelType;
          modelType._superModel = superModelType;
          modelType._subModelTypeValue = typeValue;
          modelType._subModelTypeAttribute = superModelType.prototype.subModelTypeAttribute;
          return;
        }
      }
    }
  }

  /**
   * Declare the reverse side of a relation on the related type: it is added to that type's
   * relations and to every instance of it that already exists. Adding the same one twice does
   * nothing.
   */
  addReverseRelation(relation: RelationDefinition): void {
    const exists = this._reverseRelations.some((existing) => sameDefinition(relation, existing));
    if (!exists && relation.model && relation.type) {
      this._reverseRelations.push(relation);
      this._addRelation(relation.model as RelationalModelType, relation);
      this.retroFitRelation(relation);
    }
  }

  /** Keep a relation whose related type is not defined yet, to set it up once it is. */
  addOrphanRelation(relation: RelationDefinition): void {
    const exists = this._orphanRelations.some((existing) => sameDefinition(relation, existing));
    if (!exists && relation.model && relation.type) {
      this._orphanRelations.push(relation);
    }
  }

  /** Set up the orphan relations whose related type can be resolved by now. */
  processOrphanRelations(): void {
    if (!this._orphanRelations.length) return;
    for (const relation of this._orphanRelations.slice()) {
      const relatedModel = this.getObjectByName<RelationalModelType>(relation.relatedModel as string);
      if (relatedModel) {
        this.initializeRelation(null, relation);
        this._orphanRelations = this._orphanRelations.filter((existing) => existing !== relation);
      }
    }
  }

  /** Add a relation definition to a type and its sub-models. */
  _addRelation(type: RelationalModelType, relation: RelationDefinition): void {
    const prototype = type.prototype as any;
    if (typeof prototype.relations === 'function') {
      // A `relations` function cannot be extended in place: keep the extra definitions beside it.
      if (!Object.prototype.hasOwnProperty.call(type, '_extraRelations')) type._extraRelations = [];
      type._extraRelations!.push(relation);
      noteExtraRelations();
    } else {
      if (!prototype.relations) prototype.relations = [];
      prototype.relations.push(relation);
    }
    for (const subModel of Object.values(type._subModels || {})) {
      this._addRelation(subModel, relation);
    }
  }

  /** Create `relation` on every registered instance of its model type. */
  retroFitRelation(relation: RelationDefinition): void {
    const collection = this.getCollection(relation.model as RelationalModelType, false);
    if (!collection) return;
    const type = this._resolveRelationType(relation.type);
    for (const model of collection.models.slice()) {
      if (model instanceof (relation.model as any) && model._relations && !model._relations[relation.key!]) {
        createRelation(type, model, relation);
      }
    }
  }

  /**
   * The store collection of `type`'s hierarchy (a sub-model shares its super-model's), created
   * unless `create` is `false`. Accepts a type or an instance.
   */
  getCollection(type: RelationalModelType | RelationalModel, create?: true): StoreCollection;
  getCollection(type: RelationalModelType | RelationalModel, create: boolean): StoreCollection | null;
  getCollection(type: RelationalModelType | RelationalModel, create?: boolean): StoreCollection | null {
    let modelType = (typeof type === 'function' ? type : type && type.constructor) as RelationalModelType;
    // Asked for every model created: answered from the type itself once its hierarchy is settled.
    const cached = modelType && modelType._storeCollection;
    if (cached && cached.type === modelType && cached.epoch === this._epoch) return this._collections[cached.index];
    if (!modelType || !(modelType.prototype instanceof RelationalModel)) return null;
    const requested = modelType;
    modelType.initializeModelHierarchy();
    while (modelType._superModel) modelType = modelType._superModel;
    let collection = this._collectionByType.get(modelType) || null;
    if (!collection && create !== false) collection = this._createCollection(modelType);
    if (collection && Object.prototype.hasOwnProperty.call(requested, '_hierarchyReady') && requested._hierarchyReady) {
      // Valid for this epoch only, which is unique to this store and changes when it is reset.
      // It names the collection by its place in `_collections`, so that the type does not keep
      // a store collection (and every model in it) alive once the store has let it go.
      Object.defineProperty(requested, '_storeCollection', {
        value: { type: requested, epoch: this._epoch, index: this._collections.indexOf(collection) },
        writable: true, configurable: true, enumerable: false,
      });
    }
    return collection;
  }

  /**
   * Resolve a dotted name such as `'App.Models.Animal'` on the model scopes, in the order they
   * were added; the first scope that knows the name wins.
   */
  getObjectByName<T = unknown>(name: string): T | null {
    if (typeof name !== 'string') return null;
    const parts = name.split('.');
    for (const scope of this._modelScopes) {
      let value: any = scope;
      for (const part of parts) {
        value = value == null ? undefined : value[part];
      }
      if (value && value !== scope) return value;
    }
    return null;
  }

  _createCollection(type: RelationalModelType): StoreCollection | null {
    if (!(type.prototype instanceof RelationalModel)) return null;
    const recycled = this._recycled && this._recycled.get(type);
    if (recycled) this._recycled!.delete(type);
    const collection = recycled || new StoreCollection();
    (collection as any).model = type;
    this._collections.push(collection);
    this._collectionByType.set(type, collection);
    return collection;
  }

  /** The id in `item`: an id itself, a model's id, or the id attribute of an attributes object. */
  resolveIdForItem(type: RelationalModelType, item: unknown): Id | null {
    let id: unknown = null;
    if (typeof item === 'string' || typeof item === 'number') id = item;
    else if (item instanceof Backbone.Model) id = item.id;
    else if (isObject(item)) id = item[type.prototype.idAttribute];
    return isValidId(id) ? id : null;
  }

  /** The registered instance of `type` (or one of its sub-models) with the id in `item`. */
  find<M extends RelationalModel>(type: RelationalModelType<M>, item: unknown): M | null {
    const id = this.resolveIdForItem(type, item);
    if (id === null) return null;
    const collection = this.getCollection(type);
    const model = collection ? collection._storeGet(id) : null;
    return model instanceof type ? model : null;
  }

  /** Add a model to its type's store collection, and link it into relations waiting for its id. */
  register(model: RelationalModel, options?: object): void {
    const collection = this.getCollection(model);
    if (!collection || model._epoch !== this._epoch) return;
    if (!collection._storeHas(model)) collection._storeAdd(model);
    if (isValidId(model.id)) this._resolveWaiting(collection, model, options);
  }

  /**
   * Throw when `id` is taken by another instance of `model`'s type hierarchy: two instances
   * with one id would each get half of the relations.
   */
  checkId(model: RelationalModel, id: unknown): void {
    if (id == null || model._epoch !== this._epoch) return;
    const collection = this.getCollection(model);
    const duplicate = collection && collection._storeGet(id);
    if (duplicate && duplicate !== model) {
      warn('Duplicate id! Old RelationalModel=%o, new RelationalModel=%o', duplicate, model);
      throw new Error('Cannot instantiate more than one Backbone.RelationalModel with the same id per type!');
    }
  }

  /** Tell the store a model's id changed, so lookups and waiting relations follow. */
  update(model: RelationalModel, previousId?: unknown): void {
    const collection = this.getCollection(model);
    if (!collection || model._epoch !== this._epoch) return;
    if (previousId === undefined) previousId = model.previous(model.idAttribute);
    if (collection._storeChangeId(model, previousId)) {
      if (isValidId(model.id)) this._resolveWaiting(collection, model);
    } else if (!collection._storeHas(model)) {
      this.register(model);
    }
    model.trigger('relational:change:id', model, collection);
  }

  /**
   * Stop managing a model, every model of a collection, or every instance of a type: each is
   * taken out of the store and out of every relation that holds it, and its own relations stop
   * reacting. Called for you when a model is destroyed.
   */
  unregister(target: RelationalModel | Backbone.Collection<any> | RelationalModelType, options?: object): void {
    let models: RelationalModel[];
    if (target instanceof Backbone.Model) {
      // A destroyed model comes with the holders found before its relations were emptied.
      if (target instanceof RelationalModel) this._unregisterModel(target, options, arguments[2] || this._holdersOf(target));
      return;
    } else if (target instanceof Backbone.Collection) {
      models = target.models.slice() as RelationalModel[];
    } else if (typeof target === 'function') {
      const collection = this.getCollection(target, false);
      models = collection ? (collection.models.filter((model) => model instanceof target) as RelationalModel[]) : [];
    } else {
      warn('unregister expects a model, a collection or a model type; got %o', target);
      return;
    }
    this._unregisterModels(models.filter((model) => model instanceof RelationalModel), options);
  }

  /**
   * Take `models` out of the store and detach their relations, then out of the relations
   * holding them. Listeners of what this causes run once every one of them is out of everything.
   */
  _unregisterModels(models: RelationalModel[], options?: object): void {
    const holding = models.map((model) => this._holdersOf(model));
    for (const model of models) this._leaveStore(model);
    whileBlocked(Relational.eventQueue, () => {
      models.forEach((model, index) => this._releaseFromHolders(model, holding[index], options));
    });
  }

  /** `_unregisterModels` for one model (destroying one is common), given its holders. */
  _unregisterModel(model: RelationalModel, options: object | undefined, holders: Relation[]): void {
    this._leaveStore(model);
    const eventQueue = Relational.eventQueue;
    eventQueue.block();
    try {
      this._releaseFromHolders(model, holders, options);
    } finally {
      eventQueue.unblock();
    }
  }

  /** Out of the store for good, with its relations detached. */
  _leaveStore(model: RelationalModel): void {
    // An unregistered model stays out of the store, even if it gets a (new) id later.
    model._epoch = -1;
    const relations = model._relations;
    if (relations) for (const key in relations) relations[key]._detach();
    const collection = this.getCollection(model, false);
    if (collection) collection._storeRemove(model);
    model._heldBy = null;
  }

  /** Take `model` out of the relations holding it. */
  _releaseFromHolders(model: RelationalModel, holders: Relation[], options: object | undefined): void {
    const collection = this.getCollection(model, false);
    for (const relation of holders) relation.removeRelated(model, collection, options);
  }

  /**
   * The relations of other models (or of `model` itself) that hold `model`: the counterparts of
   * its own relations on the models they relate to, plus those recorded in `model._heldBy`
   * (relations without a counterpart on `model`).
   */
  _holdersOf(model: RelationalModel): Relation[] {
    const holders: Relation[] = model._heldBy ? model._heldBy.slice() : [];
    for (const relation of model.getRelations() as Relation[]) {
      const related = relation.related;
      if (!related) continue;
      const models: RelationalModel[] = related instanceof Backbone.Collection ? related.models : [related as RelationalModel];
      for (const other of models) {
        const counterpart = relation._reverseRelationOn(other);
        if (counterpart && holders.indexOf(counterpart) === -1) holders.push(counterpart);
      }
    }
    return holders;
  }

  /**
   * Forget every registered model, sub-model declaration and added model scope. Models created
   * before stop taking part in relations; relation declarations made by types stay in place.
   */
  reset(): void {
    (this as any).stopListening();
    for (const collection of this._collections) {
      for (const model of collection.models.slice() as RelationalModel[]) {
        for (const relation of model.getRelations ? model.getRelations() : []) relation._detach();
        model._heldBy = null;
      }
    }
    // The collections are emptied and kept for reuse: anyone listening to them is let go, as if
    // they had been replaced. (Reusing them spares V8 re-specializing the store's code for new
    // collection objects after every reset.)
    this._recycled = this._collectionByType;
    for (const collection of this._collections) collection._storeEmpty();
    this._collections = [];
    this._collectionByType = new Map();
    this._subModels = [];
    this._modelScopes = [globalScope];
    this._scopeVersion++;
    // Every model created so far (with an id or without) now belongs to a past epoch: it stays
    // out of this store for good.
    this._epoch = nextEpoch++;
  }

  // Relations waiting for ids
  // -------------------------

  /**
   * Note that `relation` holds `id` but has no model for it yet. Most ids are awaited by one
   * relation: the index holds it directly, and a set only once a second one waits.
   */
  _waitFor(relation: Relation, collection: StoreCollection, id: Id): void {
    const waiting = collection._waiting || (collection._waiting = new Map());
    const key = idKey(id);
    const current = waiting.get(key);
    if (current === undefined) waiting.set(key, relation);
    else if (current instanceof Set) current.add(relation);
    else if (current !== relation) waiting.set(key, new Set([current, relation]));
  }

  /** Undo `_waitFor`. */
  _stopWaitingFor(relation: Relation, collection: StoreCollection, id: Id): void {
    const waiting = collection._waiting;
    if (!waiting) return;
    const key = idKey(id);
    const current = waiting.get(key);
    if (current === relation) {
      waiting.delete(key);
    } else if (current instanceof Set) {
      current.delete(relation);
      if (!current.size) waiting.delete(key);
    }
  }

  /** Offer a newly registered (or re-identified) model to the relations waiting for its id. */
  _resolveWaiting(collection: StoreCollection, model: RelationalModel, options?: object): void {
    const waiting = collection._waiting;
    const current = waiting ? waiting.get(idKey(model.id)) : undefined;
    if (current === undefined) return;
    if (current instanceof Set) {
      for (const relation of Array.from(current)) relation.tryAddRelated(model, collection, options);
    } else {
      current.tryAddRelated(model, collection, options);
    }
  }
}

/**
 * Create a relation instance on the shared prototype of its definition (see `settingsFor`), so
 * it holds only its own state. A relation type written as an ES class cannot be called on an
 * existing object and is constructed with `new`.
 */
function createRelation(type: any, model: RelationalModel | null, definition: RelationDefinition, options?: object): void {
  if (isClassSyntax(type)) {
    new type(model, definition, options);
    return;
  }
  const relation = new (settingsFor(type.prototype, definition).Instance)();
  type.call(relation, model, definition, options);
}

/** Two relation definitions are the same when every option of the first is identical in the second. */
function sameDefinition(relation: RelationDefinition, existing: RelationDefinition): boolean {
  return Object.keys(relation).every((key) => (relation as any)[key] === (existing as any)[key]);
}

/** The global model cache; `Backbone.Relational.store` is its one instance. */
export const Store = defineClass('Store', StoreMembers as unknown as new () => StoreMembers & Backbone.Events, function (this: StoreMembers) {
  this._collections = [];
  this._collectionByType = new Map();
  this._recycled = null;
  this._reverseRelations = [];
  this._orphanRelations = [];
  this._subModels = [];
  this._modelScopes = [globalScope];
  this._scopeVersion = 0;
  this._epoch = nextEpoch++;
});
Object.assign(Store.prototype, Backbone.Events);
export type Store = StoreMembers & Backbone.Events;
