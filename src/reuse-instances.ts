// Reusing instances on `new`
// --------------------------
//
// Opt-in, per type: with `reuseInstances: true` (given to `extend` or `setup`, inherited by
// sub-types), `new Animal({ id: 1, name: 'Rex' })` while Animal 1 exists returns that instance
// with the new attributes set, as Backbone.IdentityMap's wrapped constructors did, instead of
// throwing 0.10.0's duplicate-id error.
//
// Nothing here runs on the paths every model takes. The flag is read only where the store is
// about to refuse a duplicate id (`Store#checkId`, during the first `set` of a constructor).
// There it throws a `ReuseSignal` instead, which unwinds Backbone's constructor before
// `initialize` runs; the model constructor catches it (`constructRelationalModel`), discards the
// model it was building, sets the attributes on the existing one and returns that one, which
// JavaScript makes the result of `new` (and of every `Parent.apply(this, arguments)` or
// `super()` on the way up).

import {
  Relational, RelationalModel, forgetUnaddedModel, isObject, warn,
  type RelationalModelType,
} from './internal';

const DUPLICATE_ID = 'Cannot instantiate more than one Backbone.RelationalModel with the same id per type!';

/**
 * Thrown by `Store#checkId` to hand the existing model to the constructor that catches it. An
 * `Error`, so that should anything else catch it (a constructor that does not go through
 * `RelationalModel`'s), it still says what happened.
 */
export class ReuseSignal extends Error {
  constructor(readonly existing: RelationalModel, readonly id: unknown) {
    super(`reuseInstances: the model with id ${String(id)} exists; only RelationalModel's constructor can return it`);
    this.name = 'ReuseSignal';
  }
}

/**
 * What `Store#checkId` throws when `model`, of a type with `reuseInstances`, would take the id
 * of `existing`: a `ReuseSignal` when `model` is being constructed and `existing` is an
 * instance of its type; otherwise the duplicate-id error, saying why the model was not reused.
 */
export function reuseOrRefuse(model: RelationalModel, existing: RelationalModel, id: unknown): Error {
  // The first `set` of a model is the one its constructor makes (see `RelationalModel#set`).
  const constructing = !model._isInitialized && !model.isLocked();
  if (constructing && existing instanceof (model.constructor as RelationalModelType)) return new ReuseSignal(existing, id);
  warn('Duplicate id! Old RelationalModel=%o, new RelationalModel=%o', existing, model);
  const why = constructing
    ? `the model with id ${String(id)} is not an instance of the type given to \`new\`, so it cannot be returned in its place`
    // Once a constructor has returned, there is no instance to swap: the id stays the other model's.
    : `only \`new\` returns an existing model; a model that exists cannot take the id ${String(id)} of another`;
  return new Error(`${DUPLICATE_ID} (reuseInstances: ${why})`);
}

/**
 * The model constructor caught `signal` while constructing `discarded`: forget `discarded`
 * (it was never registered, and has no relations yet), set `attributes` on the existing model
 * as `new` would have set them on a new one (parsed with `parse: true`, but without the
 * type's `defaults`, which would overwrite its values), and return it.
 */
export function reuseExisting(discarded: RelationalModel, signal: ReuseSignal, attributes: unknown, options?: any): RelationalModel {
  forgetUnaddedModel(discarded);
  discarded._storeEpoch = 0;
  const existing = signal.existing;
  let attrs = attributes;
  if (options && options.parse) {
    // Backbone parsed them for the discarded model; the existing one parses them itself, as
    // Backbone's `collection.set` does for a model it merges into.
    attrs = existing.parse(attributes, options) || {};
    const collection = Relational.store.getCollection(existing, false);
    const id = isObject(attrs) ? attrs[existing.idAttribute] : undefined;
    if (!collection || collection.get(id) !== existing) {
      throw new Error(`reuseInstances: parsing the data again for the model with id ${String(signal.id)} gave the id ${String(id)}` +
        ' (does `parse` change the object it is given?); the model was left as it was');
    }
  }
  existing.set(attrs as object, options);
  return existing;
}

/** `reuseInstances` given to `extend` or `setup` must be a boolean. */
export function checkReuseInstancesOption(prototype: object): void {
  if (!Object.prototype.hasOwnProperty.call(prototype, 'reuseInstances')) return;
  const value = (prototype as { reuseInstances?: unknown }).reuseInstances;
  if (typeof value !== 'boolean') {
    throw new TypeError(`reuseInstances must be true or false, not ${describe(value)}`);
  }
}

/**
 * Turn reuse on `new` on (or, with `false`, off) for `type` and the sub-types that do not
 * decide otherwise: the same as `reuseInstances: true` in `extend` or `setup`. Returns `type`.
 */
export function reuseInstances<T extends RelationalModelType>(type: T, enabled = true): T {
  if (typeof type !== 'function' || !(type === (RelationalModel as unknown) || type.prototype instanceof RelationalModel)) {
    throw new TypeError(`reuseInstances: expected a RelationalModel type, got ${describe(type)}`);
  }
  if (typeof enabled !== 'boolean') throw new TypeError(`reuseInstances: expected true or false, got ${describe(enabled)}`);
  (type.prototype as { reuseInstances?: boolean }).reuseInstances = enabled;
  return type;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  return value === null ? 'null' : `${typeof value === 'object' ? 'an object' : String(value)}`;
}
