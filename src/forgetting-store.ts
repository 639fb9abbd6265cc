// A store that forgets
// --------------------
//
// Opt-in: `Backbone.Relational.store.forgetUnreferenced = true` (while the store is empty).
// An identity map holds every model it has seen, so none is ever garbage-collected until it is
// unregistered or the store reset. When the store forgets, it holds its models weakly: a model
// that nothing else references (no variable of the application, no collection, no live
// relation) is collected, and leaves the store by itself. What the library itself keeps so
// that it can tell relations about models holds them weakly too:
// - a store collection's members and its id lookup hold `WeakRef`s (see `RecordSlots` and
//   `weakIdIndex`): `get` and `find` only ever give a living model, and `models` is a copy of the
//   living members each time it is read;
// - a relation waiting for an id, and a HasOne in the list of holders of the model it points at
//   (`relation-dispatch.ts`), are held by `WeakRef`, so neither keeps its owner alive on its own.
// When a model is collected, a `FinalizationRegistry` callback empties its slot and its ids,
// and prunes the entries left behind in those lists, so nothing grows with the models that came
// and went. Off (the default), none of this exists: store collections hold their models.

import {
  Relational, OrderedSlots, setWeakHolding, storeCollectionMembers,
  type Members, type WeakHolding, type WeakReference, type Relation, type RelationalModel,
} from './internal';

/** What the store knows of a model that may be collected: never the model itself. */
interface ModelRecord {
  ref: WeakRef<RelationalModel>;
  /** The members it is in (a store collection's), and its slot there. */
  members: RecordSlots | null;
  slot: number;
  /** The id lookup it is in, and its keys there (its cid, its id). */
  ids: Map<string, ModelRecord> | null;
  keys: string[];
  /** Where this model's relations wait for an id: store collections, and the ids. */
  waits: Array<[object, unknown]> | null;
  /** The models whose list of HasOne holders has one of this model's relations. */
  holding: Array<WeakRef<RelationalModel>> | null;
}

type Weak<T extends object> = T | WeakReference<T>;

const finalization = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<ModelRecord>(forgetModel) : null;

/** The record of `model`, made (and the model watched for collection) on first use. */
function recordOf(model: RelationalModel): ModelRecord {
  let record = model._storeRecord as ModelRecord | null;
  if (!record) {
    record = { ref: new WeakRef(model), members: null, slot: -1, ids: null, keys: [], waits: null, holding: null };
    model._storeRecord = record;
    if (finalization) finalization.register(model, record);
  }
  return record;
}

/** The one `WeakRef` to `relation` that the lists below hold. */
export function weakRefTo(relation: Relation): WeakReference<Relation> {
  return relation._weakRef || (relation._weakRef = new WeakRef(relation));
}

/** The relation an entry of those lists stands for (`undefined` once it was collected). */
export function relationOf(entry: Weak<Relation>): Relation | undefined {
  return entry instanceof WeakRef ? (entry as WeakReference<Relation>).deref() : (entry as Relation);
}

/** `relation` waits for `id` in the forgetting store collection `collection`: noted for pruning. */
export function noteWaiting(collection: object, id: unknown, relation: Relation): WeakReference<Relation> {
  const record = recordOf(relation.instance);
  (record.waits || (record.waits = [])).push([collection, id]);
  return weakRefTo(relation);
}

/** `hasOne` holds `model` in a forgetting store: noted for pruning. */
export function noteHolding(model: RelationalModel, hasOne: Relation): WeakReference<Relation> {
  const record = recordOf(hasOne.instance);
  (record.holding || (record.holding = [])).push(new WeakRef(model));
  return weakRefTo(hasOne);
}

/** Whether the global store forgets (see `Store#forgetUnreferenced`). */
export function storeForgets(): boolean {
  return !!(Relational.store && (Relational.store as any)._forget);
}

// ---------------------------------------------------------------------------------------------
// Members and ids of a store collection that forgets
// ---------------------------------------------------------------------------------------------

/** A store collection's members as records, in order. */
class RecordSlots extends OrderedSlots<ModelRecord> implements Members {
  readonly weak = true;

  protected slotOf(record: ModelRecord): number {
    return record.members === this ? record.slot : -1;
  }

  protected setSlot(record: ModelRecord, slot: number): void {
    record.members = this;
    record.slot = slot;
  }

  append(model: RelationalModel): void {
    this.appendEntry(recordOf(model));
  }

  remove(model: RelationalModel): number {
    const record = model._storeRecord as ModelRecord | null;
    return record ? this.removeEntry(record) : -1;
  }

  has(model: RelationalModel): boolean {
    const record = model._storeRecord as ModelRecord | null;
    return !!record && this.holds(record);
  }

  toArray(): RelationalModel[] {
    const models: RelationalModel[] = [];
    for (const record of this.slots) {
      const model = record && record.ref.deref();
      if (model) models.push(model);
    }
    return models;
  }

  /** A collected model's record leaves; the slots shrink once mostly empty. */
  forget(record: ModelRecord): void {
    if (this.removeEntry(record) === -1) return;
    if (this.slotCount > 256 && this.size < this.slotCount / 4) this.compact();
  }
}

