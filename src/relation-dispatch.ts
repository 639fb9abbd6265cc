// How relations hear about models
// -------------------------------
//
// In 0.10.0 every relation listened to the store collection of its related type: each model
// registered, removed or given a new id there was offered to every relation of every model
// pointing at that type, and each ignored what it was not waiting for. Building a graph of N
// models therefore cost N² calls, and every relation stayed referenced by those listeners.
//
// Here the same calls are made, in the same order, but only to the relations they concern:
// - each store collection keeps an index of the relations waiting for an id (a HasOne's `keyId`,
//   a HasMany's `keyIds`); a model arriving with that id is offered to those relations only;
// - a model leaving the store is withdrawn from the relations holding it: the HasOnes pointing
//   at it (each model keeps a short list of them) and the HasManys whose collection holds it
//   (found through the collections listening to the model, which Backbone records, and those
//   an application's `off` silenced, which the model notes);
// - a HasMany's collection keeps the list of relations listening to it, for `relational:add`,
//   `relational:remove` and `relational:reset`.
// Relations are called in the order they started listening (0.10.0's listener order), and,
// as with Backbone's `trigger`, only relations that were listening when the event started.

import Backbone from 'backbone';
import type { Relation } from './relation';
import type { RelationalModel } from './relational-model';
import {
  holdsWeakly, noteWaiting, noteHolding, relationOf, storeForgets, releaseOnAddition, awaitingNumber, forEachRelationCollectionHolding,
  hearsStoreEvent, HEARS_STORE, DEAF_TO_RESET, type WeakReference,
} from './internal';

type AnyCollection = Backbone.Collection<any> & Record<string, any>;

/** The order in which relations started listening (0.10.0's listener registration order). */
let listenerCount = 0;

/** A number for a relation that starts listening now; later listeners get larger numbers. */
export function nextListenerNumber(): number {
  return ++listenerCount;
}

/** The number of the relation that started listening last. */
export function currentListenerNumber(): number {
  return listenerCount;
}

// ---------------------------------------------------------------------------------------------
// Delivering an event to the emulated listeners first
// ---------------------------------------------------------------------------------------------

const eventsTrigger = (Backbone.Events as any).trigger;

/**
 * Trigger `args` (the event name first) on `target` as Backbone would if the listeners that
 * `deliver` stands for had been bound first: they run, then the handlers bound for that name,
 * then the `all` handlers. As in Backbone, the handlers are those bound when the event started:
 * a collection that stops listening to a model meanwhile (the relation just removed the model
 * from it) still hears it, one that starts listening does not. `trigger` is the target's
 * Backbone trigger; when an application replaced it, it is called after `deliver` instead.
 */
export function triggerAfter(target: any, trigger: Function, args: ArrayLike<any>, deliver: (target: any, args: ArrayLike<any>) => void): void {
  if (trigger !== eventsTrigger) {
    deliver(target, args);
    trigger.apply(target, args);
    return;
  }
  const events = target._events;
  const named = events && events[args[0]];
  const namedCount = named ? named.length : 0;
  const all = events && events.all;
  const allCount = all ? all.length : 0;
  deliver(target, args);
  if (!namedCount && !allCount) return;
  const rest = Array.prototype.slice.call(args, 1);
  for (let i = 0; i < namedCount; i++) named[i].callback.apply(named[i].ctx, rest);
  for (let i = 0; i < allCount; i++) all[i].callback.apply(all[i].ctx, args);
}

// ---------------------------------------------------------------------------------------------
// Relations waiting for an id, per store collection
// ---------------------------------------------------------------------------------------------

/**
 * The relations waiting for each id, kept on a store collection (a forgetting store's holds
 * them by `WeakRef`). Ids are compared with `===`, as 0.10.0 did.
 */
type Waiting = Relation | WeakReference<Relation>;
type WaitingIndex = Map<unknown, Waiting | Waiting[]>;

function waitingIndexOf(collection: AnyCollection, create: boolean): WaitingIndex | null {
  let index: WaitingIndex | undefined = collection._waitingRelations;
  if (!index && create) {
    index = new Map();
    Object.defineProperty(collection, '_waitingRelations', { value: index, writable: true, configurable: true });
  }
  return index || null;
}

/** Record that `relation` waits for a model with `id` to arrive in the store `collection`. */
export function waitFor(collection: AnyCollection, id: unknown, relation: Relation): void {
  const index = waitingIndexOf(collection, true)!;
  const current = index.get(id);
  const entry: Waiting = holdsWeakly(collection) ? noteWaiting(collection, id, relation) : relation;
  if (current === undefined) index.set(id, entry);
  else if (Array.isArray(current)) {
    if (current.indexOf(entry) === -1) current.push(entry);
  } else if (current !== entry) index.set(id, [current, entry]);
}

