// `Backbone.Relational`: the one object through which every module reaches the shared
// store and event queue. It is created empty here and filled in by `index.ts` once every
// class exists. Modules read `Relational.store` at call time rather than importing a store
// instance, so an application that swaps in its own `Store` (as 0.10.0 allowed) is obeyed.

import type { Store } from './store';
import type { BlockingQueue } from './event-queue';

export interface RelationalNamespace {
  /** The global identity map and type registry. */
  store: Store;
  /** Holds every event produced while relations are updated, until the graph is consistent. */
  eventQueue: BlockingQueue;
  /** Whether configuration problems are reported with `console.warn`. Default `true`. */
  showWarnings: boolean;
  [name: string]: any;
}

export const Relational = { showWarnings: true } as RelationalNamespace;
