// Serialization
// -------------
//
// `toJSON` of a relational model: Backbone's, with each relation written as its
// `includeInJSON` says (the related model's JSON, one attribute, some attributes, or nothing),
// under its `keyDestination`. Nested models are written in full wherever they appear; only a
// cycle is cut: a model already being written higher up the same path gives its id.

import Backbone from 'backbone';
import { HasMany, HasOne, isObject, cloneObject, type RelationalModel, type RelationalModelType } from './internal';

const BackboneModel = Backbone.Model as any;

/**
 * Backbone's own `Model#toJSON` (`_.clone(this.attributes)`), if that is what `Backbone.Model`
 * had when this library loaded. While it still is, the attributes are copied here: the same
 * shallow copy, without the array of keys `_.clone` builds for every model. A `toJSON` that a
 * plugin put on `Backbone.Model.prototype`, before or after, is called as it is.
 */
const backbonesOwnToJSON = isAttributeClone(BackboneModel.prototype.toJSON) ? BackboneModel.prototype.toJSON : null;

function isAttributeClone(toJSON: unknown): boolean {
  return typeof toJSON === 'function' &&
    /^function\s*\(\s*[\w$]*\s*\)\s*\{\s*return\s+[\w$]+\.clone\(\s*this\.attributes\s*\)\s*;?\s*\}$/.test(Function.prototype.toString.call(toJSON));
}

/** See `RelationalModel#toJSON`. */
export function serializeModel(model: RelationalModel, options?: any): any {
  // Being written higher up this same path: a cycle.
  if (model.isLocked()) return model.id;
  model.acquire();
  try {
    const json = BackboneModel.prototype.toJSON === backbonesOwnToJSON
      ? cloneObject(model.attributes)
      : BackboneModel.prototype.toJSON.call(model, options);
    const type = model.constructor as RelationalModelType;
    if (type._superModel && !((type._subModelTypeAttribute as string) in json)) {
      json[type._subModelTypeAttribute as string] = type._subModelTypeValue;
    }
    const relations = model._relations;
    if (relations) for (const key of Object.keys(relations)) serializeRelation(json, relations[key], options);
    return json;
  } finally {
    model.release();
  }
}

/**
 * `collection.pluck(attr)`, as 0.10.0 asked. Backbone 1.2's own `pluck` answers nothing with
 * lodash 4 (its `_.invoke` calls a method of the array itself): then each model is asked.
 */
function pluckFrom(collection: Backbone.Collection<any>, attr: string): unknown[] {
  const values = collection.pluck(attr);
  if (values !== undefined || collection.pluck !== Backbone.Collection.prototype.pluck) return values;
  return collection.models.map((model) => model.get(attr));
}

/** Write one relation into `json` as its `includeInJSON` and `keyDestination` say. */
function serializeRelation(json: Record<string, any>, relation: any, options: any): void {
  const related = json[relation.key];
  const includeInJSON = relation.options.includeInJSON;
  let value: any = null;
  if (includeInJSON === true) {
    if (related && typeof related.toJSON === 'function') value = related.toJSON(options);
  } else if (typeof includeInJSON === 'string') {
    if (related instanceof Backbone.Collection) value = pluckFrom(related, includeInJSON);
    else if (related instanceof Backbone.Model) value = related.get(includeInJSON);
    // With the id attribute, ids of related models not loaded yet are kept too.
    if (includeInJSON === relation.relatedModel.prototype.idAttribute) {
      if (relation instanceof HasMany) {
        value = (value || []).concat(relation.keyIds);
      } else if (relation instanceof HasOne) {
        // (0.10.0 wrote a related model's id 0 as `null`.)
        if (!value && value !== 0) value = relation.keyId;
        if (!value && value !== 0 && !isObject(relation.keyContents)) value = relation.keyContents || null;
      }
    }
  } else if (Array.isArray(includeInJSON)) {
    if (related instanceof Backbone.Collection) {
      value = related.map((model) => pick(model, includeInJSON));
    } else if (related instanceof Backbone.Model) {
      value = pick(related, includeInJSON);
    }
  } else {
    delete json[relation.key];
  }
  // With `wait: true`, Backbone passes what was given to `save` as attributes: keep it as it is.
  if (value === null && options && options.wait) value = related;
  if (includeInJSON) json[relation.keyDestination] = value;
  if (relation.keyDestination !== relation.key) delete json[relation.key];
}

function pick(model: Backbone.Model, attributes: string[]): Record<string, any> {
  const picked: Record<string, any> = {};
  for (const attribute of attributes) picked[attribute] = model.get(attribute);
  return picked;
}
