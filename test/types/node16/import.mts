// Node's `import`: the default export is the namespace, plus named exports.
import Backbone from 'backbone';
import Relational, { RelationalModel, HasMany, type RelationDefinition } from 'backbone-relational-ts';
import { expectTypeOf } from 'expect-type';

class Animal extends RelationalModel {}
Animal.setup();
const relations: RelationDefinition[] = [{ type: HasMany, key: 'animals', relatedModel: Animal }];
class Zoo extends RelationalModel {}
Zoo.setup({ relations });
expectTypeOf(Zoo.build()).toEqualTypeOf<Zoo>();
expectTypeOf(Relational.Model).toEqualTypeOf<typeof RelationalModel>();
expectTypeOf(Backbone.RelationalModel).toEqualTypeOf<typeof RelationalModel>();
