// How a relational model's objects are laid out
// ---------------------------------------------
//
// V8 gives the objects a constructor makes room for the properties it saw its first instances
// get; properties added beyond that go to a separate, growing array. A relational model gets
// more properties than a Backbone model, and its relation index fewer than a `{}` has room for:
// both are sized here, without changing what an application can observe of them.

import type { Relation } from './internal';

/**
 * `protoProps`, given the constructor Backbone's `extend` would make (`parent.apply(this,
 * arguments)`) unless they have one, in one that does the same but lets V8 make room in each
 * instance for the properties a relational model gets: V8 sizes the objects a constructor makes
 * by the properties its body assigns to `this`, and Backbone's has none, so most of a relational
 * model's properties went to a separate array, grown (and copied) several times per model. The
 * assignments never run. (A copy of `protoProps`, `constructor` last, as Backbone's prototype
 * has it.)
 */
export function withSizedConstructor(parent: Function, protoProps?: object | null): object | null | undefined {
  if (protoProps && Object.prototype.hasOwnProperty.call(protoProps, 'constructor')) return protoProps;
  // (Named `child` as Backbone's is.)
  const child = function (this: any) {
    if (arguments.length < 0) {
      this._storeEpoch = this._queueBlocked = this._storeHandler = this._storeSlot = this._permitsUsed = this._relations = null;
      this._isInitialized = this._attributeChangeFired = this._queued = this._hasOneHolders = this._events = this._takenBy = null;
      this._deferProcessing = this._awaitingSlot = null;
    }
    return parent.apply(this, arguments);
  };
  return Object.assign({}, protoProps, { constructor: child });
}

const relationsIndexTypes = new WeakMap<Function, new () => Record<string, Relation>>();

/**
 * An empty `_relations` for a model of `type`: a plain object (its prototype is
 * `Object.prototype`, its `constructor` is `Object`), but made by a constructor of the type's
 * own, so that V8 sizes it for as many relations as that type's models have. A `{}` has room
 * for four properties, and most models have one or two relations: 24 bytes per model.
 */
export function newRelationsIndex(type: Function): Record<string, Relation> {
  let Index = relationsIndexTypes.get(type);
  if (!Index) {
    Index = function RelationsIndex() {} as unknown as new () => Record<string, Relation>;
    Index.prototype = Object.prototype;
    relationsIndexTypes.set(type, Index);
  }
  return new Index();
}
