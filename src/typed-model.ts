// Typed models
// ------------
//
// Type declarations only: nothing in this file exists at run time. They let an application
// state, for a model type, the interface of its attributes and the relations it has, and then
// get typed values from `get`, `getAsync` and `getRelation`, checked values for `set` and the
// constructor, and compile errors for misspelt keys:
//
//   interface ZooAttributes { id?: number; name: string }
//   class Zoo extends RelationalModel<ZooAttributes, { animals: HasManyOf<Animal, AnimalCollection> }> {}
//   zoo.get('animals')        // AnimalCollection
//   animal.get('livesIn')     // Zoo | null   (Animal states `{ livesIn: HasOneOf<Zoo> }`)
//
// `RelationalModel` with no type arguments (every model that does not opt in) keeps the types it
// always had: keys are any string and values `any`, as with `Backbone.Model`.
//
// The relations map names, by key, the relation each model of the type has: `HasOneOf<M>` or
// `HasManyOf<M, C>`, whether the type declares it in `relations` or it is the reverse relation
// another type declares. It is a statement of the application, checked against the
// definitions given to `extend` / `setup` (see `RelationalModelProps`) where they are written.

import type Backbone from 'backbone';
import type { RelationalModelBase, RelationalModelBaseType } from './relational-model';
import type {
  RelationalModelType, RelationalModelConstructor, RelationalModelSubtype, RelationalModelProps,
  RelationalSetOptions, GetAsyncOptions, RelatedValue,
} from './model-types';
import type { Relation } from './relation';
import type { RelationConstructor, RelationDefinition } from './relation-types';
import type { HasOne } from './has-one';
import type { HasMany } from './has-many';
import type { Id } from './utils';

/**
 * The key under which a model's type carries its attributes and relations interfaces. Declared
 * only (no model has such a property at run time); not exported, so no application can use it.
 */
declare const modelTypes: unique symbol;

/** `true` when `A` is `any` or `unknown`: the attributes of a model type that did not opt in. */
export type IsUntyped<A> = unknown extends A ? true : false;

/**
 * A HasOne relation to a model of type `M`, as named in a relations map: its value is `M | null`.
 * `getRelation(key)` of a typed model returns this type.
 */
export interface HasOneOf<M extends TypedRelationalModel = TypedRelationalModel> extends HasOne {
  /** The related model, or `null`. */
  related: M | null;
  /** The related type. */
  relatedModel: RelationalModelType<M>;
}

/**
 * A HasMany relation to models of type `M`, held in a collection of type `C` (the relation's
 * `collectionType`; `Backbone.Collection<M>` when it has none), as named in a relations map: its
 * value is `C`. `getRelation(key)` of a typed model returns this type.
 */
export interface HasManyOf<M extends TypedRelationalModel = TypedRelationalModel, C extends Backbone.Collection<M> = Backbone.Collection<M>> extends HasMany {
  /** The collection of related models. */
  related: C;
  /** The related type. */
  relatedModel: RelationalModelType<M>;
}

/**
 * No argument when every key in `K` is one of `Keys`, an impossible one otherwise: the rest
 * parameter that makes a misspelt key a compile error in `get` and `previous` (whose key stays
 * a plain type parameter, as in Backbone's signature, so a typed model still is a
 * `Backbone.Model`).
 */
export type KeyCheck<K, Keys> = [K] extends [Keys] ? [] : [misspeltKey: never];

/** The keys of a model type's attributes and relations (any string for an untyped model). */
export type ModelKey<A, R> = IsUntyped<A> extends true ? string : (keyof A | keyof R) & string;

/** The keys of a model type's relations (any string for an untyped model). */
export type RelationKey<A, R> = IsUntyped<A> extends true ? string : keyof R & string;

/** The relation keys of a typed model; `never` for an untyped one. */
export type TypedRelationKey<A, R> = IsUntyped<A> extends true ? never : keyof R & string;

/** `string` for an untyped model, `never` for a typed one (whose keys are checked). */
export type UntypedKey<A> = IsUntyped<A> extends true ? string : never;

/** The value a relation holds: `M | null` for `HasOneOf<M>`, `C` for `HasManyOf<M, C>`. */
export type RelatedOf<Rel> = Rel extends { related: infer V } ? V : never;

/** What `get(key)` returns: the related value for a relation key, the attribute's type otherwise. */
export type AttributeValue<A, R, K> = IsUntyped<A> extends true
  ? any
  : K extends keyof R ? RelatedOf<R[K]> : K extends keyof A ? A[K] : never;

