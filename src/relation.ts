// Backbone.Relation
// -----------------
//
// The base of `HasOne` and `HasMany`. One relation instance exists per model per relation
// key; it owns the related value stored in the model's attribute, and keeps the other side
// (the reverse relation on the related models) in step. A relation created without a model
// only declares its reverse relation on the related type, which is how a relation declared on
// one side exists on the other before any model of the declaring type is created.

import Backbone from 'backbone';
import {
  Relational, RelationalModel, HasMany, Semaphore, defineClass, wouldBeHeard, isConstructor, isObject, removeFromList, warn, describe,
  type Id, type RelationalModelType, type StoreCollection, type GetAsyncOptions, type SemaphoreMembers,
} from './internal';

/**
 * The type of a relation type: `Relation`, `HasOne`, `HasMany`, or a subtype made with their
 * `extend`. `R` is the type of its instances.
 */
export interface RelationConstructor<R extends Relation = Relation> {
  new (instance: RelationalModel | null, options: RelationDefinition, opts?: object): R;
  prototype: R;
  /** Backbone's `extend`: a relation subtype with these prototype (and static) properties. */
  extend<P extends object = {}>(protoProps?: P & ThisType<R & P>, staticProps?: object): RelationConstructor<R & P>;
}

/** A relation type: `HasOne`, `HasMany`, or a subtype of either. */
export type RelationType = RelationConstructor<any>;

/** A collection type, as `collectionType` takes it. */
export type CollectionConstructor = new (models?: any, options?: any) => Backbone.Collection<any>;

/** The options of one relation, as written in a model's `relations`. */
export interface RelationDefinition {
  /** `HasOne`, `HasMany`, their names as strings, or a subclass of either. Required. */
  type?: RelationType | 'HasOne' | 'HasMany' | (string & {});
  /** The attribute holding the related model or collection. Required. */
  key?: string;
  /**
   * The related type: a constructor, a (dotted) name resolved on the model scopes, or a function
   * returning the type. Omitted, the relation points at its own type.
   */
  relatedModel?: RelationalModelType | string | ((this: Relation) => RelationalModelType);
  /** How `toJSON` writes the relation: `true` (nested JSON), `false`, an attribute or a list of them. */
  includeInJSON?: boolean | string | string[];
  /** Fetch the related models when a model is created (`true`, or options for `getAsync`). */
  autoFetch?: boolean | GetAsyncOptions;
  /** The collection type for a HasMany (a constructor or its name). */
  collectionType?: CollectionConstructor | string | ((this: Relation) => CollectionConstructor);
  /** The property on a HasMany's collection pointing back at its owner; `false` for none. */
  collectionKey?: string | boolean;
  /** Options for a HasMany's collection, or a function of the owner returning them. */
  collectionOptions?: Backbone.ObjectHash | ((model: RelationalModel) => Backbone.ObjectHash);
  /** Create models from nested attribute objects. Default `true`. */
  createModels?: boolean;
  /** The attribute the relation's data is read from (and, unless `keyDestination` says otherwise, written to). */
  keySource?: string;
  /** The attribute `toJSON` writes the relation to. */
  keyDestination?: string;
  /** Run the related model's `parse` on nested data. Default `false`. */
  parse?: boolean;
  /** The relation on the related type pointing back; only `key` is required. */
  reverseRelation?: RelationDefinition;
  /** The type declaring the relation (filled in by `setup`). */
  model?: RelationalModelType;
  /** Set on reverse relations the store creates. */
  isAutoRelation?: boolean;
}

/**
 * Options merged once per relation definition and shared by every relation instance made from
 * it, so a model with relations costs no copy of its options.
 */
