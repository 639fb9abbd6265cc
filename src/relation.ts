// Backbone.Relation
// -----------------
//
// The base of `HasOne` and `HasMany`. One relation instance exists per model per relation
// key: it owns the related value stored in the model's attribute and keeps the other side (the
// reverse relation on the related models) in step. A relation created without a model only
// declares its reverse relation on the related type, which is how a relation declared on one
// side exists on the other before any model of the declaring type is created.
//
// A relation "listens" as 0.10.0's did: to its model (`relational:change:<key>`, `destroy`) and
// to the store collection of its related type (models arriving, changing id, leaving). Those
// listeners are not Backbone handlers but flags and indexes (see `relation-dispatch.ts`), which
// deliver the same calls, in the same order, to the relations they concern only.

import Backbone from 'backbone';
import {
  Relational, RelationalModel, Semaphore, defineClass, isObject, hasHandlers, warn, applyDefinition, declareReverseRelation,
  nextListenerNumber, waitFor, stopWaitingFor, stopListeningToCollection, relationBubbles, rebindBubbling, holdForSetUp,
  type Id, type WeakReference, type RelationalModelType, type SemaphoreMembers, type RelationDefinition, type RelationConstructor, type GetAsyncOptions,
} from './internal';

const BackboneEvents = Backbone.Events as any;

export interface RelationMembers extends SemaphoreMembers {}
export class RelationMembers {
  /** The model this relation belongs to (`null` for a declaration-only relation). */
  declare instance: RelationalModel;
  /** The merged options: the definition itself, with the type's defaults filled in. */
  declare options: RelationDefinition;
  /** The reverse relation's options (with its type resolved). */
  declare reverseRelation: RelationDefinition;
  declare key: string;
  declare keySource: string;
  declare keyDestination: string;
  /** The type declaring the relation. */
  declare model: RelationalModelType;
  /** The resolved related type. */
  declare relatedModel: RelationalModelType;
  /** The store collection of the related type, where related models are looked up. */
  declare relatedCollection: Backbone.Collection<RelationalModel> | null;
  /** The raw value the relation was last given (ids, attributes, models or a collection). */
  declare keyContents: unknown;
  /** The related model (HasOne) or collection (HasMany). */
  declare related: unknown;
  /** Whether the related value changed since the last `change:<key>` was queued. */
  declare changed: boolean;

  /** When this relation started listening (see `relation-dispatch.ts`); 0 before. */
  declare _listenerNumber: number;
  /**
   * What the relation listens to without a Backbone handler, one bit each (`HEARS_CHANGE`,
   * `HEARS_DESTROY`, `HEARS_STORE`): one property rather than three in every relation.
   */
  declare _hears: number;
  /** Listening to its model's `relational:change:<key>` (bit `HEARS_CHANGE` of `_hears`). */
  declare _hearsChange: boolean;
  /** Listening to its model's `destroy` (bit `HEARS_DESTROY` of `_hears`). */
  declare _hearsDestroy: boolean;
  /** Listening to the related type's store collection (bit `HEARS_STORE` of `_hears`). */
  declare _hearsStore: boolean;
  /** Passing the related value's events on to its model (see `event-bubbling.ts`). */
  declare _bubbles: boolean;
  /** The one `WeakRef` to this relation, when a forgetting store holds it so (see `forgetting-store.ts`). */
  declare _weakRef: WeakReference<Relation> | null;
  /** The collection a HasMany listens to (its related collection). */
  declare _listenedCollection: Backbone.Collection<any> | null;
  /** When it started listening to that collection. */
  declare _collectionListenerNumber: number;

  /** Called once the relation is set up on a model; `HasOne` and `HasMany` fill it in. */
  initialize(_opts?: object): void {}

  /** Check the definition; each problem is reported (while warnings are on) and the relation skipped. */
  checkPreconditions(): boolean {
    const instance = this.instance;
    const key = this.key;
    const model = this.model;
    const relatedModel = this.relatedModel;
    if (!model || !key || !relatedModel) {
      warn('Relation=%o: missing model, key or relatedModel (%o, %o, %o).', this, model, key, relatedModel);
      return false;
    }
    if (!(model.prototype instanceof RelationalModel)) {
      warn('Relation=%o: model does not inherit from Backbone.RelationalModel (%o).', this, instance);
      return false;
    }
    if (!(relatedModel.prototype instanceof RelationalModel)) {
      warn('Relation=%o: relatedModel does not inherit from Backbone.RelationalModel (%o).', this, relatedModel);
      return false;
    }
    if (this instanceof Relational.HasMany && this.reverseRelation.type === Relational.HasMany) {
      warn('Relation=%o: relation is a HasMany, and the reverseRelation is HasMany as well.', this);
      return false;
    }
    const relations = instance && instance._relations;
    if (relations) {
      for (const name in relations) {
        const existing = relations[name];
        if (existing.key === key) {
          warn('Cannot create relation=%o on %o for model=%o: already taken by relation=%o.', this, key, instance, existing);
          return false;
        }
      }
    }
    return true;
  }

