// The ES-class patterns docs/typescript.md recommends, compiled in strict mode with
// `useDefineForClassFields: true` (what `target: ES2022` and later default to).
import Backbone from 'backbone';
import { expectTypeOf } from 'expect-type';
import Relational, { RelationalModel, HasMany, HasOne, type RelationDefinition } from 'backbone-relational-ts';

// 1. Recommended: `setup({...})` in a static block; prototype properties as `extend` takes them.
export class Animal extends RelationalModel {
  static {
    this.setup({ urlRoot: '/animal/', idAttribute: 'id' });
  }
  species(): string {
    return this.get('species');
  }
}

export class Zoo extends RelationalModel {
  static {
    this.setup({
      relations: [{
        type: HasMany,
        key: 'animals',
        relatedModel: Animal,
        reverseRelation: { key: 'livesIn', includeInJSON: 'id' },
      }],
    });
  }
  animals(): Backbone.Collection<Animal> {
    return this.get('animals');
  }
}
const zoo = new Zoo({ id: 1, animals: [{ id: 'lion' }] });
expectTypeOf(zoo.animals()).toEqualTypeOf<Backbone.Collection<Animal>>();
expectTypeOf(Zoo.findOrCreate(1)).toEqualTypeOf<Zoo | null>();
expectTypeOf(Animal.build({ species: 'Lion' }).species()).toBeString();

// 2. The same without static blocks (older targets, CoffeeScript-style): after the class.
export class Keeper extends RelationalModel {}
Keeper.setup({
  relations: [{ type: HasOne, key: 'zoo', relatedModel: Zoo, includeInJSON: Backbone.Model.prototype.idAttribute }],
});

// 3. Works with every version of this library and with backbone-relational 0.10.0 itself:
//    assign to the prototype (typed by RelationalModel's `relations` declaration), then setup().
export class Mammal extends Animal {}
Mammal.prototype.subModelTypes = { primate: 'Primate' };
Mammal.setup();
export class Primate extends Mammal {}
Primate.prototype.relations = [{ type: 'HasOne', key: 'keeper', relatedModel: Keeper }];
Primate.setup();
Relational.store.addModelScope({ Primate });
expectTypeOf(Mammal.build({ type: 'primate' })).toEqualTypeOf<Mammal>();

// A shared list of definitions is typed as RelationDefinition[].
const shared: RelationDefinition[] = [{ type: HasMany, key: 'visitors', relatedModel: Animal }];
export class Park extends RelationalModel {
  static {
    this.setup({ relations: shared });
  }
}

// Not shown: `relations = [...]` as a class field. It compiles, but is set after Backbone's
// constructor has built the relations, so it is ignored (docs/typescript.md).
