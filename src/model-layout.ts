// How a relational model's objects are laid out
// ---------------------------------------------
//
// V8 gives the objects a constructor makes room for the properties it saw its first instances
// get; properties added beyond that go to a separate, growing array. A relational model gets
// more properties than a Backbone model, and its relation index fewer than a `{}` has room for:
// both are sized here, without changing what an application can observe of them. The order
// in which a model gets its properties is set here too (see `layOutModel`).

import Backbone from 'backbone';
import { BACKBONE_MAJOR, BACKBONE_MINOR, isHeldByHasOnes, type Relation } from './internal';

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
      this._storeEpoch = this._storeHandler = this._storeSlot = this._permitsUsed = this._relations = null;
      this._isInitialized = this._attributeChangeFired = this._queued = this._hasOneHolders = this._events = null;
      this._deferProcessing = this._awaitingSlot = this.cid = this.attributes = this._changing = this._previousAttributes = null;
      this.changed = this.id = this._pending = this.collection = null;
    }
    return parent.apply(this, arguments);
  };
  return Object.assign({}, protoProps, { constructor: child });
}

const BackboneModel = Backbone.Model as any;
/** Backbone 1.2's `set` always writes the model's `id`; later ones only when the attributes name it. */
const ID_ALWAYS_SET = BACKBONE_MAJOR === 1 && BACKBONE_MINOR <= 2;
const backboneSet = BackboneModel.prototype.set;
/** (Backbone 1.4 and later call it first in the constructor; a no-op unless the application has one.) */
const backbonePreinitialize = BackboneModel.prototype.preinitialize;

/**
 * Give a model being constructed, in one fixed order, every property it gets by the end of its
 * construction, each with the value it reads now (its prototype's, none, or what a constructor
 * of the application's own gave it before calling this one, such as handlers it bound). V8
 * sizes a type's objects by the properties its first few had, and puts any added later in a
 * separate array (40 bytes more per model): most models join a collection later (`_events`),
 * and those of a type that HasOnes point at are held (`_hasOneHolders`).
 *
 * And `collection` comes after all of them: it is given right after this to a model a
 * collection creates, and during construction (empty, by the store registering the model, as
 * 0.10.0's did) or later (by the first collection to add it) to one made with `new`. When a
 * collection lets the model go, Backbone deletes `collection`; V8 deletes an object's last
 * property by giving the object back its previous hidden class, and any other by turning the
 * object into a slow dictionary, which made destroying models about 40% slower
 * (docs/decisions.md, "Which property a model gets last").
 *
 * Nothing observable changes: the properties a model would only get from Backbone's
 * constructor (`cid`, `attributes`, ...) get their values there before any code of the
 * application's sees the model; `id` is laid out only when Backbone's `set` is sure to write
 * it; and none of them when the application's `preinitialize`, which runs before Backbone's
 * constructor gives them, could see them, or when the constructor is to validate (a model that
 * fails validation gets fewer of them). Those models keep the slower deletion.
 */
export function layOutModel(model: any, attributes: any, options: any): void {
  // (Each property written out rather than a loop over their names: this runs for every model,
  // and V8 caches a named store at its place in the code, not a keyed one whose key varies.)
  model._attributeChangeFired = model._attributeChangeFired;
  // (Backbone's, which most models get when a collection adds them.)
  model._events = model._events;
  if (!model._hasOneHolders && isHeldByHasOnes(model)) model._hasOneHolders = null;
  if ((options && options.validate) || model.preinitialize !== backbonePreinitialize) return;
  if (options && options.collection) {
    // (Only a model a collection creates waits for it to add the model.)
    model._deferProcessing = model._deferProcessing;
    model._awaitingSlot = model._awaitingSlot;
  }
  model._storeEpoch = model._storeEpoch;
  model.cid = model.cid;
  model.attributes = model.attributes;
  model._changing = model._changing;
  model._previousAttributes = model._previousAttributes;
  model.changed = model.changed;
  if (writesId(model, attributes, options)) model.id = model.id;
  model._pending = model._pending;
  model._storeSlot = model._storeSlot;
  model._storeHandler = model._storeHandler;
  model._queued = model._queued;
  model._permitsUsed = model._permitsUsed;
  model._relations = model._relations;
  model._isInitialized = model._isInitialized;
}

/** Whether the constructor's `set` will write `model.id`: the id is in the attributes, and neither `parse` nor `set` is anyone else's. */
function writesId(model: any, attributes: any, options: any): boolean {
  if (model.set !== relationalSet || BackboneModel.prototype.set !== backboneSet) return false;
  if (ID_ALWAYS_SET) return true;
  if (options && options.parse && model.parse !== BackboneModel.prototype.parse) return false;
  return !!attributes && typeof attributes === 'object' && Object.prototype.hasOwnProperty.call(attributes, model.idAttribute);
}

let relationalSet: Function | null = null;
/** `RelationalModel.prototype.set`, which `writesId` knows passes the attributes on to Backbone's. */
export function noteRelationalSet(set: Function): void {
  relationalSet = set;
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
