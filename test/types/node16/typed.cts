// Typed models from CommonJS (`require`): the namespace's Model takes the type arguments too.
import Backbone = require('backbone');
import Relational = require('backbone-relational-ts');
import { expectTypeOf } from 'expect-type';

class Animal extends Relational.Model<{ species: string }, { livesIn: Relational.HasOneOf<Zoo> }> {}
Animal.setup();
class Zoo extends Relational.Model<{ name: string }, { animals: Relational.HasManyOf<Animal> }> {}
Zoo.setup({ relations: [{ type: Relational.HasMany, key: 'animals', relatedModel: Animal, reverseRelation: { key: 'livesIn' } }] });
const zoo = new Zoo({ name: 'Artis', animals: [{ species: 'Lion' }] });
expectTypeOf(zoo.get('animals')).toEqualTypeOf<Backbone.Collection<Animal>>();
expectTypeOf(zoo.get('animals').at(0).get('livesIn')).toEqualTypeOf<Zoo | null>();
expectTypeOf(Zoo.findOrCreate(1)).toEqualTypeOf<Zoo | null>();
// @ts-expect-error a misspelt key
zoo.get('nmae');
interface User extends Relational.Model<{ login: string }> {}
const User = Relational.Model.extend<User>({});
expectTypeOf(new User({ login: 'dude' }).get('login')).toEqualTypeOf<string>();
