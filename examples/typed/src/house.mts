// The manual's basic example, typed, with ES classes and `setup`: a House has many occupants
// (Persons), each Person `livesIn` one House, and a Person has one User (a one-to-one relation,
// with `person` pointing back). Each class states its attributes and relations as type
// arguments of `RelationalModel`; the classes refer to each other by name in their definitions
// ('Person', 'User', 'PersonCollection'), resolved on a model scope as in the manual.
import type { HasManyOf, HasOneOf } from 'backbone-relational-ts';
import type { BackboneWithRelational, Output } from './types.mjs';

interface HouseAttributes {
  id?: string;
  location?: string;
}
interface PersonAttributes {
  id?: string;
  name: string;
}
interface UserAttributes {
  id?: string;
  login: string;
  email?: string;
}

export function house(Backbone: BackboneWithRelational, out: Output): void {
  const models: Record<string, unknown> = {};
  Backbone.Relational.store.addModelScope(models);

  class House extends Backbone.RelationalModel<HouseAttributes, { occupants: HasManyOf<Person, PersonCollection> }> {
    static {
      this.setup({
        relations: [{
          type: Backbone.HasMany, // Use the type, or the string 'HasOne' or 'HasMany'.
          key: 'occupants',
          relatedModel: 'Person',
          includeInJSON: Backbone.Model.prototype.idAttribute,
          collectionType: 'PersonCollection',
          reverseRelation: {
            key: 'livesIn',
          },
        }],
      });
    }
  }

  class Person extends Backbone.RelationalModel<PersonAttributes, { user: HasOneOf<User>; livesIn: HasOneOf<House> }> {
    static {
      this.setup({
        relations: [{ // Create a (recursive) one-to-one relationship
          type: Backbone.HasOne,
          key: 'user',
          relatedModel: 'User',
          reverseRelation: {
            type: Backbone.HasOne,
            key: 'person',
          },
        }],
      });
    }
    override initialize(): void {
      // do whatever you want :)
    }
  }

  class PersonCollection extends Backbone.Collection<Person> {
    override url = (models?: Person[]): string =>
      // Logic to create a url for the whole collection, or a set of models.
      '/person/' + (models ? 'set/' + models.map((model) => model.id).join(';') + '/' : '');
  }

  class User extends Backbone.RelationalModel<UserAttributes, { person: HasOneOf<Person> }> {
    static {
      this.setup();
    }
  }
  Object.assign(models, { House, Person, PersonCollection, User });

  out.heading('Paul and his user (typed)');

  const paul = new Person({
    id: 'person-1',
    name: 'Paul',
    user: { id: 'user-1', login: 'dude', email: 'me@gmail.com' },
  });

  // A User object is automatically created from the JSON; so 'login' returns 'dude'.
  const user = paul.get('user'); // User | null
  out.line('paul.get(\'user\').get(\'login\'): ' + user?.get('login'));
  out.line('paul.get(\'user\') instanceof User: ' + (user instanceof User));
  out.line('paul.get(\'user\').get(\'person\') === paul: ' + (user?.get('person') === paul));
  out.check(user?.get('login') === 'dude', 'paul\'s user logs in as dude');

  out.heading('Our house and its occupants (typed)');

  const ourHouse = new House({
    id: 'house-1',
    location: 'in the middle of the street',
    occupants: ['person-1', 'person-2', 'person-5'],
  });

  // 'ourHouse.occupants' is turned into a PersonCollection of Persons.
  const occupants = ourHouse.get('occupants'); // PersonCollection
  out.line('ourHouse.get(\'occupants\') is a PersonCollection: ' + (occupants instanceof PersonCollection));
  out.line('ourHouse.get(\'occupants\').at(0) === paul: ' + (occupants.at(0) === paul));
  out.line('paul.get(\'livesIn\') === ourHouse: ' + (paul.get('livesIn') === ourHouse));
  out.check(occupants.at(0) === paul && paul.get('livesIn') === ourHouse, 'paul and ourHouse point at each other');

  // 'person-2' and 'person-5' do not exist yet; `ourHouse.getAsync('occupants')` (typed
  // `PromiseLike<PersonCollection>`) would load them.
  const toFetch = ourHouse.getIdsToFetch('occupants');
  out.line('occupants not loaded yet (getIdsToFetch): ' + toFetch.join(', '));
  out.line('the relation: ' + ourHouse.getRelation('occupants').key + ', waiting for ' + ourHouse.getRelation('occupants').keyIds.length);

  out.heading('Events: paul moves out, then into theirHouse (typed)');

  ourHouse.on('remove:occupants', (model: Person) => {
    out.line('event remove:occupants on ourHouse: ' + model.get('name'));
  });
  paul.on('change:livesIn', (_model: Person, attr: House | null) => {
    out.line('event change:livesIn on paul: ' + (attr ? attr.id : attr));
  });

  out.line('> ourHouse.get(\'occupants\').remove(paul)');
  ourHouse.get('occupants').remove(paul);
  out.line('paul.livesIn=' + paul.get('livesIn'));
  out.check(paul.get('livesIn') === null, 'paul lives nowhere');

  const theirHouse = new House({ id: 'house-2' });
  theirHouse.on('add:occupants', (model: Person) => {
    out.line('event add:occupants on theirHouse: ' + model.get('name'));
  });
  out.line('> paul.set({ livesIn: theirHouse })');
  paul.set({ livesIn: theirHouse });
  out.line('theirHouse.occupants=' + theirHouse.get('occupants').pluck('name'));
  out.check(theirHouse.get('occupants').at(0) === paul, 'paul lives in theirHouse');

  Backbone.Relational.store.removeModelScope(models);
}
