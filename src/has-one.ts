// Backbone.HasOne
// ---------------
//
// A relation holding one related model (or `null`). Its reverse is a `HasMany` by default, or
// a `HasOne` for a one-to-one relation. The related model is found from whatever the key is set
// to (a model, an id, or attributes to find or create one by); an id whose model is not loaded
// yet is kept as `keyId`, and the model is taken when it arrives in the store.

import {
  Relational, Relation, defineClass, copyOptions, withCreateAndParse, withRelated, isValidId, holdOne, releaseOne, queueCall2, triggerRelationChange,
  type Id, type RelationalModel, type RelationConstructor,
} from './internal';

class HasOneMembers {
  declare related: RelationalModel | null;
  /** The id of the related model while it is not loaded yet. */
  declare keyId: Id | null;
  /** Models this relation pointed at for a while during its own update (see `onChange`). */
  declare _displaced: RelationalModel[] | null;

  initialize(this: HasOne, opts?: Record<string, unknown>): void {
    this._listenToChanges();
    this.setRelated(this.findRelated(opts));
    // Tell the related model's reverse relation that this model now points at it.
    for (const relation of this._reverseRelationsOf()) relation.addRelated(this.instance, opts);
  }

  /** The model `keyContents` stands for: itself, or the model found (or created) for an id or attributes. */
  findRelated(this: HasOne, options?: Record<string, unknown>): RelationalModel | null {
    let related: RelationalModel | null = null;
    const keyContents = this.keyContents;
    if (keyContents instanceof this.relatedModel) {
      related = keyContents as RelationalModel;
    } else if (keyContents || keyContents === 0) {
      // The options with the relation's `parse`, then its `createModels`, where they are set:
      // one copy, with its keys in the order two `_.defaults` in turn would give them.
      const findOptions = withCreateAndParse(this.options.createModels, this.options.parse, options);
      related = this.relatedModel.findOrCreate(keyContents as any, findOptions) as RelationalModel | null;
    }
    // Found: no longer waiting for an id.
    if (related) this._setKeyId(null);
    return related;
  }

  /** Remember what the key was set to, and the id it names. */
  setKeyContents(this: HasOne, keyContents: unknown): void {
    this.keyContents = keyContents;
    this._setKeyId(Relational.store.resolveIdForItem(this.relatedModel, keyContents));
  }

  /** The id this relation waits for; the store's index follows it. */
  _setKeyId(this: HasOne, keyId: Id | null): void {
    const previous = this.keyId;
    if (previous === keyId) return;
    this.keyId = keyId;
    this._waitingChanged(isValidId(previous) ? [previous] : [], isValidId(keyId) ? [keyId] : []);
  }

  /** Wait for `id` again (the model taken for it was never built; see `Relation#_takeWhenReady`). */
  _waitAgainFor(this: HasOne, id: Id): void {
    const named = Relational.store.resolveIdForItem(this.relatedModel, this.keyContents) === id;
    if (named && !this.related && !isValidId(this.keyId)) this._setKeyId(id);
  }

  _waitingIds(this: HasOne): Id[] {
    return isValidId(this.keyId) ? [this.keyId] : [];
  }

  setRelated(this: HasOne, related: RelationalModel | null): void {
    const previous = this.related;
    if (previous !== related) {
      if (previous) releaseOne(previous, this);
      if (related) holdOne(related, this);
    }
    Relation.prototype.setRelated.call(this, related);
  }

  /**
   * The key changed: through `set` on the model (then `attr` is the new value), or through the
   * reverse relation (`options.__related` is then the previous related model). Tell the old and
   * new related models' reverse relations, and queue `change:<key>` if the related model changed.
   */
  onChange(this: HasOne, _model: RelationalModel, attr: unknown, options?: Record<string, unknown>): void {
    // Setting the related model can come back here (through its reverse relation); the outer call does the work.
    if (this.isLocked()) return;
    this._applyChange(attr, copyOptions(options));
  }

