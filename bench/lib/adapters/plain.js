'use strict';
// The floor: the same nested construction with plain Backbone.Model / Backbone.Collection and
// no bookkeeping. A parent holds its children in a Collection under `children`; a child holds
// its parent model under `parent`. Ids are resolved with an index the caller builds itself
// (a Map), as an application without a relational library would. Nothing keeps the two sides
// consistent afterwards: removing a child from its parent's collection (e.g. by destroying it)
// leaves the child's `parent` attribute pointing at the parent.

const childrenByParent = require('./children-by-parent');

module.exports = function createPlainAdapter() {
  const Backbone = require('backbone');

  // `parent`/`person`/`company` hold models: serialize them as their id (the shape the relational
  // libraries produce with `includeInJSON: 'id'`).
  function toJSONWithRefs(keys) {
    return function toJSON(options) {
      const json = Backbone.Model.prototype.toJSON.call(this, options);
      for (let i = 0; i < keys.length; i++) {
        const v = json[keys[i]];
        if (v instanceof Backbone.Model) json[keys[i]] = v.id;
      }
      return json;
    };
  }

  function define() {
    const Child = Backbone.Model.extend({ toJSON: toJSONWithRefs(['parent']) });
    const Children = Backbone.Collection.extend({ model: Child });
    const Parent = Backbone.Model.extend({
      initialize() {
        // `children` arrives as raw objects (nested data) or as child models (late binding).
        const children = new Children(this.get('children') || []);
        const models = children.models;
        for (let i = 0; i < models.length; i++) models[i].set('parent', this);
        this.set('children', children);
      },
      toJSON(options) {
        const json = Backbone.Model.prototype.toJSON.call(this, options);
        json.children = this.get('children').toJSON(options);
        return json;
      },
    });
    const Parents = Backbone.Collection.extend({ model: Parent });

    const Job = Backbone.Model.extend({ toJSON: toJSONWithRefs(['person', 'company']) });
    const Jobs = Backbone.Collection.extend({ model: Job });
    const Company = Backbone.Model.extend({
      initialize() {
        this.set('employees', new Jobs());
      },
    });
    const Person = Backbone.Model.extend({
      initialize(attrs, options) {
        // Map id -> Company, built by the caller; passed to the constructor, or to the
        // collection's `reset`/`set`, which hands its options on to the models it creates.
        const companies = options.companies;
        const jobs = new Jobs(this.get('jobs') || []);
        const models = jobs.models;
        for (let i = 0; i < models.length; i++) {
          const job = models[i];
          const company = companies.get(job.get('company'));
          job.set({ person: this, company });
          company.get('employees').add(job);
        }
        this.set('jobs', jobs);
      },
    });
    const Persons = Backbone.Collection.extend({ model: Person });
    const Companies = Backbone.Collection.extend({ model: Company });
    return { Child, Parent, Parents, Children, Job, Person, Company, Persons, Companies };
  }

  return {
    Backbone,
    versions: { backbone: Backbone.VERSION },
    define,
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
      for (let i = 0; i < data.children.length; i++) children[i] = new ctx.Child(data.children[i]);
      const byParent = childrenByParent(children);
      const parents = new Array(data.parents.length);
      for (let i = 0; i < data.parents.length; i++) {
        const raw = data.parents[i];
        parents[i] = new ctx.Parent({ id: raw.id, name: raw.name, children: byParent.get(raw.id) || [] });
      }
      return { parents, children };
    },
    // As the relational libraries: the children by `reset`, then the parents by `set`, each
    // given the child models the first collection holds, found through the caller's Map.
    buildLateColl(ctx, data) {
      const children = new ctx.Children();
      children.reset(data.children);
      const byParent = childrenByParent(children.models);
      const attrs = new Array(data.parents.length);
      for (let i = 0; i < data.parents.length; i++) {
        const raw = data.parents[i];
        attrs[i] = { id: raw.id, name: raw.name, children: byParent.get(raw.id) || [] };
      }
      const parents = new ctx.Parents();
      parents.set(attrs);
      return { parents, children };
    },
    buildM2MNew(ctx, data) {
      const index = new Map();
      const companies = new Array(data.companies.length);
      for (let i = 0; i < companies.length; i++) {
        const company = new ctx.Company(data.companies[i]);
        index.set(company.id, company);
        companies[i] = company;
      }
      const persons = new Array(data.persons.length);
      for (let i = 0; i < persons.length; i++) persons[i] = new ctx.Person(data.persons[i], { companies: index });
      return { companies, persons };
    },
    buildM2MColl(ctx, data) {
      const companies = new ctx.Companies();
      companies.reset(data.companies);
      const index = new Map();
      const models = companies.models;
      for (let i = 0; i < models.length; i++) index.set(models[i].id, models[i]);
      const persons = new ctx.Persons();
      persons.reset(data.persons, { companies: index });
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
