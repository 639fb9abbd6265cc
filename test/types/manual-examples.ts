// The 0.10.0 manual's examples, written as a TypeScript application would write them
// (`extend`, names resolved through a model scope), compiled in strict mode with no casts:
// what existing Backbone-relational code looks like once it is moved to TypeScript.
import Backbone from 'backbone';
import $ from 'jquery';
import _ from 'underscore';
import { expectTypeOf } from 'expect-type';
import Relational, { RelationalModel, HasMany, HasOne } from 'backbone-relational-ts';

// Types referred to by name ('Animal', 'PersonCollection', ...) are looked up here.
const scope: Record<string, unknown> = {};
Relational.store.addModelScope(scope);

// --- Zoo / Animal (relation options) -----------------------------------------------------------
const Zoo = RelationalModel.extend({
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
const Animal = RelationalModel.extend({
  urlRoot: '/animal/',
});
const AnimalCollection = Backbone.Collection.extend({
  model: Animal,
});
Object.assign(scope, { Zoo, Animal, AnimalCollection });

const artis = new Zoo({ name: 'Artis' });
const lion = new Animal({ species: 'Lion', livesIn: artis });
alert(artis.get('animals').pluck('species'));
const amersfoort = new Zoo({ name: 'Dierenpark Amersfoort', animals: [lion] });
alert(lion.get('livesIn').get('name') + ', ' + artis.get('animals').length);
expectTypeOf(amersfoort).toMatchTypeOf<RelationalModel>();
expectTypeOf(Zoo.findOrCreate({ id: 1 })).toMatchTypeOf<RelationalModel | null>();

// --- Person / Job / Company (many-to-many through a link model) --------------------------------
const Person = RelationalModel.extend({
  relations: [{
    type: 'HasMany',
    key: 'jobs',
    relatedModel: 'Job',
    reverseRelation: {
      key: 'person',
    },
  }],
});
// A link object between 'Person' and 'Company'
const Job = RelationalModel.extend({
  defaults: {
    startDate: null,
    endDate: null,
  },
});
const Company = RelationalModel.extend({
  relations: [{
    type: 'HasMany',
    key: 'employees',
    relatedModel: 'Job',
    reverseRelation: {
      key: 'company',
    },
  }],
});
Object.assign(scope, { Person, Job, Company });

// --- autoFetch ---------------------------------------------------------------------------------
const Shop = RelationalModel.extend({
  relations: [
    {
      type: Backbone.HasMany,
      key: 'customers',
      relatedModel: 'Customer',
      autoFetch: true,
    },
    {
      type: Backbone.HasOne,
      key: 'address',
      relatedModel: 'Address',
      autoFetch: {
        success: function (model, response) {
          console.log(model, response);
        },
        error: function (model, response) {
          console.log(model, response);
        },
      },
    },
  ],
});
expectTypeOf(Shop).toHaveProperty('findOrCreate');

// --- keySource / keyDestination: the confused Farm -------------------------------------------
const FarmAnimal = Animal.extend();
const Farm = RelationalModel.extend({
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
const farm = new Farm({ name: 'Old MacDonald', livestock: [{ species: 'Sheep' }] });
farm.get('animals').add({ species: 'Cow' });
alert(JSON.stringify(farm.toJSON(), null, 4));

// --- Sub-models ---------------------------------------------------------------------------------
const Mammal = Animal.extend({
  subModelTypes: {
    primate: 'Primate',
    carnivore: 'Carnivore',
  },
});
const Primate = Mammal.extend();
const Carnivore = Mammal.extend();
const MammalCollection = AnimalCollection.extend({
  model: Mammal,
});
Object.assign(scope, { Mammal, Primate, Carnivore, MammalCollection });
const mammals = new MammalCollection([
  { id: 3, species: 'chimp', type: 'primate' },
  { id: 5, species: 'panther', type: 'carnivore' },
]);
const chimp = mammals.get(3);
alert('chimp is an animal? ' + (chimp instanceof Animal) + '\n' +
  'chimp is a carnivore? ' + (chimp instanceof Carnivore) + '\n' +
  'chimp is a primate? ' + (chimp instanceof Primate));
const built = Mammal.build({ id: 3, species: 'chimp', type: 'primate' });
expectTypeOf(built).toMatchTypeOf<RelationalModel>();

// --- findModel override -------------------------------------------------------------------------
Zoo.findModel = function (attributes) {
  // Try to find an instance of 'this' model type in the store
  let model = Relational.store.find(this, attributes);
  if (!model && _.isObject(attributes)) {
    const coll = Relational.store.getCollection(this);
    model = coll.find(function (m) {
      return m.get('species') === (attributes as Record<string, unknown>).species;
    }) ?? null;
  }
  return model;
};

// --- The basic example: House / Person / User ------------------------------------------------------
const House = RelationalModel.extend({
  relations: [
    {
      type: Backbone.HasMany, // Use the type, or the string 'HasOne' or 'HasMany'.
      key: 'occupants',
      relatedModel: 'Person2',
      includeInJSON: Backbone.Model.prototype.idAttribute,
      collectionType: 'PersonCollection',
      reverseRelation: {
        key: 'livesIn',
      },
    },
  ],
});
const Person2 = RelationalModel.extend({
  relations: [
    { // Create a (recursive) one-to-one relationship
      type: Backbone.HasOne,
      key: 'user',
      relatedModel: 'User',
      reverseRelation: {
        type: Backbone.HasOne,
        key: 'person',
      },
    },
  ],
  initialize: function () {
    // do whatever you want :)
  },
});
const PersonCollection = Backbone.Collection.extend({
  url: function (models?: Backbone.Model[]) {
    // Logic to create a url for the whole collection, or a set of models.
    return '/person/' + (models ? 'set/' + _.pluck(models, 'id').join(';') + '/' : '');
  },
});
const User = RelationalModel.extend();
Object.assign(scope, { House, Person2, PersonCollection, User });

const paul = new Person2({
  id: 'person-1',
  name: 'Paul',
  user: { id: 'user-1', login: 'dude', email: 'me@gmail.com' },
});
// A User object is automatically created from the JSON; so 'login' returns 'dude'.
paul.get('user').get('login');
const ourHouse = new House({
  id: 'house-1',
  location: 'in the middle of the street',
  occupants: ['person-1', 'person-2', 'person-5'],
});
ourHouse.get('occupants').at(0); // === paul
ourHouse.get('occupants').livesIn; // === ourHouse
paul.get('livesIn'); // === ourHouse
alert(JSON.stringify(paul.get('user').toJSON(), null, '\t'));
// Load occupants 'person-2' and 'person-5', which don't exist yet, from the server
ourHouse.getAsync('occupants');
// Combine with other jQuery promises.
$.when(ourHouse.getAsync('occupants'), paul.save()).done(() => console.log('all loaded'));
ourHouse
  .on('add:occupants', function (model: RelationalModel, coll: Backbone.Collection<RelationalModel>) {
    console.log('add %o', model, coll);
  })
  .on('remove:occupants', function (model: RelationalModel, coll: Backbone.Collection<RelationalModel>) {
    console.log('remove %o', model, coll);
  });
paul.on('change:livesIn', function (model: RelationalModel, attr: RelationalModel | null) {
  console.log('change `livesIn` to %o', model, attr);
});
ourHouse.get('occupants').remove(paul);
alert('paul.livesIn=' + paul.get('livesIn'));
const theirHouse = new House({ id: 'house-2' });
paul.set({ livesIn: theirHouse });
alert('theirHouse.occupants=' + theirHouse.get('occupants').pluck('name'));

// --- Event queuing ------------------------------------------------------------------------------
const p = new Person({ id: 'p1', name: 'Larry Page' });
p.on('add:jobs', function (job: RelationalModel) {
  alert(job.get('person').get('name') + ' @ ' + job.get('company').get('name'));
});
p.get('jobs').add({ company: { name: 'Google' }, person: p.id });

// --- Relation types as values ---------------------------------------------------------------------
expectTypeOf(Backbone.HasMany).toEqualTypeOf<typeof HasMany>();
expectTypeOf(Backbone.HasOne).toEqualTypeOf<typeof HasOne>();
expectTypeOf(Backbone.RelationalModel).toEqualTypeOf<typeof RelationalModel>();
expectTypeOf(Backbone.Relational.store).toEqualTypeOf<typeof Relational.store>();
expectTypeOf(Backbone.Relational.Model).toEqualTypeOf<typeof Relational.Model>();
