// The manual's sub-model example, typed: a Mammal is either a Primate or a Carnivore, chosen by
// the `type` attribute of the data. `Mammal.build`, `findOrCreate` and `find` return the type
// they are called on; `instanceof` narrows to the sub-model, which has attributes of its own.
import type { RelationalModel, HasManyOf, HasOneOf } from 'backbone-relational-ts';
import type { BackboneWithRelational, Output } from './types.mjs';

interface AnimalAttributes {
  id?: number;
  species: string;
  name?: string;
}
interface MammalAttributes extends AnimalAttributes {
  type?: 'primate' | 'carnivore';
}
interface PrimateAttributes extends MammalAttributes {
  // Only primates have this one.
  canClimb?: boolean;
}
interface Animal extends RelationalModel<AnimalAttributes> {}
interface Mammal extends RelationalModel<MammalAttributes, { enclosure: HasOneOf<Enclosure> }> {}
interface Primate extends RelationalModel<PrimateAttributes, { enclosure: HasOneOf<Enclosure> }> {}
interface Carnivore extends Mammal {}
interface Enclosure extends RelationalModel<{ id?: number; name: string }, { mammals: HasManyOf<Mammal> }> {}

export function submodels(Backbone: BackboneWithRelational, out: Output): void {
  const models: Record<string, unknown> = {};
  Backbone.Relational.store.addModelScope(models);

  const Animal = Backbone.RelationalModel.extend<Animal>({
    urlRoot: '/animal/',
  });
  const Mammal = Animal.extend<Mammal>({
    subModelTypes: {
      primate: 'Primate',
      carnivore: 'Carnivore',
    },
  });
  const Primate = Mammal.extend<Primate>({});
  const Carnivore = Mammal.extend<Carnivore>({});
  class MammalCollection extends Backbone.Collection<Mammal> {}
  MammalCollection.prototype.model = Mammal;
  const Enclosure = Backbone.RelationalModel.extend<Enclosure>({
    relations: [{
      type: Backbone.HasMany,
      key: 'mammals',
      relatedModel: 'Mammal',
      reverseRelation: { key: 'enclosure', includeInJSON: 'name' },
    }],
  });
  Object.assign(models, { Animal, Mammal, Primate, Carnivore, MammalCollection, Enclosure });

  out.heading('build and findOrCreate return the type they are called on (typed)');

  const mammals = new MammalCollection([
    { id: 3, species: 'chimp', type: 'primate' },
    { id: 5, species: 'panther', type: 'carnivore' },
  ]);
  const chimp = mammals.get(3);
  out.line('chimp is a primate? ' + (chimp instanceof Primate) + ', a carnivore? ' + (chimp instanceof Carnivore));
  out.check(chimp instanceof Primate, 'the chimp is a Primate');

  const gorilla: Mammal = Mammal.build({ id: 7, species: 'gorilla', type: 'primate' });
  if (gorilla instanceof Primate) {
    // Narrowed: a Primate's own attributes are typed.
    gorilla.set('canClimb', true);
    out.line('the gorilla is a primate; canClimb: ' + gorilla.get('canClimb'));
  }
  out.check(gorilla instanceof Primate, 'build made a Primate');

  const panther: Mammal | null = Mammal.findOrCreate({ id: 5, name: 'Bagheera' });
  out.line('Mammal.findOrCreate({ id: 5, name: \'Bagheera\' }) is a carnivore? ' + (panther instanceof Carnivore) +
    ', name: ' + panther?.get('name'));
  const notAPrimate: Primate | null = Primate.find(5);
  out.line('Primate.find(5): ' + notAPrimate + ' (the panther is no primate)');

  out.heading('A relation to Mammal holds sub-model instances (typed)');

  const apeHouse = new Enclosure({
    name: 'Ape house',
    // Ids of existing models, and the data of a new one: its type picks the sub-model.
    mammals: [3, 7, { id: 8, species: 'orangutan', type: 'primate' }],
  });
  out.line('ape house: ' + apeHouse.get('mammals').map((m) => m.get('species') + (m instanceof Primate ? ' (Primate)' : '')).join(', '));
  out.line('chimp.get(\'enclosure\').get(\'name\'): ' + chimp?.get('enclosure')?.get('name'));
  out.check(apeHouse.get('mammals').at(0) === chimp, 'the enclosure holds the very chimp instance');

  Backbone.Relational.store.removeModelScope(models);
}
