'use strict';
// backbone-associations 0.6.2, used through its own API (Backbone.AssociatedModel with
// `relations` of type Backbone.Many / Backbone.One and `relatedModel`).
//
// What it does: builds nested models and collections from nested raw data, and keeps
// back-pointers: every collection or model placed in a relation gets the owning model in its
// `parents` array (and loses it when replaced or on `cleanup`/`destroy`). A model created inside
// such a collection also has `model.collection`, so a child reaches its parent as
// `child.collection.parents[0]`; that is how this adapter navigates child -> parent and
// job -> person. It bubbles nested events up to the owners.
// What it does not do: it has no store / identity map and no reverse relations, so it never
// resolves an id to a model and never adds a model to the other side of a relation. Late
// binding by id therefore uses an index the caller builds (a Map, like plain Backbone), and in
// the many-to-many a Job's `company` is a Backbone.One whose `map` option looks the id up in
// that index, while adding the job to the company's `employees` is done by hand.

const childrenByParent = require('./children-by-parent');

module.exports = function createAssociationsAdapter() {
  const Backbone = require('backbone');
  require('backbone-associations');
  const version = require('backbone-associations/package.json').version;
  if (typeof Backbone.AssociatedModel !== 'function') throw new Error('backbone-associations did not install Backbone.AssociatedModel');

  function owner(model) {
    const coll = model.collection;
    return coll && coll.parents ? coll.parents[0] : undefined;
  }
  // A child that arrived through a flat collection of its own (late binding by collections)
  // keeps that collection as its `collection` when a parent's relation takes it in (Backbone
  // sets `model.collection` only on a model that has none), so `owner` cannot find its parent:
  // the adapter then stores the parent in the child's `parent` attribute by hand, as plain
  // Backbone does for every child.
  function parentOf(child) {
    const parent = child.get('parent');
    return parent instanceof Backbone.Model ? parent : owner(child);
  }

  // No reverse relation: each of a person's jobs joins its company's employees by hand.
  function addToEmployees(person) {
    const jobs = person.get('jobs').models;
    for (let k = 0; k < jobs.length; k++) jobs[k].get('company').get('employees').add(jobs[k]);
  }

  function define() {
    const Child = Backbone.AssociatedModel.extend({
      // Serialize the back-reference as the parent's id, the same JSON shape as the others.
      toJSON(options) {
        const json = Backbone.AssociatedModel.prototype.toJSON.call(this, options);
        const parent = parentOf(this);
        if (parent) json.parent = parent.id;
        return json;
      },
    });
    const Parent = Backbone.AssociatedModel.extend({
      relations: [{ type: Backbone.Many, key: 'children', relatedModel: Child }],
    });
    const Parents = Backbone.Collection.extend({ model: Parent });
    const Children = Backbone.Collection.extend({ model: Child });

    const ctx = { Child, Parent, Parents, Children, companies: null };
    const Job = Backbone.AssociatedModel.extend({});
    const Person = Backbone.AssociatedModel.extend({
      relations: [{ type: Backbone.Many, key: 'jobs', relatedModel: Job }],
    });
    const Company = Backbone.AssociatedModel.extend({
      relations: [{ type: Backbone.Many, key: 'employees', relatedModel: Job }],
    });
    Job.prototype.relations = [{
      type: Backbone.One,
      key: 'company',
      relatedModel: Company,
      map(value) {
        return value instanceof Backbone.Model ? value : ctx.companies.get(value);
      },
    }];
    const Persons = Backbone.Collection.extend({ model: Person });
    const Companies = Backbone.Collection.extend({ model: Company });
    Object.assign(ctx, { Job, Person, Company, Persons, Companies });
    return ctx;
  }

  return {
    Backbone,
    versions: { backbone: Backbone.VERSION, library: version },
    define,
    // The previous run's company index would keep that whole graph alive into this run.
    beginRun(ctx) {
      ctx.companies = null;
    },
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
      const byParent = childrenByParent(children);
      const parents = new Array(data.parents.length);
      for (let i = 0; i < parents.length; i++) {
        const raw = data.parents[i];
        parents[i] = new ctx.Parent({ id: raw.id, name: raw.name, children: byParent.get(raw.id) || [] });
      }
      return { parents, children };
    },
    // As the others: the children by `reset`, then the parents by `set`, each given the child
    // models the first collection holds through the caller's Map; then, by hand, each child its
    // parent (see parentOf).
    buildLateColl(ctx, data) {
      const children = new ctx.Children();
      children.reset(data.children);
      const byParent = childrenByParent(children.models);
      const attrs = new Array(data.parents.length);
      for (let i = 0; i < attrs.length; i++) {
        const raw = data.parents[i];
        attrs[i] = { id: raw.id, name: raw.name, children: byParent.get(raw.id) || [] };
      }
      const parents = new ctx.Parents();
      parents.set(attrs);
      const models = parents.models;
      for (let i = 0; i < models.length; i++) {
        const parent = models[i];
        const kids = parent.get('children').models;
        for (let k = 0; k < kids.length; k++) kids[k].set('parent', parent);
      }
      return { parents, children };
    },
    buildM2MNew(ctx, data) {
      const index = new Map();
      ctx.companies = index;
      const companies = new Array(data.companies.length);
      for (let i = 0; i < companies.length; i++) {
        const raw = data.companies[i];
        const company = new ctx.Company({ id: raw.id, name: raw.name, employees: [] });
        index.set(company.id, company);
        companies[i] = company;
      }
      const persons = new Array(data.persons.length);
      for (let i = 0; i < persons.length; i++) {
        const person = new ctx.Person(data.persons[i]);
        addToEmployees(person);
        persons[i] = person;
      }
      return { companies, persons };
    },
    buildM2MColl(ctx, data) {
      const raw = new Array(data.companies.length);
      for (let i = 0; i < raw.length; i++) raw[i] = { id: data.companies[i].id, name: data.companies[i].name, employees: [] };
      const companies = new ctx.Companies();
      companies.reset(raw);
      const index = new Map();
      ctx.companies = index;
      for (let i = 0; i < companies.models.length; i++) index.set(companies.models[i].id, companies.models[i]);
      const persons = new ctx.Persons();
      persons.reset(data.persons);
      for (let i = 0; i < persons.models.length; i++) addToEmployees(persons.models[i]);
      return { companies, persons };
    },
    childrenOf: (parent) => parent.get('children').models,
    parentOf,
    jobsOf: (person) => person.get('jobs').models,
    personOf: owner,
    companyOf: (job) => job.get('company'),
    employeesOf: (company) => company.get('employees').models,
  };
};
