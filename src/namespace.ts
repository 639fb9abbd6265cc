// `Backbone.Relational`: the one object through which every module reaches the shared
// store and event queue. It is created empty here and filled in by `index.ts` once every
// class exists. Modules read `Relational.store` at call time rather than importing a store
// instance, so an application that swaps in its own `Store` (as 0.10.0 allowed) is obeyed.

import type Backbone from 'backbone';
import type { Store } from './store';
import type { BlockingQueue, SemaphoreMixin } from './event-queue';
import type { Relation } from './relation';
import type { HasOne } from './has-one';
import type { HasMany } from './has-many';
import type { RelationalModel } from './relational-model';
import type { reuseInstances } from './reuse-instances';

export interface RelationalNamespace {
  /** The global identity map and type registry. */
  store: Store;
  /** Holds every event produced while relations are updated, until the graph is consistent. */
  eventQueue: BlockingQueue;
  /** Whether configuration problems are reported with `console.warn`. Default `true`. */
  showWarnings: boolean;
  /** `Backbone.RelationalModel`. */
  Model: typeof RelationalModel;
  /** `Backbone.Relation`. */
  Relation: typeof Relation;
  /** `Backbone.HasOne`. */
  HasOne: typeof HasOne;
  /** `Backbone.HasMany`. */
  HasMany: typeof HasMany;
  /** `Backbone.Store`. */
  Store: typeof Store;
  /** A `Backbone.Collection` subclass to extend for collections of relational models. */
  Collection: typeof Backbone.Collection;
  /** `Backbone.Semaphore`. */
  Semaphore: SemaphoreMixin;
  /** `Backbone.BlockingQueue`. */
  BlockingQueue: typeof BlockingQueue;
  /** `get` and `set` of every relational model read paths such as `'animals[0].species'` (see paths.ts). Default `false`; only a boolean is taken. */
  paths: boolean;
  /** What separates the steps of a path. Default `'.'`; a non-empty string without `[` or `]`. */
  pathSeparator: string;
  /** Every relation set up from now on passes its related models' events on to its model (see event-bubbling.ts). Default `false`. */
  bubbleEvents: boolean;
  /** Bubbled events through a collection also fire with `[*]` in place of the index. Default `true`. */
  bubbleWildcards: boolean;
  /** Turn reuse on `new` on or off for a type, as `reuseInstances: true` in `extend` or `setup` does. */
  reuseInstances: typeof reuseInstances;
}

export const Relational = { showWarnings: true } as RelationalNamespace;
