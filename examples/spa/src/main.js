// A small single-page app bundled by rollup: Backbone, jQuery and backbone-relational-ts are
// imported by their npm names, exactly as an application would.
import Backbone from 'backbone';
import $ from 'jquery';
import Relational from 'backbone-relational-ts';
import { Zoo, ZooCollection } from './models.js';
import { ZooView, EventLogView } from './views.js';

// Backbone's CommonJS build looks for jQuery with a `require` that a browser bundle does not
// have; give it the one we imported.
Backbone.$ = $;

const zoos = new ZooCollection([
  { id: 1, name: 'Artis', animals: [{ id: 1, species: 'Lion' }, { id: 2, species: 'Zebra' }, { id: 3, species: 'Giraffe' }] },
  { id: 2, name: 'Dierenpark Amersfoort', animals: [{ id: 4, species: 'Elephant' }] },
]);

const app = $('#app');
zoos.each((zoo) => {
  app.append(new ZooView({ model: zoo, zoos }).render().el);
});
$('#log').append(new EventLogView({ zoos }).el);

// Facts for the page (and the browser tests): the library is installed on the very Backbone
// the app imported, and the relations were built from the nested data.
const lion = Zoo.findOrCreate({ id: 1 }).get('animals').get(1);
$('#facts').text([
  `Backbone.VERSION ${Backbone.VERSION}`,
  `Backbone.Relational === imported namespace: ${Backbone.Relational === Relational}`,
  `Backbone.RelationalModel === Relational.Model: ${Backbone.RelationalModel === Relational.Model}`,
  `lion.get('livesIn').get('name'): ${lion.get('livesIn').get('name')}`,
].join('\n'));

$(document.body).attr('data-status', 'done');
