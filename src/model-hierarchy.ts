// Model types and sub-models
// --------------------------
//
// What `setup` does for a type (own copy of its relations, its `subModelTypes` remembered, its
// reverse relations declared on the related types), and how a type finds its place in a
// sub-model hierarchy: a type listed in another's `subModelTypes` learns its super-model,
// inherits the super-model's relations, and shares its store collection (and so its ids).
// `build` creates the sub-type that the data's `subModelTypeAttribute` names, at any depth.

import {
  Relational, RelationalModel, isObject, warn, checkReuseInstancesOption, setUpPathsOption,
  type RelationalModelType, type RelationalModelProps, type RelationalModelConstructor, type RelationDefinition,
} from './internal';

/** See `RelationalModel.setup`. */
export function setupModelType(type: RelationalModelType, protoProps?: RelationalModelProps | RelationalModelConstructor | null): void {
  const prototype = type.prototype as any;
  // `setup({ relations, ... })` (ES classes): prototype properties, as `extend` takes them.
  // `extend` itself passes the parent type, which is not one.
  if (protoProps && typeof protoProps === 'object') Object.assign(prototype, protoProps);
  checkReuseInstancesOption(prototype);
  setUpPathsOption(prototype);
  // An own copy, so reverse relations added to this type do not reach its parent.
  if (typeof prototype.relations !== 'function') prototype.relations = (prototype.relations || []).slice(0);
  type._subModels = {};
  type._superModel = null;
  if (Object.prototype.hasOwnProperty.call(prototype, 'subModelTypes')) {
    Relational.store.addSubModels(prototype.subModelTypes, type);
  } else {
    // Sub-model types are not inherited.
    prototype.subModelTypes = null;
  }
  const definitions: RelationDefinition[] = Array.isArray(prototype.relations) ? prototype.relations : [];
  for (const definition of definitions) {
    if (!isObject(definition)) {
      warn('Relation=%o; missing or invalid relation type!', definition);
      continue;
    }
    if (!definition.model) definition.model = type;
    if (definition.reverseRelation && definition.model === type) declareReverseEarly(definition);
  }
}

/**
 * Declare a relation's reverse side as its type is defined, so it exists before any instance
 * does; a related type named but not defined yet is tried again as models are created.
 */
function declareReverseEarly(definition: RelationDefinition): void {
  const store = Relational.store;
  let declareNow = true;
  if (typeof definition.relatedModel === 'string') {
    const relatedModel: any = store.getObjectByName(definition.relatedModel);
    declareNow = !!relatedModel && relatedModel.prototype instanceof RelationalModel;
  }
  if (declareNow) store.initializeRelation(null, definition);
  else if (typeof definition.relatedModel === 'string') store.addOrphanRelation(definition);
}

/** See `RelationalModel.build`. */
export function buildModel(type: RelationalModelType, attributes?: object, options?: object): RelationalModel {
  type.initializeModelHierarchy();
  let model = type._findSubModelType(type, attributes);
  if (!model && isObject(attributes) && type.prototype.subModelTypeAttribute in attributes) {
    // The type value may name a sub-model of a sub-model resolved before its own sub-models
    // were (0.10.0 then built the root type): resolve the whole hierarchy, and look again.
    resolveSubModelsDeeply(type);
    model = type._findSubModelType(type, attributes);
  }
  return new (model || type)(attributes as any, options);
}

function resolveSubModelsDeeply(type: RelationalModelType, seen = new Set<RelationalModelType>()): void {
  if (seen.has(type)) return;
  seen.add(type);
  type.initializeModelHierarchy();
  const subModels = type._subModels || {};
  for (const typeValue in subModels) resolveSubModelsDeeply(subModels[typeValue], seen);
}

/** See `RelationalModel._findSubModelType`. */
export function findSubModelType(self: RelationalModelType, type: RelationalModelType, attributes: any): RelationalModelType | null {
  const subModels = type._subModels;
  const typeAttribute = type.prototype.subModelTypeAttribute;
  if (!subModels || !isObject(attributes) || !(typeAttribute in attributes)) return null;
  const typeValue = attributes[typeAttribute];
  const direct = subModels[typeValue];
  if (direct) return direct;
  // Look deeper: the value may name a sub-model of a sub-model.
  for (const value in subModels) {
    const found = self._findSubModelType(subModels[value], attributes);
    if (found) return found;
  }
  return null;
}

/** See `RelationalModel.initializeModelHierarchy`. */
export function initializeModelHierarchy(type: RelationalModelType): void {
  type.inheritRelations();
  const subModelTypes = type.prototype.subModelTypes;
  if (!subModelTypes) return;
  const resolved = type._subModels || {};
  for (const typeValue in subModelTypes) {
    if (Object.prototype.hasOwnProperty.call(resolved, typeValue)) continue;
    const named = subModelTypes[typeValue];
    const subModelType: any = typeof named === 'string' ? Relational.store.getObjectByName(named) : named;
    if (subModelType && typeof subModelType.initializeModelHierarchy === 'function') subModelType.initializeModelHierarchy();
  }
}

/** See `RelationalModel.inheritRelations`. */
export function inheritRelations(type: RelationalModelType): void {
  // Done already (`false` means: no super-model).
  if (type._superModel !== undefined && type._superModel !== null) return;
  Relational.store.setupSuperModel(type);
  const superModel = type._superModel as RelationalModelType | null;
  if (!superModel) {
    type._superModel = false;
    return;
  }
  // The super-model inherits first, so this type gets what it got too.
  superModel.inheritRelations();
  const superRelations = superModel.prototype.relations;
  const own = type.prototype.relations;
  if (!Array.isArray(superRelations) || typeof own === 'function') return;
  const ownList = own || [];
  // A relation this type declares itself (same key and related type) replaces the inherited one.
  const inherited = superRelations.filter((superRelation) => !ownList.some((relation) =>
    superRelation.relatedModel === relation.relatedModel && superRelation.key === relation.key));
  (type.prototype as any).relations = inherited.concat(ownList);
}