interface SharedSettings {
  /** The relation type's prototype these settings were merged for. */
  prototype: object;
  definition: RelationDefinition;
  options: RelationDefinition;
  reverseRelation: RelationDefinition;
  /**
   * A prototype for the relation instances made from this definition: it carries the fields
   * every such instance shares (`options`, `key`, ...), so instances only hold their own state.
   */
  shared: object;
  /**
   * Makes an empty object on `shared`. Unlike `Object.create(shared)`, which gives every object
   * room for 4 fields, objects made by a constructor get as many as the first few of them used
   * (V8's slack tracking, per constructor): a relation waiting for an id holds 5, and the fifth
   * would need a separate property array.
   */
  Instance: new () => object;
  /** The string `relatedModel` resolved, valid while the store's scopes stay as they were. */
  resolvedRelatedModel?: { type: RelationalModelType; scopeVersion: number; store: object };
  /** The last model/relatedModel pair whose reverse relation was handed to the store. */
  reverseDeclared?: { model: unknown; relatedModel: unknown; store: object };
  /** The model/relatedModel pair for which `checkPreconditions` last found the definition sound. */
  checked?: { model: unknown; relatedModel: unknown };
  /** A HasMany's `collectionType` resolved (see `HasMany._resolveCollectionType`). */
  collectionType?: { type: unknown; scopeVersion: number; store: object };
}

const sharedSettings = new WeakMap<object, SharedSettings>();
/** The relation whose `_addToReverseRelation` is running (see there). */
let notifyingRelation: Relation | null = null;
/**
 * Relations in the middle of an update, innermost last. Updates nest only as deep as the data
 * being set, so a short list (that never reallocates) does better than a set.
 */
const relationsUpdating: object[] = [];

export interface RelationMembers extends SemaphoreMembers {}
export class RelationMembers {
  /** The model this relation belongs to (`null` for a declaration-only relation). */
  declare instance: RelationalModel;
  /** The merged options (the definition plus the type's defaults). */
  declare options: RelationDefinition;
  /** The merged options of the reverse relation. */
  declare reverseRelation: RelationDefinition;
  declare key: string;
  declare keySource: string;
  declare keyDestination: string;
  /** The type declaring the relation. */
  declare model: RelationalModelType;
  /** The resolved related type. */
  declare relatedModel: RelationalModelType;
  /** The store collection of the related type, where related models are looked up. */
  get relatedCollection(): StoreCollection | null {
    return this.relatedModel ? Relational.store.getCollection(this.relatedModel) : null;
  }
  /** The raw value the relation was last given (ids, attributes, models or a collection). */
  declare keyContents: unknown;
  /** The related model (HasOne) or collection (HasMany); see those. */
  declare related: unknown;
  /** Set when this relation's model was unregistered: it no longer reacts to changes. */
  declare _detached: boolean;


  /** Whether the related value changed since the last `change:<key>` was queued. */
  declare changed: boolean;

  /**
   * Mark this relation as in the middle of an update; returns `false` when it already was (the
   * outer update notifies the other side and queues the event for the final state). Kept
   * outside the relation, as there are as many relations as models. Pair with `_endUpdate`.
   */
  _beginUpdate(): boolean {
    if (relationsUpdating.indexOf(this) !== -1) return false;
    relationsUpdating.push(this);
    return true;
  }

  _endUpdate(): void {
    const last = relationsUpdating.length - 1;
    if (relationsUpdating[last] === this) relationsUpdating.pop();
    else {
      const index = relationsUpdating.lastIndexOf(this);
      if (index !== -1) relationsUpdating.splice(index, 1);
    }
  }

  /** Whether this relation is in the middle of an update (see `_beginUpdate`). */
  _isUpdating(): boolean {
    return relationsUpdating.length !== 0 && relationsUpdating.indexOf(this) !== -1;
  }

  /** Whether `contents` is a value this relation can hold (reporting it when not); see `HasOne` and `HasMany`. */
  _acceptsContents(_contents: unknown): boolean {
    return true;
  }

  /** Called once the relation is set up on a model; `HasOne` and `HasMany` fill it in. */
  initialize(_opts?: object): void {}

