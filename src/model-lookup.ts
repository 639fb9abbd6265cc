// Finding models
// --------------
//
// `findOrCreate` is how data becomes models everywhere in the library (relations given ids or
// attributes, collections given attributes): the model the data names (found by the type's
// `findModel`, by id in the store unless overridden) is updated with it, or a model of the
// right sub-type is built from it.

import Backbone from 'backbone';
import {
  isObject, defaults, cloneObject,
  type RelationalModel, type RelationalModelType, type FindAttributes, type FindOrCreateOptions,
} from './internal';

/** See `RelationalModel.findOrCreate`. */
export function findOrCreateModel(type: RelationalModelType, attributes: FindAttributes, options?: FindOrCreateOptions): RelationalModel | null {
  const settings: FindOrCreateOptions = options || {};
  if (attributes instanceof Backbone.Model) {
    // A model stands for itself. (0.10.0 merged it into the model found, copying its internals
    // and methods in as attributes.)
    return attributes instanceof type ? attributes as RelationalModel : type.findModel(attributes as any);
  }
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
      model = type.build(parsed, defaults({ parse: false }, settings));
    }
  }
  return model;
}

/** The options `find` passes to `findOrCreate`: the caller's, with `create: false` (written into them, as 0.10.0 did). */
export function findModelOptions(options?: FindOrCreateOptions): FindOrCreateOptions {
  const settings = options || {};
  settings.create = false;
  return settings;
}
