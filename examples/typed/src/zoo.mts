// The manual's first example, typed: a Zoo has many Animals, an Animal `livesIn` one Zoo. The
// model types are declared first, as interfaces: their attributes, and the relations each side
// has (Zoo declares `animals`; Animal states `livesIn`, the reverse relation Zoo's definition
// creates). `RelationalModel.extend<Zoo>({...})` then makes the type, its definitions checked
// against that statement. Names in the definitions ('Animal', 'AnimalCollection') resolve on a
// model scope, as in the manual.
import type Backbone from 'backbone';
import type { RelationalModel, HasManyOf, HasOneOf } from 'backbone-relational-ts';
import type { BackboneWithRelational, Output } from './types.mjs';

interface ZooAttributes {
  id?: string;
  name: string;
}
interface AnimalAttributes {
  id?: string;
  species: string;
}
interface Zoo extends RelationalModel<ZooAttributes, { animals: HasManyOf<Animal, AnimalCollection> }> {}
interface Animal extends RelationalModel<AnimalAttributes, { livesIn: HasOneOf<Zoo> }> {}
interface AnimalCollection extends Backbone.Collection<Animal> {}

// The confused Farm: its relation reads `livestock` (keySource) and writes `pets`
// (keyDestination), but lives under `animals`. `livestock` is only where the data arrives (it is
// removed once the relation has taken it), so it is an optional attribute of its own.
interface FarmAttributes {
  name: string;
  livestock?: Array<Partial<AnimalAttributes>>;
}
interface Farm extends RelationalModel<FarmAttributes, { animals: HasManyOf<FarmAnimal> }> {}
interface FarmAnimal extends RelationalModel<AnimalAttributes, { farm: HasOneOf<Farm> }> {}

export function zoo(Backbone: BackboneWithRelational, out: Output): void {
  const models: Record<string, unknown> = {};
  Backbone.Relational.store.addModelScope(models);

  const Zoo = Backbone.RelationalModel.extend<Zoo>({
    relations: [{
      type: Backbone.HasMany,
      key: 'animals',
      relatedModel: 'Animal',
      collectionType: 'AnimalCollection',
      reverseRelation: {
        key: 'livesIn',
        includeInJSON: 'id',
        // 'relatedModel' is automatically set to 'Zoo'; the 'relationType' to 'HasOne'.
      },
    }],
  });
  const Animal = Backbone.RelationalModel.extend<Animal>({
    urlRoot: '/animal/',
  });
  // The collection type the HasMany uses (by name, below): a typed Backbone collection.
  class AnimalCollection extends Backbone.Collection<Animal> {}
  AnimalCollection.prototype.model = Animal;
  Object.assign(models, { Zoo, Animal, AnimalCollection });

  out.heading('A lion moves from Artis to Amersfoort (typed)');

  const artis = new Zoo({ name: 'Artis' });
  const lion = new Animal({ species: 'Lion', livesIn: artis });

  // `artis.get('animals')` is an AnimalCollection, `lion.get('livesIn')` a `Zoo | null`.
  const artisAnimals: AnimalCollection = artis.get('animals');
  out.line('artis animals: ' + artisAnimals.pluck('species'));
  out.check(artisAnimals.at(0) === lion, 'artis.animals contains the lion');
  out.line('artis.get(\'animals\') is an AnimalCollection: ' + (artisAnimals instanceof AnimalCollection));

  const amersfoort = new Zoo({ name: 'Dierenpark Amersfoort', animals: [lion] });
  const home: Zoo | null = lion.get('livesIn');
  out.line('lion livesIn: ' + (home ? home.get('name') : 'nowhere') + ', artis animals: ' + artis.get('animals').length);
  out.check(home === amersfoort, 'the lion lives in Amersfoort');
  out.check(artis.get('animals').length === 0, 'Artis has no animals left');
  out.line('amersfoort animals: ' + amersfoort.get('animals').pluck('species'));

  out.heading('keySource and keyDestination: the confused Farm (typed)');

  const FarmAnimal = Animal.extend<FarmAnimal>({});
  const Farm = Backbone.RelationalModel.extend<Farm>({
    relations: [{
      type: Backbone.HasMany,
      key: 'animals',
      keySource: 'livestock',
      keyDestination: 'pets',
      relatedModel: FarmAnimal,
      reverseRelation: {
        key: 'farm',
        includeInJSON: 'name',
      },
    }],
  });

  // Create a `Farm`; parse `species`, add to `animals`, output goes to `pets`.
  const farm = new Farm({ name: 'Old MacDonald', livestock: [{ species: 'Sheep' }] });
  farm.get('animals').add({ species: 'Cow' });
  out.line('farm animals: ' + farm.get('animals').pluck('species'));
  out.line('farm.toJSON():');
  const json = farm.toJSON();
  out.json(json);
  out.check(!('livestock' in json) && !('animals' in json) && json.pets.length === 2, 'the relation is written to `pets` only');
  out.check(json.pets[1].farm === 'Old MacDonald', 'the reverse relation is written as the farm\'s name');

  Backbone.Relational.store.removeModelScope(models);
}
