// How a relational model's events reach their listeners
// -----------------------------------------------------
//
// In 0.10.0 a model had Backbone handlers bound by the library: its relations' (for
// `relational:change:<key>` and `destroy`) and its store collection's (`all`, bound as the
// model was registered). Here those are not Backbone handlers, which every model would pay for
// in memory and every event in time: the relations keep flags (see `relation.ts`), and the
// model keeps a pointer to the store collection that hears it (`_storeHandler`). This module
// delivers an event as Backbone would have with those handlers bound: the relations' first
// (they were bound before any other), then the handlers bound for the event's name, then the
// store collection (it was the first `all` handler), then the other `all` handlers. As in
// Backbone, the handlers are those bound when the event started.

import Backbone from 'backbone';
import { Relational, HEARS_CHANGE, HEARS_DESTROY, type RelationalModel } from './internal';

const BackboneModel = Backbone.Model as any;
const eventsTrigger = (Backbone.Events as any).trigger;
const eventSplitter = /\s+/;

/**
 * Trigger `args` (the event name first) on `model`. `deliverFirst` runs the relations'
 * handlers, if the event has any.
 */
export function dispatchModelEvent(model: RelationalModel, args: ArrayLike<any>, deliverFirst?: () => void): void {
  const store: any = model._storeHandler;
  const trigger = BackboneModel.prototype.trigger;
  if (!store && !deliverFirst) {
    trigger.apply(model, args);
    return;
  }
  if (trigger !== eventsTrigger) {
    // An application's own `trigger` on Backbone.Model: it is called, and the emulated
    // handlers run around it.
    if (deliverFirst) deliverFirst();
    trigger.apply(model, args);
    if (store) store._onModelEvent.apply(store, args);
    return;
  }
  const name = args[0];
  if (typeof name !== 'string' || eventSplitter.test(name)) {
    // Several events at once ('a b', or a map): each in turn, as Backbone's eventsApi does.
    const names = typeof name === 'string' ? name.split(eventSplitter) : Object.keys(name || {});
    const rest = Array.prototype.slice.call(args, 1);
    for (const single of names) if (single) dispatchModelEvent(model, [single].concat(rest), deliverFirst);
    return;
  }
  const events = (model as any)._events;
  const named = events && events[name];
  const namedCount = named ? named.length : 0;
  const all = events && events.all;
  const allCount = all ? all.length : 0;
  if (deliverFirst) deliverFirst();
  if (namedCount) {
    const rest = Array.prototype.slice.call(args, 1);
    for (let i = 0; i < namedCount; i++) named[i].callback.apply(named[i].ctx, rest);
  }
  if (store) store._onModelEvent.apply(store, args);
  for (let i = 0; i < allCount; i++) all[i].callback.apply(all[i].ctx, args);
}

/**
 * `collection` (a store collection) starts hearing `model`, as Backbone's `_addReference` makes
 * a collection do: with the pointer, unless the model has `all` handlers already (then a
 * Backbone handler after them keeps their order).
 */
export function storeHears(collection: any, model: RelationalModel): boolean {
  const events = (model as any)._events;
  if (model._storeHandler || (events && events.all && events.all.length)) return false;
  model._storeHandler = collection;
  return true;
}

/**
 * Fire a `change` event the event queue held, if it still holds now that the graph is
 * consistent. A `change:<key>` of a relation fires only when the relation itself reported it
 * (with `true` as its last argument); `change` only when something did change.
 */
export function fireQueuedChange(model: RelationalModel, args: ArrayLike<unknown>): void {
  const eventName = args[0] as string;
  let fire = true;
  if (eventName === 'change') {
    // `hasChanged` may have been reset by a nested `set`.
    fire = model.hasChanged() || model._attributeChangeFired;
    // (Written only when set: a model keeps few own properties.)
    if (model._attributeChangeFired) model._attributeChangeFired = false;
  } else {
    const attr = eventName.slice(7);
    const relation = model.getRelation(attr);
    if (relation) {
      fire = args[4] === true;
      // The relation's value is the same object before and after: record the new one.
      if (fire) (model as any).changed[attr] = args[2];
      else if (!relation.changed) delete (model as any).changed[attr];
    } else {
      model._attributeChangeFired = true;
    }
  }
  if (fire) dispatchModelEvent(model, args);
}

/** A model's `destroy`: the relations listening to it empty themselves first. */
export function destroyRelationsOf(model: RelationalModel): void {
  const relations = model._relations;
  if (!relations) return;
  // (Relations added while destroying are not told: they were not listening yet.)
  const keys = Object.keys(relations);
  for (let i = 0; i < keys.length; i++) {
    const relation = relations[keys[i]];
    if (relation._hears & HEARS_DESTROY) relation.destroy();
  }
}

/** Deliver a model's `relational:change:<key>` or `relational:unregister` to the relation or store that listens. */
export function deliverToRelationOrStore(model: RelationalModel, eventName: string, args: ArrayLike<any>): void {
  if (eventName.startsWith('relational:change:')) {
    const relation: any = model._relations && model._relations[eventName.slice(18)];
    if (relation && relation._hears & HEARS_CHANGE) relation.onChange(args[1], args[2], args[3]);
  } else if (eventName === 'relational:unregister') {
    const store = Relational.store;
    if (store._hearsModel(model)) store.unregister(args[1]);
  }
}
