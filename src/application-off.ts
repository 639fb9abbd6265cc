// An application's `off`
// ----------------------
//
// 0.10.0 bound Backbone handlers where this library keeps flags and lists (see
// `model-events.ts` and `relation-dispatch.ts`): the store collection's `all` handler on each
// model, the store's `relational:unregister`, each relation's `destroy` and
// `relational:change:<key>` on its model, its `relational:add`, `relational:change:id` and
// `relational:remove` on the store collection of its related type, and a HasMany's
// `relational:add`, `relational:remove` and `relational:reset` on its collection. An
// application's `off` of the model or the collection removed them along with its own. Here the
// same calls remove the emulated ones, by Backbone's rules for names, callbacks and contexts,
// except those whose loss parted 0.10.0's graph (a relation's `relational:change:<key>`, a
// HasMany's additions and removals: migration.md 39; a relation that heard its model's changes
// through a real handler goes on hearing them through its flag). And since the HasManys holding
// a model are found through their collections' handlers on it, the collections an `off`
// silenced are noted on the model.

import Backbone from 'backbone';
import type { Relation } from './relation';
import type { RelationalModel } from './relational-model';
import {
  Relational, storeForgets, withEntry, forEachCollectionHolding, currentListenerNumber, hasHandlerWith,
  HEARS_CHANGE, HEARS_DESTROY, HEARS_CHANGE_BY_HANDLER, DEAF_TO_RESET, type WeakReference,
} from './internal';

type AnyCollection = Backbone.Collection<any> & Record<string, any>;

const eventSplitter = /\s+/;

/**
 * Whether Backbone's `off(name, callback, context)` would remove a handler of `event` bound
 * with `fn` and `ctx`: `name` absent or empty, or naming `event` (alone, among names separated
 * by spaces, or as a key of a map of names to callbacks, whose context is then the second
 * argument); `callback` absent or `fn`; `context` absent or `ctx`.
 */
export function offRemoves(name: unknown, callback: unknown, context: unknown, event: string, fn: unknown, ctx: unknown): boolean {
  if (isEventMap(name)) return callsOfMap(name, callback, context).some(([key, each, eachContext]) => offRemoves(key, each, eachContext, event, fn, ctx));
  // ('all' is what Backbone's `_removeReference` passes for every model leaving a collection:
  // answered without splitting it.)
  if (name && name !== event && (name === 'all' || !String(name).split(eventSplitter).some((each) => !each || each === event))) return false;
  if (callback && callback !== fn && callback !== (fn as any)._callback) return false;
  return !context || context === ctx;
}

function isEventMap(name: unknown): name is Record<string, unknown> {
  return name !== null && typeof name === 'object';
}

/**
 * Backbone's `off(map, context)` as the calls it makes, one per event name of the map: that
 * name, its callback, and the context (the second argument, unless a third is given).
 */
function callsOfMap(map: Record<string, unknown>, callback: unknown, context: unknown): Array<[string, unknown, unknown]> {
  const mapContext = context === undefined ? callback : context;
  return Object.keys(map).map((key): [string, unknown, unknown] => [key, map[key], mapContext]);
}

/**
 * `off(name, callback, context)` of `model` removes, with Backbone's handlers, those this library
 * emulates that it would remove had they been bound as 0.10.0 bound them: the store
 * collection's `all` handler, the relations' `destroy` handlers, and the store's
 * `relational:unregister`. (Not the relations' `relational:change:<key>`: 0.10.0's graph parted
 * once they were gone, migration.md 39.)
 */
export function offEmulatedListeners(model: RelationalModel, name: unknown, callback: unknown, context: unknown): void {
  const storeCollection: any = model._storeHandler;
  if (storeCollection && offRemoves(name, callback, context, 'all', (Backbone.Collection.prototype as any)._onModelEvent, storeCollection)) {
    model._storeHandler = null;
  }
  if (name === 'all') return;
  const relations = model._relations;
  if (relations) {
    for (const key of Object.keys(relations)) {
      const relation = relations[key];
      if (relation._hears & HEARS_DESTROY && offRemoves(name, callback, context, 'destroy', relation.destroy, relation)) {
        relation._hears &= ~HEARS_DESTROY;
      }
    }
  }
  const store = Relational.store;
  if (store && store._hearsModel(model) && offRemoves(name, callback, context, 'relational:unregister', store.unregister, store)) {
    model._storeEpoch = 0;
  }
}

/**
 * After `model`'s `off`: a relation that heard the model's changes through a Backbone handler
 * the call removed hears them as the other relations do, through its flag (0.10.0's graph
 * parted once that handler was gone, migration.md 39).
 */
export function keepHearingChanges(model: RelationalModel): void {
  const relations = model._relations;
  if (!relations) return;
  for (const key of Object.keys(relations)) {
    const relation = relations[key];
    if (!(relation._hears & HEARS_CHANGE_BY_HANDLER) || hasHandlerWith(model, 'relational:change:' + relation.key, relation)) continue;
    relation._hears = (relation._hears & ~HEARS_CHANGE_BY_HANDLER) | HEARS_CHANGE;
  }
}

/**
 * `model`'s `off` removed some of `allBefore`, its `all` handlers before the call: note the
 * collections among them that lost their handler and still hold the model. 0.10.0 found the
 * HasManys holding a model by asking every HasMany's collection, so a model whose collections no
 * longer hear it (after `model.off()`, say) still left them when it left the store; here they are
 * found through their handlers, and these notes stand in for the handlers removed. (Backbone's
 * own call as a collection lets a model go, `off('all', _onModelEvent, collection)`, is left
 * out: the collection is letting go of the model.)
 */