  /** Store the related value, also as the model's attribute. */
  setRelated(related: unknown): void {
    if (this._bubbles && this.related !== related) rebindBubbling(this as unknown as Relation, this.related, related);
    this.related = related;
    (this.instance.attributes as Record<string, unknown>)[this.key] = related;
  }

  /** Whether `relation` (on another model) is this relation's reverse relation. */
  _isReverseRelation(relation: Relation): boolean {
    return relation.instance instanceof this.relatedModel && this.reverseRelation.key === relation.key &&
      this.key === relation.reverseRelation.key;
  }

  /**
   * The reverse relations (pointing back at this relation's model) on `model`, or on every
   * currently related model when no model is given.
   */
  getReverseRelations(model?: RelationalModel): Relation[] {
    return this._findReverseRelations(model) || [];
  }

  /**
   * `getReverseRelations`, for the library's own use: the same relations, but no new array when
   * there are none (the common case). A relation type with a `getReverseRelations` of its own
   * has it called.
   */
  _reverseRelationsOf(model?: RelationalModel): readonly Relation[] {
    if (this.getReverseRelations !== ownGetReverseRelations) return this.getReverseRelations(model);
    return this._findReverseRelations(model) || NO_RELATIONS;
  }

  /** The reverse relations `getReverseRelations` lists, or `null` for none. */
  _findReverseRelations(model?: RelationalModel): Relation[] | null {
    if (model !== undefined) return this._collectReverseRelations(model, null);
    const related: any = this.related;
    if (!related) return null;
    if (!related.models) return this._collectReverseRelations(related, null);
    let reverse: Relation[] | null = null;
    const models = related.models;
    for (let i = 0; i < models.length; i++) reverse = this._collectReverseRelations(models[i], reverse);
    return reverse;
  }

  /** `reverse` (made when needed) with `candidate`'s relations that are this one's reverse. */
  _collectReverseRelations(item: unknown, reverse: Relation[] | null): Relation[] | null {
    const candidate = item as RelationalModel | null;
    // A plain Backbone model in a HasMany's collection has no relations (0.10.0 threw here).
    if (!candidate || typeof candidate.getRelations !== 'function') return reverse;
    if (candidate.getRelations === ownGetRelations) {
      // (The model's relations as `getRelations` lists them, without the array it makes.)
      const relations = candidate._relations;
      for (const key in relations) {
        if (this._isReverseRelation(relations[key])) reverse = withRelation(reverse, relations[key]);
      }
      return reverse;
    }
    for (const relation of candidate.getRelations() || []) {
      if (this._isReverseRelation(relation)) reverse = withRelation(reverse, relation);
    }
    return reverse;
  }

  /** The model was destroyed: empty this relation (its reverse relations hear of it through the store). */
  destroy(): void {
    this.stopListening();
    if (this instanceof Relational.HasOne) {
      this.setRelated(null);
    } else if (this instanceof Relational.HasMany) {
      const previous = this.related;
      this.setRelated((this as any)._prepareCollection());
      // The previous collections keep their models (as in 0.10.0), but no longer lead to the
      // destroyed owner: their models live on, and would keep it reachable.
      (this as any)._releaseCollections(previous);
    }
    for (const relation of this._reverseRelationsOf()) relation.removeRelated(this.instance);
  }

  /** Start hearing the model's `relational:change:<key>` (see `HasOne`/`HasMany` `initialize`). */
  _listenToChanges(): void {
    // A handler bound before this one would hear the event first: keep that order with a real one.
    if (hasHandlers(this.instance, 'relational:change:' + this.key)) {
      (this as any).listenTo(this.instance, 'relational:change:' + this.key, (this as any).onChange);
      this._hears |= HEARS_CHANGE_BY_HANDLER;
    } else {
      this._hears |= HEARS_CHANGE;
    }
  }

  /** Start hearing the model's `destroy` and the related type's store collection. */
  _listenToModelAndStore(): void {
    this._listenerNumber = nextListenerNumber();
    if (hasHandlers(this.instance, 'destroy')) (this as any).listenTo(this.instance, 'destroy', this.destroy);
    else this._hears |= HEARS_DESTROY;
    this._hears |= HEARS_STORE;
    this._indexWaiting();
  }

