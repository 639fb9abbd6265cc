// A store collection's id lookup without cids
// --------------------------------------------
//
// Backbone's `_byId` holds every member of a collection twice: under its cid and under its id.
// For a store collection, which holds every model of a type, the cid entries were the largest
// part of registering a model: a hash table of hundreds of thousands of string keys, grown and
// rehashed as models arrive. Yet nothing looks store models up by cid in most applications.
//
// So while a store collection keeps its members in slots (see `store-collection.ts`), its
// `_byId` holds ids only, and a lookup by cid is answered from the slots: a model looked up by
// itself is there if its slot says so. Whatever else could name a member by its cid (a cid
// string, an object carrying a cid, an id that could be a cid, a model with its own `toString`)
// first puts every member's cid back, and from then on the collection keeps them as Backbone
// does. So do reading `models` (the collection becomes a Backbone collection like any other),
// and an id that is not a number, or a cid that could be mistaken for an id: with numbers for
// ids and cids such as "c12", no id can be a cid, so the two kinds of entries never share a key
// and leaving one kind out changes no answer.

import { RelationalModel, convertsToPlainKey, lookupIdOf, type Members } from './internal';

/** What this module uses of a store collection. */
interface CidLookupCollection {
  _byId: Record<string, unknown>;
  _members: Members | null;
  /** Whether `_byId` leaves the members' cids out (only while the members are in slots). */
  _cidsOmitted?: boolean;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const MINUS = 45;

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

/**
 * Whether `key` has the shape of a cid (Backbone makes them as a prefix and a number, "c12"),
 * and not of a number turned into a property key ("12", "-1", "1e+21", "NaN", "Infinity").
 */
export function couldBeCid(key: unknown): boolean {
  if (typeof key !== 'string' || key.length < 2) return false;
  const first = key.charCodeAt(0);
  return !isDigit(first) && first !== MINUS && isDigit(key.charCodeAt(key.length - 1));
}

/** Whether `collection`'s `_byId` leaves its members' cids out. */
export function omitsCids(collection: object): boolean {
  return (collection as CidLookupCollection)._cidsOmitted === true;
}

/** Start leaving cids out of a store collection's `_byId` (it must be empty, or hold no cid). */
export function startOmittingCids(collection: object): void {
  (collection as CidLookupCollection)._cidsOmitted = true;
}

/**
 * Stop leaving cids out of `collection`'s `_byId`, without putting them back: alone, only for a
 * collection about to drop every member with the `_byId` (see `emptyStoreCollection`; writing
 * them in first was a fifth of a big store's `reset`). Returns whether they were left out.
 */
export function stopOmittingCids(collection: object): boolean {
  const target = collection as CidLookupCollection;
  if (!target._cidsOmitted) return false;
  target._cidsOmitted = false;
  return true;
}

/** Put every member's cid back into `collection`'s `_byId`: from now on it keeps them, as Backbone does. */
export function putCidsBack(collection: object): void {
  if (!stopOmittingCids(collection)) return;
  const target = collection as CidLookupCollection;
  const byId = target._byId;
  for (const model of (target._members as Members).toArray()) byId[model.cid] = model;
}

/** Give every member of `collection` (which keeps its members in an array) its cid entry again. */
export function restoreMissingCids(collection: { models: RelationalModel[]; _byId: Record<string, unknown> }): void {
  for (const model of collection.models) if (collection._byId[model.cid] !== model) collection._byId[model.cid] = model;
}

/** `id` is about to go into `collection`'s `_byId`: if it could share a key with a cid, cids go back first. */
export function admitId(collection: object, id: unknown): void {
  if ((collection as CidLookupCollection)._cidsOmitted && id != null && typeof id !== 'number') putCidsBack(collection);
}

/**
 * Whether `model` may join `collection` without its cid in `_byId`: its id (if any) is a number,
 * and its cid has the shape of one (see `couldBeCid`).
 */
export function mayOmitCidOf(model: RelationalModel, id: unknown): boolean {
  return (id == null || typeof id === 'number') && couldBeCid(model.cid);
}

/**
 * What `_byId[obj.cid]` of a collection leaving cids out would hold: `obj` itself when it is a
 * member (cids are unique), else nothing (no member has a cid of another object's).
 */
export function memberUnderCid(collection: object, obj: RelationalModel): RelationalModel | undefined {
  const members = (collection as CidLookupCollection)._members as Members;
  return members.has(obj) ? obj : undefined;
}

/** What `collection._byId[model.cid]` holds, or would hold were its cids in (see `memberUnderCid`). */
export function entryUnderCid(collection: object, model: RelationalModel): unknown {
  return omitsCids(collection) ? memberUnderCid(collection, model) : (collection as CidLookupCollection)._byId[model.cid];
}

/**
 * Backbone's `get` (`originalGet`) of a collection leaving cids out: the answer it would give
 * with them in. Where a cid could be what finds the model, the cids go back first.
 */
export function getWithoutCids(collection: any, obj: any, originalGet: Function): unknown {
  // (A key of the object's own making could be anything.)
  if (obj !== null && typeof obj === 'object' && !convertsToPlainKey(obj)) putCidsBack(collection);
  const found = originalGet.call(collection, obj);
  if (found !== undefined || !collection._cidsOmitted || obj == null) return found;
  if (typeof obj !== 'object') {
    if (!couldBeCid(obj)) return found;
  } else if (obj instanceof RelationalModel && !couldBeCid(lookupIdOf(collection, obj))) {
    return memberUnderCid(collection, obj);
  }
  putCidsBack(collection);
  return originalGet.call(collection, obj);
}
