// Paths
// -----
//
// Opt-in: `get` and `set` read and write through relations with backbone-associations' paths,
// `zoo.get('animals[0].species')`, `person.get('user.login')`, `zoo.set('animals[1].name', 'Rex')`.
// Turned on for every type with `Backbone.Relational.paths = true`, or for one type (and its
// sub-types) with `paths: true` in `extend` or `setup`; `paths: false` on a type keeps it off
// there. `Backbone.Relational.pathSeparator` (default `'.'`) separates the steps.
//
// Nothing here runs while paths are off: `get` and `set` are wrapped only on the prototypes that
// turn them on (`RelationalModel.prototype` for all types), and the wrappers go again when the
// global switch is turned off.
//
// A key is read as a path only when the model has no attribute by that name and its first step
// names an attribute the model has (or a relation): an attribute whose name really contains the
// separator keeps working, and so does setting a new one.

import Backbone from 'backbone';
import { Relational, RelationalModel, defineSwitch, describe, type RelationalModel as Model } from './internal';

/** The wrapped method, kept on the wrapper so it can be recognised and taken off again. */
const WRAPPED = '__pathsWrapped';

let pathsForAll = false;
let separator = '.';

defineSwitch('paths', (on) => {
  pathsForAll = on;
  if (on) wrapPathAccess(RelationalModel.prototype);
  else unwrapPathAccess(RelationalModel.prototype);
});

Object.defineProperty(Relational, 'pathSeparator', {
  enumerable: true,
  get: () => separator,
  set(value: unknown) {
    if (typeof value !== 'string' || value === '' || /[[\]]/.test(value)) {
      throw new TypeError(`Backbone.Relational.pathSeparator must be a non-empty string without "[" or "]", not ${describe(value)}`);
    }
    separator = value;
  },
});

/** `paths` given to `extend` or `setup`: checked, and when `true` the type's `get`/`set` learn paths. */
export function setUpPathsOption(prototype: object): void {
  if (!Object.prototype.hasOwnProperty.call(prototype, 'paths')) return;
  const value = (prototype as { paths?: unknown }).paths;
  if (typeof value !== 'boolean') throw new TypeError(`paths must be true or false, not ${describe(value)}`);
  if (value) wrapPathAccess(prototype);
}

/** Whether `model` reads keys as paths: its type says so, or every type does and its type does not refuse. */
function pathsOn(model: Model): boolean {
  const own = (model as { paths?: boolean }).paths;
  return own === true || (own !== false && pathsForAll);
}

function wrapPathAccess(prototype: any): void {
  if (!prototype.get[WRAPPED]) prototype.get = pathGet(prototype.get);
  if (!prototype.set[WRAPPED]) prototype.set = pathSet(prototype.set);
}

function unwrapPathAccess(prototype: any): void {
  for (const name of ['get', 'set']) {
    if (Object.prototype.hasOwnProperty.call(prototype, name) && prototype[name][WRAPPED]) prototype[name] = prototype[name][WRAPPED];
  }
}

function pathGet(get: Function): Function {
  const wrapper = function (this: Model, attr: unknown) {
    const value = get.apply(this, arguments);
    if (value !== undefined || typeof attr !== 'string' || !pathsOn(this)) return value;
    const steps = pathFor(this, attr);
    return steps ? read(this, steps, steps.length) : value;
  };
  (wrapper as any)[WRAPPED] = get;
  return wrapper;
}

function pathSet(set: Function): Function {
  const wrapper = function (this: Model, key: unknown, value?: unknown, options?: unknown) {
    if (key == null || !pathsOn(this)) return set.apply(this, arguments);
    let attributes: Record<string, unknown>;
    if (typeof key === 'object') {
      attributes = key as Record<string, unknown>;
      options = value;
    } else {
      if (!pathFor(this, String(key))) return set.apply(this, arguments);
      attributes = { [String(key)]: value };
    }
    const targets = targetsOf(this, attributes);
    if (!targets) return set.apply(this, arguments);
    return setEach(this, set, targets, options);
  };
  (wrapper as any)[WRAPPED] = set;
  return wrapper;
}

