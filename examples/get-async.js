// Lazy loading with getAsync, against a fake server: `Backbone.ajax` is replaced by a function
// that answers from the fixtures below after a short delay, so the example runs without a
// server (in a page, and in Node with jQuery on a jsdom window).
//
// getAsync returns a jQuery promise, so two of them combine with `$.when` (see
// jquery-deferred-waiting-for-saves in the spec). A relation whose collection type has a
// `url(models)` loads all its missing models in one request; other relations fetch each
// missing model by its own url.
//
// Runs in a page (get-async.html) and in Node (`node examples/get-async.js`).
(function (example) {
  if (typeof module === 'object' && module.exports) {
    module.exports = example;
    if (require.main === module) require('./shared/node').main(example);
  } else {
    window.RelationalExamples.start(example);
  }
})({
  title: 'getAsync against a fake server',
  needs: ['jquery'],
  run: function (Backbone, _, $, out) {
    // What the fake server knows, by url.
    var fixtures = {
      '/person/set/person-2;person-5/': [
        { id: 'person-2', name: 'Mary' },
        { id: 'person-5', name: 'Luke' }
      ],
      '/person/set/person-1;person-2;person-5/': [
        { id: 'person-1', name: 'Paul', age: 35 },
        { id: 'person-2', name: 'Mary', age: 33 },
        { id: 'person-5', name: 'Luke', age: 4 }
      ],
      '/user/user-1': { id: 'user-1', login: 'dude', email: 'me@gmail.com' }
    };
    var DELAY = 40; // ms

    var requests = [];
    var originalAjax = Backbone.ajax;
    Backbone.ajax = function (settings) {
      var deferred = $.Deferred();
      var request = settings.type + ' ' + settings.url;
      requests.push(request);
      out.line('  server <- ' + request);
      setTimeout(function () {
        var xhr;
        if (Object.prototype.hasOwnProperty.call(fixtures, settings.url)) {
          xhr = { status: 200, statusText: 'OK' };
          var body = JSON.parse(JSON.stringify(fixtures[settings.url]));
          out.line('  server -> 200 ' + settings.url);
          if (settings.success) settings.success(body, 'success', xhr);
          deferred.resolve(body, 'success', xhr);
        } else {
          xhr = { status: 404, statusText: 'Not Found' };
          out.line('  server -> 404 ' + settings.url);
          if (settings.error) settings.error(xhr, 'error', 'Not Found');
          deferred.reject(xhr, 'error', 'Not Found');
        }
      }, DELAY);
      return deferred.promise();
    };

    var models = {};
    Backbone.Relational.store.addModelScope(models);

    models.House = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany,
        key: 'occupants',
        relatedModel: 'Person',
        includeInJSON: Backbone.Model.prototype.idAttribute,
        collectionType: 'PersonCollection',
        reverseRelation: { key: 'livesIn' }
      }]
    });

    models.Person = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasOne,
        key: 'user',
        relatedModel: 'User',
        reverseRelation: { type: Backbone.HasOne, key: 'person' }
      }]
    });

    // url(models) builds one url for a set of models: getAsync loads them in one request.
    models.PersonCollection = Backbone.Collection.extend({
      url: function (models) {
        return '/person/' + (models ? 'set/' + _.pluck(models, 'id').join(';') + '/' : '');
      }
    });

    models.User = Backbone.RelationalModel.extend({
      urlRoot: '/user'
    });

    var paul = new models.Person({ id: 'person-1', name: 'Paul', user: 'user-1' });
    var ourHouse = new models.House({ id: 'house-1', occupants: ['person-1', 'person-2', 'person-5'] });

    function names(collection) {
      return collection.map(function (person) { return person.get('name') + (person.has('age') ? ' (' + person.get('age') + ')' : ''); }).join(', ');
    }

    function done() {
      Backbone.ajax = originalAjax;
      Backbone.Relational.store.removeModelScope(models);
    }

    out.heading('Two getAsync calls, combined with $.when');
    out.line('ourHouse.getIdsToFetch(\'occupants\'): ' + ourHouse.getIdsToFetch('occupants').join(', '));
    out.line('paul.getIdsToFetch(\'user\'): ' + paul.getIdsToFetch('user').join(', '));
    out.line('> $.when(ourHouse.getAsync(\'occupants\'), paul.getAsync(\'user\'))');

    return $.when(ourHouse.getAsync('occupants'), paul.getAsync('user'))
      .then(function (occupants, user) {
        out.line('done: occupants: ' + names(occupants));
        out.line('done: paul\'s user: ' + user.get('login') + ' <' + user.get('email') + '>');
        out.line('requests made: ' + requests.length);
        out.check(occupants === ourHouse.get('occupants') && occupants.length === 3, 'three occupants loaded');
        out.check(user === paul.get('user') && user.get('login') === 'dude', 'paul\'s user loaded');
        out.check(requests.length === 2, 'one request for the occupants, one for the user');
        out.line('mary livesIn: ' + models.Person.find('person-2').get('livesIn').id);

        out.heading('Nothing missing: no request');
        requests = [];
        return ourHouse.getAsync('occupants');
      })
      .then(function (occupants) {
        out.line('getAsync(\'occupants\') again: ' + names(occupants) + ', requests made: ' + requests.length);
        out.check(requests.length === 0, 'no request when everything is loaded');

        out.heading('refresh: true loads them all again');
        requests = [];
        return ourHouse.getAsync('occupants', { refresh: true });
      })
      .then(function (occupants) {
        out.line('after refresh: ' + names(occupants) + ', requests made: ' + requests.length);
        out.check(occupants.get('person-5').get('age') === 4, 'the refreshed data was merged');

        out.heading('A failing request rejects the promise');
        var nobody = new models.Person({ id: 'person-9', name: 'Nobody', user: 'user-404' });
        return nobody.getAsync('user').then(
          function () {
            throw new Error('getAsync for a missing user should have failed');
          },
          function (xhr) {
            out.line('fail: ' + xhr.status + ' ' + xhr.statusText);
            out.line('still to fetch afterwards: ' + nobody.getIdsToFetch('user').join(', '));
            out.check(nobody.get('user') === null, 'no user was set');
          }
        );
      })
      .then(done, function (error) {
        done();
        throw error;
      });
  }
});
