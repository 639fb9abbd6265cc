// Paths and event bubbling (opt-in): where they can be turned on, and their types.
// Checked by `tsc --noEmit -p test/types` (strict); nothing here runs.
import { expectTypeOf } from 'expect-type';
import Relational, { RelationalModel, HasMany, HasOne, type HasManyOf, type RelationalModelProps, type RelationDefinition } from 'backbone-relational-ts';

// The switches on the namespace (the module's default export), typed.
expectTypeOf(Relational.paths).toEqualTypeOf<boolean>();
expectTypeOf(Relational.pathSeparator).toEqualTypeOf<string>();
expectTypeOf(Relational.bubbleEvents).toEqualTypeOf<boolean>();
expectTypeOf(Relational.bubbleWildcards).toEqualTypeOf<boolean>();
Relational.paths = true;
Relational.pathSeparator = '/';
Relational.bubbleEvents = true;
Relational.bubbleWildcards = false;
// @ts-expect-error a boolean
Relational.paths = 'yes';
// @ts-expect-error a boolean
Relational.bubbleEvents = 1;

// `paths` on a type, untyped and typed; `bubbleEvents` on a relation.
expectTypeOf<RelationalModelProps['paths']>().toEqualTypeOf<boolean | undefined>();
expectTypeOf<RelationDefinition['bubbleEvents']>().toEqualTypeOf<boolean | undefined>();
const Animal = RelationalModel.extend({ paths: true });
const Zoo = RelationalModel.extend({
  paths: true,
  relations: [{ type: HasMany, key: 'animals', relatedModel: Animal, bubbleEvents: true, reverseRelation: { key: 'livesIn', bubbleEvents: true } }],
});
// Untyped models read paths with the `get` they have.
expectTypeOf(new Zoo().get('animals[0].species')).toBeAny();
// @ts-expect-error a boolean
RelationalModel.extend({ paths: 'yes' });
// @ts-expect-error a boolean
RelationalModel.extend({ relations: [{ type: HasOne, key: 'x', bubbleEvents: 'yes' }] });

interface Keeper extends RelationalModel<{ id?: number; name: string }, {}> {}
interface Cage extends RelationalModel<{ id?: number }, { keepers: HasManyOf<Keeper> }> {}
const Keeper = RelationalModel.extend<Keeper>({ paths: true });
RelationalModel.extend<Cage>({
  paths: true,
  relations: [{ type: HasMany, key: 'keepers', relatedModel: Keeper, bubbleEvents: true }],
});
// @ts-expect-error a boolean, for typed models too
RelationalModel.extend<Keeper>({ paths: 1 });

// In `setup`, for ES classes.
class Garden extends RelationalModel {
  static {
    this.setup({ paths: true });
  }
}
expectTypeOf(new Garden().paths).toEqualTypeOf<boolean | undefined>();