/** One step of a path: an attribute name, or an index into a collection. */
type Step = string | number;

/**
 * The steps of `key` when `model` reads it as a path (see the top of this file), else `null`.
 * `animals[1].name` is `['animals', 1, 'name']`; a step of digits only is an index too.
 */
function pathFor(model: Model, key: string): Step[] | null {
  if (key.indexOf(separator) === -1 && key.indexOf('[') === -1) return null;
  const attributes = model.attributes as Record<string, unknown>;
  if (key in attributes) return null;
  const steps: Step[] = [];
  for (const part of key.split(separator)) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return null;
    if (match[1] !== '') steps.push(/^\d+$/.test(match[1]) && steps.length ? Number(match[1]) : match[1]);
    else if (!match[2] || !steps.length) return null;
    const indexes = match[2].match(/\d+/g);
    if (indexes) for (const index of indexes) steps.push(Number(index));
  }
  const first = steps[0];
  if (typeof first !== 'string' || !(first in attributes || model.getRelation(first))) return null;
  return steps;
}

/** Follow the first `count` steps from `model`; `undefined` where a link is missing. */
function read(model: Model, steps: Step[], count: number): unknown {
  let current: any = model;
  for (let i = 0; i < count; i++) {
    const step = steps[i];
    if (current instanceof Backbone.Collection) current = typeof step === 'number' ? current.at(step) : undefined;
    else if (current instanceof Backbone.Model) current = typeof step === 'string' ? current.get(step) : undefined;
    else if (Array.isArray(current) && typeof step === 'number') current = current[step];
    else return undefined;
    if (current == null) return undefined;
  }
  return current;
}

/** A model to set attributes on, with those attributes. */
interface Target {
  model: Backbone.Model;
  attributes: Record<string, unknown>;
}

/**
 * Where each attribute of `attributes` goes: `model` itself, or the model a path leads to.
 * `null` when no key is a path. A path that does not lead to a model throws, before anything
 * is set.
 */
function targetsOf(model: Model, attributes: Record<string, unknown>): Target[] | null {
  let targets: Target[] | null = null;
  let own: Target | null = null;
  for (const key in attributes) {
    const steps = pathFor(model, key);
    if (!targets) targets = [];
    if (!steps) {
      if (!own) targets.push(own = { model, attributes: {} });
      own.attributes[key] = attributes[key];
      continue;
    }
    const last = steps[steps.length - 1];
    if (typeof last !== 'string') throw new Error(`Cannot set the path "${key}": it must end in an attribute name, not an index`);
    const holder = read(model, steps, steps.length - 1);
    if (!(holder instanceof Backbone.Model)) {
      const missing = key.slice(0, key.lastIndexOf(separator));
      const what = holder instanceof Backbone.Collection ? 'is a collection (name one of its models by index, as in "[0]")' : 'leads to no model';
      throw new Error(`Cannot set the path "${key}": "${missing}" ${what}`);
    }
    let target = targets.find((candidate) => candidate.model === holder);
    if (!target) targets.push(target = { model: holder, attributes: {} });
    target.attributes[last] = attributes[key];
  }
  return targets && (own && targets.length === 1 ? null : targets);
}

/**
 * Set each target's attributes (`model`'s own with the `set` that was wrapped), with the event
 * queue blocked so listeners hear the events once everything is set. Returns `model`, or
 * `false` when any `set` failed validation, as backbone-associations did.
 */
function setEach(model: Model, set: Function, targets: Target[], options: unknown): Model | false {
  const eventQueue = Relational.eventQueue;
  let failed = false;
  eventQueue.block();
  try {
    for (const { model: target, attributes } of targets) {
      const outcome = target === model ? set.call(model, attributes, options) : target.set(attributes, options as object);
      if (outcome === false) failed = true;
    }
  } finally {
    eventQueue.unblock();
  }
  return failed ? false : model;
}