/** `relation` no longer waits for `id` in `collection`. */
export function stopWaitingFor(collection: AnyCollection, id: unknown, relation: Relation): void {
  const index = waitingIndexOf(collection, false);
  if (!index) return;
  const current = index.get(id);
  const entry: Waiting | null = holdsWeakly(collection) ? relation._weakRef : relation;
  if (current === undefined || entry === null) return;
  if (current === entry) index.delete(id);
  else if (Array.isArray(current)) {
    const at = current.indexOf(entry);
    if (at !== -1) current.splice(at, 1);
    if (current.length === 1) index.set(id, current[0]);
    else if (!current.length) index.delete(id);
  }
}

/** Forget every relation waiting in `collection` (the store is being reset). */
export function clearWaiting(collection: AnyCollection): void {
  const index = waitingIndexOf(collection, false);
  if (index) index.clear();
}

/**
 * The listening relation waiting for `id` in `collection` that started listening first after
 * `after` and before `before` (see `offerToWaitingRelations`).
 */
function nextWaiting(collection: AnyCollection, id: unknown, after: number, before: number, event: string): Relation | null {
  const index = waitingIndexOf(collection, false);
  const current = index && index.get(id);
  if (!current) return null;
  if (!Array.isArray(current)) {
    const relation = relationOf(current);
    return relation && isBetween(relation, after, before) && hearsStoreEvent(collection, relation, event) ? relation : null;
  }
  let next: Relation | null = null;
  for (const entry of current) {
    const relation = relationOf(entry);
    if (relation && isBetween(relation, after, before) && hearsStoreEvent(collection, relation, event)
      && (!next || relation._listenerNumber < next._listenerNumber)) next = relation;
  }
  return next;
}

function isBetween(relation: Relation, after: number, before: number): boolean {
  return (relation._hears & HEARS_STORE) !== 0 && relation._listenerNumber > after && relation._listenerNumber < before;
}

/**
 * A model arrived in the store `collection`, or got a new id there (`relational:add`,
 * `relational:change:id`): offer it to each relation waiting for its id, through
 * `tryAddRelated`, in listening order. A relation may start or stop waiting while others are
 * being offered the model, so the next one is looked up after each call.
 */
