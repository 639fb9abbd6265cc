// Views: one per zoo, re-rendered when its `animals` relation changes (add:animals and
// remove:animals), and an event log.
import Backbone from 'backbone';
import _ from 'underscore';

const zooTemplate = _.template(
  '<h2><%- zoo.get("name") %> <span class="count">(<%- animals.length %> <%- animals.length === 1 ? "animal" : "animals" %>)</span></h2>' +
  '<ul class="animals">' +
  '<% animals.each(function (animal) { %>' +
  '<li data-animal="<%- animal.id %>"><span class="species"><%- animal.get("species") %></span> ' +
  '<% others.forEach(function (other) { %>' +
  '<button type="button" class="move" data-animal="<%- animal.id %>" data-to="<%- other.id %>">Move to <%- other.get("name") %></button> ' +
  '<% }); %>' +
  '</li>' +
  '<% }); %>' +
  '<% if (!animals.length) { %><li class="empty">No animals</li><% } %>' +
  '</ul>'
);

export const ZooView = Backbone.View.extend({
  tagName: 'section',
  className: 'zoo',

  events: {
    'click button.move': 'moveAnimal',
  },

  initialize(options) {
    this.zoos = options.zoos;
    this.renders = 0;
    this.listenTo(this.model, 'add:animals remove:animals', this.render);
    this.listenTo(this.model, 'change:name', this.render);
  },

  render() {
    this.renders += 1;
    this.$el.attr({ 'data-zoo': this.model.id, 'data-renders': this.renders });
    this.$el.html(zooTemplate({
      zoo: this.model,
      animals: this.model.get('animals'),
      others: this.zoos.without(this.model),
    }));
    return this;
  },

  moveAnimal(event) {
    const button = event.currentTarget;
    const animal = this.model.get('animals').get(button.getAttribute('data-animal'));
    const zoo = this.zoos.get(button.getAttribute('data-to'));
    // One call on one side of the relation: the other side, both zoos' collections and their
    // views follow through the add:animals / remove:animals events.
    animal.set('livesIn', zoo);
  },
});

export const EventLogView = Backbone.View.extend({
  tagName: 'ol',
  className: 'event-log',

  initialize(options) {
    options.zoos.each((zoo) => {
      this.listenTo(zoo, 'add:animals', (animal) => this.log(`add:animals on ${zoo.get('name')}: ${animal.get('species')}`));
      this.listenTo(zoo, 'remove:animals', (animal) => this.log(`remove:animals on ${zoo.get('name')}: ${animal.get('species')}`));
    });
  },

  log(text) {
    Backbone.$('<li>').text(text).appendTo(this.$el);
  },
});