/** What `getRelation(key)` returns. */
export type RelationOf<A, R, K> = IsUntyped<A> extends true
  ? HasOne | HasMany | undefined
  : K extends keyof R ? Extract<R[K], HasOne | HasMany> : never;

/**
 * What a relation key can be set to (or given to the constructor, or nested in the attributes
 * of another model): for a HasOne, a model, an id, attributes (to find or create the model by)
 * or `null`; for a HasMany, also a collection and arrays of models, ids and attributes.
 */
export type RelationInput<Rel> = Rel extends HasMany
  ? CollectionInput<RelatedOf<Rel>> | null
  : Rel extends HasOne
    ? ModelInput<NonNullable<RelatedOf<Rel>>> | null
    : unknown;

/** A collection of type `C`, or anything naming the models it should hold. */
export type CollectionInput<C> = C | (C extends Backbone.Collection<infer M>
  ? Backbone.Collection<M> | ModelInput<M> | ReadonlyArray<ModelInput<M>>
  : never);

/** A model of type `M`, its id, or attributes to find or create it by. */
export type ModelInput<M> = M | Id | AttributesInput<M>;

/** What `set(key, value)` takes for `key`. */
export type SetValue<A, R, K> = IsUntyped<A> extends true
  ? unknown
  : K extends keyof R ? RelationInput<R[K]> : K extends keyof A ? A[K] : never;

/** What `set(attributes)` and the constructor take: each attribute and relation key, optional. */
export type SetAttributes<A, R> = IsUntyped<A> extends true
  ? Backbone.ObjectHash
  : { [K in ModelKey<A, R>]?: SetValue<A, R, K> };

/** The attributes (and relation values) `set` takes for a model of type `M`. */
export type AttributesInput<M> = M extends { readonly [modelTypes]?: { attributes: infer A; relations: infer R } }
  ? SetAttributes<A, R>
  : Backbone.ObjectHash;

/** The attributes interface a model type opted in with (`unknown` when it did not). */
export type ModelAttributes<M> = M extends { readonly [modelTypes]?: { attributes: infer A } } ? A : unknown;

/** The relations map a model type opted in with (`unknown` when it did not). */
export type ModelRelations<M> = M extends { readonly [modelTypes]?: { relations: infer R } } ? R : unknown;

/** The values `get` returns for every key of a typed model: attributes and related values. */
export type AttributeValues<A, R> = IsUntyped<A> extends true
  ? Backbone.ObjectHash
  : { [K in ModelKey<A, R>]: AttributeValue<A, R, K> };

/** The arguments of the constructor of `RelationalModel<A, R>`. */
export type ModelConstructorArgs<A, R> = IsUntyped<A> extends true
  ? unknown[]
  : [attributes?: SetAttributes<A, R> | null, options?: RelationalSetOptions];

/**
 * A relational model whose attributes are typed by `A` and whose relations by `R` (a map from
 * key to `HasOneOf<...>` / `HasManyOf<...>`). `RelationalModel<A, R>` is this type; without type
 * arguments (`A` is `any`) every member has the types it has on an untyped model.
 */
export interface TypedRelationalModel<A = any, R = {}> extends RelationalModelBase {
  /** Type information only: the attributes interface and relations map this type opted in with. */
  readonly [modelTypes]?: { attributes: A; relations: R };

  /** The attributes, relation values included (typed for a typed model). */
  attributes: IsUntyped<A> extends true ? Backbone.ObjectHash : Partial<AttributeValues<A, R>>;

  /**
   * The value of an attribute; for a relation key, the related model (or `null`) of a HasOne,
   * the collection of a HasMany.
   */
  get<K extends string>(key: K, ...misspelt: KeyCheck<K, ModelKey<A, R>>): AttributeValue<A, R, K>;
  // For a typed model, only for the message of a misspelt key, which lists the keys (the
  // signature above only says an argument is missing); for an untyped one, Backbone's `get` as `Parameters` and
  // `ReturnType` see it (the last signature).
  get(key: ModelKey<A, R>): IsUntyped<A> extends true ? any : unknown;

  /**
   * Backbone's `set`, then: the first time, set up the relations (and register the model if it
   * has an id); later, tell the store about a new id; and hand changed relation keys to their
   * relations. Events wait in the event queue until all of that is done.
   */
  set<K extends ModelKey<A, R>>(key: K, value?: SetValue<A, R, K>, options?: RelationalSetOptions): this;
  set(attributes: SetAttributes<A, R> | null | undefined, options?: RelationalSetOptions): this;
  set(
    keyOrAttributes: UntypedKey<A> | SetAttributes<A, R> | null | undefined,
    value?: IsUntyped<A> extends true ? unknown : RelationalSetOptions,
    options?: RelationalSetOptions,
  ): this;

