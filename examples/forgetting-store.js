// A store that forgets (opt-in): with `Backbone.Relational.store.forgetUnreferenced = true`, the
// store holds its models weakly. A model nothing else references is garbage-collected and leaves
// the store by itself, with no `unregister`; models held by a variable, a collection or a live
// relation stay, and are found as before.
//
// Runs in Node (`node examples/forgetting-store.js`, which can force a garbage collection) and
// in a page (forgetting-store.html; a page cannot force one, so it shows the set-up and what
// stays, and models leave whenever the browser collects).
(function (example) {
  if (typeof module === 'object' && module.exports) {
    module.exports = example;
    if (require.main === module) require('./shared/node').main(example);
  } else {
    window.RelationalExamples.start(example);
  }
})({
  title: 'A store that forgets',
  run: function (Backbone, _, $, out) {
    var store = Backbone.Relational.store;
    // Turned on before any model exists (the store must be empty).
    store.forgetUnreferenced = true;
    var scope = {};
    store.addModelScope(scope);

    scope.Animal = Backbone.RelationalModel.extend({});
    scope.Zoo = Backbone.RelationalModel.extend({
      relations: [{ type: Backbone.HasMany, key: 'animals', relatedModel: 'Animal', reverseRelation: { key: 'livesIn' } }],
    });
    var Zoos = Backbone.Collection.extend({ model: scope.Zoo });

    // The application keeps one zoo in a collection; the others it fetched, showed and dropped.
    var kept = new Zoos([{ id: 'artis', animals: [{ id: 'lion' }, { id: 'tiger' }] }]);
    (function showAndDrop() {
      for (var i = 0; i < 1000; i++) new scope.Zoo({ id: 'zoo' + i, animals: [{ id: 'a' + i }] });
    })();

    out.heading('Before a garbage collection');
    out.line('zoos in the store: ' + store.getCollection(scope.Zoo).length + ', animals: ' + store.getCollection(scope.Animal).length);

    var collect = garbageCollector();
    if (!collect) {
      out.line('(this page cannot force a garbage collection; the dropped zoos leave the store');
      out.line(' whenever the browser collects garbage)');
      out.check(scope.Animal.find('lion') === kept.get('artis').get('animals').get('lion'), 'the kept zoo\'s lion is found');
      store.reset();
      store.forgetUnreferenced = false;
      return null;
    }
    return settle(collect).then(function () {
      out.heading('After a garbage collection');
      var zoos = store.getCollection(scope.Zoo).models.map(function (zoo) { return zoo.id; });
      var animals = store.getCollection(scope.Animal).models.map(function (animal) { return animal.id; });
      out.line('zoos in the store: ' + JSON.stringify(zoos) + ', animals: ' + JSON.stringify(animals));
      out.line('Animal.find(\'a5\'): ' + scope.Animal.find('a5'));
      out.line('Animal.find(\'lion\').get(\'livesIn\').id: ' + scope.Animal.find('lion').get('livesIn').id);
      out.check(zoos.length === 1 && animals.length === 2, 'only the kept zoo and its animals are left');
      out.check(kept.length === 1, 'the application\'s collection is untouched');
      // Its id is free again: a zoo fetched anew is a new instance, not an error.
      out.line('new Zoo({ id: \'zoo5\' }) works again: ' + (new scope.Zoo({ id: 'zoo5' }).id === 'zoo5'));
      store.reset();
      store.forgetUnreferenced = false;
    });

    /** A function that forces a garbage collection, where the platform allows it (Node). */
    function garbageCollector() {
      if (typeof window !== 'undefined' || typeof require !== 'function') return null;
      require('v8').setFlagsFromString('--expose-gc');
      return require('vm').runInNewContext('gc');
    }

    /** Collect, and let the store's finalizers run (they run after the collection, in a later task). */
    function settle(gc) {
      var rounds = 0;
      return new Promise(function (resolve) {
        (function again() {
          gc();
          setTimeout(function () {
            if (++rounds < 3) again();
            else resolve();
          }, 1);
        })();
      });
    }
  },
});
