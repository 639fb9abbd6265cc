// Typed models (docs/typescript.md, "Typed attributes and relations"): a model type that opts in
// with `RelationalModel<Attributes, Relations>` gets typed `get`, `set`, `getAsync` and
// `getRelation`, and misspelt keys do not compile. Checked in strict mode against the built
// declarations; nothing here runs. No casts.
import Backbone from 'backbone';
import { expectTypeOf } from 'expect-type';
import Relational, {
  RelationalModel, HasMany, HasOne, type HasManyOf, type HasOneOf, type Id,
} from 'backbone-relational-ts';

// ---------------------------------------------------------------------------------------------
// ES classes and `setup`. The relations map of each type names every relation its models have:
// Zoo declares `animals`; `livesIn` is the reverse relation Zoo's definition creates on Animal,
// stated on Animal's side.
interface AnimalAttributes {
  id?: string;
  species: string;
  age?: number;
}
interface ZooAttributes {
  id?: number;
  name: string;
  city?: string;
}

class Animal extends RelationalModel<AnimalAttributes, { livesIn: HasOneOf<Zoo> }> {
  static {
    this.setup({ urlRoot: '/animal/' });
  }
  // `this.get` is typed inside the class too.
  describe(): string {
    const zoo = this.get('livesIn');
    return zoo ? `${this.get('species')} in ${zoo.get('name')}` : this.get('species');
  }
}
class AnimalCollection extends Backbone.Collection<Animal> {
  species(): string[] {
    return this.map((animal) => animal.get('species'));
  }
}
class Zoo extends RelationalModel<ZooAttributes, { animals: HasManyOf<Animal, AnimalCollection> }> {
  static {
    this.setup({
      relations: [{
        type: HasMany,
        key: 'animals',
        relatedModel: Animal,
        collectionType: AnimalCollection,
        reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
      }],
    });
  }
}

const artis = new Zoo({ id: 1, name: 'Artis', animals: [{ id: 'lion', species: 'Lion' }] });
const lion = new Animal({ id: 'lion', species: 'Lion', livesIn: artis });

// get: attributes and relation values.
expectTypeOf(artis.get('animals')).toEqualTypeOf<AnimalCollection>();
expectTypeOf(artis.get('animals').species()).toEqualTypeOf<string[]>();
expectTypeOf(artis.get('animals').at(0)).toEqualTypeOf<Animal>();
expectTypeOf(artis.get('name')).toEqualTypeOf<string>();
expectTypeOf(artis.get('city')).toEqualTypeOf<string | undefined>();
expectTypeOf(lion.get('livesIn')).toEqualTypeOf<Zoo | null>();
expectTypeOf(lion.get('age')).toEqualTypeOf<number | undefined>();
expectTypeOf(lion.get('livesIn')?.get('animals')).toEqualTypeOf<AnimalCollection | undefined>();
expectTypeOf(lion.attributes.species).toEqualTypeOf<string | undefined>();
expectTypeOf(lion.attributes.livesIn).toEqualTypeOf<Zoo | null | undefined>();
expectTypeOf(artis.previous('name')).toEqualTypeOf<string | null | undefined>();
// @ts-expect-error misspelt attribute
artis.get('nmae');
// @ts-expect-error misspelt relation
artis.get('animal');
// @ts-expect-error a key of the other side
artis.get('livesIn');
// @ts-expect-error misspelt key
lion.has('specie');
// @ts-expect-error misspelt key
lion.unset('livesin');
// @ts-expect-error misspelt key
lion.escape('speces');
// @ts-expect-error misspelt key
lion.previous('speces');

// getAsync: the related value, after fetching.
expectTypeOf(artis.getAsync('animals')).toEqualTypeOf<PromiseLike<AnimalCollection>>();
expectTypeOf(lion.getAsync('livesIn', { refresh: true })).toEqualTypeOf<PromiseLike<Zoo | null>>();
async function countAnimals(zoo: Zoo): Promise<number> {
  const animals = await zoo.getAsync('animals');
  return animals.length;
}
expectTypeOf(countAnimals).returns.toEqualTypeOf<Promise<number>>();
// @ts-expect-error not a relation
artis.getAsync('name');
// @ts-expect-error misspelt relation
artis.getAsync('animal');