  /** The previous value of an attribute (or relation), during a `change` event. */
  previous<K extends string>(key: K, ...misspelt: KeyCheck<K, ModelKey<A, R>>): AttributeValue<A, R, K> | null | undefined;
  previous(key: ModelKey<A, R>): IsUntyped<A> extends true ? any : unknown;
  /** Whether the attribute is set (not `null` or `undefined`). */
  has(key: ModelKey<A, R>): boolean;
  /** The attribute's value, HTML-escaped. */
  escape(key: ModelKey<A, R>): string;
  /** Remove an attribute (a relation key: the relation is emptied). */
  unset(key: ModelKey<A, R>, options?: Backbone.Silenceable): this;

  /** The relation for `key`, if the model has one (a typed model: the relation its map names). */
  getRelation<K extends RelationKey<A, R>>(key: K): RelationOf<A, R, K>;

  /** The ids `getAsync(key)` would fetch (with `refresh`, also those of the related models loaded already). */
  getIdsToFetch(key: RelationKey<A, R> | Relation, refresh?: boolean): Id[];

  /**
   * The related value of `key`, after fetching the related models it only knows by id (all of
   * them with `refresh`): a jQuery promise when jQuery is there, a native promise otherwise.
   */
  getAsync<K extends TypedRelationKey<A, R>>(key: K, options?: GetAsyncOptions): PromiseLike<RelatedOf<R[K]>>;
  getAsync<T = RelatedValue>(key: RelationKey<A, R>, options?: GetAsyncOptions): PromiseLike<T>;
}

// Definitions
// -----------

/** A relation type for a relation of the kind `Rel`: `HasOne` / `HasMany` (or a subtype), or its name. */
export type RelationTypeFor<Rel> = Rel extends HasMany
  ? RelationConstructor<HasMany> | 'HasMany'
  : Rel extends HasOne ? RelationConstructor<HasOne> | 'HasOne' : RelationDefinition['type'];

/** `relatedModel` for a relation to models of type `M`: the type, a name, or a function returning the type. */
export type RelatedModelFor<M extends TypedRelationalModel> =
  RelationalModelType<M> | string | ((this: Relation) => RelationalModelType<M>);

/** `collectionType` for a HasMany holding a `C`: the type, a name, or a function returning the type. */
export type CollectionTypeFor<C> = (new (...args: never[]) => C) | string | ((this: Relation) => new (...args: never[]) => C);

/** The models a relation of the kind `Rel` relates to. */
export type RelatedModelOf<Rel> = Rel extends HasMany
  ? RelatedOf<Rel> extends Backbone.Collection<infer M extends TypedRelationalModel> ? M : TypedRelationalModel
  : Rel extends HasOne
    ? NonNullable<RelatedOf<Rel>> extends infer M extends TypedRelationalModel ? M : TypedRelationalModel
    : TypedRelationalModel;

/**
 * The definition of the relation `K` of a typed model whose relations map is `R`: its `type`
 * must be of the kind the map names, `relatedModel` the type (or a name), `collectionType`
 * (required when the map names a collection type of its own) of that collection type, and
 * `reverseRelation.key`, when the related type is typed too, a relation that type states.
 */
export type TypedRelationDefinition<R, K extends keyof R> = Omit<RelationDefinition, 'type' | 'key' | 'relatedModel' | 'collectionType' | 'reverseRelation'> & {
  type: RelationTypeFor<R[K]>;
  key: K;
  relatedModel?: RelatedModelFor<RelatedModelOf<R[K]>>;
  reverseRelation?: Omit<RelationDefinition, 'key'> & { key: ReverseKeyOf<RelatedModelOf<R[K]>> };
} & CollectionTypeOption<R[K]>;

/** The keys a reverse relation may have on the related type `M`: its relations (any string when untyped). */
export type ReverseKeyOf<M> = RelationKey<ModelAttributes<M>, ModelRelations<M>>;

type CollectionTypeOption<Rel> = Rel extends HasMany
  ? RelatedOf<Rel> extends Backbone.Collection<infer M>
    ? Backbone.Collection<M> extends RelatedOf<Rel>
      ? { collectionType?: CollectionTypeFor<RelatedOf<Rel>> }
      : { collectionType: CollectionTypeFor<RelatedOf<Rel>> }
    : {}
  : {};

