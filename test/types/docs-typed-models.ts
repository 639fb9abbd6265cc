// The snippets of docs/typescript.md, "Typed attributes and relations", as written there
// (the sub-model one, which is not in typed-models.ts in this form).
import { expectTypeOf } from 'expect-type';
import { RelationalModel, HasMany, HasOne, type HasManyOf, type HasOneOf } from 'backbone-relational-ts';

interface AnimalAttributes { id?: string; species: string }
interface ZooAttributes { id?: number; name: string }
class Animal extends RelationalModel<AnimalAttributes, { livesIn: HasOneOf<Zoo> }> {}
Animal.setup();
class Zoo extends RelationalModel<ZooAttributes, { animals: HasManyOf<Animal> }> {}
Zoo.setup({ relations: [{ type: HasMany, key: 'animals', relatedModel: Animal, reverseRelation: { key: 'livesIn' } }] });
class Keeper extends RelationalModel<{ name: string }, { primates: HasManyOf<Primate> }> {}
Keeper.setup();

interface MammalAttributes extends AnimalAttributes { type?: 'primate' | 'carnivore' }
interface PrimateAttributes extends MammalAttributes { canClimb: boolean }
type MammalRelations = { livesIn: HasOneOf<Zoo> };

class Mammal<A extends MammalAttributes = MammalAttributes, R extends MammalRelations = MammalRelations>
  extends RelationalModel<A, R> {}
Mammal.setup({ subModelTypes: { primate: 'Primate', carnivore: 'Carnivore' } });
class Primate extends Mammal<PrimateAttributes, MammalRelations & { keeper: HasOneOf<Keeper> }> {}
Primate.setup({ relations: [{ type: HasOne, key: 'keeper', relatedModel: Keeper, reverseRelation: { key: 'primates' } }] });
class Carnivore extends Mammal {}
Carnivore.setup();

expectTypeOf(Primate.build({ species: 'chimp', canClimb: true }).get('canClimb')).toEqualTypeOf<boolean>();
expectTypeOf(Primate.build().get('keeper')).toEqualTypeOf<Keeper | null>();
expectTypeOf(Mammal.build({ species: 'chimp', type: 'primate' })).toEqualTypeOf<Mammal>();
expectTypeOf(new Zoo().get('animals').at(0).get('livesIn')).toEqualTypeOf<Zoo | null>();
// @ts-expect-error Carnivores have no keeper
Carnivore.build().get('keeper');