export function offerToWaitingRelations(collection: AnyCollection, model: RelationalModel, options: unknown, idChanged = false): void {
  const id = model.id;
  if (id === undefined || id === null) return;
  const event = idChanged ? 'relational:change:id' : 'relational:add';
  const before = listenerCount + 1;
  let after = 0;
  for (let relation = nextWaiting(collection, id, after, before, event); relation; relation = nextWaiting(collection, id, after, before, event)) {
    after = relation._listenerNumber;
    relation.tryAddRelated(model, collection, options as object | undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Relations holding a model
// ---------------------------------------------------------------------------------------------

/** `hasOne` now points at `model` (held by `WeakRef` while the store forgets). */
export function holdOne(model: RelationalModel, hasOne: Relation): void {
  const holders = model._hasOneHolders;
  if (holders && (holders.indexOf(hasOne) !== -1 || (hasOne._weakRef && holders.indexOf(hasOne._weakRef) !== -1))) return;
  const entry = storeForgets() ? noteHolding(model, hasOne) : hasOne;
  model._hasOneHolders = holders ? withEntry(holders, entry) : [entry];
}

/**
 * `list` with `entry` appended. A short list is copied into one just long enough: `push`
 * gives an array room for 16 more, and most models are held by a few relations, most
 * collections listened to by one (about 130 bytes each). A long one grows in place. (No one
 * iterates these lists while appending to them.)
 */
export function withEntry<T>(list: T[], entry: T): T[] {
  if (list.length >= 8) {
    list.push(entry);
    return list;
  }
  const longer = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) longer[i] = list[i];
  longer[list.length] = entry;
  return longer;
}

/** `hasOne` no longer points at `model`. */
export function releaseOne(model: RelationalModel, hasOne: Relation): void {
  const holders = model._hasOneHolders;
  if (!holders) return;
  let at = holders.indexOf(hasOne);
  if (at === -1 && hasOne._weakRef) at = holders.indexOf(hasOne._weakRef);
  if (at === -1) return;
  if (holders.length === 1) model._hasOneHolders = null;
  else holders.splice(at, 1);
}

/**
 * The listening relations of the store `collection` that may hold `model` and started
 * listening after `after` and before `before`: the first of them.
 */
function nextHolder(collection: AnyCollection, model: RelationalModel, after: number, before: number): Relation | null {
  let next: Relation | null = null;
  const consider = (relation: Relation) => {
    if (relation.relatedCollection === collection && isBetween(relation, after, before)
      && (!next || relation._listenerNumber < next._listenerNumber) && hearsStoreEvent(collection, relation, 'relational:remove')) next = relation;
  };
  const hasOnes = model._hasOneHolders;
  if (hasOnes) {
    for (const entry of hasOnes) {
      const relation = relationOf(entry);
      if (relation) consider(relation);
    }
  }
  forEachRelationCollectionHolding(model, (holding) => {
    const owners: Relation[] | undefined = holding._listeningRelations;
    if (owners) for (const relation of owners) consider(relation);
  });
  return next;
}

/**
 * A model left the store `collection` (`relational:remove`): each relation that may hold it is
 * told through `removeRelated`, in listening order.
 */
export function withdrawFromHolders(collection: AnyCollection, model: RelationalModel, options: unknown): void {
  if (!model || typeof model !== 'object') return;
  const before = listenerCount + 1;
  let after = 0;
  for (let relation = nextHolder(collection, model, after, before); relation; relation = nextHolder(collection, model, after, before)) {
    after = relation._listenerNumber;
    relation.removeRelated(model, collection, options as object | undefined);
  }
}

/**
 * An unregistered model leaves the HasManys of another type whose collection it was added to
 * (with `add`): unregistering takes a model out of every relation, as the manual says, but
 * 0.10.0 only told the relations of the model's own type.
 */
export function withdrawFromOtherTypes(model: RelationalModel): void {
  forEachRelationCollectionHolding(model, (holding) => {
    const owners: Relation[] | undefined = holding._listeningRelations;
    if (!owners) return;
    for (const relation of owners) {
      if (relation.related === holding && !(model instanceof relation.relatedModel)) relation.removeRelated(model);
    }
  });
}

/**
 * Visit each collection that hears `model` through Backbone's `_onModelEvent` handler: every
 * collection holding it, except a store collection (which hears it through `_storeHandler`).
 * Collections that start listening meanwhile are not visited, as with a copy of the handlers.
 */
export function forEachCollectionHolding(model: RelationalModel, visit: (collection: AnyCollection) => void): void {
  const handlers = (model as any)._events && (model as any)._events.all;
  if (!handlers) return;
  const passOn = (Backbone.Collection.prototype as any)._onModelEvent;
  // (Backbone's `off` replaces the list, its `on` appends to it.)
  const count = handlers.length;
  for (let i = 0; i < count; i++) {
    const handler = handlers[i];
    if (handler.callback === passOn && handler.context) visit(handler.context);
  }
}

// ---------------------------------------------------------------------------------------------
// HasMany relations listening to their collection
// ---------------------------------------------------------------------------------------------

/** `relation` (a HasMany) listens to `collection` for `relational:add`, `:remove` and `:reset`. */
export function listenToCollection(relation: Relation, collection: AnyCollection): void {
  relation._collectionListenerNumber = nextListenerNumber();
  // (Listening anew, with every handler: an `off` of the collection listened to before is forgotten.)
  relation._hears &= ~DEAF_TO_RESET;
  const listeners: Relation[] | undefined = collection._listeningRelations;
  if (!listeners) {
    Object.defineProperty(collection, '_listeningRelations', { value: [relation], writable: true, configurable: true });
  } else {
    collection._listeningRelations = withEntry(listeners, relation);
  }
}

/** `relation` stops listening to `collection`. */
export function stopListeningToCollection(relation: Relation, collection: AnyCollection): void {
  const listeners: Relation[] | undefined = collection._listeningRelations;
  if (!listeners) return;
  const at = listeners.indexOf(relation);
  // A new array, so that an event being delivered still reaches everyone it started with.
  if (at !== -1) collection._listeningRelations = listeners.slice(0, at).concat(listeners.slice(at + 1));
}

/** Handler names of a HasMany for each relational event on its collection. */
const COLLECTION_HANDLERS: Record<string, string> = {
  'relational:add': 'handleAddition',
  'relational:remove': 'handleRemoval',
  'relational:reset': 'handleReset',
};

/**
 * Deliver a relational event triggered on `collection` to the HasManys listening to it.
 * `awaiting` is a listener of another kind: a model waiting for this collection to add it (see
 * `awaiting-addition.ts`), released in its turn, by when it started waiting.
 */
export function notifyListeningRelations(collection: AnyCollection, eventName: string, args: ArrayLike<unknown>,
  awaiting: RelationalModel | null = null): void {
  const handler = COLLECTION_HANDLERS[eventName];
  const listeners: Relation[] | undefined = handler ? collection._listeningRelations : undefined;
  let pending = awaiting;
  if (listeners) {
    // Those listening when the event was triggered, as Backbone's `trigger` delivers it to the
    // handlers bound by then (0.10.0's HasManys listened with `listenTo`).
    const count = listeners.length;
    for (let i = 0; i < count; i++) {
      const relation = listeners[i];
      if (pending && awaitingNumber(pending) < relation._collectionListenerNumber) {
        releaseOnAddition(collection, pending);
        pending = null;
      }
      if (!(eventName === 'relational:reset' && relation._hears & DEAF_TO_RESET)) (relation as any)[handler](args[1], args[2], args[3]);
    }
  }
  if (pending) releaseOnAddition(collection, pending);
}
