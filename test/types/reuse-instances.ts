// Reuse on `new` (`reuseInstances`): where it can be given, its type, and `new` typed as before.
// Checked by `tsc --noEmit -p test/types` (strict); nothing here runs.
import Backbone from 'backbone';
import { expectTypeOf } from 'expect-type';
import Relational, { RelationalModel, HasOne, reuseInstances, type HasOneOf, type RelationalModelProps } from 'backbone-relational-ts';

// In `extend`, untyped and typed.
const Animal = RelationalModel.extend({ reuseInstances: true, urlRoot: '/animal/' });
expectTypeOf(new Animal({ id: 1 })).toEqualTypeOf<InstanceType<typeof Animal>>();
expectTypeOf(new RelationalModel().reuseInstances).toEqualTypeOf<boolean | undefined>();
// @ts-expect-error a boolean
RelationalModel.extend({ reuseInstances: 'yes' });
expectTypeOf<RelationalModelProps['reuseInstances']>().toEqualTypeOf<boolean | undefined>();

interface Owner extends RelationalModel<{ id?: number; name: string }, {}> {}
interface Pet extends RelationalModel<{ id?: number; name: string }, { owner: HasOneOf<Owner> }> {}
const Owner = RelationalModel.extend<Owner>({ reuseInstances: true });
const Pet = RelationalModel.extend<Pet>({
  reuseInstances: true,
  relations: [{ type: HasOne, key: 'owner', relatedModel: Owner }],
});
// `new` is typed as without reuse: it returns the type's instances.
expectTypeOf(new Pet({ id: 1, name: 'Rex' })).toEqualTypeOf<Pet>();
// @ts-expect-error a boolean, for typed models too
RelationalModel.extend<Owner>({ reuseInstances: 1 });

// In `setup`, for ES classes.
class Plant extends RelationalModel {
  static {
    this.setup({ reuseInstances: true });
  }
}
class Tree extends Plant {}
Tree.setup();
expectTypeOf(new Tree({ id: 1 })).toEqualTypeOf<Tree>();
// @ts-expect-error a boolean
Plant.setup({ reuseInstances: null });

// The function, on the module and on the namespace: it returns the type it is given.
expectTypeOf(reuseInstances(Plant)).toEqualTypeOf<typeof Plant>();
expectTypeOf(Relational.reuseInstances(Animal, false)).toEqualTypeOf<typeof Animal>();
expectTypeOf(Backbone.Relational.reuseInstances).toEqualTypeOf<typeof reuseInstances>();
// @ts-expect-error a relational model type
reuseInstances(Backbone.Model);
// @ts-expect-error true or false
reuseInstances(Plant, 'no');
