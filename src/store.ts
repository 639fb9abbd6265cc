// Backbone.Store
// --------------
//
// The global identity map: one `Backbone.Collection` per root model type (a sub-model shares
// its super-model's), holding every model of that hierarchy that has an id, so there is at
// most one instance per id. The store also keeps the registry of model scopes (where names
// such as `relatedModel: 'Animal'` are resolved), of `subModelTypes` declarations and of
// reverse relations. Relations find related models here; a model arriving in, changing its
// id in, or leaving a store collection is told to the relations concerned by
// `relation-dispatch.ts` (0.10.0 had every relation listen to the whole collection).

import Backbone from 'backbone';
import {
  Relational, RelationalModel, Relation, memberOf, defineClass, isObject, isValidId, warn, clearWaiting, withdrawFromOtherTypes,
  createStoreCollection, storeCollectionMembers, addToStoreCollection, emptyStoreCollection, weakHoldingForStore, setForgetUnreferenced,
  type Id, type RelationDefinition, type RelationalModelType,
} from './internal';
import { reuseOrRefuse } from './internal';

const BackboneEvents = Backbone.Events as any;

/** A store collection: a `Backbone.Collection` of one model hierarchy. */
export type StoreCollection = Backbone.Collection<RelationalModel>;

/** A `subModelTypes` declaration remembered until its sub-types can be resolved. */
interface SubModelDeclaration {
  superModelType: RelationalModelType;
  subModels: Record<string, string | RelationalModelType>;
}

/**
 * Where names resolve by default, as in 0.10.0: `window` in a browser; elsewhere (Node) an
 * object of the library's own (0.10.0's module exports), so that there a name resolves only on
 * the scopes the application adds, and never on one of the platform's globals (`File`, `Node`,
 * `Event`, ...).
 */
const defaultScope: object = typeof window !== 'undefined' ? window : {};

class StoreMembers {
  /** One store collection per root model type seen so far. */
  declare _collections: StoreCollection[];
  /** Reverse relations added to related types (so each is added once). */
  declare _reverseRelations: RelationDefinition[];
  /** Relations whose related type could not be resolved yet; retried as models are created. */
  declare _orphanRelations: RelationDefinition[];
  /** `subModelTypes` declarations, resolved when a type is first used. */
  declare _subModels: SubModelDeclaration[];
  /** The objects `getObjectByName` resolves dotted names on. */
  declare _modelScopes: object[];
  /**
   * The store listens to each model it has seen for `relational:unregister` (as 0.10.0 did);
   * `stopListening()` ends that for every model at once by moving to a new epoch.
   */
  declare _epoch: number;
  /** Whether the store holds its models weakly (see `forgetUnreferenced`). */
  declare _forget: boolean;

  /**
   * Opt-in: when `true`, the store holds its models weakly, so a model nothing else references
   * is garbage-collected and leaves the store by itself (see `forgetting-store.ts`). It can only
   * be changed while the store holds no model (a clear error otherwise).
   */
  get forgetUnreferenced(): boolean {
    return !!this._forget;
  }

  set forgetUnreferenced(value: boolean) {
    setForgetUnreferenced(this, value);
  }

  /**
   * Create a relation of the type `relation.type` names for `model` (or, with no model, only
   * declare its reverse relation). A missing or unknown type is reported and skipped.
   */
  initializeRelation(model: RelationalModel | null, relation: RelationDefinition, options?: object): void {
    const type: any = relationTypeOf(relation && relation.type, this);
    if (type && type.prototype instanceof Relation) {
      new type(model, relation, options);
    } else {
      warn('Relation=%o; missing or invalid relation type!', relation);
    }
  }

  /** Add a scope for `getObjectByName` to look model types up on. */
  addModelScope(scope: object): void {
    this._modelScopes.push(scope);
  }

  /** Remove a scope (the default one too). */
  removeModelScope(scope: object): void {
    this._modelScopes = this._modelScopes.filter((existing) => existing !== scope);
  }

  /** Remember a type's `subModelTypes`, for `setupSuperModel` to resolve later. */
  addSubModels(subModelTypes: Record<string, string | RelationalModelType>, superModelType: RelationalModelType): void {
    this._subModels.push({ superModelType, subModels: subModelTypes });
  }

