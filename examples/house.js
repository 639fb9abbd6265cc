// The manual's basic example: a House has many occupants (Persons), each Person `livesIn` one
// House, and a Person has one User (a one-to-one relation, with `person` pointing back).
//
// The types live on a scope object of this example's own, added to the store with
// `Backbone.Relational.store.addModelScope`, so the relation options can name them as strings
// ('Person', 'User', 'PersonCollection') without making them global.
//
// Runs in a page (house.html) and in Node (`node examples/house.js`).
(function (example) {
  if (typeof module === 'object' && module.exports) {
    module.exports = example;
    if (require.main === module) require('./shared/node').main(example);
  } else {
    window.RelationalExamples.start(example);
  }
})({
  title: 'House, Person and User',
  run: function (Backbone, _, $, out) {
    var models = {};
    Backbone.Relational.store.addModelScope(models);

    models.House = Backbone.RelationalModel.extend({
      // The 'relations' property, on the House's prototype. Initialized separately for each
      // instance of House. Each relation must define (as a minimum) the 'type', 'key' and
      // 'relatedModel'. Options include 'includeInJSON', 'createModels' and 'reverseRelation'.
      relations: [
        {
          type: Backbone.HasMany, // Use the type, or the string 'HasOne' or 'HasMany'.
          key: 'occupants',
          relatedModel: 'Person',
          includeInJSON: Backbone.Model.prototype.idAttribute,
          collectionType: 'PersonCollection',
          reverseRelation: {
            key: 'livesIn'
          }
        }
      ]
    });

    models.Person = Backbone.RelationalModel.extend({
      relations: [
        { // Create a (recursive) one-to-one relationship
          type: Backbone.HasOne,
          key: 'user',
          relatedModel: 'User',
          reverseRelation: {
            type: Backbone.HasOne,
            key: 'person'
          }
        }
      ],

      initialize: function () {
        // do whatever you want :)
      }
    });

    models.PersonCollection = Backbone.Collection.extend({
      url: function (models) {
        // Logic to create a url for the whole collection, or a set of models.
        return '/person/' + (models ? 'set/' + _.pluck(models, 'id').join(';') + '/' : '');
      }
    });

    models.User = Backbone.RelationalModel.extend();

    out.heading('Paul and his user');

    var paul = new models.Person({
      id: 'person-1',
      name: 'Paul',
      user: { id: 'user-1', login: 'dude', email: 'me@gmail.com' }
    });

    // A User object is automatically created from the JSON; so 'login' returns 'dude'.
    out.line('paul.get(\'user\').get(\'login\'): ' + paul.get('user').get('login'));
    out.line('paul.get(\'user\') instanceof User: ' + (paul.get('user') instanceof models.User));
    out.line('paul.get(\'user\').get(\'person\') === paul: ' + (paul.get('user').get('person') === paul));
    out.check(paul.get('user').get('login') === 'dude', 'paul\'s user logs in as dude');

    out.heading('Our house and its occupants');

    var ourHouse = new models.House({
      id: 'house-1',
      location: 'in the middle of the street',
      occupants: ['person-1', 'person-2', 'person-5']
    });

    // 'ourHouse.occupants' is turned into a Backbone.Collection of Persons.
    // The first person in 'ourHouse.occupants' will point to 'paul'.
    var occupants = ourHouse.get('occupants');
    out.line('ourHouse.get(\'occupants\') is a PersonCollection: ' + (occupants instanceof models.PersonCollection));
    out.line('ourHouse.get(\'occupants\').at(0) === paul: ' + (occupants.at(0) === paul));
    // If a collection is created from a HasMany relation, it contains a reference
    // back to the originator of the relation
    out.line('ourHouse.get(\'occupants\').livesIn === ourHouse: ' + (occupants.livesIn === ourHouse));
    // The `occupants` relation on 'House' has been defined as a HasMany, with a reverse
    // relation to `livesIn` on 'Person'. So, 'paul.livesIn' will automatically point back to
    // 'ourHouse'.
    out.line('paul.get(\'livesIn\') === ourHouse: ' + (paul.get('livesIn') === ourHouse));
    out.check(occupants.at(0) === paul && occupants.livesIn === ourHouse && paul.get('livesIn') === ourHouse,
      'paul and ourHouse point at each other');

    // 'person-2' and 'person-5' do not exist yet; `ourHouse.getAsync('occupants')` would load
    // them from the server (see the getAsync example), in one request since PersonCollection
    // can build a url for a set of models.
    var toFetch = ourHouse.getIdsToFetch('occupants');
    out.line('occupants not loaded yet (getIdsToFetch): ' + toFetch.join(', '));
    out.line('getAsync would request: ' + occupants.url(_.map(toFetch, function (id) { return { id: id }; })));

    out.heading('toJSON: each object is serialized once');

    // You can control which relations get serialized to JSON, using the 'includeInJSON'
    // property on a Relation. Also, each object will only get serialized once to prevent loops.
    out.line('JSON.stringify(paul.get(\'user\').toJSON(), null, \'\\t\'):');
    out.line(JSON.stringify(paul.get('user').toJSON(), null, '\t'));

    out.heading('Events: paul moves out, then into theirHouse');

    // Use the `add` and `remove` events to listen for additions/removals on a HasMany
    // relation. Here, we listen for changes to `ourHouse.occupants`.
    ourHouse
      .on('add:occupants', function (model, coll) {
        out.line('event add:occupants on ourHouse: ' + model.get('name'));
      })
      .on('remove:occupants', function (model, coll) {
        out.line('event remove:occupants on ourHouse: ' + model.get('name'));
      });

    // Use the 'change' event to listen for changes on a HasOne relation (like 'Person.livesIn').
    paul.on('change:livesIn', function (model, attr) {
      out.line('event change:livesIn on paul: ' + (attr ? attr.id : attr));
    });

    // Modifying either side of a bi-directional relation updates the other side automatically.
    // Take `paul` out or `ourHouse`; this triggers `remove:occupants` on `ourHouse`,
    // and `change:livesIn` on `paul`
    out.line('> ourHouse.get(\'occupants\').remove(paul)');
    ourHouse.get('occupants').remove(paul);

    out.line('paul.livesIn=' + paul.get('livesIn'));
    out.check(paul.get('livesIn') === null, 'paul lives nowhere');

    // Move into `theirHouse`; triggers 'add:occupants' on theirHouse, and 'change:livesIn' on
    // paul. (The manual's comment says `ourHouse`, but paul is added to theirHouse's occupants.)
    var theirHouse = new models.House({ id: 'house-2' });
    theirHouse.on('add:occupants', function (model, coll) {
      out.line('event add:occupants on theirHouse: ' + model.get('name'));
    });
    out.line('> paul.set({ livesIn: theirHouse })');
    paul.set({ 'livesIn': theirHouse });

    out.line('theirHouse.occupants=' + theirHouse.get('occupants').pluck('name'));
    out.check(theirHouse.get('occupants').at(0) === paul, 'paul lives in theirHouse');
    out.line('ourHouse occupants loaded: ' + ourHouse.get('occupants').length +
      ', still to load: ' + ourHouse.getIdsToFetch('occupants').join(', '));
    out.line('ourHouse.toJSON().occupants: ' + JSON.stringify(ourHouse.toJSON().occupants));

    Backbone.Relational.store.removeModelScope(models);
  }
});
