// Backbone.HasOne
// ---------------
//
// A relation holding a single related model (or `null`). Its reverse is a `HasMany` by
// default (many-to-one), or a `HasOne` for a one-to-one relation.

import Backbone from 'backbone';
import {
  Relational, Relation, RelationalModel, NO_OPTIONS, defineClass, wouldBeHeard, isObject, isValidId, warn, describe,
  type RelationDefinition,
  type Id, type RelationMembers, type RelationConstructor,
} from './internal';

class HasOneMembers {
  /** The related model, or `null`. */
  declare related: RelationalModel | null;
  /** The id of the related model while that model is not loaded yet; `null` otherwise. */
  declare keyId: Id | null;
  /** The id this relation is registered as waiting for in the store. */
  declare _waitingFor: Id | null;

  initialize(this: HasOneRelation, opts?: object): void {
    const related = this.findRelated(opts);
    // Creating `related` from nested data may have pointed this relation at another model
    // meanwhile (nested data setting this very key): that model lets go, this data wins.
    const meanwhile = this.related;
    this.setRelated(related);
    this._syncWaiting();
    if (meanwhile && meanwhile !== related) this._removeFromReverseRelation(meanwhile, opts);
    if (related) this._addToReverseRelation(related, opts);
  }

  /**
   * The model `keyContents` refers to: the model itself, or the one found in the store (or
   * created from attributes when `createModels` is on).
   */
  findRelated(this: HasOneRelation, options?: Record<string, any>): RelationalModel | null {
    const contents = this.keyContents;
    let related: RelationalModel | null = null;
    if (contents instanceof this.relatedModel) {
      related = contents as RelationalModel;
    } else if (isObject(contents) || (isValidId(contents) && this.relatedModel.findOrCreate !== RelationalModel.findOrCreate)) {
      related = this.relatedModel.findOrCreate(contents, {
        ...options, parse: this.options.parse, create: this.options.createModels,
      });
    } else if (isValidId(contents)) {
      // What `findOrCreate` does with a bare id (it neither creates nor merges), without
      // building its options for every model.
      related = this.relatedModel.findModel(contents);
    }
    if (related && this.keyId !== null) this.keyId = null;
    return related;
  }

  /** Remember the raw value set on the key, and the id it refers to. */
  setKeyContents(this: HasOneRelation, keyContents: unknown): void {
    // Assigned only when they differ from the defaults: a relation created empty (most nested
    // models) then holds no fields for them.
    if (this.keyContents !== keyContents) this.keyContents = keyContents;
    const keyId = Relational.store.resolveIdForItem(this.relatedModel, keyContents);
    if (this.keyId !== keyId) this.keyId = keyId;
  }

  /** The key was set on the model: find the new related model and update both sides. */
  onChange(this: HasOneRelation, _model: RelationalModel, attr: unknown, options?: Record<string, any>): void {
    if (this._isUpdating() || this._isRetired()) return;
    if (!this._acceptsContents(attr)) {
      this.setRelated(this.related);
      return;
    }
    const settings = options || NO_OPTIONS;
    const oldRelated = this.related;
    const oldContents = this.keyContents;
    const oldKeyId = this.keyId;
    this._beginUpdate();
    try {
      this.setKeyContents(attr);
      let found: RelationalModel | null;
      try {
        found = this.findRelated(settings);
      } catch (error) {
        // Creating the related model failed: the relation keeps its value.
        this.keyContents = oldContents;
        this.keyId = oldKeyId;
        this.setRelated(this.related);
        throw error;
      }
      // Creating `found` may have pointed this relation elsewhere meanwhile (nested models
      // listing this one): those models let go too.
      const displaced = displacedDuringUpdate.get(this);
      if (displaced) displacedDuringUpdate.delete(this);
      const meanwhile = this.related;
      this.setRelated(found);
      this._syncWaiting();
      const letGo = new Set<RelationalModel>(displaced);
      if (meanwhile) letGo.add(meanwhile);
      for (const model of letGo) {
        if (model !== found && model !== oldRelated) this._removeFromReverseRelation(model, settings);
      }
      this._afterRelatedChanged(oldRelated, settings);
    } finally {
      displacedDuringUpdate.delete(this);
      this._endUpdate();
    }
  }

  /**
   * Notify the old and new related models' reverse relations, and queue `change:<key>` when
   * the related model really changed.
   */
  _afterRelatedChanged(this: HasOneRelation, oldRelated: RelationalModel | null, options: Record<string, any>): void {
    const related = this.related;
    if (oldRelated && related !== oldRelated) this._removeFromReverseRelation(oldRelated, options);
    // Re-applied even when unchanged: the other side may have been created after this one.
    if (related) this._addToReverseRelation(related, options);
    // Nothing to queue when nobody listens (listeners added later need not hear of it).
    if (!options.silent && related !== oldRelated && wouldBeHeard(this.instance)) {
      this.changed = true;
      const captured = { ...options };
      Relational.eventQueue.add(() => {
        this.instance.trigger('change:' + this.key, this.instance, this.related, captured, true);
        this.changed = false;
      });
    }
  }