  /**
   * `model` arrived with the id this relation waited for, and the relation will take it once
   * the model has set up its relations: remember that among the model's queued work, so that
   * if building it fails, the relation waits again (see `waitAgainFor`).
   */
  _takeWhenReady(model: RelationalModel): void {
    if (model._queued !== null) holdForSetUp(model, this as unknown as Relation);
  }

  /** Record, in the store collection, the ids this relation waits for (`HasOne` / `HasMany`). */
  _indexWaiting(): void {
    for (const id of this._waitingIds()) waitFor(this.relatedCollection as any, id, this as unknown as Relation);
  }

  /** The ids of related models not found yet (`keyId` or `keyIds`). */
  _waitingIds(): Id[] {
    return [];
  }

  /**
   * The ids this relation waits for changed from `previous`: keep the store's index in step
   * while it listens to the store.
   */
  _waitingChanged(previous: readonly Id[], current: readonly Id[]): void {
    if (!(this._hears & HEARS_STORE) || !this.relatedCollection) return;
    const collection = this.relatedCollection as any;
    for (const id of previous) if (current.indexOf(id) === -1) stopWaitingFor(collection, id, this as unknown as Relation);
    for (const id of current) waitFor(collection, id, this as unknown as Relation);
  }

  /**
   * Backbone's `stopListening`, for the listeners this relation emulates too: with no argument
   * it stops hearing everything; with its model, that model's events; with the store collection,
   * the store's; with its collection, the collection's.
   */
  stopListening(target?: object, ...rest: unknown[]): this {
    if (!target || target === this.instance) {
      this._hears &= ~(HEARS_CHANGE | HEARS_DESTROY | HEARS_CHANGE_BY_HANDLER);
    }
    if ((!target || target === this.relatedCollection) && this._hears & HEARS_STORE) {
      this._hears &= ~HEARS_STORE;
      for (const id of this._waitingIds()) stopWaitingFor(this.relatedCollection as any, id, this as unknown as Relation);
    }
    const listened = this._listenedCollection;
    if (listened && (!target || target === listened)) {
      this._listenedCollection = null;
      stopListeningToCollection(this as unknown as Relation, listened as any);
    }
    BackboneEvents.stopListening.call(this, target, ...rest);
    return this;
  }
}

const NO_RELATIONS: readonly Relation[] = Object.freeze([]);

/**
 * The `change:<key>` a relation queued, fired once the queue lets it through, with the related
 * value the relation has then (`true` last: see `fireQueuedChange`).
 */
export function triggerRelationChange(relation: Relation, settings: Record<string, unknown>): void {
  relation.instance.trigger('change:' + relation.key, relation.instance, relation.related, settings, true);
  relation.changed = false;
}

/** Bits of `_hears`: what a relation listens to (see `_listenToChanges`, `_listenToModelAndStore`). */
export const HEARS_CHANGE = 1;
export const HEARS_DESTROY = 2;
export const HEARS_STORE = 4;
/**
 * A bit of `_hears` set when an application's `off` of a HasMany's collection took away the
 * `relational:reset` handler 0.10.0 bound there (see `offEmulatedCollectionListeners`).
 */
export const DEAF_TO_RESET = 8;
/**
 * A bit of `_hears`: the relation hears its model's `relational:change:<key>` through a Backbone
 * handler (the model had handlers of that event already, see `_listenToChanges`).
 */
export const HEARS_CHANGE_BY_HANDLER = 16;
const ownGetReverseRelations = RelationMembers.prototype.getReverseRelations;

/**
 * `list` with `relation` at its end; a new list of just that one (most lists hold one: `push`
 * on an empty array would make room for 16 more, garbage a moment later).
 */
function withRelation(list: Relation[] | null, relation: Relation): Relation[] {
  if (list === null) return [relation];
  list.push(relation);
  return list;
}

/** `RelationalModel#getRelations`, as this library defines it (set once the model type exists). */
let ownGetRelations: unknown = null;
export function setOwnGetRelations(getRelations: unknown): void {
  ownGetRelations = getRelations;
}

/**
 * Make a relation of `model` from `definition`, or (without a model) declare its reverse relation.
 * (Named as the type, so that `defineClass` need not rename it: see define-class.ts.)
 */
