// Models waiting to be added by the collection that created them
// ---------------------------------------------------------------
//
// A model a collection creates (`collection.add({...})`, `set`, `reset`, `fetch`) holds back the
// relation work queued on it (its reverse relations adding it, say) until that collection has
// added it, so that a listener on `add:<key>` sees the new model in the collection too. The
// collection releases it as it triggers `relational:add` for it; a model the collection never
// adds (a failed validation, `create` with `wait: true`) is released on a later tick, as 0.10.0
// did with `_.defer`. 0.10.0 bound one listener per created model on the collection, which
// made a reset of N new models cost N² calls; here the model notes which collection it waits
// for, and one timer serves every model still waiting.

import type { RelationalModel } from './relational-model';
import type Backbone from 'backbone';
import { nextListenerNumber } from './relation-dispatch';

type AnyCollection = Backbone.Collection<any> & Record<string, any>;

/**
 * Models created by a collection since the last tick and still waiting, oldest first; a
 * released model's slot is emptied at once (so that code running long without yielding to the
 * event loop keeps no model alive through it), and the list compacted from time to time.
 */
let waiting: Array<RelationalModel | null> = [];
let emptySlots = 0;
let releaseScheduled = false;

/** `model` was created by `collection`: hold its queued work until `collection` adds it. */
export function awaitAddition(model: RelationalModel, collection: AnyCollection): void {
  model._awaitingCollection = collection;
  // Its place among the collection's listeners (0.10.0 bound one for it here).
  model._awaitingNumber = nextListenerNumber();
  model._awaitingSlot = waiting.length;
  waiting.push(model);
  if (!releaseScheduled) {
    releaseScheduled = true;
    setTimeout(releaseUnadded, 1);
  }
}

/** Whether `model` waits for `collection` to add it (its listener then runs among the relations'; see `notifyListeningRelations`). */
export function awaitsAddition(collection: AnyCollection, model: RelationalModel): boolean {
  return !!model && model._awaitingCollection === collection;
}

/** `collection` triggered `relational:add` for `model`: release it, if it still waits for that. */
export function releaseOnAddition(collection: AnyCollection, model: RelationalModel): void {
  if (model._awaitingCollection === collection) release(model);
}

/** `collection` finished a `set` of `models`: release those it created that are still waiting. */
export function releaseUnaddedModels(collection: AnyCollection, models: RelationalModel[]): void {
  for (let i = 0; i < models.length; i++) {
    if (models[i]._awaitingCollection === collection) release(models[i]);
  }
}

/** A model whose construction failed: stop waiting for it. */
export function forgetUnaddedModel(model: RelationalModel): void {
  if (model._awaitingCollection) stopWaiting(model);
}

function release(model: RelationalModel): void {
  stopWaiting(model);
  model._deferProcessing = false;
  model.processQueue();
}

function stopWaiting(model: RelationalModel): void {
  model._awaitingCollection = null;
  if (waiting[model._awaitingSlot] !== model) return;
  waiting[model._awaitingSlot] = null;
  if (++emptySlots > 64 && emptySlots * 2 > waiting.length) compact();
}

function compact(): void {
  const kept: RelationalModel[] = [];
  for (const model of waiting) {
    if (!model) continue;
    model._awaitingSlot = kept.length;
    kept.push(model);
  }
  waiting = kept;
  emptySlots = 0;
}

/** A tick later: release every model still waiting. */
function releaseUnadded(): void {
  const models = waiting;
  waiting = [];
  emptySlots = 0;
  releaseScheduled = false;
  for (const model of models) if (model && model._awaitingCollection) release(model);
}
