// Looking a model up in a collection
// ----------------------------------
//
// The library asks collections whether they hold a model several times per model it links or
// unlinks, with `collection.get(model)`. Backbone's `get` first reads `_byId[model]`, which turns
// the model into a property key ("[object Object]") through the generic conversion: most of the
// call's time. `memberOf` gives the same answer, with the same calls, reading that key directly
// when the model converts to it (no `toString`, `Symbol.toPrimitive` or `Symbol.toStringTag` of
// its own kind); otherwise, or when the collection's `get` is not Backbone's, it calls `get`.

import Backbone from 'backbone';
import { couldBeCid, memberUnderCid, putCidsBack, BACKBONE_MAJOR, BACKBONE_MINOR } from './internal';

let backboneGet = (Backbone.Collection.prototype as any).get;

/** The library's `Backbone.Collection.prototype.get` (see `collection-patches.ts`), which `memberOf` stands for. */
export function noteCollectionGet(get: Function): void {
  backboneGet = get;
}
const objectToString = Object.prototype.toString;
/** The property key a model without a key of its own kind becomes (see `convertsToPlainKey`). */
export const PLAIN_KEY = '[object Object]';

/** Backbone 1.2 computes the model's id before reading `_byId` (and passes `modelId` one argument). */
const ID_FIRST = BACKBONE_MAJOR === 1 && BACKBONE_MINOR <= 2;
/** Backbone 1.3 passes `modelId` `obj.attributes || obj`; later ones the attributes of a model and its `idAttribute`. */
const ATTRIBUTES_OR_OBJECT = BACKBONE_MAJOR === 1 && BACKBONE_MINOR === 3;

/** Whether `obj`, a model (an ordinary object), becomes "[object Object]" as a property key. */
export function convertsToPlainKey(obj: any): boolean {
  return obj[Symbol.toPrimitive] === undefined && obj.toString === objectToString && obj[Symbol.toStringTag] === undefined;
}

/** The id Backbone's `get` computes for `obj`, with the running version's call of `modelId`. */
export function lookupIdOf(target: any, obj: any): any {
  if (ID_FIRST) return target.modelId(target._isModel(obj) ? obj.attributes : obj);
  if (ATTRIBUTES_OR_OBJECT) return target.modelId(obj.attributes || obj);
  return target.modelId(target._isModel(obj) ? obj.attributes : obj, obj.idAttribute);
}

/** Whether `get(obj)` is Backbone's, and `obj` a model whose key is "[object Object]": then `_byId` can be read directly. */
function readsDirectly(target: any, obj: any): boolean {
  return target.get === backboneGet && obj instanceof Backbone.Model && convertsToPlainKey(obj);
}

/** `collection.get(item)`, sparing the key conversion where the answer is the same without it. */
export function memberOf(collection: object, item: unknown): any {
  const target = collection as any;
  return readsDirectly(target, item) ? readMember(target, item) : target.get(item);
}

/** Backbone's `get(obj)` for a model `obj` (see `readsDirectly`), with the running version's reads. */
function readMember(target: any, obj: any): any {
  const byId = target._byId;
  if (target._cidsOmitted) return memberLeavingCidsOut(target, obj);
  if (ID_FIRST) {
    const id = lookupIdOf(target, obj);
    return byId[PLAIN_KEY] || byId[id] || byId[obj.cid];
  }
  return byId[PLAIN_KEY] || byId[lookupIdOf(target, obj)] || (obj.cid && byId[obj.cid]);
}

/**
 * `collection.get(item) || collection.get(item.cid)`, as 0.10.0 asked whether a collection held
 * a model. When the first is answered by reading `_byId`, `_byId[cid]` has been read already:
 * the second is then Backbone's `get` of the cid string less that read, which for a new model's
 * cid (not yet a property key) is a search of V8's table of all of them.
 */
export function memberOrUnderCid(collection: object, item: any): any {
  const target = collection as any;
  const direct = readsDirectly(target, item);
  const found = direct ? readMember(target, item) : target.get(item);
  if (found || !item) return found;
  const cid = item.cid;
  if (!direct || target._cidsOmitted || typeof cid !== 'string' || cid === '') return target.get(cid);
  const byId = target._byId;
  // (Backbone 1.2 reads `_byId[cid.cid]`, that is `_byId[undefined]`, last.)
  return byId[lookupIdOf(target, cid)] || (ID_FIRST ? byId[undefined as any] : undefined);
}

/**
 * `memberOf` for a store collection leaving cids out of `_byId` (see `store-cid-lookup.ts`):
 * the same reads, with the model's slot for its cid, unless its id could be a member's cid.
 */
function memberLeavingCidsOut(target: any, obj: any): any {
  const byId = target._byId;
  const plain = ID_FIRST ? undefined : byId[PLAIN_KEY];
  if (plain) return plain;
  const id = lookupIdOf(target, obj);
  if (couldBeCid(id)) {
    putCidsBack(target);
    return memberOf(target, obj);
  }
  return (ID_FIRST && byId[PLAIN_KEY]) || byId[id] || memberUnderCid(target, obj);
}
