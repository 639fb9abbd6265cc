// Reuse on `new` (opt-in): a type with `reuseInstances: true` gives back the model that has the
// id, updated with the new data, where 0.10.0 threw "Cannot instantiate more than one
// Backbone.RelationalModel with the same id per type!". Two parts of a page that each load the
// same record with `new` share one model, as Backbone.IdentityMap's wrapped constructors did.
//
// Runs in a page (reuse-instances.html) and in Node (`node examples/reuse-instances.js`).
(function (example) {
  if (typeof module === 'object' && module.exports) {
    module.exports = example;
    if (require.main === module) require('./shared/node').main(example);
  } else {
    window.RelationalExamples.start(example);
  }
})({
  title: 'Reusing instances on new (reuseInstances)',
  run: function (Backbone, _, $, out) {
    var models = {};
    Backbone.Relational.store.addModelScope(models);

    models.Project = Backbone.RelationalModel.extend({});
    models.Task = Backbone.RelationalModel.extend({
      reuseInstances: true,
      defaults: { done: false },
      relations: [{
        type: Backbone.HasOne,
        key: 'project',
        relatedModel: 'Project',
        includeInJSON: 'id',
        reverseRelation: { key: 'tasks', includeInJSON: 'id' }
      }]
    });

    out.heading('Two parts of the page load task 7 with new');

    var website = new models.Project({ id: 'web', name: 'Website' });
    var shop = new models.Project({ id: 'shop', name: 'Shop' });

    // The header loads the task and listens to it...
    var inHeader = new models.Task({ id: 7, title: 'Write the docs', project: 'web' });
    var headerSaw = [];
    inHeader.on('change:title', function (task, title) { headerSaw.push(title); });
    inHeader.on('change:project', function (task, project) {
      headerSaw.push('moved to ' + project.get('name') + ' (its tasks: ' + project.get('tasks').pluck('id') + ')');
    });
    inHeader.set('done', true);

    // ...and the sidebar loads it again, fresher, from another request.
    var inSidebar = new models.Task({ id: 7, title: 'Write the guide', project: 'shop' });

    out.line('inSidebar === inHeader: ' + (inSidebar === inHeader));
    out.check(inSidebar === inHeader, 'new returned the task the header has');
    out.line('the header heard: ' + headerSaw.join('; '));
    out.check(headerSaw[0] === 'Write the guide', 'the header heard the new title');
    out.line('task 7: ' + JSON.stringify(inHeader.toJSON()) + ' (done stays true: defaults are not applied again)');
    out.check(inHeader.get('done') === true, 'the defaults did not overwrite done');
    out.line('website tasks: [' + website.get('tasks').pluck('id') + '], shop tasks: [' + shop.get('tasks').pluck('id') + ']');
    out.check(shop.get('tasks').at(0) === inHeader && website.get('tasks').length === 0, 'the task moved to the shop');

    out.heading('Collections and parse find it too');

    var TaskList = Backbone.Collection.extend({ model: models.Task });
    var list = new TaskList([{ id: 7, title: 'Write the guide, then the README' }, { id: 8, title: 'Test' }]);
    out.line('list.get(7) === inHeader: ' + (list.get(7) === inHeader) + ', title: ' + inHeader.get('title'));
    out.check(list.get(7) === inHeader, 'the collection holds the same task');
    models.Task.prototype.parse = function (response) { return response.task || response; };
    var parsed = new models.Task({ task: { id: 8, title: 'Test everything' } }, { parse: true });
    out.line('new Task({ task: { id: 8, ... } }, { parse: true }) === list.get(8): ' + (parsed === list.get(8)));
    out.check(parsed === list.get(8), 'the parsed id found task 8');

    out.heading('Sub-models: one id space');

    models.Animal = Backbone.RelationalModel.extend({
      reuseInstances: true,
      subModelTypes: { mammal: 'Mammal', bird: 'Bird' }
    });
    models.Mammal = models.Animal.extend();
    models.Bird = models.Animal.extend();

    var bob = models.Animal.build({ id: 1, type: 'mammal', name: 'Bob' });
    var again = new models.Animal({ id: 1, type: 'mammal', name: 'Bobby' });
    out.line('new Animal({ id: 1, type: \'mammal\' }) is the Mammal built before: ' + (again === bob) +
      ' (a Mammal: ' + (again instanceof models.Mammal) + ', name: ' + bob.get('name') + ')');
    out.check(again === bob, 'the existing Mammal was returned');

    // The store also reports refused duplicates with console.warn; expected here, so off.
    Backbone.Relational.showWarnings = false;
    try {
      out.line('new Bird({ id: 1 }): ' + attempt(function () { return new models.Bird({ id: 1 }); }));
      out.heading('An id given later cannot be another model\'s');
      var unsaved = new models.Task({ title: 'Draft' });
      out.line('unsaved.set({ id: 7 }): ' + attempt(function () { return unsaved.set({ id: 7 }); }));
      out.check(unsaved.id === undefined && models.Task.find(7) === inHeader, 'both tasks are as they were');

      out.heading('Off (the default): 0.10.0\'s error');
      // Project has no reuseInstances; project 'web' exists.
      out.line('new Project({ id: \'web\' }): ' + attempt(function () { return new models.Project({ id: 'web' }); }));
    } finally {
      Backbone.Relational.showWarnings = true;
    }

    Backbone.Relational.store.removeModelScope(models);

    function attempt(create) {
      try {
        create();
        out.check(false, 'an error was expected');
        return 'no error';
      } catch (e) {
        return 'throws "' + e.message + '"';
      }
    }
  }
});
