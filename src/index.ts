// The entry point: installs the library on Backbone and exports the same objects.
//
// Loaded with a <script> tag after backbone.js it installs on `window.Backbone`; required or
// imported, on the `backbone` module. Either way `Backbone.Relational` is the namespace this
// module exports, and the 0.10.0 names (`Backbone.RelationalModel`, `Backbone.HasOne`, ...)
// are the same objects as the namespace's (`Backbone.Relational.Model`, `.HasOne`, ...).

import Backbone from 'backbone';
import {
  Relational, RelationalModel, Relation, HasOne, HasMany, Store, Semaphore, BlockingQueue,
  RelationalCollection, patchCollection, setHasManyDefaults, reuseInstances,
} from './internal';

setHasManyDefaults(RelationalCollection);

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
  reuseInstances,
});

// One named assignment each: V8 turns an object that already has many properties into a slow
// dictionary when more are added by a generic store (`Object.assign` makes those), and the
// library reads `Backbone.Model` and `Backbone.Collection` on its hot paths.
const backbone = Backbone as any;
backbone.Relational = Relational;
backbone.RelationalModel = RelationalModel;
backbone.Relation = Relation;
backbone.HasOne = HasOne;
backbone.HasMany = HasMany;
backbone.Store = Store;
backbone.Semaphore = Semaphore;
backbone.BlockingQueue = BlockingQueue;

patchCollection();

export default Relational;
export {
  Relational, RelationalModel, RelationalModel as Model, Relation, HasOne, HasMany, Store, Semaphore, BlockingQueue,
  RelationalCollection as Collection, reuseInstances,
};
export type { RelationDefinition, RelationType, RelationConstructor, CollectionConstructor } from './relation-types';
export type {
  RelationalModelType, RelationalModelConstructor, RelationalModelSubtype, RelationalModelProps, FindOrCreateOptions,
  FindAttributes, RelatedValue, GetAsyncOptions, RelationalSetOptions,
} from './model-types';
export type {
  RelationalModelClass, HasOneOf, HasManyOf, ModelKey, RelationKey, AttributeValue, RelationOf,
  RelatedOf, SetValue, SetAttributes, RelationInput, CollectionInput, ModelInput, AttributesInput, ModelAttributes,
  ModelRelations, AttributeValues, RelationalModelStatics, RelationalModelTypeOf, RelationalModelPropsFor, TypedModelProps,
  RelationDefinitionFor, TypedRelationDefinition, RelatedModelOf, RelationTypeFor, RelatedModelFor, CollectionTypeFor,
  ReverseKeyOf,
} from './typed-model';
export type { RelationalNamespace } from './namespace';
export type { StoreCollection } from './store';
export type { SemaphoreMixin, BlockingQueueConstructor } from './event-queue';
export type { Id } from './utils';

// The names this library installs on Backbone, for code written against 0.10.0
// (`Backbone.RelationalModel.extend(...)`, `type: Backbone.HasMany`, `Backbone.Relational.store`).
type RelationalNamespaceType = typeof Relational;
type RelationalModelValue = typeof RelationalModel;
type RelationalModelInstance = RelationalModel;
type RelationValue = typeof Relation;
type RelationInstance = Relation;
type HasOneValue = typeof HasOne;
type HasOneInstance = HasOne;
type HasManyValue = typeof HasMany;
type HasManyInstance = HasMany;
type StoreValue = typeof Store;
type StoreInstance = Store;
type SemaphoreValue = typeof Semaphore;
type BlockingQueueValue = typeof BlockingQueue;
type BlockingQueueInstance = BlockingQueue;

declare module 'backbone' {
  /** The `Backbone.Relational` namespace (this package's default export). */
  const Relational: RelationalNamespaceType;
  const RelationalModel: RelationalModelValue;
  type RelationalModel = RelationalModelInstance;
  const Relation: RelationValue;
  type Relation = RelationInstance;
  const HasOne: HasOneValue;
  type HasOne = HasOneInstance;
  const HasMany: HasManyValue;
  type HasMany = HasManyInstance;
  const Store: StoreValue;
  type Store = StoreInstance;
  const Semaphore: SemaphoreValue;
  const BlockingQueue: BlockingQueueValue;
  type BlockingQueue = BlockingQueueInstance;
}
