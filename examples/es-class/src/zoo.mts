// ES classes (and TypeScript) with backbone-relational: `class Animal extends
// Backbone.RelationalModel`, relations on the prototype, and `setup()`.
//
// `extend` sets a type up for you; `class ... extends` does not call it, so each class calls
// `setup()` itself, as the manual says for CoffeeScript. Prototype properties (`relations`,
// `subModelTypes`, `urlRoot`) go on the prototype, as `extend` would put them: a class field
// would be an instance property, set only after the constructor has already built the
// relations.
import type { BackboneWithRelational, Example, Output } from './types.mjs';

function run(Backbone: BackboneWithRelational, _: unknown, $: unknown, out: Output): void {
  class Animal extends Backbone.RelationalModel {
    get species(): string {
      return this.get('species');
    }

    describe(): string {
      const zoo = this.get('livesIn');
      return zoo instanceof Zoo ? `${this.species} in ${zoo.name}` : `${this.species} (no zoo)`;
    }
  }
  Animal.prototype.urlRoot = '/animal/';
  Animal.setup();

  class Zoo extends Backbone.RelationalModel {
    get name(): string {
      return this.get('name');
    }

    get animals(): Backbone.Collection<Animal> {
      return this.get('animals');
    }
  }
  Zoo.prototype.relations = [{
    type: Backbone.HasMany,
    key: 'animals',
    relatedModel: Animal,
    reverseRelation: {
      key: 'livesIn',
      includeInJSON: 'id',
    },
  }];
  Zoo.setup();

  out.heading('class Zoo extends Backbone.RelationalModel');

  const artis = new Zoo({ id: 'artis', name: 'Artis' });
  const lion = new Animal({ id: 'lion', species: 'Lion', livesIn: artis });
  out.line('artis animals: ' + artis.animals.pluck('species').join(', '));
  out.line('lion.describe(): ' + lion.describe());

  const amersfoort = new Zoo({ id: 'amersfoort', name: 'Dierenpark Amersfoort', animals: [lion] });
  out.line('lion.describe(): ' + lion.describe() + ', artis animals: ' + artis.animals.length);
  out.line('lion.toJSON(): ' + JSON.stringify(lion.toJSON()));
  out.check(lion.get('livesIn') === amersfoort && artis.animals.length === 0, 'the lion moved to Amersfoort');

  out.heading('Sub-models with classes: Mammal, Primate, Carnivore');

  class Mammal extends Animal {}
  class Primate extends Mammal {
    climb(): string {
      return `${this.species} climbs`;
    }
  }
  class Carnivore extends Mammal {}
  Mammal.prototype.subModelTypes = {
    primate: Primate,
    carnivore: Carnivore,
  };
  Mammal.setup();
  Primate.setup();
  Carnivore.setup();

  const chimp = Mammal.build({ id: 3, species: 'chimp', type: 'primate' });
  out.line('chimp is an animal? ' + (chimp instanceof Animal));
  out.line('chimp is a carnivore? ' + (chimp instanceof Carnivore));
  out.line('chimp is a primate? ' + (chimp instanceof Primate));
  if (chimp instanceof Primate) out.line('chimp.climb(): ' + chimp.climb());
  out.check(chimp instanceof Primate, 'Mammal.build made a Primate');

  const found = Mammal.findOrCreate({ id: 3, name: 'Cheeta' });
  out.line('Mammal.findOrCreate({ id: 3, name: \'Cheeta\' }) === chimp: ' + (found === chimp) +
    ', name: ' + chimp.get('name'));

  // Mammal extends Animal, so it has Animal's relations too: the chimp can live in a zoo.
  chimp.set('livesIn', artis);
  if (chimp instanceof Animal) out.line('chimp.describe(): ' + chimp.describe());
  out.line('artis animals: ' + artis.animals.pluck('species').join(', '));
  out.check(artis.animals.at(0) === chimp, 'the chimp lives in Artis');
}

export const example: Example = {
  title: 'ES classes and TypeScript: Animal.setup()',
  run,
};