// getRelation: the relation the map names, a HasMany / HasOne with typed members.
expectTypeOf(artis.getRelation('animals')).toEqualTypeOf<HasManyOf<Animal, AnimalCollection>>();
expectTypeOf(artis.getRelation('animals')).toMatchTypeOf<HasMany>();
expectTypeOf(artis.getRelation('animals').related).toEqualTypeOf<AnimalCollection>();
expectTypeOf(artis.getRelation('animals').keyIds).toEqualTypeOf<Id[]>();
expectTypeOf(artis.getRelation('animals').relatedModel.findOrCreate(1)).toEqualTypeOf<Animal | null>();
expectTypeOf(lion.getRelation('livesIn')).toEqualTypeOf<HasOneOf<Zoo>>();
expectTypeOf(lion.getRelation('livesIn')).toMatchTypeOf<HasOne>();
expectTypeOf(lion.getRelation('livesIn').related).toEqualTypeOf<Zoo | null>();
expectTypeOf(artis.getIdsToFetch('animals')).toEqualTypeOf<Id[]>();
// @ts-expect-error not a relation
artis.getRelation('name');
// @ts-expect-error misspelt relation
lion.getRelation('lives_in');
// @ts-expect-error misspelt relation
lion.getIdsToFetch('lives_in');

// set: each key takes what the library accepts for it.
artis.set('name', 'Artis Royal Zoo');
artis.set('animals', [lion, 'tiger', { id: 'bear', species: 'Bear', livesIn: 1 }]);
artis.set('animals', new AnimalCollection([lion]));
artis.set('animals', new Backbone.Collection<Animal>());
artis.set('animals', lion);
artis.set('animals', 'lion');
artis.set('animals', null);
artis.set('animals', [1, 2] as const);
lion.set('livesIn', artis);
lion.set('livesIn', 2);
lion.set('livesIn', { id: 3, name: 'Blijdorp', animals: ['lion'] });
lion.set('livesIn', null);
lion.set({ species: 'Lion', livesIn: 1 }, { silent: true });
artis.set({ animals: [{ species: 'Tiger' }] }, { add: true, merge: false, remove: false });
expectTypeOf(artis.set('name', 'Artis')).toEqualTypeOf<Zoo>();
expectTypeOf(lion.set({ age: 4 })).toEqualTypeOf<Animal>();
// @ts-expect-error an attribute of the wrong type
artis.set('name', 42);
// @ts-expect-error a misspelt key
artis.set('nmae', 'Artis');
// @ts-expect-error a misspelt key in an attributes object
artis.set({ nmae: 'Artis' });
// @ts-expect-error a HasOne takes one model, not a list
lion.set('livesIn', [artis]);
// @ts-expect-error a model of another type
lion.set('livesIn', lion);
// @ts-expect-error a model of another type in a HasMany
artis.set('animals', [artis]);
// @ts-expect-error nested attributes are checked too
artis.set('animals', [{ specie: 'Tiger' }]);
// @ts-expect-error nested attributes are checked too
lion.set('livesIn', { name: 7 });
// @ts-expect-error a collection of other models
artis.set('animals', new Backbone.Collection<Zoo>());

// The constructor takes the same shapes.
new Zoo({ name: 'Blijdorp', animals: [lion, 'tiger', { species: 'Bear' }] });
new Zoo();
new Zoo(null, { parse: true });
new Animal({ species: 'Zebra', livesIn: { id: 4, name: 'Emmen' } });
// @ts-expect-error a misspelt attribute
new Zoo({ nmae: 'Blijdorp' });
// @ts-expect-error a wrong value for a relation
new Animal({ species: 'Zebra', livesIn: [artis] });

