// Finding models
// --------------
//
// `findOrCreate` is how data becomes models everywhere in the library (relations given ids or
// attributes, collections given attributes): the model the data names (found by the type's
// `findModel`, by id in the store unless overridden) is updated with it, or a model of the
// right sub-type is built from it.

import Backbone from 'backbone';
import {
  isObject, cloneObject, withParse,
  type RelationalModel, type RelationalModelType, type FindAttributes, type FindOrCreateOptions,
} from './internal';

/** See `RelationalModel.findOrCreate`. */
export function findOrCreateModel(type: RelationalModelType, attributes: FindAttributes, options?: FindOrCreateOptions): RelationalModel | null {
  const settings: FindOrCreateOptions = options || {};
  if (attributes instanceof Backbone.Model) return findOrKeepModel(type, attributes, settings);
  const parsed = isObject(attributes) && settings.parse && type.prototype.parse
    ? type.prototype.parse(cloneObject(attributes), settings)
    : attributes;
  let model = type.findModel(parsed);
  if (isObject(attributes)) {
    if (model && settings.merge !== false) {
      // Meant for the outer collection or request, not for a model found on the way.
      delete settings.collection;
      delete settings.url;
      model.set(parsed, settings);
    } else if (!model && settings.create !== false) {
      // Parsed already.
      model = type.build(parsed, withParse(false, settings));
    }
  }
  return model;
}

/**
 * A model given to `findOrCreate` stands for its id, as in 0.10.0: the answer is the model
 * `findModel` finds for it (none for a model without an id or one the store no longer holds).
 * It is never merged in: 0.10.0 copied its internals and methods in as attributes. Where 0.10.0
 * would have built a new model out of those, a model of the type is returned as it is.
 */
function findOrKeepModel(type: RelationalModelType, model: Backbone.Model, settings: FindOrCreateOptions): RelationalModel | null {
  const found = type.findModel(model as any);
  if (found || settings.create === false || !(model instanceof type)) return found;
  return model as RelationalModel;
}

/** The options `find` passes to `findOrCreate`: the caller's, with `create: false` (written into them, as 0.10.0 did). */
export function findModelOptions(options?: FindOrCreateOptions): FindOrCreateOptions {
  const settings = options || {};
  settings.create = false;
  return settings;
}
