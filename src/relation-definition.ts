// A relation's definition
// -----------------------
//
// What a `relations` entry becomes on the relation made from it: its options completed with
// the relation type's defaults (in the definition object itself, as 0.10.0 did: applications
// see it), its keys and types resolved, and its reverse relation handed to the store once per
// definition rather than once per model.

import {
  Relational, RelationalModel, Relation, defaults, isObject, isConstructor, result, relationTypeOf,
  type RelationalModelType, type RelationDefinition,
} from './internal';

/** `relations` of a model: the prototype's (array or function) plus reverse relations added to a function. */
export function relationsOf(model: RelationalModel): RelationDefinition[] {
  const declared = model.relations as RelationDefinition[] | (() => RelationDefinition[]) | null;
  if (typeof declared !== 'function') return declared || [];
  let list = (declared.call(model) as RelationDefinition[]) || [];
  for (let type: any = model.constructor; type && type.prototype instanceof RelationalModel; type = Object.getPrototypeOf(type)) {
    if (Object.prototype.hasOwnProperty.call(type, '_extraRelations')) list = list.concat(type._extraRelations);
  }
  return list;
}


/** Complete `definition` with the defaults and read the relation's keys and types from it. */
export function applyDefinition(relation: any, instance: RelationalModel | null, definition?: RelationDefinition): void {
  const options: RelationDefinition = isObject(definition) ? definition : {};
  relation.reverseRelation = defaults(options.reverseRelation || {}, relation.options.reverseRelation);
  relation.options = defaults(options, relation.options, (Relation.prototype as any).options);
  relation.reverseRelation.type = relationTypeOf(relation.reverseRelation.type);

  relation.key = relation.options.key as string;
  relation.keySource = relation.options.keySource || relation.key;
  relation.keyDestination = relation.options.keyDestination || relation.keySource || relation.key;
  relation.model = relation.options.model || (instance ? instance.constructor as RelationalModelType : undefined);
  relation.relatedModel = resolveRelatedModel(relation);
}

/** `relatedModel` as a type: the model's own type when omitted, looked up by name, or returned by a function. */
function resolveRelatedModel(relation: Relation): RelationalModelType {
  let relatedModel: any = relation.options.relatedModel;
  if (relatedModel === undefined) return relation.model;
  if (typeof relatedModel === 'function' && !(relatedModel.prototype instanceof RelationalModel) && !isConstructor(relatedModel)) {
    // Called as a method of the relation.
    relation.relatedModel = relatedModel;
    relatedModel = result(relation, 'relatedModel');
  }
  if (typeof relatedModel === 'string') relatedModel = Relational.store.getObjectByName(relatedModel);
  return relatedModel;
}

/** Hand the store the reverse relation `relation`'s definition asks for (unless it is one itself). */
export function declareReverseRelation(relation: Relation): void {
  const reverse = relation.reverseRelation as Record<string, any>;
  if (relation.options.isAutoRelation || !reverse.type || !reverse.key || declaredAlready(relation)) return;
  Relational.store.addReverseRelation(defaults({
    isAutoRelation: true,
    model: relation.relatedModel,
    relatedModel: relation.model,
    reverseRelation: relation.options,
  }, reverse));
}

/** What a definition's last relation handed to `store.addReverseRelation`. */
interface ReverseDeclaration {
  store: object;
  model: unknown;
  relatedModel: unknown;
  reverse: Record<string, unknown>;
  values: unknown[];
}

const reverseDeclarations = new WeakMap<object, ReverseDeclaration>();

/**
 * Whether the relation before this one made from the same definition handed the store the
 * very same reverse relation (same types, same reverse options): the store would find it
 * there and do nothing, as 0.10.0's did for every model after the first, after comparing it
 * with every reverse relation it has.
 */
function declaredAlready(relation: Relation): boolean {
  const store = Relational.store;
  const reverse = relation.reverseRelation as Record<string, unknown>;
  const last = reverseDeclarations.get(relation.options);
  const same = !!last && last.store === store && last.model === relation.model && last.relatedModel === relation.relatedModel
    && last.reverse === reverse && hasKeysAndValues(reverse, last.values);
  if (same) return true;
  const values: unknown[] = [];
  for (const key in reverse) values.push(key, reverse[key]);
  reverseDeclarations.set(relation.options, { store, model: relation.model, relatedModel: relation.relatedModel, reverse, values });
  return false;
}

/** Whether `object`'s keys and values are, in order, those of `values` (key, value, key, value, ...). */
function hasKeysAndValues(object: Record<string, unknown>, values: unknown[]): boolean {
  let i = 0;
  for (const key in object) {
    if (i >= values.length || values[i] !== key || values[i + 1] !== object[key]) return false;
    i += 2;
  }
  return i === values.length;
}