  /** Store the related value, also as the model's attribute. */
  setRelated(related: any): void {
    this.related = related;
    this.instance.attributes[this.key] = related;
  }

  /**
   * Check the definition: a model, key and related type that are relational models, no HasMany
   * with a HasMany reverse, and a key no other relation of the model has taken. Each problem is
   * reported (while warnings are on) and the relation skipped.
   */
  checkPreconditions(): boolean {
    // The checks of the definition hold for every instance made from it with the same types.
    const settings: SharedSettings | undefined = (this as any)._settings;
    const checked = settings && settings.checked;
    const sameAsChecked = checked && checked.model === this.model && checked.relatedModel === this.relatedModel
      && this.options === settings!.options;
    if (!sameAsChecked && !this._checkDefinition()) return false;
    return this._keyIsFree();
  }

  /** The checks of `checkPreconditions` that depend only on the definition and the types. */
  _checkDefinition(): boolean {
    const instance = this.instance;
    const key = this.key;
    const model = this.model;
    const relatedModel = this.relatedModel;
    const where = () => describeRelation(this);
    if (!model || !key || !relatedModel) {
      warn(`Relation=%o: missing model, key or relatedModel (%o, %o, %o); ${where()} is skipped.`,
        this, model, key, this.options.relatedModel);
      return false;
    }
    if (!(model.prototype instanceof RelationalModel)) {
      warn(`Relation=%o: model does not inherit from Backbone.RelationalModel (%o); ${where()} is skipped.`, this, instance);
      return false;
    }
    if (!(relatedModel.prototype instanceof RelationalModel)) {
      warn(`Relation=%o: relatedModel does not inherit from Backbone.RelationalModel (%o); ${where()} is skipped.`,
        this, relatedModel);
      return false;
    }
    if (this instanceof HasMany && (this.reverseRelation.type as unknown) === HasMany) {
      warn(`Relation=%o: relation is a HasMany, and the reverseRelation is HasMany as well; ${where()} is skipped.`, this);
      return false;
    }
    const settings: SharedSettings | undefined = (this as any)._settings;
    if (settings && this.options === settings.options) settings.checked = { model, relatedModel };
    return true;
  }

  /** Whether no other relation of this relation's model has taken its key (reported when one has). */
  _keyIsFree(): boolean {
    const instance = this.instance;
    const existing = instance && instance._relations ? instance._relations[this.key] : undefined;
    if (existing) {
      warn(`Cannot create relation=%o on %o for model=%o: already taken by relation=%o.`, this, this.key, instance, existing);
      return false;
    }
    return true;
  }

  /** Whether `relation` is this relation's counterpart on a related model. */
  _isReverseRelation(relation: Relation): boolean {
    return relation.instance instanceof this.relatedModel
      && this.reverseRelation.key === relation.key
      && this.key === relation.reverseRelation.key;
  }

  /**
   * The counterparts of this relation on `model`, or on every currently related model when no
   * model is given.
   */
  getReverseRelations(model?: RelationalModel): Relation[] {
    const found: Relation[] = [];
    const related = this.related;
    const models: RelationalModel[] = model !== undefined
      ? [model]
      : related ? (related instanceof Backbone.Collection ? related.models : [related as RelationalModel]) : [];
    for (const related of models) {
      const relation = related && this._reverseRelationOn(related);
      if (relation) found.push(relation);
    }
    return found;
  }

  /**
   * Tell `model`'s counterpart of this relation that it is now related to this relation's
   * model. A model still setting up its relations (it refers to itself, or to a model that is
   * creating it) is told once all its relations exist.
   */
  _addToReverseRelation(model: RelationalModel, options: object | undefined): void {
    // Told by that very counterpart (it is adding this relation's model): it knows already.
    const notifier = notifyingRelation;
    if (notifier && notifier.instance === model && this._isReverseRelation(notifier)) return;
    if (!model._isInitialized) {
      model._awaitReverseAddition(this as unknown as Relation, options);
      return;
    }
    const relation = this._reverseRelationOn(model);
    if (!relation) return;
    notifyingRelation = this as unknown as Relation;
    try {
      relation.addRelated(this.instance, options);
    } finally {
      notifyingRelation = notifier;
    }
  }

