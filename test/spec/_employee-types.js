'use strict';
// The Employee / Company / Locations types of the ports from backbone-associations
// (paths.spec.js, event-bubbling.spec.js): the same shapes, declared once for each library.
const { Backbone } = require('./_helpers');
const { loadWorld } = require('../differential/worlds');

/** Employee (One `works_for` Company, Many `locations`) on backbone-associations 0.6.2, in a world of its own. */
function associationsEmployee() {
  const ba = loadWorld('associations').Backbone;
  const Location = ba.AssociatedModel.extend({});
  const Company = ba.AssociatedModel.extend({ relations: [{ type: ba.Many, key: 'locations', relatedModel: Location }] });
  return ba.AssociatedModel.extend({ relations: [{ type: ba.One, key: 'works_for', relatedModel: Company }] });
}

/** The same Employee on this library: HasOne `works_for`, HasMany `locations`. */
function relationalEmployee() {
  const Location = Backbone.RelationalModel.extend({});
  const Company = Backbone.RelationalModel.extend({ relations: [{ type: Backbone.HasMany, key: 'locations', relatedModel: Location }] });
  return Backbone.RelationalModel.extend({ relations: [{ type: Backbone.HasOne, key: 'works_for', relatedModel: Company }] });
}

module.exports = { associationsEmployee, relationalEmployee };