// Statics return the type they are called on.
expectTypeOf(Zoo.findOrCreate(1)).toEqualTypeOf<Zoo | null>();
expectTypeOf(Zoo.find({ id: 1 })).toEqualTypeOf<Zoo | null>();
expectTypeOf(Zoo.build({ name: 'Artis' })).toEqualTypeOf<Zoo>();
expectTypeOf(Animal.findOrCreate('lion')!.get('livesIn')).toEqualTypeOf<Zoo | null>();
expectTypeOf(Relational.store.find(Zoo, 1)).toEqualTypeOf<Zoo | null>();
expectTypeOf(Zoo.setup()).toEqualTypeOf<typeof Zoo>();

// A typed model is a RelationalModel and a Backbone.Model, wherever one is expected.
expectTypeOf(artis).toMatchTypeOf<RelationalModel>();
expectTypeOf(artis).toMatchTypeOf<Backbone.Model>();
expectTypeOf(lion.describe()).toBeString();
Relational.store.register(artis);
Relational.store.unregister(Animal);
const anyModel: RelationalModel = lion;
expectTypeOf(anyModel.get('whatever')).toBeAny();

// ---------------------------------------------------------------------------------------------
// The definitions given to `setup` (and `extend`) are checked against the relations map.
class Checked extends RelationalModel<{ name: string }, { animals: HasManyOf<Animal, AnimalCollection>; zoo: HasOneOf<Zoo> }> {}
Checked.setup({
  relations: [
    { type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: 'AnimalCollection' },
    { type: HasOne, key: 'zoo', relatedModel: () => Zoo, includeInJSON: 'id' },
  ],
  defaults: { name: 'unnamed' },
});
// @ts-expect-error a key the map does not name
Checked.setup({ relations: [{ type: HasOne, key: 'zooo', relatedModel: Zoo }] });
// @ts-expect-error the map says HasOne
Checked.setup({ relations: [{ type: HasMany, key: 'zoo', relatedModel: Zoo }] });
// @ts-expect-error the map says HasOne
Checked.setup({ relations: [{ type: 'HasMany', key: 'zoo', relatedModel: Zoo }] });
// @ts-expect-error the map says the related models are Zoos
Checked.setup({ relations: [{ type: HasOne, key: 'zoo', relatedModel: Animal }] });
// @ts-expect-error the map names a collection type of its own, which the definition must give
Checked.setup({ relations: [{ type: HasMany, key: 'animals', relatedModel: Animal }] });
// @ts-expect-error a collection type of other models
Checked.setup({ relations: [{ type: HasMany, key: 'animals', relatedModel: Animal, collectionType: Backbone.Collection }] });
// @ts-expect-error the reverse relation must be one Animal states
Checked.setup({ relations: [{ type: HasMany, key: 'animals', relatedModel: Animal, collectionType: AnimalCollection, reverseRelation: { key: 'livesin' } }] });
// @ts-expect-error a misspelt option is still an error
Checked.setup({ relations: [{ type: HasOne, key: 'zoo', relatedModel: Zoo, includeInJson: 'id' }] });
// @ts-expect-error defaults are attributes
Checked.setup({ defaults: { name: 1 } });

// ---------------------------------------------------------------------------------------------
// `extend`: the instance types are declared first (interfaces or types extending
// `RelationalModel<Attributes, Relations>`, which may refer to each other), then
// `RelationalModel.extend<House>({...})` makes the type.
interface House extends RelationalModel<{ id?: string; location: string }, { occupants: HasManyOf<Person, PersonCollection> }> {
  describe(): string;
}
interface Person extends RelationalModel<{ id?: string; name: string }, { user: HasOneOf<User>; livesIn: HasOneOf<House> }> {}
interface User extends RelationalModel<{ id?: string; login: string; email?: string }, { person: HasOneOf<Person> }> {}
class PersonCollection extends Backbone.Collection<Person> {
  names(): string[] {
    return this.map((person) => person.get('name'));
  }
}