  /** Tell `model`'s counterpart of this relation that it no longer is related to this relation's model. */
  _removeFromReverseRelation(model: RelationalModel, options: object | undefined): void {
    const relation = this._reverseRelationOn(model);
    if (relation) relation.removeRelated(this.instance, null, options);
  }

  /**
   * Queue the relation event `<kind>:<key>` on this relation's model, with the related value as
   * second argument; nothing is queued when nobody would hear it.
   */
  _queueRelationEvent(kind: 'add' | 'remove', first: unknown, options: object): void {
    const instance = this.instance;
    if (!wouldBeHeard(instance)) return;
    const eventName = kind + ':' + this.key;
    // Backbone may still change the options object (say `index`) before the event fires.
    const captured = { ...options };
    Relational.eventQueue.add(() => instance.trigger(eventName, first, this.related, captured));
  }

  /**
   * The relation's model is being destroyed: empty the relation and stop reacting. The other
   * side lets go of the destroyed model when the store unregisters it (see `Store.unregister`).
   */
  destroy(): void {
    (this as any).stopListening();
    this._detach();
    this._clearOnDestroy();
  }

  /** Empty the relation's value when its model is destroyed; see `HasOne` and `HasMany`. */
  _clearOnDestroy(): void {}

  /**
   * Whether this relation no longer takes part: detached, or belonging to a model from before
   * the store was reset (which is detached on the spot).
   */
  _isRetired(): boolean {
    if (this._detached) return true;
    const instance = this.instance;
    if (instance && instance._epoch !== Relational.store._epoch) {
      this._detach();
      return true;
    }
    return false;
  }

  /** Stop waiting for ids and stop holding related models; the relation no longer reacts. */
  _detach(): void {
    this._detached = true;
    this._stopWaitingForAll();
    this._releaseAll();
  }

  // Bookkeeping shared with the store
  // ---------------------------------

  /**
   * Record that this relation holds `model`, so unregistering `model` can find this relation.
   * When `model` has this relation's counterpart, the store finds this relation through it, and
   * nothing needs recording (that is the common, bidirectional case).
   */
  _hold(model: RelationalModel): void {
    if (this._detached || !(model instanceof RelationalModel)) return;
    if (this._reverseRelationOn(model)) return;
    const holders = model._heldBy || (model._heldBy = []);
    if (holders.indexOf(this as unknown as Relation) === -1) holders.push(this as unknown as Relation);
  }

  /** This relation's counterpart on `model`, if `model` has it. */
  _reverseRelationOn(model: RelationalModel): Relation | null {
    const key = this.reverseRelation.key;
    const relations = key && model._relations;
    const relation = relations ? relations[key as string] : undefined;
    return relation && this._isReverseRelation(relation) ? relation : null;
  }

  /** Undo `_hold`. */
  _release(model: RelationalModel): void {
    const holders = model && model._heldBy;
    if (!holders) return;
    removeFromList(holders, this as unknown as Relation);
    if (!holders.length) model._heldBy = null;
  }

  /** Let go of every related model; see `HasOne` and `HasMany`. */
  _releaseAll(): void {}

  /** Register this relation as waiting for a model with `id`. */
  _waitFor(id: Id): void {
    if (this._isRetired() || !this.relatedCollection) return;
    Relational.store._waitFor(this as unknown as Relation, this.relatedCollection, id);
  }

  _stopWaitingFor(id: Id): void {
    if (!this.relatedCollection) return;
    Relational.store._stopWaitingFor(this as unknown as Relation, this.relatedCollection, id);
  }

  /** Stop waiting for every id; see `HasOne` and `HasMany`. */
  _stopWaitingForAll(): void {}

