// CommonJS: `require('backbone-relational-ts')` is the Backbone.Relational namespace.
import Backbone = require('backbone');
import Relational = require('backbone-relational-ts');
import { expectTypeOf } from 'expect-type';

class Animal extends Relational.Model {}
Animal.setup();
const Zoo = Relational.Model.extend({
  relations: [{ type: Relational.HasMany, key: 'animals', relatedModel: Animal, reverseRelation: { key: 'livesIn' } }],
});
const zoo = new Zoo({ id: 1 });
expectTypeOf(zoo).toMatchTypeOf<Relational.Model>();
expectTypeOf(zoo).toMatchTypeOf<Backbone.Model>();
expectTypeOf(zoo.getRelation('animals')).toEqualTypeOf<Relational.HasOne | Relational.HasMany | undefined>();
expectTypeOf(Animal.findOrCreate(1)).toEqualTypeOf<Animal | null>();
expectTypeOf(Relational.store).toEqualTypeOf<Relational.Store>();
expectTypeOf(Relational.store.find(Animal, 1)).toEqualTypeOf<Animal | null>();
expectTypeOf(Relational.eventQueue).toEqualTypeOf<Relational.BlockingQueue>();
expectTypeOf(Relational.showWarnings).toBeBoolean();
const definition: Relational.RelationDefinition = { type: 'HasOne', key: 'keeper', relatedModel: 'Keeper' };
expectTypeOf(definition).toMatchTypeOf<Relational.RelationDefinition>();
expectTypeOf(Backbone.Relational.store).toEqualTypeOf<typeof Relational.store>();
expectTypeOf(Backbone.Relational.Model).toEqualTypeOf<typeof Relational.Model>();
// `RelationalModel` is an ES export only; CommonJS code uses `.Model` (or Backbone.RelationalModel).
// @ts-expect-error not a property of the namespace object
Relational.RelationalModel;
