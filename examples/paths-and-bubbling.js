// Paths and event bubbling (opt-in), as backbone-associations users know them: read and write
// through relations with `zoo.get('animals[0].species')` and `zoo.set('animals[1].name', 'Rex')`,
// and hear related models' changes on their owner as `change:animals[1].species` (and
// `change:animals[*].species`). A view listening to the zoo alone re-renders when any animal
// changes, and a graph with cycles (every reverse relation makes one) never loops.
//
// Runs in a page (paths-and-bubbling.html) and in Node (`node examples/paths-and-bubbling.js`).
(function (example) {
  if (typeof module === 'object' && module.exports) {
    module.exports = example;
    if (require.main === module) require('./shared/node').main(example);
  } else {
    window.RelationalExamples.start(example);
  }
})({
  title: 'Paths and event bubbling (paths, bubbleEvents)',
  run: function (Backbone, _, $, out) {
    var models = {};
    Backbone.Relational.store.addModelScope(models);

    models.Keeper = Backbone.RelationalModel.extend({});
    models.Animal = Backbone.RelationalModel.extend({
      relations: [{ type: Backbone.HasOne, key: 'keeper', relatedModel: 'Keeper', bubbleEvents: true }]
    });
    models.Zoo = Backbone.RelationalModel.extend({
      paths: true,
      relations: [{
        type: Backbone.HasMany,
        key: 'animals',
        relatedModel: 'Animal',
        bubbleEvents: true,
        // Both sides bubble: a cycle, zoo -> animal -> zoo.
        reverseRelation: { key: 'livesIn', includeInJSON: 'id', bubbleEvents: true }
      }]
    });

    var zoo = new models.Zoo({
      id: 'artis',
      name: 'Artis',
      animals: [
        { id: 'lion', species: 'Lion', keeper: { id: 'k1', name: 'Kim' } },
        { id: 'zebra', species: 'Zebra', keeper: { id: 'k2', name: 'Sam' } }
      ]
    });

    out.heading('Paths: get and set through relations (paths: true on Zoo)');
    out.line("zoo.get('animals[1].species'): " + zoo.get('animals[1].species'));
    out.line("zoo.get('animals[0].keeper.name'): " + zoo.get('animals[0].keeper.name'));
    out.line("zoo.get('animals[5].species'): " + zoo.get('animals[5].species') + ' (a missing link)');
    out.check(zoo.get('animals[1].species') === 'Zebra' && zoo.get('animals[0].keeper.name') === 'Kim', 'paths read through HasMany and HasOne');

    var heard = [];
    zoo.on('all', function (name) { heard.push(name); });

    zoo.set('animals[1].name', 'Stripes');
    out.line("zoo.set('animals[1].name', 'Stripes') -> the zebra's name: " + zoo.get('animals').get('zebra').get('name'));
    out.check(zoo.get('animals').get('zebra').get('name') === 'Stripes', 'the path set the zebra\'s name');
    out.line('the zoo heard: ' + heard.join(', '));
    out.check(heard[0] === 'change:animals[1].name' && heard[1] === 'change:animals[*].name', 'the change bubbled to the zoo');

    try {
      zoo.set('animals[7].name', 'Rex');
    } catch (e) {
      out.line("zoo.set('animals[7].name', 'Rex') throws: " + e.message);
    }

    out.heading('Bubbling, two steps up: the lion\'s keeper changes');
    heard = [];
    zoo.get('animals').get('lion').get('keeper').set('name', 'Kimberly');
    out.line('the zoo heard: ' + heard.join(', '));
    out.check(heard.indexOf('change:animals[0].keeper.name') !== -1, 'the keeper\'s change reached the zoo through the lion');

    out.heading('Cycles: each model hears each event once');
    var zebraHeard = [];
    zoo.get('animals').get('zebra').on('all', function (name) { zebraHeard.push(name); });
    heard = [];
    zoo.get('animals').get('lion').set('species', 'Barbary lion');
    out.line('the zoo heard: ' + heard.join(', '));
    out.line('the zebra heard (through the zoo): ' + zebraHeard.join(', '));
    out.check(heard.length === 4 && zebraHeard.length === 4, 'nothing came back round the cycle');

    out.heading('add / remove of the collection: 0.10.0\'s own events, once');
    heard = [];
    zoo.get('animals').add({ id: 'owl', species: 'Owl' });
    out.line('the zoo heard: ' + heard.join(', '));
    out.check(heard.filter(function (name) { return name === 'add:animals'; }).length === 1, 'add:animals fired once');

    Backbone.Relational.store.removeModelScope(models);
  }
});
