'use strict';
// Each library's adapter by the name the bench uses for it. An adapter is made on demand, so a
// process loads only the library it measures.
module.exports = {
  plain: () => require('./plain')(),
  associations: () => require('./associations')(),
  original: () => require('./relational')('original'),
  this: () => require('./relational')('this'),
  // This library with its opt-in store that forgets (store.forgetUnreferenced = true).
  forget: () => require('./relational')('forget'),
  // Plain Backbone with only an identity map (see plain-with-store.js; bench/store-floor.js).
  'plain+map': () => require('./plain-with-store')('map'),
  'plain+store': () => require('./plain-with-store')('store'),
  'plain+store-events': () => require('./plain-with-store')('store-events'),
  'plain+store-add': () => require('./plain-with-store')('store-add'),
  'plain+store-relations': () => require('./plain-with-store')('store-relations'),
};
