'use strict';
// backbone-relational 0.10.0 and this library (a drop-in replacement) run the very same code;
// only the module that installs Backbone.RelationalModel differs.
//
// Shape: Parent HasMany `children` (Child) with reverse HasOne `parent` serialized as the
// parent's id; Person HasMany `jobs` (Job, reverse `person`) and Company HasMany `employees`
// (Job, reverse `company`), the manual's many-to-many through Job. Ids are resolved by the
// library's store. The model types are defined once per process (as an application does);
// every run starts from `Backbone.Relational.store.reset()`, so no run finds models of an
// earlier one in the store, and no relation of an earlier model listens to the new store
// collections.

const path = require('path');

module.exports = function createRelationalAdapter(which) {
  const Backbone = require('backbone');
  let modulePath;
  let version;
  if (which === 'original') {
    modulePath = require.resolve('backbone-relational');
    version = require('backbone-relational/package.json').version;
  } else {
    modulePath = path.join(__dirname, '..', '..', '..', 'dist', 'backbone-relational.js');
    version = require(path.join(__dirname, '..', '..', '..', 'package.json')).version;
  }
  require(modulePath);
  if (typeof Backbone.RelationalModel !== 'function' || !Backbone.Relational || !Backbone.Relational.store) {
    throw new Error(modulePath + ' did not install Backbone.RelationalModel / Backbone.Relational.store');
  }
  if (which === 'forget') Backbone.Relational.store.forgetUnreferenced = true;

  function define() {
    const Child = Backbone.RelationalModel.extend({});
    const Parent = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany,
        key: 'children',
        relatedModel: Child,
        reverseRelation: { key: 'parent', includeInJSON: 'id' },
      }],
    });
    const Parents = Backbone.Collection.extend({ model: Parent });
    const Children = Backbone.Collection.extend({ model: Child });

    const Job = Backbone.RelationalModel.extend({});
    const Person = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany,
        key: 'jobs',
        relatedModel: Job,
        reverseRelation: { key: 'person', includeInJSON: 'id' },
      }],
    });
    const Company = Backbone.RelationalModel.extend({
      relations: [{
        type: Backbone.HasMany,
        key: 'employees',
        relatedModel: Job,
        reverseRelation: { key: 'company', includeInJSON: 'id' },
      }],
    });
    const Persons = Backbone.Collection.extend({ model: Person });
    const Companies = Backbone.Collection.extend({ model: Company });
    return { Child, Parent, Parents, Children, Job, Person, Company, Persons, Companies };
  }

  return {
    Backbone,
    versions: { backbone: Backbone.VERSION, library: version },
    define,
    beginRun() {
      Backbone.Relational.store.reset();
    },
    // Each graph is built twice over: by constructors (`-new`), and through collections whose
    // `model` is the relational type (`-coll`), as data fetched from a server arrives.
    buildResetNew(ctx, data) {
      const parents = new Array(data.length);
      for (let i = 0; i < parents.length; i++) parents[i] = new ctx.Parent(data[i]);
      return { parents };
    },
    buildResetColl(ctx, data) {
      const parents = new ctx.Parents();
      parents.reset(data);
      return { parents };
    },
    buildLateNew(ctx, data) {
      const children = new Array(data.children.length);
      for (let i = 0; i < children.length; i++) children[i] = new ctx.Child(data.children[i]);
      const parents = new Array(data.parents.length);
      for (let i = 0; i < parents.length; i++) parents[i] = new ctx.Parent(data.parents[i]);
      return { parents, children };
    },
    // The children by `reset` (as `children.fetch({reset: true})`), the parents by `set` (as
    // `parents.fetch()`): the store gives each parent the children waiting for its id.
    buildLateColl(ctx, data) {
      const children = new ctx.Children();
      children.reset(data.children);
      const parents = new ctx.Parents();
      parents.set(data.parents);
      return { parents, children };
    },
    buildM2MNew(ctx, data) {
      const companies = new Array(data.companies.length);
      for (let i = 0; i < companies.length; i++) companies[i] = new ctx.Company(data.companies[i]);
      const persons = new Array(data.persons.length);
      for (let i = 0; i < persons.length; i++) persons[i] = new ctx.Person(data.persons[i]);
      return { companies, persons };
    },
    buildM2MColl(ctx, data) {
      const companies = new ctx.Companies();
      companies.reset(data.companies);
      const persons = new ctx.Persons();
      persons.reset(data.persons);
      return { companies, persons };
    },
    childrenOf: (parent) => parent.get('children').models,
    parentOf: (child) => child.get('parent'),
    jobsOf: (person) => person.get('jobs').models,
    personOf: (job) => job.get('person'),
    companyOf: (job) => job.get('company'),
    employeesOf: (company) => company.get('employees').models,
  };
};
