// The manual's sub-model example: a Mammal is either a Primate or a Carnivore, chosen by the
// `type` attribute of the data. Sub-models share their super-model's id space, so a relation
// to a Mammal finds a Primate with that id.
//
// Runs in a page (submodels.html) and in Node (`node examples/submodels.js`).
(function (example) {
  if (typeof module === 'object' && module.exports) {
    module.exports = example;
    if (require.main === module) require('./shared/node').main(example);
  } else {
    window.RelationalExamples.start(example);
  }
})({
  title: 'Mammal, Primate and Carnivore (sub-models)',
  run: function (Backbone, _, $, out) {
    var models = {};
    Backbone.Relational.store.addModelScope(models);

    models.Animal = Backbone.RelationalModel.extend({
      urlRoot: '/animal/'
    });

    models.AnimalCollection = Backbone.Collection.extend({
      model: models.Animal
    });

    models.Mammal = models.Animal.extend({
      subModelTypes: {
        'primate': 'Primate',
        'carnivore': 'Carnivore'
      }
    });

    models.Primate = models.Mammal.extend();
    models.Carnivore = models.Mammal.extend();

    models.MammalCollection = models.AnimalCollection.extend({
      model: models.Mammal
    });

    out.heading('A collection builds the right sub-model for each item');

    // Create a collection that contains a 'Primate' and a 'Carnivore'.
    var mammals = new models.MammalCollection([
      { id: 3, species: 'chimp', type: 'primate' },
      { id: 5, species: 'panther', type: 'carnivore' }
    ]);

    var chimp = mammals.get(3);

    out.line('chimp is an animal? ' + (chimp instanceof models.Animal) + '\n' +
      'chimp is a carnivore? ' + (chimp instanceof models.Carnivore) + '\n' +
      'chimp is a primate? ' + (chimp instanceof models.Primate));
    out.check(chimp instanceof models.Primate && !(chimp instanceof models.Carnivore), 'the chimp is a Primate');

    var panther = mammals.get(5);
    out.line('panther is a carnivore? ' + (panther instanceof models.Carnivore));

    out.heading('build and findOrCreate on the super-model');

    var gorilla = models.Mammal.build({ id: 7, species: 'gorilla', type: 'primate' });
    out.line('Mammal.build({ id: 7, species: \'gorilla\', type: \'primate\' }) is a primate? ' +
      (gorilla instanceof models.Primate));
    out.check(gorilla instanceof models.Primate, 'build made a Primate');

    // One id space for Mammal, Primate and Carnivore: looking up a Mammal finds the sub-model.
    out.line('Mammal.find(3) === chimp: ' + (models.Mammal.find(3) === chimp));
    out.line('Mammal.findOrCreate({ id: 5, name: \'Bagheera\' }) === panther: ' +
      (models.Mammal.findOrCreate({ id: 5, name: 'Bagheera' }) === panther) +
      ' (merged: name is ' + panther.get('name') + ')');
    out.line('Primate.find(5): ' + models.Primate.find(5) + ' (the panther is no primate)');

    var error = null;
    // The store also reports the duplicate with console.warn (and the two models); we expect
    // it here, so warnings are off for this one call.
    Backbone.Relational.showWarnings = false;
    try {
      new models.Primate({ id: 3, species: 'another chimp' });
    } catch (e) {
      error = e;
    } finally {
      Backbone.Relational.showWarnings = true;
    }
    out.line('new Primate({ id: 3 }) throws: ' + (error && error.message));
    out.check(error !== null, 'a second instance with id 3 is refused');

    out.heading('A relation to Mammal finds sub-model instances');

    models.Enclosure = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany,
        key: 'mammals',
        relatedModel: 'Mammal',
        reverseRelation: { key: 'enclosure', includeInJSON: 'name' }
      }]
    });

    var apeHouse = new models.Enclosure({
      name: 'Ape house',
      // Ids of existing models, and the data of a new one: its type picks the sub-model.
      mammals: [3, 7, { id: 8, species: 'orangutan', type: 'primate' }]
    });
    out.line('ape house: ' + apeHouse.get('mammals').map(function (m) {
      return m.get('species') + (m instanceof models.Primate ? ' (Primate)' : '');
    }).join(', '));
    out.line('chimp.get(\'enclosure\').get(\'name\'): ' + chimp.get('enclosure').get('name'));
    out.check(apeHouse.get('mammals').at(0) === chimp, 'the enclosure holds the very chimp instance');
    out.line('orangutan.toJSON(): ' + JSON.stringify(models.Mammal.find(8).toJSON()));

    Backbone.Relational.store.removeModelScope(models);
  }
});
