// Copies of options objects, made so that V8's hidden classes for them outlive the copies.
//
// The library copies the options it is given at every step of linking a model (the options a
// relation passes on, those of a queued event, `_.defaults({ parse: false }, options)`), and
// each copy lives no longer than that step. V8 gives each copy a hidden class, reached from its
// first one by adding its keys in turn, and holds those classes only weakly: once no object of
// a class is left, two major garbage collections free it, and every function compiled for it is
// thrown away and compiled again at its next use (`--trace-deopt`: "weak objects"). An
// application that builds a graph, lets it be, and builds another after a collection or two
// paid that every time (docs/decisions.md, "Short-lived hidden classes").
//
// So every copy here is built the same way, from `{}` by assigning its keys in order (never
// from an object literal with keys, or by a spread, whose hidden classes start elsewhere), and
// now and then one is looked at (each one while new kinds keep coming, one in 32 once they
// stop): an empty twin of it (its keys assigned in the same order, every value `undefined`) is
// kept, one for each list of keys. The twin has the copy's hidden class, which lives on with
// it, and holds nothing.

import { fillIn, cloneObject } from './internal';

/** Once kinds stop being new, one copy in this many is looked at: those a graph is built with recur often. */
const SAMPLE_MASK = 31;
/** Looks in a row that found no new kind, before looking at fewer copies. */
const SETTLED = 256;
/** More kinds than this (an application passing options of its own) start the table afresh. */
const MAX_KINDS = 256;
/** An empty twin for each kind of copy seen, by its keys in order. */
const twins = new Map<string, object>();
let copiesMade = 0;
/** 0 (every copy is looked at) until `SETTLED` looks in a row found no new kind, then `SAMPLE_MASK`. */
let lookMask = 0;
let knownInARow = 0;

/**
 * Keep the hidden class of `copy`, an object made from `{}` by assigning keys (here, or by the
 * caller before `fillInCopy`, or after, as Backbone's `changes`): now and then (see `lookMask`)
 * look at it.
 */
export function keepHiddenClass(copy: Record<string, unknown>): void {
  copiesMade = (copiesMade + 1) & 0xffffff;
  // (A call of its own: code that makes copies stays small, and the rare call is not inlined.)
  if ((copiesMade & lookMask) === 0) keepTwinOf(copy);
}

/** Make sure an empty twin of `copy` is kept: one for each list of keys. */
function keepTwinOf(copy: Record<string, unknown>): void {
  let keys = '';
  for (const key in copy) keys += key + '\u0000';
  if (twins.has(keys)) {
    if (++knownInARow === SETTLED) lookMask = SAMPLE_MASK;
    return;
  }
  // A new kind: others may come with it, so every copy is looked at for a while.
  knownInARow = 0;
  lookMask = 0;
  if (twins.size >= MAX_KINDS) twins.clear();
  const twin: Record<string, unknown> = {};
  for (const key in copy) twin[key] = undefined;
  twins.set(keys, twin);
}

/** `_.clone(options)`: a shallow copy of their enumerable keys, own and inherited. */
export function copyOptions<T extends object = Record<string, any>>(options: T | null | undefined): T {
  const copy = cloneObject(options);
  keepHiddenClass(copy as Record<string, unknown>);
  return copy;
}

/** `_.extend(_.clone(options), { collection })`: the options a collection's `_prepareModel` builds a model with. */
export function copyWithCollection(options: object | null | undefined, collection: object): Record<string, any> {
  const copy: Record<string, unknown> = cloneObject(options as Record<string, unknown> | null | undefined);
  copy.collection = collection;
  keepHiddenClass(copy);
  return copy;
}

/**
 * `_.defaults(copy, options)`, for `copy` an object made from `{}` by assigning keys by name,
 * whose hidden class is kept here too.
 */
export function fillInCopy(copy: Record<string, unknown>, options?: object | null): Record<string, any> {
  if (options) fillIn(copy, options);
  keepHiddenClass(copy);
  return copy;
}

// Each of the following is `_.defaults({ <its keys> }, options)`, as a new object. (One
// function per set of keys, each assigned by name: one shared function assigning keys it is
// given would have V8 see every kind of copy at that one assignment, and give up on them.)

/** `_.defaults({ parse }, options)`. */
export function withParse(parse: unknown, options?: object | null): Record<string, any> {
  const copy: Record<string, unknown> = {};
  copy.parse = parse;
  return fillInCopy(copy, options);
}

/** `_.defaults({ merge: false, parse: false }, options)`. */
export function withoutMergeOrParse(options?: object | null): Record<string, any> {
  const copy: Record<string, unknown> = {};
  copy.merge = false;
  copy.parse = false;
  return fillInCopy(copy, options);
}

/** `_.defaults({ create, parse }, options)`. */
export function withCreateAndParse(create: unknown, parse: unknown, options?: object | null): Record<string, any> {
  const copy: Record<string, unknown> = {};
  copy.create = create;
  copy.parse = parse;
  return fillInCopy(copy, options);
}

/** `_.defaults({ __related }, options)`. */
export function withRelated(related: unknown, options?: object | null): Record<string, any> {
  const copy: Record<string, unknown> = {};
  copy.__related = related;
  return fillInCopy(copy, options);
}
