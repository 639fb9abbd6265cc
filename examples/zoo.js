// The manual's first example: a Zoo has many Animals, an Animal `livesIn` one Zoo, and the two
// sides of that relation follow each other. Also the manual's `keySource` / `keyDestination`
// example (the confused Farm).
//
// As in the manual, the types are global names (`Zoo`, `Animal`, `AnimalCollection`): the
// relation options name them as strings, and the store resolves those on its default model
// scope, `window`, in a browser; in Node, examples/shared/node.js adds `globalThis` as a scope.
// (The other examples use a scope object of their own, added with
// `Backbone.Relational.store.addModelScope`.)
//
// Runs in a page (zoo.html) and in Node (`node examples/zoo.js`).
(function (example) {
  if (typeof module === 'object' && module.exports) {
    module.exports = example;
    if (require.main === module) require('./shared/node').main(example);
  } else {
    window.RelationalExamples.start(example);
  }
})({
  title: 'Zoo and Animal',
  run: function (Backbone, _, $, out) {
    var global = typeof window !== 'undefined' ? window : globalThis;

    // Zoo is defined first: 'Animal' and 'AnimalCollection' do not exist yet, and are resolved
    // once they do.
    global.Zoo = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany,
        key: 'animals',
        relatedModel: 'Animal',
        collectionType: 'AnimalCollection',
        reverseRelation: {
          key: 'livesIn',
          includeInJSON: 'id'
          // 'relatedModel' is automatically set to 'Zoo'; the 'relationType' to 'HasOne'.
        }
      }]
    });

    global.Animal = Backbone.RelationalModel.extend({
      urlRoot: '/animal/'
    });

    global.AnimalCollection = Backbone.Collection.extend({
      model: global.Animal
    });

    out.heading('A lion moves from Artis to Amersfoort');

    // We've now created a fully managed relation. When you add or remove model from
    // `zoo.animals`, or update `animal.livesIn`, the other side of the relation will
    // automatically be updated.
    var artis = new global.Zoo({ name: 'Artis' });
    var lion = new global.Animal({ species: 'Lion', livesIn: artis });

    // `animals` in `artis` now contains `lion`
    out.line('artis animals: ' + artis.get('animals').pluck('species'));
    out.check(artis.get('animals').at(0) === lion, 'artis.animals contains the lion');
    out.line('artis.get(\'animals\') is an AnimalCollection: ' +
      (artis.get('animals') instanceof global.AnimalCollection));

    var amersfoort = new global.Zoo({ name: 'Dierenpark Amersfoort', animals: [lion] });

    // `lion` now livesIn `amersfoort`, and `animals` in `artis` no longer contains `lion`
    out.line('lion livesIn: ' + lion.get('livesIn').get('name') + ', artis animals: ' +
      artis.get('animals').length);
    out.check(lion.get('livesIn') === amersfoort, 'the lion lives in Amersfoort');
    out.check(artis.get('animals').length === 0, 'Artis has no animals left');
    out.line('amersfoort animals: ' + amersfoort.get('animals').pluck('species'));

    out.heading('keySource and keyDestination: the confused Farm');

    var FarmAnimal = global.Animal.extend();

    // This `Farm` is confused, like legacy stuff can be. It wants its data back on a
    // completely different key than it supplies it on. We want to use a different one in our
    // app as well.
    var Farm = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany,
        key: 'animals',
        keySource: 'livestock',
        keyDestination: 'pets',
        relatedModel: FarmAnimal,
        reverseRelation: {
          key: 'farm',
          includeInJSON: 'name'
        }
      }]
    });

    // Create a `Farm`; parse `species`, add to `animals`, output goes to `pets`.
    var farm = new Farm({ name: 'Old MacDonald', livestock: [{ species: 'Sheep' }] });
    farm.get('animals').add({ species: 'Cow' });
    out.line('farm animals: ' + farm.get('animals').pluck('species'));
    out.line('farm.toJSON():');
    out.json(farm.toJSON());
    var json = farm.toJSON();
    out.check(!('livestock' in json) && !('animals' in json) && json.pets.length === 2,
      'the relation is written to `pets` only');
    out.check(json.pets[1].farm === 'Old MacDonald', 'the reverse relation is written as the farm\'s name');
  }
});
