// The public API's types, as a TypeScript user sees them through the package's `exports`
// (`import ... from 'backbone-relational-ts'` resolves to dist/backbone-relational.d.mts).
// Checked by `tsc --noEmit -p test/types` (strict); nothing here runs. `expectTypeOf` fails to
// compile when a type is not the one expected; `@ts-expect-error` marks code that must not compile.
import Backbone from 'backbone';
import { expectTypeOf } from 'expect-type';
import Relational, {
  BlockingQueue, Collection, HasMany, HasOne, Model, Relation, RelationalModel, Semaphore, Store,
  type FindOrCreateOptions, type Id, type RelationDefinition, type RelationalModelType, type RelationType,
  type StoreCollection,
} from 'backbone-relational-ts';

// ---------------------------------------------------------------------------------------------
// The namespace: what `Backbone.Relational` (the default export) holds.
expectTypeOf(Relational.store).toEqualTypeOf<Store>();
expectTypeOf(Relational.eventQueue).toEqualTypeOf<BlockingQueue>();
expectTypeOf(Relational.showWarnings).toEqualTypeOf<boolean>();
expectTypeOf(Relational.Model).toEqualTypeOf<typeof RelationalModel>();
expectTypeOf(Relational.Relation).toEqualTypeOf<typeof Relation>();
expectTypeOf(Relational.HasOne).toEqualTypeOf<typeof HasOne>();
expectTypeOf(Relational.HasMany).toEqualTypeOf<typeof HasMany>();
expectTypeOf(Relational.Store).toEqualTypeOf<typeof Store>();
expectTypeOf(Relational.Semaphore).toEqualTypeOf<typeof Semaphore>();
expectTypeOf(Relational.BlockingQueue).toEqualTypeOf<typeof BlockingQueue>();
expectTypeOf(Relational.Collection).toEqualTypeOf<typeof Collection>();
expectTypeOf(Model).toEqualTypeOf<typeof RelationalModel>();
// No catch-all member typed `any`.
// @ts-expect-error not a member of the namespace
Relational.nonExistent;

// ---------------------------------------------------------------------------------------------
// Relation definitions.
class Animal extends RelationalModel {}
Animal.setup();
class AnimalCollection extends Backbone.Collection<Animal> {}

const definitions: RelationDefinition[] = [
  { type: HasMany, key: 'animals', relatedModel: Animal, collectionType: AnimalCollection, reverseRelation: { key: 'livesIn', includeInJSON: 'id' } },
  { type: 'HasMany', key: 'animals2', relatedModel: 'Animal', collectionType: 'AnimalCollection', collectionKey: false },
  { type: HasOne, key: 'mascot', relatedModel: () => Animal, includeInJSON: ['id', 'species'], autoFetch: { refresh: true } },
  { type: 'HasOne', key: 'keeper', relatedModel: 'Zoo.Keeper', keySource: 'keeper_id', keyDestination: 'keeper_attributes', createModels: false, parse: true },
  { type: HasMany, key: 'visitors', relatedModel: Animal, collectionOptions: (model) => ({ owner: model.id }) },
];
expectTypeOf(definitions).toBeArray();
const customType: RelationType = HasOne.extend({ custom: true });
expectTypeOf(new customType(null, { key: 'x' })).toMatchTypeOf<HasOne>();
// @ts-expect-error a misspelled option is an error, not silently ignored
const misspelled: RelationDefinition = { type: 'HasOne', key: 'owner', relatedModell: 'Person' };
// @ts-expect-error a relation type must be a relation type, or its name
const notAType: RelationDefinition = { type: Backbone.Model, key: 'owner' };
// @ts-expect-error includeInJSON takes a boolean, an attribute name or a list of names
const badInclude: RelationDefinition = { key: 'owner', includeInJSON: 1 };

// ---------------------------------------------------------------------------------------------
// Static methods return the calling class's instances.
class Zoo extends RelationalModel {
  name(): string {
    return this.get('name');
  }
}
Zoo.setup({ relations: definitions });
expectTypeOf(Zoo.setup()).toEqualTypeOf<typeof Zoo>();
expectTypeOf(Zoo.build({ name: 'Artis' })).toEqualTypeOf<Zoo>();
expectTypeOf(Zoo.findOrCreate({ id: 1, name: 'Artis' })).toEqualTypeOf<Zoo | null>();
expectTypeOf(Zoo.findOrCreate(1, { create: false, merge: false, parse: true })).toEqualTypeOf<Zoo | null>();
expectTypeOf(Zoo.find('z1')).toEqualTypeOf<Zoo | null>();
expectTypeOf(Zoo.findModel({ id: 1 })).toEqualTypeOf<RelationalModel | null>();
expectTypeOf(Animal.build({ species: 'Lion' })).toEqualTypeOf<Animal>();
const options: FindOrCreateOptions = { create: false, silent: true };
expectTypeOf(Zoo.findOrCreate({ id: 2 }, options)).toEqualTypeOf<Zoo | null>();
// The class itself is a model type, usable wherever one is expected.
const zooType: RelationalModelType<Zoo> = Zoo;
expectTypeOf(zooType.findOrCreate({ id: 3 })).toEqualTypeOf<Zoo | null>();
// findModel stays overridable (the manual's example).
class LookupZoo extends Zoo {
  static override findModel(attributes: Id | Record<string, unknown>): RelationalModel | null {
    return Relational.store.find(this, attributes) ?? Relational.store.getCollection(this).find((zoo) => zoo.get('name') === (attributes as Record<string, unknown>).name) ?? null;
  }
}
expectTypeOf(LookupZoo.findOrCreate({ name: 'Artis' })).toEqualTypeOf<LookupZoo | null>();