const House = RelationalModel.extend<House>({
  relations: [{
    type: HasMany,
    key: 'occupants',
    relatedModel: 'Person',
    collectionType: 'PersonCollection',
    reverseRelation: { key: 'livesIn' },
  }],
  describe(): string {
    // `this` is a House.
    return `${this.get('location')}: ${this.get('occupants').names().join(', ')}`;
  },
});
const Person = RelationalModel.extend<Person>({
  relations: [{ type: HasOne, key: 'user', relatedModel: 'User', reverseRelation: { type: HasOne, key: 'person' } }],
});
const User = RelationalModel.extend<User>({ urlRoot: '/user/' });
Relational.store.addModelScope({ House, Person, User, PersonCollection });

const paul = new Person({ id: 'person-1', name: 'Paul', user: { id: 'user-1', login: 'dude' } });
const ourHouse = new House({ id: 'house-1', location: 'in the middle of the street', occupants: ['person-1', 'person-2'] });
expectTypeOf(paul.get('user')).toEqualTypeOf<User | null>();
expectTypeOf(paul.get('user')!.get('login')).toEqualTypeOf<string>();
expectTypeOf(paul.get('livesIn')).toEqualTypeOf<House | null>();
expectTypeOf(paul.get('livesIn')!.describe()).toEqualTypeOf<string>();
expectTypeOf(ourHouse.get('occupants')).toEqualTypeOf<PersonCollection>();
expectTypeOf(ourHouse.getAsync('occupants')).toEqualTypeOf<PromiseLike<PersonCollection>>();
expectTypeOf(ourHouse.getRelation('occupants')).toEqualTypeOf<HasManyOf<Person, PersonCollection>>();
expectTypeOf(new House()).toEqualTypeOf<House>();
expectTypeOf(House.findOrCreate('house-1')).toEqualTypeOf<House | null>();
expectTypeOf(House.find({ id: 'house-1' })).toEqualTypeOf<House | null>();
expectTypeOf(House.build({ location: 'elsewhere' })).toEqualTypeOf<House>();
expectTypeOf(Relational.store.find(User, 'user-1')).toEqualTypeOf<User | null>();
paul.set({ livesIn: ourHouse, user: null });
// @ts-expect-error a misspelt key
paul.get('usr');
// @ts-expect-error a misspelt attribute in the constructor
new User({ logn: 'dude' });
// @ts-expect-error the relation definitions are checked
RelationalModel.extend<Person>({ relations: [{ type: HasMany, key: 'user', relatedModel: 'User' }] });
// @ts-expect-error the relation definitions are checked
RelationalModel.extend<Person>({ relations: [{ type: HasOne, key: 'usr', relatedModel: 'User' }] });
// @ts-expect-error the relation definitions are checked
RelationalModel.extend<House>({ relations: [{ type: HasMany, key: 'occupants', relatedModel: User, collectionType: PersonCollection }] });

// A sub-type made by `extend` keeps its parent's typing; `extend<Sub>` declares a new one.
const Mansion = House.extend({ rooms: 20 });
expectTypeOf(Mansion.build().get('occupants')).toEqualTypeOf<PersonCollection>();
expectTypeOf(Mansion.build().rooms).toEqualTypeOf<number>();
interface Castle extends RelationalModel<{ id?: string; location: string; moat: boolean }, { occupants: HasManyOf<Person, PersonCollection> }> {}
const Castle = House.extend<Castle>({});
expectTypeOf(Castle.build().get('moat')).toEqualTypeOf<boolean>();