  /**
   * If `modelType` is listed in some type's `subModelTypes`, link the two: the super-model
   * learns it under every type value naming it, and it learns its super-model (and its own
   * type value: the last of those).
   */
  setupSuperModel(modelType: RelationalModelType): void {
    for (const declaration of this._subModels) {
      let found = false;
      const subModels = declaration.subModels || {};
      for (const typeValue in subModels) {
        const named = subModels[typeValue];
        const subModelType = typeof named === 'string' ? this.getObjectByName<RelationalModelType>(named) : named;
        if (subModelType !== modelType) continue;
        const superModelType = declaration.superModelType;
        superModelType._subModels[typeValue] = modelType;
        modelType._superModel = superModelType;
        modelType._subModelTypeValue = typeValue;
        modelType._subModelTypeAttribute = superModelType.prototype.subModelTypeAttribute;
        found = true;
      }
      if (found) return;
    }
  }

  /**
   * Declare the reverse side of a relation on the related type: it is added to that type's
   * relations and to every instance of it that exists. Adding the same one twice does nothing.
   */
  addReverseRelation(relation: RelationDefinition): void {
    const exists = this._reverseRelations.some((existing) => sameDefinition(relation, existing));
    if (!exists && relation.model && relation.type) {
      this._reverseRelations.push(relation);
      this._addRelation(relation.model as RelationalModelType, relation);
      this.retroFitRelation(relation);
    }
  }

  /** Keep a relation whose related type cannot be resolved yet, to try again later. */
  addOrphanRelation(relation: RelationDefinition): void {
    const exists = this._orphanRelations.some((existing) => sameDefinition(relation, existing));
    if (!exists && relation.model && relation.type) this._orphanRelations.push(relation);
  }

  /** Declare each orphan relation whose related type can be resolved now. */
  processOrphanRelations(): void {
    if (!this._orphanRelations.length) return;
    for (const relation of this._orphanRelations.slice()) {
      const relatedModel = Relational.store.getObjectByName(relation.relatedModel as string);
      if (relatedModel) {
        this.initializeRelation(null, relation);
        this._orphanRelations = this._orphanRelations.filter((orphan) => orphan !== relation);
      }
    }
  }

  /** Add `relation` to the relations of `type` and of its known sub-models. */
  _addRelation(type: RelationalModelType, relation: RelationDefinition): void {
    const prototype = type.prototype as any;
    if (typeof prototype.relations === 'function') {
      // `relations` given as a function: the added ones are kept beside it (see `relationsOf`,
      // relation-definition.ts).
      if (!Object.prototype.hasOwnProperty.call(type, '_extraRelations')) {
        Object.defineProperty(type, '_extraRelations', { value: [], writable: true, configurable: true });
      }
      type._extraRelations!.push(relation);
    } else {
      if (!prototype.relations) prototype.relations = [];
      prototype.relations.push(relation);
    }
    const subModels = type._subModels || {};
    for (const typeValue in subModels) this._addRelation(subModels[typeValue], relation);
  }

  /** Give every existing instance of `relation.model` the relation just declared. */
  retroFitRelation(relation: RelationDefinition): void {
    const collection = this.getCollection(relation.model as RelationalModelType, false);
    if (!collection) return;
    collection.each((model) => {
      if (model instanceof (relation.model as RelationalModelType)) new (relation.type as any)(model, relation);
    });
  }

  /**
   * The store collection of a type's hierarchy (of its root type), created unless `create` is
   * `false`. Every relational type gets one as its first model is set up.
   */
  getCollection(type: RelationalModelType | RelationalModel, create?: true): StoreCollection;
  getCollection(type: RelationalModelType | RelationalModel, create: boolean): StoreCollection | null;
  getCollection(type: RelationalModelType | RelationalModel, create?: boolean): StoreCollection | null {
    let rootModel: any = type instanceof RelationalModel ? type.constructor : type;
    while (rootModel._superModel) rootModel = rootModel._superModel;
    const collections = this._collections;
    let collection: StoreCollection | undefined;
    for (let i = 0; i < collections.length; i++) {
      if (collections[i].model === rootModel) {
        collection = collections[i];
        break;
      }
    }
    if (!collection && create !== false) collection = this._createCollection(rootModel);
    return collection as StoreCollection;
  }