export function noteSilencedHolders(model: RelationalModel, allBefore: any[], name: unknown, callback: unknown): void {
  const passOn = (Backbone.Collection.prototype as any)._onModelEvent;
  if (name === 'all' && callback === passOn) return;
  for (let i = 0; i < allBefore.length; i++) {
    const collection = allBefore[i].context;
    if (allBefore[i].callback !== passOn || !collection || !holdsUnheard(collection, model)) continue;
    // (Noted once: a collection silenced, then letting the model go and taking it back, is silenced again.)
    if (model._silencedHolders && model._silencedHolders.some((entry) => collectionOf(entry) === collection)) continue;
    const entry = storeForgets() ? new WeakRef(collection) : collection;
    model._silencedHolders = model._silencedHolders ? withEntry(model._silencedHolders, entry) : [entry];
  }
}

/** A note of `_silencedHolders`: the collection, or undefined once a weakly held one is gone. */
function collectionOf(entry: Backbone.Collection | WeakReference<Backbone.Collection>): AnyCollection | undefined {
  return (entry instanceof WeakRef ? entry.deref() : entry) as AnyCollection | undefined;
}

/** Whether `collection` holds `model` without hearing it. */
function holdsUnheard(collection: AnyCollection, model: RelationalModel): boolean {
  if (!collection._byId || collection._byId[model.cid] !== model) return false;
  return !hasHandlerWith(model, 'all', collection, (Backbone.Collection.prototype as any)._onModelEvent);
}

/**
 * Visit each collection that may hold `model` on behalf of a relation: those that hear it
 * (`forEachCollectionHolding`), then those that hold it though an application's `off` silenced
 * them (`noteSilencedHolders`). Notes of collections that let the model go since are dropped.
 */
export function forEachRelationCollectionHolding(model: RelationalModel, visit: (collection: AnyCollection) => void): void {
  forEachCollectionHolding(model, visit);
  const silenced = model._silencedHolders;
  if (!silenced) return;
  const kept = silenced.filter((entry) => {
    const collection = collectionOf(entry);
    return !!collection && collection._byId && collection._byId[model.cid] === model;
  });
  model._silencedHolders = kept.length ? kept : null;
  for (const entry of kept) {
    const collection = collectionOf(entry) as AnyCollection;
    // (One that hears the model again, having added it back, was visited above.)
    if (holdsUnheard(collection, model)) visit(collection);
  }
}

/**
 * `off(name, callback, context)` of `collection` removes the emulated handlers that 0.10.0's
 * relations bound there with `listenTo` and whose loss did not part the graph: a HasMany's
 * `relational:reset` on its own collection (with `handleReset`), and those of the relations
 * listening to a store collection. A HasMany keeps hearing its collection's additions and
 * removals (migration.md 39). The relations listening to a store collection include those of
 * models the store does not hold (a model with no id), so no list of them is kept: the call is
 * recorded on the store collection, for the relations listening by then, and read as it
 * delivers an event (`hearsStoreEvent`).
 */
export function offEmulatedCollectionListeners(collection: AnyCollection, name: unknown, callback: unknown, context: unknown): void {
  const listening: Relation[] | undefined = collection._listeningRelations;
  if (listening) {
    for (const relation of listening) {
      if (offRemoves(name, callback, context, 'relational:reset', (relation as any).handleReset, relation)) relation._hears |= DEAF_TO_RESET;
    }
  }
  if (collection._isStoreCollection) {
    const records = storeOffsOf(name, callback, context, currentListenerNumber());
    if (records.length) collection._storeOffs = (collection._storeOffs || []).concat(records);
  }
}

/** The events of a store collection that 0.10.0's relations listened to. */
const STORE_EVENTS = ['relational:add', 'relational:change:id', 'relational:remove'];

/**
 * What an application's `off` of a store collection took from the relations listening up to
 * `upTo`: handlers of `event`, bound with `callback` (any, if null) and `context` (any, if
 * null). Held weakly: a callback or context collected since is no relation's.
 */
interface StoreOff {
  event: string;
  callback: WeakRef<object> | null;
  context: WeakRef<object> | null;
  upTo: number;
}

/** `off(name, callback, context)` of a store collection as the records of what it took (see `StoreOff`). */
function storeOffsOf(name: unknown, callback: unknown, context: unknown, upTo: number): StoreOff[] {
  if (isEventMap(name)) {
    return ([] as StoreOff[]).concat(...callsOfMap(name, callback, context).map(([key, each, eachContext]) => storeOffsOf(key, each, eachContext, upTo)));
  }
  // (A callback or context that is no object is no relation's handler or relation: nothing is taken.)
  if ((callback && typeof callback !== 'function') || (context && typeof context !== 'object')) return [];
  const weakly = (value: unknown) => (value ? new WeakRef(value as object) : null);
  return STORE_EVENTS.filter((event) => offRemoves(name, null, null, event, null, null))
    .map((event) => ({ event, callback: weakly(callback), context: weakly(context), upTo }));
}

/**
 * Whether `relation`, listening to the store collection `collection`, still hears `event`
 * there (`relational:add` and `relational:change:id` with `tryAddRelated`, `relational:remove`
 * with `removeRelated`, as 0.10.0 bound them), after the application's `off` calls on it.
 */
export function hearsStoreEvent(collection: AnyCollection, relation: Relation, event: string): boolean {
  const offs: StoreOff[] | null = collection._storeOffs;
  if (!offs) return true;
  const handler: any = event === 'relational:remove' ? relation.removeRelated : relation.tryAddRelated;
  for (const off of offs) {
    if (off.event !== event || relation._listenerNumber > off.upTo) continue;
    const callback = off.callback && off.callback.deref();
    const context = off.context && off.context.deref();
    if (off.callback && callback !== handler && (!callback || callback !== handler._callback)) continue;
    if (off.context && context !== relation) continue;
    return false;
  }
  return true;
}