  // Declared by HasOne and HasMany
  declare tryAddRelated: (model: RelationalModel, coll?: unknown, options?: object) => void;
  declare addRelated: (model: RelationalModel, options?: object) => void;
  declare removeRelated: (model: RelationalModel, coll?: unknown, options?: object) => void;
  declare setKeyContents: (keyContents: unknown) => void;
  declare onChange: (model: RelationalModel, attr: unknown, options?: Record<string, any>) => void;
}

/**
 * Set up a relation for `instance` from its definition `options`; `opts` are the options of
 * the `set` (or construction) that created it.
 */
function constructRelation(this: RelationMembers, instance: RelationalModel | null, options: RelationDefinition, opts?: object) {
  this.instance = instance as RelationalModel;
  const raw = isObject(options) ? options : {};
  // Made by the store from a shared prototype (see `Store.initializeRelation`), or with `new`.
  const sharedSettings: SharedSettings | undefined = (this as any)._settings;
  const inheritsShared = sharedSettings !== undefined && sharedSettings.definition === raw;
  const settings = inheritsShared ? sharedSettings : settingsFor(Object.getPrototypeOf(this), raw);
  const shared: any = settings.shared;
  if (!inheritsShared) {
    // Made with `new`: copy what the shared prototype would have given.
    this.options = shared.options;
    this.reverseRelation = shared.reverseRelation;
    this.key = shared.key;
    this.keySource = shared.keySource;
    this.keyDestination = shared.keyDestination;
  }

  const definition = this.options;
  const model = definition.model || (instance && instance.constructor);
  if (this.model !== model) this.model = model as RelationalModelType;
  const relatedModel = resolveRelatedModel(this, settings);
  if (this.relatedModel !== relatedModel) this.relatedModel = relatedModel;
  // Most instances of a definition agree on these: keep them on the shared prototype.
  if (shared.model === undefined) shared.model = this.model;
  if (shared.relatedModel === undefined) shared.relatedModel = this.relatedModel;

  if (!this.checkPreconditions()) return;

  if (!definition.isAutoRelation && this.reverseRelation.type && this.reverseRelation.key) {
    declareReverseRelation(this, settings);
  }

  if (instance) {
    // Data in `keySource` is the initial content, unless the key itself already holds an object.
    let contentKey = this.keySource;
    if (contentKey !== this.key && isObject(instance.attributes[this.key])) contentKey = this.key;
    const contents = instance.attributes[contentKey];
    this.setKeyContents(this._acceptsContents(contents) ? contents : null);
    // `keySource` is only an input: the model exposes the relation under `key`.
    if (this.keySource !== this.key) delete instance.attributes[this.keySource];
    instance._relations![this.key] = this as unknown as Relation;
    this.initialize(opts);
    const autoFetch = definition.autoFetch;
    if (autoFetch) instance.getAsync(this.key, isObject(autoFetch) ? autoFetch : {});
  }
}

/** Merge a definition with the relation type's defaults, once per definition and relation type. */
export function settingsFor(prototype: object, definition: RelationDefinition): SharedSettings {
  const cached = sharedSettings.get(definition);
  if (cached && cached.prototype === prototype) return cached;

  const typeDefaults: RelationDefinition = (prototype as any).options || {};
  const baseDefaults: RelationDefinition = Relation.prototype.options;
  const reverseRelation: RelationDefinition = withDefaults(definition.reverseRelation, typeDefaults.reverseRelation);
  if (typeof reverseRelation.type === 'string') {
    reverseRelation.type = Relational.store._resolveRelationType(reverseRelation.type) as RelationType;
  }
  const options = withDefaults(definition, typeDefaults, baseDefaults);
  const key = options.key as string;
  const keySource = options.keySource || key;
  const shared = Object.create(prototype);
  Object.assign(shared, {
    options,
    reverseRelation,
    key,
    keySource,
    keyDestination: options.keyDestination || keySource,
  });
  const Instance = function RelationInstance() {} as unknown as new () => object;
  Instance.prototype = shared;
  const settings: SharedSettings = { prototype, definition, options, reverseRelation, shared, Instance };
  Object.defineProperty(shared, '_settings', { value: settings });
  sharedSettings.set(definition, settings);
  return settings;
}

