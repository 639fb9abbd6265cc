'use strict';
// The model types of the differential test, defined the same way in each world, and a
// world-independent description of them (TYPES) for the operation generator.
//
//   Zoo.animals     HasMany Animal (custom collectionType AnimalCollection),
//                   reverse Animal.livesIn (HasOne, includeInJSON 'id')     one-to-many
//   Zoo.sponsors    HasMany Company, createModels: false, includeInJSON 'id', no reverse
//   Animal.food     HasOne Food, keySource 'food_id', keyDestination 'food_ref', includeInJSON 'id'
//   Animal          subModelTypes { mammal: Mammal, bird: Bird }; Mammal has { primate: Primate }
//   Person.user     HasOne User, reverse User.person (HasOne)                 one-to-one;
//                   includeInJSON ['id', 'login'] (an array)
//   Person.jobs     HasMany Job, reverse Job.person   \  many-to-many through the link model Job,
//   Company.employees HasMany Job (collectionType JobCollection with a comparator),
//                   reverse Job.company              /  whose relations exist only as reverses
//   Node.children   HasMany, relatedModel omitted (self), reverse Node.parent
//
// Each type has a `urlRoot` (`/zoo`, ...), and AnimalCollection a `url` that builds one for a
// set of models, for the steps that talk to a server (server.js).
//
// Types are resolved by name through a per-world scope object (store.addModelScope). Every
// type's `initialize` reports the new model to the harness (`onCreate`), which numbers it and
// binds its `all` listener there, where applications bind theirs; Person and Company also bind
// listeners of their own that set attributes, as applications do.

/** Relation keys: `type` is the related type's name, `many` a HasMany, `source` a keySource. */
const ANIMAL_RELATIONS = { livesIn: { type: 'Zoo' }, food: { type: 'Food', source: 'food_id' } };
const ANIMAL_ATTRS = ['name', 'species', 'type'];

const TYPES = {
  Zoo: { attrs: ['name'], relations: { animals: { type: 'Animal', many: true }, sponsors: { type: 'Company', many: true } } },
  Animal: { attrs: ANIMAL_ATTRS, relations: ANIMAL_RELATIONS, subtypes: ['Mammal', 'Bird', 'Primate'] },
  Mammal: { attrs: ANIMAL_ATTRS, relations: ANIMAL_RELATIONS, subtypes: ['Primate'] },
  Primate: { attrs: ANIMAL_ATTRS, relations: ANIMAL_RELATIONS },
  Bird: { attrs: ANIMAL_ATTRS, relations: ANIMAL_RELATIONS },
  Food: { attrs: ['name'], relations: {} },
  Person: { attrs: ['name'], relations: { user: { type: 'User' }, jobs: { type: 'Job', many: true } } },
  User: { attrs: ['login'], relations: { person: { type: 'Person' } }, parses: true },
  Job: { attrs: ['title'], relations: { person: { type: 'Person' }, company: { type: 'Company' } } },
  Company: { attrs: ['name'], relations: { employees: { type: 'Job', many: true } } },
  Node: { attrs: ['name'], relations: { children: { type: 'Node', many: true }, parent: { type: 'Node' } } },
};
const TYPE_NAMES = Object.keys(TYPES);

/** The root of each sub-model type's hierarchy. */
const ROOT_TYPE = { Mammal: 'Animal', Primate: 'Animal', Bird: 'Animal' };

/** Values of Animal's sub-model type attribute ('fish' names no sub-model). */
const SUBTYPE_VALUES = ['mammal', 'bird', 'primate', 'fish'];

/** The harness's plain collections and the type each holds ('animals': a super-model). */
const PLAIN_COLLECTIONS = { zoos: 'Zoo', animals: 'Animal', people: 'Person', jobs: 'Job', nodes: 'Node' };

/** Defines the types in `world` (once per world) and returns { types, scope }. */
function defineSchema(world, onCreate) {
  const { Backbone } = world;
  const scope = {};
  Backbone.Relational.store.addModelScope(scope);
  const RM = Backbone.RelationalModel;
  const tracked = {
    initialize() {
      onCreate(this);
    },
  };
  // (Each type has a url of its own, for fetch, save and getAsync, see server.js.)
  const define = (name, Parent, proto) => {
    scope[name] = Parent.extend({ urlRoot: '/' + name.toLowerCase(), ...proto }, { typeName: name });
    return scope[name];
  };

  define('Food', RM, { ...tracked });
  // A collection that builds a url for a set of models (ids or models alike), so that getAsync
  // fetches Zoo.animals in one request.
  scope.AnimalCollection = Backbone.Collection.extend({
    kind: 'animals',
    url(items) {
      if (!items) return '/animal';
      return '/animal/set/' + items.map((item) => (item && typeof item === 'object' ? item.id : item)).join(';');
    },
  });
  const Animal = define('Animal', RM, {
    ...tracked,
    subModelTypes: { mammal: 'Mammal', bird: 'Bird' },
    relations: [{ type: Backbone.HasOne, key: 'food', relatedModel: 'Food', keySource: 'food_id', keyDestination: 'food_ref', includeInJSON: 'id' }],
  });
  const Mammal = define('Mammal', Animal, { subModelTypes: { primate: 'Primate' } });
  define('Primate', Mammal, {});
  define('Bird', Animal, {});
  define('Zoo', RM, {
    ...tracked,
    relations: [
      { type: 'HasMany', key: 'animals', relatedModel: 'Animal', collectionType: 'AnimalCollection', reverseRelation: { key: 'livesIn', includeInJSON: 'id' } },
      { type: 'HasMany', key: 'sponsors', relatedModel: 'Company', createModels: false, includeInJSON: 'id' },
    ],
  });
  define('User', RM, {
    ...tracked,
    // Server replies may wrap the attributes: { data: {...} }.
    parse(response) {
      return response && response.data ? response.data : response;
    },
  });
  define('Job', RM, { ...tracked });
  define('Person', RM, {
    relations: [
      { type: Backbone.HasOne, key: 'user', relatedModel: 'User', includeInJSON: ['id', 'login'], reverseRelation: { type: Backbone.HasOne, key: 'person' } },
      { type: Backbone.HasMany, key: 'jobs', relatedModel: 'Job', reverseRelation: { key: 'person' } },
    ],
    initialize() {
      onCreate(this);
      this.on('change:user', (model, user) => this.set('userLogin', user && user.get ? user.get('login') : null));
    },
  });
  scope.JobCollection = Backbone.Collection.extend({ comparator: 'title' });
  define('Company', RM, {
    relations: [{ type: 'HasMany', key: 'employees', relatedModel: 'Job', collectionType: scope.JobCollection, reverseRelation: { key: 'company' } }],
    initialize() {
      onCreate(this);
      this.on('add:employees remove:employees', () => this.set('staff', this.get('employees') ? this.get('employees').length : -1));
    },
  });
  define('Node', RM, {
    ...tracked,
    relations: [{ type: 'HasMany', key: 'children', reverseRelation: { key: 'parent' } }],
  });

  const types = {};
  for (const name of TYPE_NAMES) types[name] = scope[name];
  return { types, scope };
}

/** The name the harness gives a model's type ('Model' for a plain Backbone model). */
function typeNameOf(model) {
  const ctor = model && model.constructor;
  return (ctor && ctor.typeName) || 'Model';
}

module.exports = { TYPES, TYPE_NAMES, ROOT_TYPE, SUBTYPE_VALUES, PLAIN_COLLECTIONS, defineSchema, typeNameOf };