  /**
   * Resolve a dotted name such as `'App.Models.Animal'` on the model scopes, in the order they
   * were added; the first scope that knows the name wins.
   */
  getObjectByName<T = unknown>(name: string): T | null {
    const parts = String(name).split('.');
    let found: any = null;
    for (const scope of this._modelScopes) {
      found = scope;
      for (const part of parts) found = found ? found[part] : undefined;
      if (found && found !== scope) return found;
    }
    return found;
  }

  _createCollection(type: RelationalModelType | RelationalModel): StoreCollection | undefined {
    const modelType: any = type instanceof RelationalModel ? type.constructor : type;
    if (!(modelType.prototype instanceof RelationalModel)) return undefined;
    const collection = createStoreCollection(modelType, weakHoldingForStore(this)) as unknown as StoreCollection;
    this._collections.push(collection);
    return collection;
  }

  /** The id an item names for `type`: the item itself (string or number), a model's id, or the id attribute of an object. */
  resolveIdForItem(type: RelationalModelType, item: unknown): Id | null {
    let id: any = typeof item === 'string' || typeof item === 'number' ? item : null;
    if (id === null) {
      if (item instanceof RelationalModel) id = item.id;
      else if (isObject(item)) id = item[type.prototype.idAttribute];
    }
    return isValidId(id) ? id : null;
  }

  /** The model of `type` (or a sub-type) for an id, attributes or model, or `null`. */
  find<M extends RelationalModel>(type: RelationalModelType<M>, item: unknown): M | null {
    const id = this.resolveIdForItem(type, item);
    const collection = this.getCollection(type);
    if (collection) {
      const found = collection.get(id as any);
      if (found instanceof type) return found as M;
    }
    return null;
  }

  /** Add a model to its store collection, keeping its own `collection` property as it was. */
  register(model: RelationalModel): void {
    const collection = this.getCollection(model);
    if (!collection) return;
    const ownCollection = model.collection;
    if (model._storeEpoch === UNREGISTERED) model._storeEpoch = 0;
    if (!addToStoreCollection(collection, model)) collection.add(model);
    model.collection = ownCollection;
  }

  /** Throw when another model of the hierarchy has `id` already. */
  checkId(model: RelationalModel, id: unknown): void {
    const collection = this.getCollection(model);
    const duplicate = collection && collection.get(id as any);
    if (duplicate && model !== duplicate) {
      // The one place a type's `reuseInstances` is read (see reuse-instances.ts).
      if (model.reuseInstances) throw reuseOrRefuse(model, duplicate, id);
      warn('Duplicate id! Old RelationalModel=%o, new RelationalModel=%o', duplicate, model);
      throw new Error('Cannot instantiate more than one Backbone.RelationalModel with the same id per type!');
    }
  }

  /** A model got a new id: register it (if it was not yet), and tell the relations waiting for it. */
  update(model: RelationalModel): void {
    const collection = this.getCollection(model) as any;
    // A model destroyed or unregistered stays out of the store (0.10.0 took it back in, so a
    // destroyed model could be found again).
    // (By cid: Backbone keeps every member under its cid. 0.10.0 used `contains`, which lodash
    // does not give a collection, and which scans every model of the type.)
    if (collection.get(model.cid) !== model && model._storeEpoch !== UNREGISTERED) this.register(model);
    // What Backbone's collection does when a model's id changes (Backbone 1.2–1.3 updates its id lookup here).
    collection._onModelEvent('change:' + model.idAttribute, model, collection);
    model.trigger('relational:change:id', model, collection);
  }