const OBJECT_PROTOTYPE = Object.prototype as Record<string | symbol, unknown>;

/**
 * An id lookup (`_byId`) holding records: reading a key gives the living model or `undefined`,
 * writing one stores the model's record. Everything else behaves as a plain object's keys.
 */
function weakIdIndex(): Record<string, any> {
  const ids = new Map<string, ModelRecord>();
  const modelAt = (key: string): RelationalModel | undefined => {
    const record = ids.get(key);
    return record ? record.ref.deref() : undefined;
  };
  const drop = (key: string): void => {
    const record = ids.get(key);
    if (!record) return;
    ids.delete(key);
    const at = record.keys.indexOf(key);
    if (at !== -1) record.keys.splice(at, 1);
  };
  return new Proxy(Object.create(null), {
    get: (target, key) => (typeof key === 'string' && ids.has(key) ? modelAt(key) : OBJECT_PROTOTYPE[key]),
    set: (target, key, model) => {
      if (typeof key !== 'string') return false;
      drop(key);
      if (model === undefined) return true;
      const record = recordOf(model);
      if (record.ids !== ids) {
        record.ids = ids;
        record.keys = [];
      }
      ids.set(key, record);
      record.keys.push(key);
      return true;
    },
    deleteProperty: (target, key) => {
      if (typeof key === 'string') drop(key);
      return true;
    },
    has: (target, key) => typeof key === 'string' && modelAt(key) !== undefined,
    ownKeys: () => [...ids.keys()].filter((key) => modelAt(key) !== undefined),
    getOwnPropertyDescriptor: (target, key) => {
      const model = typeof key === 'string' ? modelAt(key) : undefined;
      return model ? { value: model, writable: true, enumerable: true, configurable: true } : undefined;
    },
  });
}

const WEAK_HOLDING: WeakHolding = {
  members: () => new RecordSlots(),
  idIndex: weakIdIndex,
};

// ---------------------------------------------------------------------------------------------
// When a model is collected
// ---------------------------------------------------------------------------------------------

/** Lists with entries of collected relations, pruned together once per batch of collections. */
const pendingWaits = new Map<object, Set<unknown>>();
const pendingHolders = new Set<RelationalModel>();
let pruneScheduled = false;

function forgetModel(record: ModelRecord): void {
  if (record.members) record.members.forget(record);
  if (record.ids) {
    for (const key of record.keys) if (record.ids.get(key) === record) record.ids.delete(key);
  }
  if (record.waits) {
    for (const [collection, id] of record.waits) {
      let ids = pendingWaits.get(collection);
      if (!ids) pendingWaits.set(collection, ids = new Set());
      ids.add(id);
    }
  }
  if (record.holding) {
    for (const ref of record.holding) {
      const model = ref.deref();
      if (model) pendingHolders.add(model);
    }
  }
  if ((pendingWaits.size || pendingHolders.size) && !pruneScheduled) {
    pruneScheduled = true;
    setTimeout(pruneCollectedEntries, 0);
  }
}

function pruneCollectedEntries(): void {
  pruneScheduled = false;
  for (const [collection, ids] of pendingWaits) {
    const index: Map<unknown, any> | undefined = (collection as any)._waitingRelations;
    if (index) for (const id of ids) pruneWaiting(index, id);
  }
  pendingWaits.clear();
  for (const model of pendingHolders) {
    const holders = model._hasOneHolders;
    if (holders) {
      const living = holders.filter((entry) => relationOf(entry) !== undefined);
      model._hasOneHolders = living.length ? living : null;
    }
  }
  pendingHolders.clear();
}

function pruneWaiting(index: Map<unknown, any>, id: unknown): void {
  const current = index.get(id);
  if (current === undefined) return;
  if (!Array.isArray(current)) {
    if (relationOf(current) === undefined) index.delete(id);
    return;
  }
  const living = current.filter((entry) => relationOf(entry) !== undefined);
  if (!living.length) index.delete(id);
  else index.set(id, living.length === 1 ? living[0] : living);
}

// ---------------------------------------------------------------------------------------------
// Turning it on and off
// ---------------------------------------------------------------------------------------------

/** `store.forgetUnreferenced = value`: allowed while no store collection holds a model. */
export function setForgetUnreferenced(store: any, value: unknown): void {
  const forget = !!value;
  if (forget === !!store._forget) return;
  if (forget && !finalization) {
    throw new Error('Backbone.Relational.store.forgetUnreferenced needs WeakRef and FinalizationRegistry, which this JavaScript engine lacks');
  }
  const held = store._collections.reduce((sum: number, collection: object) => sum + storeCollectionMembers(collection).length, 0);
  if (held) {
    throw new Error(`Backbone.Relational.store.forgetUnreferenced can only be changed while the store is empty; it holds ${held} model(s): `
      + 'set it before creating models, or after store.reset()');
  }
  store._forget = forget;
  for (const collection of store._collections) setWeakHolding(collection, forget ? WEAK_HOLDING : null);
}

/** How a new store collection holds its models: weakly while the store forgets. */
export function weakHoldingForStore(store: any): WeakHolding | null {
  return store._forget ? WEAK_HOLDING : null;
}
