'use strict';
// Plain Backbone (the floor, bench/lib/adapters/plain.js) plus only an identity map: each model,
// as it is created, is registered in a store of its type. Used by bench/store-floor.js to show
// what an identity map alone costs plain Backbone, before any relation. Three stores:
//
//   map        a `Map` from id to model per type: the cheapest identity map, and not the one
//              0.10.0 defines.
//   store      a `Backbone.Collection` per type, holding each model as 0.10.0's store makes
//              observable and nothing more: `get` finds it by id and by cid (`_byId`), `models`
//              and `length` list it, and the model's own 'add' handlers hear it join (with the
//              collection as argument); a destroyed model leaves it, its 'remove' handlers
//              hearing it. The collection does not listen to the model, and removal does not
//              keep the order (see UNREGISTER): a floor, cheaper than 0.10.0's store can be.
//   store-events  `store`, and a destroyed child also does what 0.10.0's relations make
//              observable beyond that: its `parent` is emptied (no change event fires, in 0.10.0
//              as here) and the parent hears `remove:children`. (Building is `store`'s.)
//   store-add  a `Backbone.Collection` per type, each model added with `add`, as an application
//              would write it (Backbone's `set`: the model is prepared and listened to, and the
//              collection also triggers 'update'; it removes a destroyed model itself).
//   store-relations  `store`, and each model also has its relations as objects, as 0.10.0 makes
//              them observable: `model._relations`, keyed by relation key, each value an object
//              with the properties 0.10.0's HasOne or HasMany has (see RELATION_SHAPES), and a
//              HasMany's collection pointing back at its model (`collectionKey`). Nothing keeps
//              them in step or finds them again: a floor for the heap a relational model takes.
//
// The graphs and their checks are plain Backbone's; bench/store-floor.js checks the stores too.

const createPlainAdapter = require('./plain');

const REGISTER = {
  map(store, model) {
    store.set(model.id, model);
  },
  store(store, model) {
    store._byId[model.cid] = model;
    if (model.id != null) store._byId[model.id] = model;
    store.models.push(model);
    store.length++;
    model.trigger('add', model, store, {});
  },
  'store-add'(store, model) {
    store.add(model);
  },
};
REGISTER['store-events'] = REGISTER.store;
REGISTER['store-relations'] = REGISTER.store;

// A destroyed model leaves the store (the 'store-add' collection hears 'destroy' and removes it).
const UNREGISTER = {
  map(store, model) {
    store.delete(model.id);
  },
  store(store, model) {
    delete store._byId[model.cid];
    if (model.id != null) delete store._byId[model.id];
    // The last member takes the leaver's place: removal in O(1), where a splice (what Backbone
    // and 0.10.0 do) moves every later member; the order is not kept, which makes this store a
    // floor below what 0.10.0's contract allows (this library keeps the order, in O(log n)).
    // Each member's position, built at the first removal (so no build workload pays for it).
    const models = store.models;
    if (!store._positions) store._positions = new Map(models.map((m, i) => [m, i]));
    const index = store._positions.get(model);
    store._positions.delete(model);
    const last = models.pop();
    if (last !== model) {
      models[index] = last;
      store._positions.set(last, index);
    }
    store.length--;
    model.trigger('remove', model, store, { index });
  },
  'store-add'() {},
  'store-relations'(store, model) {
    UNREGISTER.store(store, model);
  },
  'store-events'(store, model) {
    UNREGISTER.store(store, model);
    const parent = model.get('parent');
    // (Only a child has a parent model.)
    if (!parent || typeof parent.get !== 'function') return;
    model.set('parent', null, { silent: true });
    parent.trigger('remove:children', model, parent.get('children'), {});
  },
};

