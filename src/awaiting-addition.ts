// Models waiting to be added by the collection that created them
// ---------------------------------------------------------------
//
// A model a collection creates (`collection.add({...})`, `set`, `reset`, `fetch`) holds back the
// relation work queued on it (its reverse relations adding it, say) until that collection has
// added it, so that a listener on `add:<key>` sees the new model in the collection too. The
// collection releases it as it triggers `relational:add` for it; a model the collection never
// adds (a failed validation, `create` with `wait: true`) is released on a later tick, as 0.10.0
// did with `_.defer`. 0.10.0 bound one listener per created model on the collection, which
// made a reset of N new models cost N² calls; here one list holds every waiting model with the
// collection it waits for, the model only its place in that list, and one timer serves them all.

import type { RelationalModel } from './relational-model';
import type Backbone from 'backbone';
import { nextListenerNumber } from './relation-dispatch';

type AnyCollection = Backbone.Collection<any> & Record<string, any>;

/**
 * Models created by a collection since the last tick and still waiting, oldest first, with the
 * collection each waits for and when it started waiting (its place among that collection's
 * listeners). A model knows only its slot (`_awaitingSlot`, -1 when it waits for nothing): three
 * properties fewer on every model a collection creates. A released model's slot is emptied at
 * once (so that code running long without yielding to the event loop keeps no model alive
 * through it). Empty slots at either end are dropped as they appear, which is all most releases
 * need: a collection releases the models it created in the order it created them, and a model
 * created while building another (nested data) is released before its creator. Empty slots
 * between waiting models are compacted from time to time.
 */
let models: Array<RelationalModel | null> = [];
let collections: Array<AnyCollection | null> = [];
let numbers: number[] = [];
/** Slots before `head` are all empty. */
let head = 0;
/** Empty slots from `head` on. */
let emptySlots = 0;
let releaseScheduled = false;
/** Releasing the models of a past tick: the slots must not move until that is done. */
let releasing = false;

/** `model` was created by `collection`: hold its queued work until `collection` adds it. */
export function awaitAddition(model: RelationalModel, collection: AnyCollection): void {
  model._awaitingSlot = models.length;
  models.push(model);
  collections.push(collection);
  // Its place among the collection's listeners (0.10.0 bound one for it here).
  numbers.push(nextListenerNumber());
  if (!releaseScheduled) {
    releaseScheduled = true;
    setTimeout(releaseUnadded, 1);
  }
}

/** Whether `model` waits for `collection` to add it (its listener then runs among the relations'; see `notifyListeningRelations`). */
export function awaitsAddition(collection: AnyCollection, model: RelationalModel): boolean {
  return !!model && model._awaitingSlot >= 0 && collections[model._awaitingSlot] === collection;
}

/** When the waiting `model` started waiting, as a listener number (see `nextListenerNumber`). */
export function awaitingNumber(model: RelationalModel): number {
  return model._awaitingSlot >= 0 ? numbers[model._awaitingSlot] : 0;
}

/** `collection` triggered `relational:add` for `model`: release it, if it still waits for that. */
export function releaseOnAddition(collection: AnyCollection, model: RelationalModel): void {
  if (awaitsAddition(collection, model)) release(model);
}

/** `collection` finished a `set` of `models`: release those it created that are still waiting. */
export function releaseUnaddedModels(collection: AnyCollection, added: RelationalModel[]): void {
  for (let i = 0; i < added.length; i++) {
    if (awaitsAddition(collection, added[i])) release(added[i]);
  }
}

/** A model whose construction failed: stop waiting for it. */
export function forgetUnaddedModel(model: RelationalModel): void {
  if (model._awaitingSlot >= 0) stopWaiting(model);
}

function release(model: RelationalModel): void {
  stopWaiting(model);
  model._deferProcessing = false;
  model.processQueue();
}

function stopWaiting(model: RelationalModel): void {
  const slot = model._awaitingSlot;
  model._awaitingSlot = -1;
  models[slot] = null;
  collections[slot] = null;
  emptySlots++;
  if (releasing) return;
  if (slot === head) dropEmptyHead();
  else if (slot === models.length - 1) dropEmptyTail();
  if (emptySlots > 64 && emptySlots * 2 > models.length - head) compact();
}

/** Move `head` past the empty slots at the front; empty the lists when nothing waits. */
function dropEmptyHead(): void {
  while (head < models.length && models[head] === null) {
    head++;
    emptySlots--;
  }
  if (head === models.length) clear();
}

/** Drop the empty slots at the end. */
function dropEmptyTail(): void {
  let length = models.length;
  while (length > head && models[length - 1] === null) {
    length--;
    emptySlots--;
  }
  if (length === head) clear();
  else models.length = collections.length = numbers.length = length;
}

function clear(): void {
  models = [];
  collections = [];
  numbers = [];
  head = emptySlots = 0;
}

/** Drop the emptied slots; the models still waiting move down. */
function compact(): void {
  const keptModels: RelationalModel[] = [];
  const keptCollections: AnyCollection[] = [];
  const keptNumbers: number[] = [];
  for (let i = head; i < models.length; i++) {
    const model = models[i];
    if (!model) continue;
    model._awaitingSlot = keptModels.length;
    keptModels.push(model);
    keptCollections.push(collections[i]!);
    keptNumbers.push(numbers[i]);
  }
  models = keptModels;
  collections = keptCollections;
  numbers = keptNumbers;
  head = emptySlots = 0;
}

/**
 * A tick later: release every model still waiting, oldest first. Models created meanwhile (by
 * the work released) wait for the next tick; so do those left when a release throws, as each
 * of 0.10.0's deferred calls ran on its own.
 */
function releaseUnadded(): void {
  releaseScheduled = false;
  releasing = true;
  const due = models.length;
  try {
    for (let i = head; i < due; i++) {
      const model = models[i];
      if (model) release(model);
    }
  } finally {
    releasing = false;
    compact();
    if (models.length && !releaseScheduled) {
      releaseScheduled = true;
      setTimeout(releaseUnadded, 1);
    }
  }
}