/** "relation 'key' on Model(id 1)", for warnings. */
function describeRelation(relation: RelationMembers): string {
  return `relation '${relation.key}' on ${describe(relation.instance || relation.model)}`;
}

/** A copy of `object` with its missing or `undefined` options taken from each source in turn (like `_.defaults`). */
function withDefaults(object: RelationDefinition | undefined, ...sources: Array<RelationDefinition | undefined>): RelationDefinition {
  const merged: Record<string, unknown> = { ...object };
  for (const source of sources) {
    if (!source) continue;
    for (const [key, value] of Object.entries(source)) {
      if (merged[key] === undefined) merged[key] = value;
    }
  }
  return merged as RelationDefinition;
}

/**
 * The related type: the definition's `relatedModel` as a constructor, a name resolved on the
 * model scopes, or the result of a function; the declaring type when omitted.
 */
function resolveRelatedModel(relation: RelationMembers, settings: SharedSettings): RelationalModelType {
  let related: any = relation.options.relatedModel;
  if (related === undefined) return relation.model;
  if (typeof related === 'function' && !isModelType(related)) {
    related = related.call(relation);
  }
  if (typeof related === 'string') {
    const store = Relational.store;
    const cache = settings.resolvedRelatedModel;
    if (cache && cache.store === store && cache.scopeVersion === store._scopeVersion) return cache.type;
    const name = related;
    related = store.getObjectByName<RelationalModelType>(name);
    if (related) settings.resolvedRelatedModel = { type: related, scopeVersion: store._scopeVersion, store };
    else warn(`relatedModel '%s' of relation '%s' on %s cannot be resolved on the model scopes.`,
      name, relation.options.key, describe(relation.instance || relation.model));
  }
  return related;
}

/** A constructor of models (as opposed to a function returning one). */
function isModelType(value: Function): boolean {
  return value === Backbone.Model || value.prototype instanceof Backbone.Model || isConstructor(value);
}

/** Hand the reverse side of `relation` to the store, once per model/related-type pair. */
function declareReverseRelation(relation: RelationMembers, settings: SharedSettings): void {
  const store = Relational.store;
  const declared = settings.reverseDeclared;
  if (declared && declared.store === store && declared.model === relation.model
    && declared.relatedModel === relation.relatedModel) return;
  store.addReverseRelation({
    ...relation.reverseRelation,
    isAutoRelation: true,
    model: relation.relatedModel,
    relatedModel: relation.model,
    reverseRelation: relation.options,
  });
  settings.reverseDeclared = { store, model: relation.model, relatedModel: relation.relatedModel };
}

/** The base relation type; use `HasOne` or `HasMany`. */
export const Relation = defineClass('Relation', RelationMembers, constructRelation) as unknown as RelationConstructor<Relation>;
export type Relation = RelationMembers & Backbone.Events & {
  tryAddRelated(model: RelationalModel, coll?: unknown, options?: object): void;
  addRelated(model: RelationalModel, options?: object): void;
  removeRelated(model: RelationalModel, coll?: unknown, options?: object): void;
};

Object.assign(Relation.prototype, Backbone.Events, Semaphore);
/** Defaults every relation starts from. */
(Relation.prototype as any).changed = false;
(Relation.prototype as any).options = {
  createModels: true,
  includeInJSON: true,
  isAutoRelation: false,
  autoFetch: false,
  parse: false,
};
/** `HasOne.extend({...})` / `HasMany.extend({...})` make relation subtypes, as in 0.10.0. */
(Relation as any).extend = (Backbone.Model as any).extend;
