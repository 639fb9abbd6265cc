// Small helpers shared by every module. The library deliberately imports nothing from
// underscore or lodash, so it works with whichever one Backbone was given as `_`.

import Backbone from 'backbone';
import { Relational } from './namespace';

/** Anything a relation can be keyed on. */
export type Id = string | number;

/** Underscore's notion of an object: functions count, `null` does not. */
export function isObject(value: unknown): value is Record<string, any> {
  const type = typeof value;
  return value !== null && (type === 'object' || type === 'function');
}

/** Like `_.result`: a property's value, or the value returned by calling it as a method. */
export function result<T>(object: any, property: string): T {
  const value = object == null ? undefined : object[property];
  return typeof value === 'function' ? value.call(object) : value;
}

/**
 * An id in the 0.10.0 sense: any truthy value, or `0`. Empty strings, `false`, `null`,
 * `undefined` and `NaN` mean "no id".
 */
export function isValidId(id: unknown): id is Id {
  return !!id || id === 0;
}

/** `console.warn`, but only while `Backbone.Relational.showWarnings` is on. */
export function warn(message: string, ...details: unknown[]): void {
  if (Relational.showWarnings && typeof console !== 'undefined') {
    console.warn('Backbone-relational: ' + message, ...details);
  }
}

/** A shallow copy of an options object, so we never mutate what a caller passed in. */
export function copyOptions<T extends object>(options: T | null | undefined): T {
  return options ? { ...options } : ({} as T);
}

/** Remove one occurrence of `item` from `list` in place; returns whether it was there. */
export function removeFromList<T>(list: T[], item: T): boolean {
  const index = list.indexOf(item);
  if (index === -1) return false;
  list.splice(index, 1);
  return true;
}

/** A readable name for a model type or instance, for warnings and errors. */
export function describe(value: unknown): string {
  if (typeof value === 'function') return (value as any).name || 'anonymous type';
  if (isObject(value) && typeof (value as any).cid === 'string') {
    const model = value as any;
    const typeName = (model.constructor && model.constructor.name) || 'model';
    return `${typeName}(${model.id != null ? 'id ' + JSON.stringify(model.id) : model.cid})`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Whether `object` has an enumerable key, own or inherited (without listing them all). */
function hasKeys(object: object | null | undefined): boolean {
  if (object == null) return false;
  for (const _key in object) return true;
  return false;
}

/** Whether anything listens to `target`'s events (Backbone keeps them in `_events`). */
export function hasListeners(target: object): boolean {
  return hasKeys((target as any)._events);
}

/**
 * Whether nothing but the collections holding `model` listen to it (Backbone's collections
 * listen to their models to pass their events on); with `silentOnly`, also whether nothing
 * listens to those collections either.
 */
export function onlyCollectionsListen(model: object, silentOnly = false): boolean {
  const events = (model as any)._events;
  if (!events) return true;
  const passOn = (Backbone.Collection.prototype as any)._onModelEvent;
  for (const name in events) {
    if (name !== 'all') return false;
    for (const handler of events.all) {
      if (handler.callback !== passOn || (silentOnly && hasListeners(handler.context))) return false;
    }
  }
  return true;
}

/**
 * Whether an event fired on `model` that collections only pass on (`change:<key>`,
 * `add:<key>`, ...) would reach a listener: one of the model's own, or one of a collection
 * holding the model.
 */
export function wouldBeHeard(model: object): boolean {
  return !onlyCollectionsListen(model, true);
}

/** The options of a call that was given none (never changed). */
export const NO_OPTIONS: Record<string, any> = Object.freeze({}) as Record<string, any>;

/**
 * Whether `options` holds no option at all (inherited enumerable ones count, as for `_.extend`).
 * Where the library adds options of its own to a call's options, it then writes the new
 * options object as an object literal instead of copying. A copy made per call has a shape
 * that no lasting object shares: V8 forgets such shapes at a full garbage collection that
 * finds none in use, and throws away the optimized code of every function that expected them,
 * to optimize it again. A literal's shape lasts as long as the code that makes it
 * (docs/decisions.md, "Options objects").
 */
export function isEmptyOptions(options: object | null | undefined): boolean {
  return !hasKeys(options);
}

const classSyntax = new WeakMap<Function, boolean>();

/** Whether `value` was written with `class` syntax (it can then only be called with `new`). */
export function isClassSyntax(value: Function): boolean {
  let known = classSyntax.get(value);
  if (known === undefined) {
    known = /^class[\s{]/.test(Function.prototype.toString.call(value));
    classSyntax.set(value, known);
  }
  return known;
}

const constructorKinds = new WeakMap<Function, boolean>();

/**
 * Whether `value` is a constructor (a class, or a function with prototype methods) rather than a
 * plain function returning something: options such as `relatedModel` and `collectionType` accept
 * both, and calling a class without `new` throws.
 */
export function isConstructor(value: Function): boolean {
  let known = constructorKinds.get(value);
  if (known === undefined) {
    const prototype = value.prototype;
    known = isClassSyntax(value)
      || (!!prototype && Object.getOwnPropertyNames(prototype).length > 1)
      || (!!prototype && Object.getPrototypeOf(prototype) !== Object.prototype);
    constructorKinds.set(value, known);
  }
  return known;
}

/**
 * An empty `_byId` for a collection of relational models: a plain object, as Backbone makes,
 * but one that V8 keeps as a hash table from the start. Backbone's `{}` gets a new hidden
 * class for every cid added to it, and a graph has one small collection per HasMany, each
 * with cids no other object has. Building those hidden classes, and looking cids up in
 * objects that all have different ones, was a large part of linking parents to children.
 * An object made without a prototype is a hash table in V8; giving it `Object.prototype`
 * back keeps it one, and keeps `_byId` what code written for Backbone expects
 * (`hasOwnProperty` and all). Other engines just see a plain object.
 */
export function newIdIndex(): Record<string, any> {
  return Object.setPrototypeOf(Object.create(null), Object.prototype);
}