  /**
   * Take a model, the models of a collection, or every model of a type's hierarchy out of the
   * store, and out of every relation (a store collection itself is emptied as a whole).
   */
  unregister(type: RelationalModel | Backbone.Collection<any> | RelationalModelType): void {
    let collection: any;
    let models: RelationalModel[];
    // A store collection itself: it is emptied as a whole.
    const wholeStoreCollection = this._collections.indexOf(type as StoreCollection) !== -1;
    if (type instanceof Backbone.Model) {
      collection = this.getCollection(type as RelationalModel);
      models = [type as RelationalModel];
    } else if (type instanceof Backbone.Collection) {
      collection = this.getCollection((type as any).model);
      // (A store collection's members without building its array, which it drops next.)
      models = wholeStoreCollection ? storeCollectionMembers(type) : (type as Backbone.Collection<RelationalModel>).models.slice();
    } else {
      collection = this.getCollection(type as RelationalModelType);
      models = storeCollectionMembers(collection);
    }
    for (const model of models) {
      this.stopListening(model);
      model._storeEpoch = UNREGISTERED;
      for (const relation of model.getRelations()) {
        relation.stopListening();
        // Collections its HasMany had before keep their models, but no longer lead to it.
        if (relation instanceof Relational.HasMany) (relation as any)._releaseCollections(null);
      }
    }
    if (wholeStoreCollection) {
      emptyStoreCollection(collection);
    } else {
      for (const model of models) {
        if (memberOf(collection, model)) collection.remove(model);
        else collection.trigger('relational:remove', model, collection);
        withdrawFromOtherTypes(model);
      }
    }
  }

  /**
   * Reset the store: every model seen so far is forgotten (its relations stop reacting), the
   * store collections and sub-model declarations are dropped and the added model scopes removed.
   * Reverse relations are kept (the types still have them).
   */
  reset(): void {
    this.stopListening();
    for (const collection of this._collections) {
      this.unregister(collection);
      clearWaiting(collection as any);
    }
    this._collections = [];
    this._subModels = [];
    this._modelScopes = [defaultScope];
  }

  /**
   * Backbone's `stopListening`, for the `relational:unregister` listener the store keeps on each
   * model too: for one model, or (with no argument) for all of them.
   */
  stopListening(target?: object, ...rest: unknown[]): this {
    if (!target) this._epoch = nextEpoch();
    else if (target instanceof RelationalModel && target._storeEpoch > 0) target._storeEpoch = 0;
    BackboneEvents.stopListening.call(this, target, ...rest);
    return this;
  }

  /** Start listening to `model`'s `relational:unregister` (see `RelationalModel#trigger`). */
  _listenToModel(model: RelationalModel): void {
    model._storeEpoch = this._epoch;
  }

  /** Whether the store hears `model`'s `relational:unregister`. */
  _hearsModel(model: RelationalModel): boolean {
    return model._storeEpoch === this._epoch;
  }
}

/** A relation definition's `type`: a constructor, or the name of one on `Backbone` or in a model scope of `store`. */
export function relationTypeOf(declared: unknown, store: StoreMembers = Relational.store): unknown {
  return typeof declared !== 'string' ? declared : (Backbone as any)[declared] || store.getObjectByName(declared);
}

/**
 * The `_storeEpoch` of a model the store let go of (destroyed or unregistered), which no store
 * hears: it stays out of the store until registered again. (A flag of its own would be one more
 * property on every model; see model-layout.ts for why models get none late.)
 */
const UNREGISTERED = -1;

let epochs = 0;
/** Epochs are unique across stores, so a model only ever matches the store it was made under. */
function nextEpoch(): number {
  return ++epochs;
}

/** Whether every key of `relation` has the same value in `existing` (0.10.0's test for "already there"). */
function sameDefinition(relation: RelationDefinition, existing: RelationDefinition): boolean {
  for (const key in relation) {
    if ((relation as any)[key] !== (existing as any)[key]) return false;
  }
  return true;
}

/** The global identity map type, `Backbone.Store`; `Backbone.Relational.store` is its one instance. */
export const Store = defineClass('Store', StoreMembers as unknown as new () => StoreMembers & Backbone.Events, function Store(this: StoreMembers) {
  this._collections = [];
  this._reverseRelations = [];
  this._orphanRelations = [];
  this._subModels = [];
  this._modelScopes = [defaultScope];
  this._epoch = nextEpoch();
  this._forget = false;
});
export type Store = StoreMembers & Backbone.Events;

Object.assign(Store.prototype, Backbone.Events);
(Store.prototype as any).stopListening = StoreMembers.prototype.stopListening;
