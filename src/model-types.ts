// The types of the relational model's API
// ------------------------------------------
//
// The shapes `RelationalModel`'s methods take and return: model types, `extend`'s result,
// options of `set`, `getAsync` and `findOrCreate`. The class itself is in relational-model.ts.

import type Backbone from 'backbone';
import type { Id, RelationDefinition } from './internal';
import type { RelationalModel } from './relational-model';
import type { RelationalModelStatics } from './typed-model';

/**
 * A model type deriving from `RelationalModel` (made with `extend` or `class ... extends`), with
 * the static members this library adds. `M` is the type of its instances.
 */
export interface RelationalModelType<M extends RelationalModel = RelationalModel> extends RelationalModelStatics {
  new (attributes?: Backbone.ObjectHash, options?: any): M;
  prototype: M;
}

/** Any constructor of relational models; the `this` of the static methods. */
export type RelationalModelConstructor<M extends RelationalModel = RelationalModel> = new (...args: any[]) => M;

/** What `extend` returns: a subtype of `T` whose instances also have the prototype properties `P`, plus the statics `S`. */
export type RelationalModelSubtype<T extends RelationalModelConstructor, P = {}, S = {}> = Omit<T, 'prototype'> & S & {
  new (attributes?: Backbone.ObjectHash, options?: any): InstanceType<T> & P;
  prototype: InstanceType<T> & P;
};

/** The prototype properties `extend` and `setup` take, with the relational ones typed. */
export interface RelationalModelProps {
  /** The relation definitions (or a function returning them). */
  relations?: RelationDefinition[] | ((this: RelationalModel) => RelationDefinition[]);
  /** Sub-model types by the value of `subModelTypeAttribute`: names or types. */
  subModelTypes?: Record<string, string | RelationalModelType>;
  /** The attribute whose value selects the sub-model type. Default `'type'`. */
  subModelTypeAttribute?: string;
  /** `get` and `set` read and write through relations by paths, `'animals[0].species'` (see paths.ts). Default `Backbone.Relational.paths`. */
  paths?: boolean;
  /** `new` with the id of an existing model returns that model, updated (see reuse-instances.ts). Default `false`. */
  reuseInstances?: boolean;
  idAttribute?: string;
  urlRoot?: string | (() => string);
  defaults?: Backbone.ObjectHash | (() => Backbone.ObjectHash);
  [property: string]: unknown;
}

/** What `findOrCreate`, `find` and `findModel` look a model up by: an id, an attributes object or a model. */
export type FindAttributes = Id | Backbone.ObjectHash;

/** The related value of a relation: a model or `null` (HasOne), or a collection (HasMany). */
export type RelatedValue = RelationalModel | Backbone.Collection<RelationalModel> | null;

/** Options of `getAsync` (and `autoFetch`); the others are passed on to `fetch` / `Backbone.sync`. */
export interface GetAsyncOptions extends Backbone.ModelFetchOptions {
  /** Fetch the related models that are loaded already too. Default `false`. */
  refresh?: boolean;
  add?: boolean;
  merge?: boolean;
  remove?: boolean;
  [option: string]: unknown;
}

/** Options of `set` on a relational model (for a HasMany key: `add`, `merge`, `remove` as `collection.set`). */
export interface RelationalSetOptions extends Backbone.ModelSetOptions {
  add?: boolean;
  merge?: boolean;
  remove?: boolean;
  parse?: boolean;
  [option: string]: unknown;
}

/** Options of `findOrCreate`, `find` and `build`, passed on to `set` or the constructor. */
export interface FindOrCreateOptions {
  /** Create a model when none is found (for attribute objects). Default `true`. */
  create?: boolean;
  /** Update a found model with the attributes. Default `true`. */
  merge?: boolean;
  /** Run the type's `parse` on the attributes first. Default `false`. */
  parse?: boolean;
  [option: string]: unknown;
}