/** The relation definitions a model of type `M` may declare (any `RelationDefinition` when untyped). */
export type RelationDefinitionFor<M> = IsUntyped<ModelAttributes<M>> extends true
  ? RelationDefinition
  : { [K in keyof ModelRelations<M> & string]: TypedRelationDefinition<ModelRelations<M>, K> }[keyof ModelRelations<M> & string];

/**
 * The prototype properties `extend` and `setup` take for a model type whose instances are `M`:
 * `RelationalModelProps`, with, for a typed model, its relation definitions checked against its
 * relations map and its `defaults` against its attributes.
 */
export type RelationalModelPropsFor<M> = IsUntyped<ModelAttributes<M>> extends true ? RelationalModelProps : TypedModelProps<M>;

/** `RelationalModelProps` for a typed model type whose instances are `M`. */
export interface TypedModelProps<M> {
  /** The relation definitions (or a function returning them). */
  relations?: Array<RelationDefinitionFor<M>> | ((this: M) => Array<RelationDefinitionFor<M>>);
  /** Sub-model types by the value of `subModelTypeAttribute`: names or types. */
  subModelTypes?: Record<string, string | RelationalModelType>;
  /** The attribute whose value selects the sub-model type. Default `'type'`. */
  subModelTypeAttribute?: string;
  /** `new` with the id of an existing model returns that model, updated. Default `false`. */
  reuseInstances?: boolean;
  /** `get` and `set` read and write through relations by paths. Default `Backbone.Relational.paths`. */
  paths?: boolean;
  idAttribute?: string;
  urlRoot?: string | (() => string);
  defaults?: AttributesInput<M> | (() => AttributesInput<M>);
  [property: string]: unknown;
}

// Types
// -----

/**
 * The type of `RelationalModel` (the value): its statics, and a constructor that takes the
 * attributes and relations interfaces as type arguments, for `class Zoo extends
 * RelationalModel<ZooAttributes, ZooRelations>`.
 */
export interface RelationalModelClass extends RelationalModelStatics {
  new <A = any, R = {}>(...args: ModelConstructorArgs<A, R>): TypedRelationalModel<A, R>;
  // `InstanceType<typeof RelationalModel>` reads the last signature: the untyped model.
  new (...args: unknown[]): TypedRelationalModel;
  prototype: TypedRelationalModel;
}

/**
 * The static members of every relational model type (`RelationalModelType`,
 * `RelationalModelClass`): those the class declares, with `setup` and `extend` aware of typed
 * models.
 */
export interface RelationalModelStatics extends Omit<RelationalModelBaseType, 'prototype' | 'setup' | 'extend'> {
  /**
   * Set up a type's relations, sub-models and reverse relations. `extend` calls it for you;
   * call it yourself after defining a type with `class ... extends` (ES or CoffeeScript).
   * Given an object, its properties are first put on the prototype, as `extend` would (for a
   * typed model, its relation definitions are checked against its relations map).
   */
  setup<T extends RelationalModelConstructor>(this: T, protoProps?: RelationalModelPropsFor<InstanceType<T>> | RelationalModelConstructor | null): T;

  /**
   * Backbone's `extend`, followed by `setup` for the new type. Given the type of its instances,
   * `extend<Zoo>({...})` makes a typed model type (`Zoo` being an interface or type extending
   * `RelationalModel<ZooAttributes, ZooRelations>`), its relation definitions checked against
   * the relations map.
   */
  extend<M extends TypedRelationalModel = never>(
    protoProps: [M] extends [never] ? never : TypedModelProps<M> & ThisType<M>, staticProps?: object,
  ): RelationalModelTypeOf<M>;
  extend<T extends RelationalModelConstructor, P extends RelationalModelProps = {}, S extends object = {}>(
    this: T, protoProps?: RelationalModelPropsFor<InstanceType<T>> & P & ThisType<InstanceType<T> & P>, staticProps?: S,
  ): RelationalModelSubtype<T, P, S>;
}

/**
 * A typed model type made by `extend<M>(...)`: its constructor takes `M`'s attributes, and
 * `build`, `findOrCreate` and `find` return `M`.
 */
export interface RelationalModelTypeOf<M extends TypedRelationalModel> extends RelationalModelStatics {
  new (attributes?: AttributesInput<M> | null, options?: RelationalSetOptions): M;
  prototype: M;
}