  /** A model with the id this relation waits for was registered: take it. */
  tryAddRelated(this: HasOneRelation, model: RelationalModel, _coll?: unknown, options?: object): void {
    if (!isValidId(this.keyId) || String(model.id) !== String(this.keyId)) return;
    if (!(model instanceof this.relatedModel)) return;
    this.keyId = null;
    this._syncWaiting();
    this.addRelated(model, options);
  }

  /** Make `model` the related model (called by the reverse relation), once `model` is set up. */
  addRelated(this: HasOneRelation, model: RelationalModel, options?: object): void {
    // Unlike HasMany's (which adds to a collection), pointing at a model that is still setting
    // up its relations is harmless: no need to wait for it.
    if (model === this.related) return;
    const oldRelated = this.related || null;
    this.setRelated(model);
    // Related now, so no longer waiting for the id it had before.
    if (this.keyId !== null) {
      this.keyId = null;
      this._syncWaiting();
    }
    this._afterUnlessUpdating(oldRelated, options);
  }

  /** `_afterRelatedChanged`, unless an outer update of this relation will do it. */
  _afterUnlessUpdating(this: HasOneRelation, oldRelated: RelationalModel | null, options?: object): void {
    if (!this._beginUpdate()) {
      // The update in progress settles the final value; remember what was let go meanwhile.
      if (oldRelated) {
        let displaced = displacedDuringUpdate.get(this);
        if (!displaced) displacedDuringUpdate.set(this, (displaced = []));
        displaced.push(oldRelated);
      }
      return;
    }
    try {
      this._afterRelatedChanged(oldRelated, (options || NO_OPTIONS) as Record<string, any>);
    } finally {
      this._endUpdate();
    }
  }

  /** Drop `model` if it is the related model (called by the reverse relation or the store). */
  removeRelated(this: HasOneRelation, model: RelationalModel, _coll?: unknown, options?: object): void {
    if (!this.related || model !== this.related) return;
    const oldRelated = this.related;
    this.setRelated(null);
    this._afterUnlessUpdating(oldRelated, options);
  }

  setRelated(this: HasOneRelation, related: RelationalModel | null): void {
    const previous = this.related;
    if (previous !== related) {
      if (previous) this._release(previous);
      if (related) this._hold(related);
    }
    this.related = related;
    this.instance.attributes[this.key] = related;
  }

  /** A HasOne takes an id, an attributes object, a model of the related type, or nothing. */
  _acceptsContents(this: HasOneRelation, contents: unknown): boolean {
    if (contents == null || typeof contents === 'string' || typeof contents === 'number') return true;
    if (contents instanceof Backbone.Model) {
      if (contents instanceof this.relatedModel) return true;
    } else if (isObject(contents) && typeof contents !== 'function' && !(contents instanceof Backbone.Collection)
      && !Array.isArray(contents)) {
      return true;
    }
    warn(`relation '%s' on %s expects a %s, its id or its attributes; got %o. The value is ignored.`,
      this.key, describe(this.instance), describe(this.relatedModel), contents);
    return false;
  }

  /** Register with the store as waiting for `keyId`, or stop waiting when it is found. */
  _syncWaiting(this: HasOneRelation): void {
    const wanted = !this._detached && isValidId(this.keyId) ? this.keyId : null;
    const current = this._waitingFor;
    if (wanted === current) return;
    if (current != null) this._stopWaitingFor(current);
    if (wanted != null) this._waitFor(wanted);
    this._waitingFor = wanted;
  }

  /** The model for `id` went away without this relation being told to forget it: wait for it again. */
  _waitAgainFor(this: HasOneRelation, id: Id, onlyWhereListed?: boolean): void {
    if (this.related) return;
    if (onlyWhereListed && String(Relational.store.resolveIdForItem(this.relatedModel, this.keyContents)) !== String(id)) return;
    this.keyId = id;
    this._syncWaiting();
  }

  _stopWaitingForAll(this: HasOneRelation): void {
    if (this._waitingFor != null) this._stopWaitingFor(this._waitingFor);
    this._waitingFor = null;
  }

  _releaseAll(this: HasOneRelation): void {
    if (this.related) this._release(this.related);
  }

  _clearOnDestroy(this: HasOneRelation): void {
    this.related = null;
    this.instance.attributes[this.key] = null;
  }
}

type HasOneRelation = HasOneMembers & RelationMembers & Relation;

/** Models a relation pointed at, and left, while an outer update of it was running. */
const displacedDuringUpdate = new Map<object, RelationalModel[]>();

/**
 * A relation holding one related model. Set its key to a model, an id, an attributes object
 * or `null`; the model's reverse relation follows.
 */
export const HasOne = defineClass('HasOne', HasOneMembers, function (this: any, instance: RelationalModel | null, options: RelationDefinition, opts?: object) {
  (Relation as any).call(this, instance, options, opts);
}, Relation) as unknown as RelationConstructor<HasOne>;
export type HasOne = HasOneRelation;

(HasOne.prototype as any).options = { reverseRelation: { type: 'HasMany' } };
(HasOne.prototype as any).keyId = null;
(HasOne.prototype as any).keyContents = undefined;
(HasOne.prototype as any)._waitingFor = null;
