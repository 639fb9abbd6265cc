// Constructing a relational model
// -------------------------------
//
// What happens around Backbone's constructor and a model's first `set`: waiting for the
// collection that created it, checking its id against its whole type hierarchy, telling the
// relations that took it while it was setting up, and undoing everything when set-up throws.

import Backbone from 'backbone';
import {
  Relational, isValidId, relationOf, awaitAddition, layOutModel, forgetUnaddedModel, ReuseSignal, reuseExisting, forEachRelationCollectionHolding,
  type Relation, type RelationalModel, type RelationalModelType,
} from './internal';

const BackboneModel = Backbone.Model as any;

/**
 * A model's first `set`: its type's place in the sub-model hierarchy is resolved, and the id
 * checked against the whole hierarchy. 0.10.0 checked it before resolving the hierarchy, so the
 * first instance of a sub-model type was checked against a store collection of that type alone
 * (which it created; that check has run just before, as applications may count
 * `store._collections`), and a sibling's id could be taken twice.
 */
export function checkIdInHierarchy(model: RelationalModel, newId: unknown): void {
  const type = model.constructor as RelationalModelType;
  const wasResolved = type._superModel !== null && type._superModel !== undefined;
  type.initializeModelHierarchy();
  if (wasResolved || !type._superModel) return;
  const store = Relational.store;
  if (store.getCollection(model, false)) store.checkId(model, newId);
}

/**
 * A relation that took the model while the model was setting up its relations (its own
 * relation, for `{ id: 1, parent: 1 }`, or the relation of a nested model whose data named it)
 * looked for its reverse relation on the model before that existed, so in 0.10.0 the reverse
 * side never learnt of it and the two sides disagreed: it is told now. Otherwise nothing holds
 * the model yet (relations wait in its queue, which runs next), and this changes nothing.
 */
export function linkHoldersBack(model: RelationalModel, options?: object): void {
  for (const holder of holdersOf(model)) {
    for (const reverse of holder._reverseRelationsOf(model)) reverse.addRelated(holder.instance, options);
  }
}

/**
 * Nested data naming the model (by id, with attributes) set those attributes on it while its
 * relations were being set up; relations set up before that never took the new values in
 * 0.10.0 (`user` stayed the raw id), unless the outer `set` named the key too. They take them.
 */
export function updateRelationsSetDuringSetUp(model: RelationalModel, outer: Record<string, unknown> | null, options?: object): void {
  const nested = model._setDuringSetUp!;
  model._setDuringSetUp = null;
  const remaining: Record<string, unknown> = {};
  let any = false;
  for (const key in nested) {
    if (!outer || !(key in outer)) {
      remaining[key] = nested[key];
      any = true;
    }
  }
  if (any) model.updateRelations(remaining, options);
}

const NO_HOLDERS: readonly Relation[] = Object.freeze([]);

/** The relations holding `model`: HasOnes pointing at it, HasManys whose collection holds it. */
function holdersOf(model: RelationalModel): readonly Relation[] {
  // (Nothing holds most models as they are set up: no array for them.)
  const events = (model as any)._events;
  if (!model._hasOneHolders && !(events && events.all) && !model._silencedHolders) return NO_HOLDERS;
  const holders: Relation[] = [];
  if (model._hasOneHolders) {
    for (const entry of model._hasOneHolders) {
      const relation = relationOf(entry);
      if (relation) holders.push(relation);
    }
  }
  forEachRelationCollectionHolding(model, (holding) => {
    const listening: Relation[] | undefined = holding._listeningRelations;
    if (listening) for (const relation of listening) if (relation.related === holding) holders.push(relation);
  });
  return holders;
}

/**
 * Create a model. A model created by a collection (`options.collection`) waits with its queued
 * relation work until that collection has added it. If set-up fails (a throwing `initialize`,
 * `parse` or relation), the half-built model is taken out of the store and every relation
 * before the error is rethrown. (Named as the type, so that `defineClass` need not rename it:
 * see define-class.ts.)
 */
export const constructRelationalModel = function RelationalModel(this: RelationalModel, _attributes?: any, options?: any): RelationalModel | void {
  // Every property it gets during construction, before `collection` (see model-layout.ts).
  layOutModel(this, _attributes, options);
  if (options && options.collection) {
    const collection = options.collection;
    this.collection = collection;
    // Nested models must not think they were created by that collection too.
    delete options.collection;
    this._deferProcessing = true;
    awaitAddition(this, collection);
  }
  const store = Relational.store;
  store.processOrphanRelations();
  store._listenToModel(this);
  this._queued = NOTHING_QUEUED;
  const eventQueue = Relational.eventQueue;
  eventQueue.block();
  try {
    BackboneModel.apply(this, arguments);
  } catch (error) {
    // A type with `reuseInstances` given the id of an existing model: `new` returns that one.
    if (error instanceof ReuseSignal) return reuseExisting(this, error, _attributes, options);
    abandonModel(this);
    throw error;
  } finally {
    eventQueue.unblock();
  }
};

/**
 * `_queued` of a model whose relations are being set up, with no work waiting yet: work held
 * for a model is rare, so most models never get a list of their own.
 */
export const NOTHING_QUEUED: Array<(() => void) | Relation> = Object.freeze([]) as unknown as Array<(() => void) | Relation>;

/** Hold `entry` (work, or a relation that will take the model) until `model`'s relations are set up. */
export function holdForSetUp(model: RelationalModel, entry: (() => void) | Relation): void {
  const queued = model._queued as Array<(() => void) | Relation>;
  if (queued === NOTHING_QUEUED) model._queued = [entry];
  else queued.push(entry);
}

/** The relations that took `model` while it was setting up (see `Relation#_takeWhenReady`), no longer noted among its queued work. */
function takeBackRelationsThatTook(model: RelationalModel): Relation[] {
  const queued = model._queued;
  if (!queued || queued === NOTHING_QUEUED) return [];
  const work = queued.filter((entry) => typeof entry === 'function');
  model._queued = work.length ? work : NOTHING_QUEUED;
  return queued.filter((entry) => typeof entry !== 'function') as Relation[];
}

/** Undo what a failed construction registered, so no half-built model stays reachable. */
function abandonModel(model: RelationalModel): void {
  // Each step on its own: the original error is the one worth reporting.
  const attempt = (step: () => void) => {
    try {
      step();
    } catch {
      // (ignored, see above)
    }
  };
  attempt(() => forgetUnaddedModel(model));
  // Relations that took it, or were to take it, for an id their data named, wait for that id
  // again, as if it had never been built.
  const id = model.id;
  const takers = holdersOf(model).concat(takeBackRelationsThatTook(model));
  // Out of the store and of every relation holding it; its own relations stop listening.
  attempt(() => Relational.store.unregister(model));
  if (isValidId(id)) {
    for (const relation of takers) if (relation.instance !== model) attempt(() => (relation as any)._waitAgainFor(id));
  }
  for (const relation of model.getRelations()) {
    if (relation instanceof Relational.HasOne) attempt(() => relation.setRelated(null));
  }
  while (model.isLocked()) model.release();
}