// ---------------------------------------------------------------------------------------------
// Sub-models: a sub-type inherits its parent's typing; a generic parent lets sub-types add
// attributes and relations.
interface MammalAttributes extends AnimalAttributes {
  type?: 'primate' | 'carnivore';
}
interface PrimateAttributes extends MammalAttributes {
  canClimb: boolean;
}
class Keeper extends RelationalModel<{ name: string }, { primates: HasManyOf<Primate> }> {}
Keeper.setup();
class Mammal<A extends MammalAttributes = MammalAttributes, R extends { livesIn: HasOneOf<Zoo> } = { livesIn: HasOneOf<Zoo> }>
  extends RelationalModel<A, R> {}
Mammal.setup({ subModelTypes: { primate: 'Primate', carnivore: 'Carnivore' } });
class Primate extends Mammal<PrimateAttributes, { livesIn: HasOneOf<Zoo>; keeper: HasOneOf<Keeper> }> {}
Primate.setup({
  relations: [{ type: HasOne, key: 'keeper', relatedModel: Keeper, reverseRelation: { key: 'primates' } }],
});
class Carnivore extends Mammal {}
Carnivore.setup();
Relational.store.addModelScope({ Primate, Carnivore });

expectTypeOf(Mammal.build({ species: 'chimp', type: 'primate' })).toEqualTypeOf<Mammal>();
expectTypeOf(Mammal.build({ species: 'chimp', type: 'primate' }).get('type')).toEqualTypeOf<'primate' | 'carnivore' | undefined>();
expectTypeOf(Primate.findOrCreate({ id: 'chimp' })).toEqualTypeOf<Primate | null>();
expectTypeOf(Primate.find('chimp')).toEqualTypeOf<Primate | null>();
expectTypeOf(Carnivore.build()).toEqualTypeOf<Carnivore>();
const chimp = Primate.build({ id: 'chimp', species: 'Chimpanzee', canClimb: true, keeper: { name: 'Jane' } });
expectTypeOf(chimp.get('canClimb')).toEqualTypeOf<boolean>();
expectTypeOf(chimp.get('keeper')).toEqualTypeOf<Keeper | null>();
expectTypeOf(chimp.get('livesIn')).toEqualTypeOf<Zoo | null>();
expectTypeOf(chimp.get('keeper')!.get('primates')).toEqualTypeOf<Backbone.Collection<Primate>>();
expectTypeOf(chimp).toMatchTypeOf<Mammal>();
// @ts-expect-error Carnivores have no keeper relation
Carnivore.build().get('keeper');

// ---------------------------------------------------------------------------------------------
// Models that do not opt in keep Backbone's `any`.
class Plain extends RelationalModel {}
Plain.setup();
const plain = new Plain({ anything: 1 });
expectTypeOf(plain.get('anything')).toBeAny();
expectTypeOf(plain.getRelation('anything')).toEqualTypeOf<HasOne | HasMany | undefined>();
expectTypeOf(plain.getAsync('anything')).toEqualTypeOf<PromiseLike<RelationalModel | Backbone.Collection<RelationalModel> | null>>();
expectTypeOf(plain.set('anything', { at: 'all' })).toEqualTypeOf<Plain>();
const PlainExtended = RelationalModel.extend({ urlRoot: '/plain/' });
expectTypeOf(new PlainExtended().get('x')).toBeAny();
expectTypeOf(RelationalModel.build().get('x')).toBeAny();

// A model with a single key (TypeScript would infer nothing from a key that is the whole key type).
declare const login: RelationalModel<{ login: string }>;
expectTypeOf(login.get('login')).toEqualTypeOf<string>();
expectTypeOf(login.previous('login')).toEqualTypeOf<string | null | undefined>();
// @ts-expect-error a misspelt key
login.get('logn');
declare const onlyRelation: RelationalModel<{}, { animals: HasManyOf<Animal> }>;
expectTypeOf(onlyRelation.get('animals')).toEqualTypeOf<Backbone.Collection<Animal>>();
declare const someKey: 'name' | 'city';
expectTypeOf(artis.get(someKey)).toEqualTypeOf<string | undefined>();
declare const someBadKey: 'name' | 'nmae';
// @ts-expect-error one of the keys is misspelt
artis.get(someBadKey);
