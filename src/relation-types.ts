// The types of relation definitions
// ----------------------------------
//
// What a model's `relations` entries look like, and the constructors `type` and
// `collectionType` take. The relation class itself is in relation.ts.

import type Backbone from 'backbone';
import type { GetAsyncOptions, RelationalModel, RelationalModelType } from './internal';
import type { Relation } from './relation';

/**
 * The type of a relation type: `Relation`, `HasOne`, `HasMany`, or a subtype made with their
 * `extend`. `R` is the type of its instances.
 */
export interface RelationConstructor<R extends Relation = Relation> {
  new (instance: RelationalModel | null, options: RelationDefinition, opts?: object): R;
  prototype: R;
  /** Backbone's `extend`: a relation subtype with these prototype (and static) properties. */
  extend<P extends object = {}>(protoProps?: P & ThisType<R & P>, staticProps?: object): RelationConstructor<R & P>;
}

/** A relation type: `HasOne`, `HasMany`, or a subtype of either. */
export type RelationType = RelationConstructor<any>;

/** A collection type, as `collectionType` takes it. */
export type CollectionConstructor = new (models?: any, options?: any) => Backbone.Collection<any>;

/** The options of one relation, as written in a model's `relations`. */
export interface RelationDefinition {
  /** `HasOne`, `HasMany`, their names as strings, or a subclass of either. Required. */
  type?: RelationType | 'HasOne' | 'HasMany' | (string & {});
  /** The attribute holding the related model or collection. Required. */
  key?: string;
  /**
   * The related type: a constructor, a (dotted) name resolved on the model scopes, or a function
   * returning the type. Omitted, the relation points at its own type.
   */
  relatedModel?: RelationalModelType | string | ((this: Relation) => RelationalModelType);
  /** How `toJSON` writes the relation: `true` (nested JSON), `false`, an attribute or a list of them. */
  includeInJSON?: boolean | string | string[];
  /** Fetch the related models when a model is created (`true`, or options for `getAsync`). */
  autoFetch?: boolean | GetAsyncOptions;
  /** The collection type for a HasMany (a constructor or its name). */
  collectionType?: CollectionConstructor | string | ((this: Relation) => CollectionConstructor);
  /** The property on a HasMany's collection pointing back at its owner; `false` for none. */
  collectionKey?: string | boolean;
  /** Options for a HasMany's collection, or a function of the owner returning them. */
  collectionOptions?: Backbone.ObjectHash | ((model: RelationalModel) => Backbone.ObjectHash);
  /** Create models from nested attribute objects. Default `true`. */
  createModels?: boolean;
  /** The attribute the relation's data is read from (and, unless `keyDestination` says otherwise, written to). */
  keySource?: string;
  /** The attribute `toJSON` writes the relation to. */
  keyDestination?: string;
  /** Run the related model's `parse` on nested data. Default `false`. */
  parse?: boolean;
  /** The relation on the related type pointing back; only `key` is required. */
  reverseRelation?: RelationDefinition;
  /** The type declaring the relation (filled in by `setup`). */
  model?: RelationalModelType;
  /** Pass the related models' and collection's events on to the model (see event-bubbling.ts). Default `Backbone.Relational.bubbleEvents`. */
  bubbleEvents?: boolean;
  /** Set on reverse relations the store creates. */
  isAutoRelation?: boolean;
}