const constructRelation = function Relation(this: any, instance: RelationalModel | null, definition?: RelationDefinition, opts?: object): void {
  // Properties most relations get later in life, given their prototype's values now: V8 sizes
  // a type's objects by the properties its first few had, and puts any added later in a
  // separate array (40 bytes more per relation). (Unless a constructor of the application's
  // own set them before calling this one.)
  if (!this.changed) this.changed = false;
  if (!this._permitsUsed) this._permitsUsed = 0;
  this.instance = instance as RelationalModel;
  applyDefinition(this, instance, definition);
  if (!this.checkPreconditions()) return;
  noteHeldTypes(this);
  declareReverseRelation(this);
  if (!instance) return;
  if (relationBubbles(this.options)) this._bubbles = true;
  setUpOnModel(this, instance, opts);
};

/** The model types that HasOnes point at (see `isHeldByHasOnes`). */
const heldTypes = new WeakSet<Function>();

/** Note the type a HasOne points at: `relation`'s related type if it is one, its own if its reverse relation is one. */
function noteHeldTypes(relation: Relation): void {
  if (relation instanceof Relational.HasOne) heldTypes.add(relation.relatedModel);
  // (Known from the type's own definition, whose reverse type `applyDefinition` has resolved,
  // before its first model is laid out, unless its related type is not defined yet: the reverse
  // HasOne itself is made with the first model of the related type.)
  const reverse: any = relation.reverseRelation;
  const reverseType: any = reverse && reverse.key && reverse.type;
  if (relation.model && typeof reverseType === 'function' && (reverseType === Relational.HasOne || reverseType.prototype instanceof Relational.HasOne)) {
    heldTypes.add(relation.model);
  }
}

/**
 * Whether `model`'s type is the related type of a HasOne declared so far, so that its models
 * will most likely be held by one (`_hasOneHolders`). Only a hint for the object's layout.
 */
export function isHeldByHasOnes(model: RelationalModel): boolean {
  return heldTypes.has(model.constructor);
}

/** The part of making a relation that concerns its model: take the data, find related models, listen. */
function setUpOnModel(relation: Relation, instance: RelationalModel, opts?: object): void {
  // Data given under `key` wins over `keySource` when it is already an object (a model or collection).
  let contentKey = relation.keySource;
  if (contentKey !== relation.key && isObject(instance.get(relation.key))) contentKey = relation.key;
  relation.setKeyContents(instance.get(contentKey));
  relation.relatedCollection = Relational.store.getCollection(relation.relatedModel);
  if (relation.keySource !== relation.key) delete (instance.attributes as any)[relation.keySource];
  (instance._relations as any)[relation.key] = relation;
  relation.initialize(opts);
  // Listening before `autoFetch` starts, so the relation takes the models it fetches. (0.10.0
  // started listening afterwards: the placeholders being fetched never joined the relation.)
  relation._listenToModelAndStore();
  const autoFetch = relation.options.autoFetch;
  if (autoFetch) instance.getAsync(relation.key, isObject(autoFetch) ? autoFetch as GetAsyncOptions : {});
}

/**
 * The base relation type, `Backbone.Relation`. Extend `HasOne` or `HasMany` rather than this.
 */
export const Relation = defineClass('Relation', RelationMembers, constructRelation) as unknown as RelationConstructor<Relation>;
export type Relation = RelationMembers & Backbone.Events & {
  setKeyContents(keyContents: unknown): void;
  tryAddRelated(model: RelationalModel, coll?: unknown, options?: object): void;
  addRelated(model: RelationalModel, options?: object): void;
  removeRelated(model: RelationalModel, coll?: unknown, options?: object): void;
};

Object.assign(Relation.prototype, Backbone.Events, Semaphore, {
  options: {
    createModels: true,
    includeInJSON: true,
    isAutoRelation: false,
    autoFetch: false,
    parse: false,
  },
  instance: null,
  key: null,
  keyContents: null,
  relatedModel: null,
  relatedCollection: null,
  reverseRelation: null,
  related: null,
  changed: false,
  _listenerNumber: 0,
  _hears: 0,
  _weakRef: null,
  _listenedCollection: null,
  _collectionListenerNumber: 0,
  _bubbles: false,
});
// The three flags by their names, for code that reads or sets them so (tests, tools).
for (const [name, bit] of [['_hearsChange', HEARS_CHANGE], ['_hearsDestroy', HEARS_DESTROY], ['_hearsStore', HEARS_STORE]] as const) {
  Object.defineProperty(Relation.prototype, name, {
    configurable: true,
    get(this: Relation) {
      return (this._hears & bit) !== 0;
    },
    set(this: Relation, on: boolean) {
      this._hears = on ? this._hears | bit : this._hears & ~bit;
    },
  });
}
// Backbone.Events' stopListening is mixed in above; this class's version wraps it.
(Relation.prototype as any).stopListening = RelationMembers.prototype.stopListening;
(Relation as any).extend = (Backbone.Model as any).extend;
