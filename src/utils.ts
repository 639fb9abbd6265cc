// Small helpers shared by every module. The library deliberately imports nothing from
// underscore or lodash, so it works with whichever one Backbone was given as `_`; the few
// underscore functions 0.10.0 relied on are written out here with the same semantics.

import Backbone from 'backbone';
import { Relational } from './namespace';

/** The running Backbone's major and minor version numbers (its behaviour differs between them in places). */
export const [BACKBONE_MAJOR, BACKBONE_MINOR] = String((Backbone as any).VERSION).split('.').map(Number);

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

/**
 * `console.warn` with a format string and its arguments, as 0.10.0 wrote them, but only while
 * `Backbone.Relational.showWarnings` is on.
 */
export function warn(format: string, ...details: unknown[]): void {
  if (Relational.showWarnings && typeof console !== 'undefined') {
    console.warn(format, ...details);
  }
}

/** `_.defaults`: fill in the keys of `target` that are `undefined` from each source in turn; returns `target`. */
export function defaults<T extends Record<string, any>>(target: T, source?: Record<string, any> | null, more?: Record<string, any> | null): T {
  // (Two sources at most, as the library needs: no array of them on every call.)
  if (source) fillIn(target, source);
  if (more) fillIn(target, more);
  return target;
}

/** `_.defaults(target, source)` for one source. */
export function fillIn(target: Record<string, any>, source: Record<string, any>): void {
  for (const key in source) {
    if (target[key] === undefined) target[key] = source[key];
  }
}

/** `_.clone` of a plain object (options, a model's attributes): a shallow copy of its enumerable keys, own and inherited. */
export function cloneObject<T extends object>(options: T | null | undefined): T {
  const copy = {} as T;
  if (options) for (const key in options) (copy as any)[key] = (options as any)[key];
  return copy;
}

/** Remove one occurrence of `item` from `list` in place; returns whether it was there. */
export function removeFromList<T>(list: T[], item: T): boolean {
  const index = list.indexOf(item);
  if (index === -1) return false;
  list.splice(index, 1);
  return true;
}

/**
 * Define the switch `Backbone.Relational[name]` of an opt-in feature: it starts as `false`, takes
 * only `true` or `false` (anything else throws, naming the switch), and hands each value set to
 * `apply`.
 */
export function defineSwitch(name: string, apply: (on: boolean) => void): void {
  let on = false;
  Object.defineProperty(Relational, name, {
    enumerable: true,
    get: () => on,
    set(value: unknown) {
      if (typeof value !== 'boolean') throw new TypeError(`Backbone.Relational.${name} must be true or false, not ${describe(value)}`);
      on = value;
      apply(value);
    },
  });
}

/** A readable name for a model type or instance, for error messages. */
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

/** Whether `object` has an enumerable key (own or inherited), without listing them. */
export function hasKeys(object: object | null | undefined): boolean {
  if (object == null) return false;
  for (const _key in object) return true;
  return false;
}

/** Whether `target` has handlers for the event `name` (Backbone keeps them in `_events`). */
export function hasHandlers(target: object, name: string): boolean {
  const events = (target as any)._events;
  return !!events && !!events[name] && events[name].length > 0;
}

/** Whether `target` has a handler for the event `name` bound with `context` (and with `callback`, if given). */
export function hasHandlerWith(target: object, name: string, context: unknown, callback?: unknown): boolean {
  const events = (target as any)._events;
  const handlers = events && events[name];
  if (!handlers) return false;
  for (let i = 0; i < handlers.length; i++) {
    if (handlers[i].context === context && (callback === undefined || handlers[i].callback === callback)) return true;
  }
  return false;
}

/**
 * An empty `_byId` for a collection of relational models: a plain object, as Backbone makes,
 * but one that V8 keeps as a hash table from the start. Backbone's `{}` gets a new hidden
 * class for every cid added to it, and a graph has one small collection per HasMany, each
 * with cids no other object has: building those hidden classes, and looking cids up in objects
 * that all have different ones, was most of the time spent linking models. An object made
 * without a prototype is a hash table in V8; giving it `Object.prototype` back keeps it one,
 * and keeps `_byId` what code written for Backbone expects (`hasOwnProperty` and all).
 */
export function newIdIndex(): Record<string, any> {
  return Object.setPrototypeOf(Object.create(null), Object.prototype);
}

const constructorKinds = new WeakMap<Function, boolean>();

/**
 * Whether `value` is a constructor (a class, or a function with prototype methods) rather than a
 * plain function returning something. Options such as `relatedModel` and `collectionType` take
 * both, and 0.10.0 called any function that was not the expected kind of type, which breaks (or
 * throws) for a type of the wrong kind.
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

/**
 * What this library uses of a `WeakRef` (declared here, so that the published declarations
 * compile for applications whose TypeScript `lib` predates ES2021).
 */
export interface WeakReference<T extends object> {
  deref(): T | undefined;
}
