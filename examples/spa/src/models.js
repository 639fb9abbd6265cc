// The data model of the app: zoos and the animals that live in them. In a bundle there is no
// global scope to look names up on, so the relation refers to the Animal constructor itself.
import Backbone from 'backbone';
import { RelationalModel, HasMany } from 'backbone-relational-ts';

export const Animal = RelationalModel.extend({
  urlRoot: '/animals',
});

export const AnimalCollection = Backbone.Collection.extend({
  model: Animal,
  comparator: 'species',
});

export const Zoo = RelationalModel.extend({
  urlRoot: '/zoos',
  relations: [{
    type: HasMany,
    key: 'animals',
    relatedModel: Animal,
    collectionType: AnimalCollection,
    reverseRelation: {
      key: 'livesIn',
      includeInJSON: 'id',
    },
  }],
});

export const ZooCollection = Backbone.Collection.extend({
  model: Zoo,
});
