// The entry point: installs the library on Backbone and exports the same objects.
//
// Loaded with a <script> tag after backbone.js it installs on `window.Backbone`; required or
// imported, on the `backbone` module. Either way `Backbone.Relational` is the namespace this
// module exports, and the 0.10.0 names (`Backbone.RelationalModel`, `Backbone.HasOne`, ...)
// are the same objects as the namespace's (`Backbone.Relational.Model`, `.HasOne`, ...).

import Backbone from 'backbone';
import {
  Relational, RelationalModel, Relation, HasOne, HasMany, Store, Semaphore, BlockingQueue,
  RelationalCollection, patchCollection,
} from './internal';

Relational.store = new Store() as Store;
Relational.eventQueue = new BlockingQueue();
Object.assign(Relational, {
  Model: RelationalModel,
  Relation,
  HasOne,
  HasMany,
  Store,
  Collection: RelationalCollection,
  Semaphore,
  BlockingQueue,
});

Object.assign(Backbone as any, {
  Relational,
  RelationalModel,
  Relation,
  HasOne,
  HasMany,
  Store,
  Semaphore,
  BlockingQueue,
});

patchCollection();

export default Relational;
export {
  Relational, RelationalModel, RelationalModel as Model, Relation, HasOne, HasMany, Store, Semaphore, BlockingQueue,
  RelationalCollection as Collection,
};
export type { RelationDefinition, RelationType } from './relation';
export type { RelationalModelType, FindOrCreateOptions } from './relational-model';
export type { RelationalNamespace } from './namespace';