// ---------------------------------------------------------------------------------------------
// Instances: relations, lazy loading, set.
const zoo = new Zoo({ id: 1 });
expectTypeOf(zoo).toMatchTypeOf<Backbone.Model>();
expectTypeOf(zoo.getRelation('animals')).toEqualTypeOf<HasOne | HasMany | undefined>();
expectTypeOf(zoo.getRelations()).toEqualTypeOf<Array<HasOne | HasMany>>();
const relation = zoo.getRelation('animals');
if (relation instanceof HasMany) {
  expectTypeOf(relation).toEqualTypeOf<HasMany>();
  expectTypeOf(relation.related).toEqualTypeOf<Backbone.Collection<RelationalModel>>();
  expectTypeOf(relation.keyIds).toEqualTypeOf<Id[]>();
} else if (relation instanceof HasOne) {
  expectTypeOf(relation).toEqualTypeOf<HasOne>();
  expectTypeOf(relation.related).toEqualTypeOf<RelationalModel | null>();
  expectTypeOf(relation.keyId).toEqualTypeOf<Id | null>();
}
if (relation) {
  expectTypeOf(relation.key).toBeString();
  expectTypeOf(relation.instance).toEqualTypeOf<RelationalModel>();
  expectTypeOf(relation.relatedModel).toEqualTypeOf<RelationalModelType>();
  expectTypeOf(relation.options).toEqualTypeOf<RelationDefinition>();
  expectTypeOf(relation.reverseRelation).toEqualTypeOf<RelationDefinition>();
}
expectTypeOf(zoo.getIdsToFetch('animals', true)).toEqualTypeOf<Id[]>();
expectTypeOf(zoo.getAsync('animals')).toEqualTypeOf<PromiseLike<RelationalModel | Backbone.Collection<RelationalModel> | null>>();
expectTypeOf(zoo.getAsync<Backbone.Collection<Animal>>('animals', { refresh: true, url: '/animals' })).toEqualTypeOf<PromiseLike<Backbone.Collection<Animal>>>();
async function loadAnimals(): Promise<number> {
  const animals = await zoo.getAsync<AnimalCollection>('animals');
  return animals.length;
}
expectTypeOf(loadAnimals).returns.toEqualTypeOf<Promise<number>>();
expectTypeOf(zoo.set('name', 'Artis')).toEqualTypeOf<Zoo>();
expectTypeOf(zoo.set({ animals: [1, 2] }, { add: true, merge: false, remove: false })).toEqualTypeOf<Zoo>();
expectTypeOf(zoo.clone()).toEqualTypeOf<Zoo>();
expectTypeOf(zoo._relations).toEqualTypeOf<Record<string, Relation> | null>();

// ---------------------------------------------------------------------------------------------
// The store.
const store = Relational.store;
expectTypeOf(store).toEqualTypeOf<Store>();
expectTypeOf(new Store()).toEqualTypeOf<Store>();
expectTypeOf(store.find(Zoo, 1)).toEqualTypeOf<Zoo | null>();
expectTypeOf(store.find(Animal, { id: 2 })).toEqualTypeOf<Animal | null>();
expectTypeOf(store.getCollection(Zoo)).toEqualTypeOf<StoreCollection>();
expectTypeOf(store.getCollection(zoo, false)).toEqualTypeOf<StoreCollection | null>();
expectTypeOf(store.getCollection(Zoo).models).toEqualTypeOf<RelationalModel[]>();
expectTypeOf(store.getObjectByName('App.Zoo')).toEqualTypeOf<unknown>();
expectTypeOf(store.getObjectByName<typeof Zoo>('App.Zoo')).toEqualTypeOf<typeof Zoo | null>();
store.addModelScope({ Zoo, Animal });
store.removeModelScope(globalThis);
store.unregister(zoo);
store.unregister(Zoo);
store.unregister(new Backbone.Collection());
store.register(zoo);
store.update(zoo);
store.checkId(zoo, 5);
store.reset();
expectTypeOf(store._collections).toEqualTypeOf<StoreCollection[]>();
// @ts-expect-error only relational model types have a store collection
store.getCollection(Backbone.Model);

// ---------------------------------------------------------------------------------------------
// The event queue and the semaphore.
const queue = Relational.eventQueue;
expectTypeOf(queue.add).parameters.toEqualTypeOf<[() => void]>();
expectTypeOf(queue.isBlocked()).toBeBoolean();
queue.block();
queue.unblock();
queue.process();
expectTypeOf(new BlockingQueue()).toEqualTypeOf<BlockingQueue>();
expectTypeOf(new BlockingQueue().isLocked()).toBeBoolean();
expectTypeOf(Semaphore.acquire).toEqualTypeOf<() => void>();
expectTypeOf(Semaphore.setAvailablePermits).parameters.toEqualTypeOf<[number]>();
expectTypeOf(Semaphore._permitsUsed).toBeNumber();
// @ts-expect-error a queued function takes no arguments
queue.add((value: string) => value);