// The relation objects of the `store-relations` store: one class per kind, so that V8 sizes
// each object for exactly these properties, 0.10.0's own ones less those of its listeners
// (`_listeningTo`, `_listenId`: Backbone's bookkeeping, which another design can keep
// elsewhere). `keyIds` is one shared empty array, where 0.10.0 gives each HasMany its own.
const NO_IDS = Object.freeze([]);
/** What 0.10.0's HasOne and HasMany both have. */
class RelationShape {
  constructor(model, definition, store) {
    this.instance = model;
    this.reverseRelation = definition.reverseRelation;
    this.options = definition;
    this.key = definition.key;
    this.keySource = definition.key;
    this.keyDestination = definition.key;
    this.model = model.constructor;
    this.relatedModel = definition.relatedModel;
    this.keyContents = model.attributes[definition.key];
    this.relatedCollection = store;
    this.related = null;
  }
}
class HasOneShape extends RelationShape {
  constructor(model, definition, store) {
    super(model, definition, store);
    this.keyId = null;
    this._permitsUsed = 0;
  }
}
class HasManyShape extends RelationShape {
  constructor(model, definition, store) {
    super(model, definition, store);
    this.keyIds = NO_IDS;
    this.collectionType = null;
    this.changed = false;
  }
}

/** The relations of each type of the graphs: [key, shape, related type's name, reverse key]. */
const RELATION_SHAPES = {
  Parent: [['children', HasManyShape, 'Child', 'parent']],
  Child: [['parent', HasOneShape, 'Parent', 'children']],
  Person: [['jobs', HasManyShape, 'Job', 'person']],
  Company: [['employees', HasManyShape, 'Job', 'company']],
  Job: [['person', HasOneShape, 'Person', 'jobs'], ['company', HasOneShape, 'Company', 'employees']],
};

module.exports = function createPlainWithStoreAdapter(kind) {
  const register = REGISTER[kind];
  const unregister = UNREGISTER[kind];
  if (!register) throw new Error(`unknown store "${kind}" (one of ${Object.keys(REGISTER).join(', ')})`);
  const adapter = createPlainAdapter();
  const Backbone = adapter.Backbone;
  const stores = new Map();
  const newStore = () => (kind === 'map' ? new Map() : new Backbone.Collection());
  const typesOf = (ctx) => [ctx.Child, ctx.Parent, ctx.Job, ctx.Person, ctx.Company];

  /**
   * Every model of `Type` registers itself in its type's store as it is initialized, and leaves
   * it when destroyed (the bench's `sync` succeeds at once).
   */
  function registering(Type, ctx) {
    const initialize = Type.prototype.initialize;
    const withRelations = kind === 'store-relations' ? relationsOf(Type, ctx) : null;
    Type.prototype.initialize = function () {
      register(stores.get(Type), this);
      if (!withRelations) return initialize.apply(this, arguments);
      this._relations = withRelations.newIndex();
      for (const [definition, Shape] of withRelations.shapes) {
        this._relations[definition.key] = new Shape(this, definition, stores.get(definition.relatedModel));
      }
      const result = initialize.apply(this, arguments);
      // The related value; a HasMany's collection points back at its model, as 0.10.0's does.
      for (const [definition] of withRelations.shapes) {
        const related = this.get(definition.key);
        this._relations[definition.key].related = related;
        if (related instanceof Backbone.Collection) related[definition.reverseRelation.key] = this;
      }
      return result;
    };
    const destroy = Type.prototype.destroy;
    Type.prototype.destroy = function () {
      const result = destroy.apply(this, arguments);
      unregister(stores.get(Type), this);
      return result;
    };
  }

  /**
   * `Type`'s relations for `store-relations`: a definition object each (shared by its models, as
   * 0.10.0's options are), its shape, and a constructor of the `_relations` index sized for them.
   */
  function relationsOf(Type, ctx) {
    const name = Object.keys(RELATION_SHAPES).find((n) => ctx[n] === Type);
    const shapes = RELATION_SHAPES[name].map(([key, Shape, related, reverseKey]) => [
      { type: Shape, key, relatedModel: ctx[related], reverseRelation: { key: reverseKey } }, Shape,
    ]);
    const Index = function RelationsIndex() {};
    Index.prototype = Object.prototype;
    return { shapes, newIndex: () => new Index() };
  }

  const plainDefine = adapter.define;
  return Object.assign({}, adapter, {
    versions: Object.assign({}, adapter.versions, { store: kind }),
    define() {
      const ctx = plainDefine();
      for (const Type of typesOf(ctx)) registering(Type, ctx);
      ctx.storeOf = (Type) => stores.get(Type);
      return ctx;
    },
    beginRun(ctx) {
      for (const Type of typesOf(ctx)) stores.set(Type, newStore());
    },
  });
};