  /** `onChange` with `settings`, a copy of the options no one else holds. */
  _applyChange(this: HasOne, attr: unknown, settings: Record<string, unknown>): void {
    this.acquire();
    try {
      const fromSet = settings.__related === undefined;
      const oldRelated = (fromSet ? this.related : settings.__related) as RelationalModel | null;
      if (fromSet) {
        this.setKeyContents(attr);
        this.setRelated(findRelatedOrRestore(this, settings));
      }
      if (oldRelated && this.related !== oldRelated) {
        for (const relation of this._reverseRelationsOf(oldRelated)) relation.removeRelated(this.instance, null, settings);
      }
      // Also when unchanged: the related model may not have known of this one yet.
      for (const relation of this._reverseRelationsOf()) relation.addRelated(this.instance, settings);
      releaseDisplaced(this, settings);
      if (!settings.silent && this.related !== oldRelated) {
        this.changed = true;
        queueCall2(Relational.eventQueue, triggerRelationChange, this, settings);
      }
    } finally {
      this.release();
    }
  }

  /** A model arrived in the store (or got its id): take it if it is the one this relation waits for. */
  tryAddRelated(this: HasOne, model: RelationalModel, _coll?: unknown, options?: object): void {
    if (isValidId(this.keyId) && model.id === this.keyId) {
      this._takeWhenReady(model);
      this.addRelated(model, options);
      this._setKeyId(null);
    }
  }

  /** Point at `model`, once `model` has set up its own relations. */
  addRelated(this: HasOne, model: RelationalModel, options?: object): void {
    model.queue(() => {
      if (model !== this.related) {
        const oldRelated = this.related || null;
        this.setRelated(model);
        // During this relation's own update `onChange` returns at once: the update in progress
        // settles on its own related model, and releases this one if it is another.
        if (this.isLocked()) (this._displaced || (this._displaced = [])).push(model);
        changedByReverse(this, model, oldRelated, options);
      }
    });
  }

  /** Stop pointing at `model`, if this relation does. */
  removeRelated(this: HasOne, model: RelationalModel, _coll?: unknown, options?: object): void {
    if (!this.related) return;
    if (model === this.related) {
      const oldRelated = this.related || null;
      this.setRelated(null);
      changedByReverse(this, model, oldRelated, options);
    }
  }
}

/**
 * The reverse relation changed what `relation` points at (to `model`, or away from it) from
 * `oldRelated`: its `onChange`, given the options with `__related`. Those are a new object
 * nobody else holds, so this library's own `onChange` takes them without a copy of its own.
 */
function changedByReverse(relation: HasOne, model: RelationalModel, oldRelated: RelationalModel | null, options?: object): void {
  const settings = withRelated(oldRelated, options);
  if (relation.onChange !== ownOnChange) relation.onChange(relation.instance, model, settings);
  else if (!relation.isLocked()) relation._applyChange(model, settings);
}

/**
 * A model the relation pointed at while it was being updated (its nested data named the
 * relation's owner, say), and that it no longer points at: that model's reverse relation lets
 * go of the owner. (0.10.0 left it holding the owner, so the two sides disagreed.)
 */
function releaseDisplaced(relation: HasOne, options: object): void {
  const displaced = relation._displaced;
  if (!displaced) return;
  relation._displaced = null;
  for (const model of displaced) {
    if (model === relation.related) continue;
    for (const reverse of relation._reverseRelationsOf(model)) reverse.removeRelated(relation.instance, null, options);
  }
}

/**
 * `findRelated`, but if it throws (a nested model's `initialize` or `parse`, say), the key keeps
 * the related model it had before the error is passed on. (0.10.0 left the raw value in the
 * attribute, which no longer matched the relation.)
 */
export function findRelatedOrRestore<T>(relation: { findRelated(options: Record<string, unknown>): T; setRelated(related: unknown): void; related: unknown }, options: Record<string, unknown>): T {
  try {
    return relation.findRelated(options);
  } catch (error) {
    relation.setRelated(relation.related);
    throw error;
  }
}

const ownOnChange = HasOneMembers.prototype.onChange;

/** A relation to one model: `Backbone.HasOne`. */
export const HasOne = defineClass('HasOne', HasOneMembers, function HasOne(this: any) {
  // (Never runs: room for a relation's properties in each instance, as for HasMany.)
  if (arguments.length < 0) {
    this.instance = this.options = this.reverseRelation = this.key = this.keySource = this.keyDestination = null;
    this.model = this.relatedModel = this.relatedCollection = this.keyContents = this.keyId = this.related = null;
  }
  (Relation as any).apply(this, arguments);
}, Relation) as unknown as RelationConstructor<HasOne>;
export type HasOne = Relation & HasOneMembers;

Object.assign(HasOne.prototype, {
  options: { reverseRelation: { type: 'HasMany' } },
  keyId: null,
  _displaced: null,
});
